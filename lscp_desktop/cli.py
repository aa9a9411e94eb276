"""The `lscp-desktop` command: the GUI with no subcommand, otherwise one of `commands/`.

The GUI path does not import the subcommands (they bring SQLAlchemy queries, Word and PDF
writers): start-up only pays for what the first window needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lscp_desktop import version


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"lscp-desktop {version()}")
    parser.add_argument("--db", type=Path, help="database file (default: the user data directory)")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, render it, print the time to ready in ms and exit",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full parser, every subcommand included."""
    from lscp_desktop.commands import COMMANDS

    parser = argparse.ArgumentParser(
        prog="lscp-desktop",
        description="Extra-Ordinary RAG meetings, SCSI notification decisions and Rapid Reviews.",
    )
    _common_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def names_a_command(arguments: Sequence[str]) -> bool:
    """Whether the arguments ask for a subcommand (or for help, which lists them)."""
    skip_value = False
    for argument in arguments:
        if skip_value:
            skip_value = False
        elif argument == "--db":
            skip_value = True
        elif argument in ("-h", "--help") or not argument.startswith("-"):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not names_a_command(arguments):
        gui = argparse.ArgumentParser(prog="lscp-desktop", add_help=False)
        _common_options(gui)
        options = gui.parse_args(arguments)
        from lscp_desktop.ui.launch import run_gui

        return run_gui(options.db, smoke_test=options.smoke_test)

    from lscp_desktop.commands import CommandError

    args = build_parser().parse_args(arguments)
    if args.command is None:  # only --help reaches here without one, and it has exited
        return 0
    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"lscp-desktop: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("lscp-desktop: interrupted", file=sys.stderr)
        return 130
