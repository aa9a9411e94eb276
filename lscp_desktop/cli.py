"""The `lscp-desktop` command: the GUI with no subcommand, otherwise one of `commands/`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lscp_desktop import version
from lscp_desktop.commands import COMMANDS, CommandError

EXIT_ERROR = 1
EXIT_NO_PASSPHRASE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscp-desktop",
        description="Extra-Ordinary RAG meetings, SCSI notification decisions and Rapid Reviews.",
    )
    parser.add_argument("--version", action="version", version=f"lscp-desktop {version()}")
    parser.add_argument("--db", type=Path, help="database file (default: the user data directory)")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, render it, print the time to ready in ms and exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from lscp_desktop.ui.launch import run_gui

        return run_gui(args.db, smoke_test=args.smoke_test)
    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"lscp-desktop: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("lscp-desktop: interrupted", file=sys.stderr)
        return 130
