"""The `lscp-desktop` command: the GUI with no subcommand, otherwise one of `commands/`.

Start-up cost matters here: `--version` and the GUI path parse their few options with a small
parser and never import the subcommands (SQLAlchemy, the models, holidays, exporters); the full
parser, and with it every subcommand module, is built only when a subcommand or --help is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lscp_desktop import version

EXIT_ERROR = 1
EXIT_NO_PASSPHRASE = 2


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"lscp-desktop {version()}")
        parser.exit()


def _db_argument(text: str) -> Path | str:
    """A path, or a server URL kept as written (lscp_desktop.store.server.ServerUrl); the
    server module is imported only for a URL, so the GUI's start-up stays as fast."""
    if text.lower().startswith(("postgresql://", "postgres://")):
        from lscp_desktop.store.server import ServerUrl

        return ServerUrl(text)
    return Path(text)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        type=_db_argument,
        help="database file (default: the user data directory) or a postgresql:// server URL",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, render it, print the time to ready in ms and exit",
    )


def build_parser() -> argparse.ArgumentParser:
    from lscp_desktop.commands import COMMANDS

    parser = argparse.ArgumentParser(
        prog="lscp-desktop",
        description="Extra-Ordinary RAG meetings, SCSI notification decisions and Rapid Reviews.",
    )
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    front = argparse.ArgumentParser(prog="lscp-desktop", add_help=False)
    _add_global_options(front)
    args, rest = front.parse_known_args(argv)
    if not rest:
        from lscp_desktop.ui.start.launch import run_gui

        return run_gui(args.db, smoke_test=args.smoke_test)
    from lscp_desktop.commands import CommandError
    from lscp_desktop.commands.printable import printable

    args = build_parser().parse_args(argv)
    if args.command is None:  # only options the small parser did not know, e.g. --help
        return 0
    from lscp_desktop.store.errors import StoreError

    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"lscp-desktop: {printable(error)}", file=sys.stderr)
        return error.exit_code
    except StoreError as error:  # a full disk or a busy database in the middle of a command
        print(f"lscp-desktop: {printable(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lscp-desktop: interrupted", file=sys.stderr)
        return 130
