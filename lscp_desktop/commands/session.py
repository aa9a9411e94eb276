"""What every subcommand shares: its `--db` option, opening the store, and its errors."""

from __future__ import annotations

import argparse
from pathlib import Path

from lscp_desktop.files.paths import default_db_path
from lscp_desktop.store.database import Store, StoreError, open_store
from lscp_desktop.store.passphrase import PassphraseUnavailable, for_command_line


class CommandError(Exception):
    """A failure to report on stderr, with the exit code to leave with."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`--db` after a subcommand too; SUPPRESS keeps a value given before it."""
    parser.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, help="database file (default: user data dir)"
    )


def db_path(args: argparse.Namespace) -> Path:
    chosen: Path | None = getattr(args, "db", None)
    return chosen if chosen is not None else default_db_path()


def open_for_command(
    args: argparse.Namespace, *, create: bool = False, writing: bool = True
) -> Store:
    """The store for a subcommand. Only commands that create (`demo`, `import`) pass
    `create`: any other on a mistyped --db says so and creates no folder or file. A command
    that changes the store (`writing`) takes the writer lock, so it is refused in one line
    while the app or another command is changing the same database; readers do not."""
    path = db_path(args)
    if not path.exists() and not create:
        raise CommandError(f"No database at {path}.")
    try:
        passphrase = for_command_line(creating=not path.exists())
    except PassphraseUnavailable as error:
        raise CommandError(str(error), exit_code=2) from None
    try:
        return open_store(path, passphrase, create=create, lock=writing)
    except StoreError as error:
        raise CommandError(str(error)) from None
