"""What every subcommand shares: its `--db` option, opening the store, and its errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lscp_desktop.files.paths import default_db_path
from lscp_desktop.store.database import Store, StoreError, create_store, open_store
from lscp_desktop.store.passphrase import PassphraseUnavailable, for_command_line
from lscp_desktop.store.server import NO_FILE_ON_SERVER, ServerUrl, db_argument, redacted


class CommandError(Exception):
    """A failure to report on stderr, with the exit code to leave with."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`--db` after a subcommand too; SUPPRESS keeps a value given before it."""
    parser.add_argument(
        "--db",
        type=db_argument,
        default=argparse.SUPPRESS,
        help="database file (default: user data dir) or a postgresql:// server URL",
    )
    parser.add_argument(
        "--recovery-key-file",
        type=Path,
        default=None,
        help="when the database is new, save its recovery key to this new file (owner-only) "
        "instead of showing it",
    )


def db_path(args: argparse.Namespace) -> Path:
    """The database file of a command that works on a file only (`backup`, `restore`, the
    passphrase and seal commands): a server URL is refused, saying what to do instead."""
    chosen: Path | ServerUrl | None = getattr(args, "db", None)
    if isinstance(chosen, ServerUrl):
        raise CommandError(
            f"'{args.command}' is for a database file, not a server ({redacted(chosen)}): "
            f"{NO_FILE_ON_SERVER} Nothing was changed."
        )
    return chosen if chosen is not None else default_db_path()


def open_server(url: ServerUrl) -> Store:
    """The store on a server: no passphrase (libpq's own authentication), nothing created."""
    from lscp_desktop.store.server_store import open_server_store

    try:
        return open_server_store(url)
    except StoreError as error:
        raise CommandError(str(error)) from None


def open_for_command(
    args: argparse.Namespace, *, create: bool = False, writing: bool = True
) -> Store:
    """The store for a subcommand. Only commands that create (`demo`, `import`) pass
    `create`: any other on a mistyped --db says so and creates no folder or file. A command
    that changes the store (`writing`) takes the writer lock, so it is refused in one line
    while the app or another command is changing the same database; readers do not.
    On a server (`--db postgresql://...`) the store opens there, as it is."""
    chosen = getattr(args, "db", None)
    if isinstance(chosen, ServerUrl):
        return open_server(chosen)
    return open_file(
        db_path(args),
        create=create,
        writing=writing,
        recovery_key_file=getattr(args, "recovery_key_file", None),
    )


def open_file(
    path: Path, *, create: bool, writing: bool = True, recovery_key_file: Path | None = None
) -> Store:
    """A database file (a check-out's laptop copy too), with the passphrase rules of every
    command; a new one has its recovery key shown once or saved to `recovery_key_file`."""
    if not path.exists() and not create:
        raise CommandError(f"No database at {path}.")
    try:
        passphrase = for_command_line(creating=not path.exists())
    except PassphraseUnavailable as error:
        raise CommandError(str(error), exit_code=2) from None
    try:
        if path.exists():
            return open_store(path, passphrase, lock=writing)
        store, recovery_key = create_store(path, passphrase)
    except StoreError as error:
        raise CommandError(str(error)) from None
    _hand_over(recovery_key, path, recovery_key_file)
    return store


def _hand_over(recovery_key: str, path: Path, to_file: Path | None) -> None:
    """A store made from the command line has a recovery key like one made in the window:
    shown once on stderr (never stdout, which may be piped into a file), or saved."""
    if to_file is None:
        print(
            f"New database {path}. Its recovery key, shown once: write it down and keep it "
            f"apart from the computer; it resets a forgotten passphrase.\n    {recovery_key}",
            file=sys.stderr,
        )
        return
    try:
        descriptor = os.open(to_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            handle.write(f"LSCP Desktop recovery key for {path}\n{recovery_key}\n")
    except OSError as error:
        # The store exists now: the key must not be lost with the failed file.
        print(
            f"Could not save the recovery key to {to_file} ({error.strerror}); here it is, "
            f"shown once:\n    {recovery_key}",
            file=sys.stderr,
        )
        return
    print(f"New database {path}; its recovery key is saved in {to_file}.", file=sys.stderr)
