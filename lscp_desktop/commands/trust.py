"""Keeping the store safe: `check`, `backup`, `restore`, `reseal`, `reset-passphrase`,
`recovery-key`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from lscp_desktop.commands.session import CommandError, add_db_option, db_path, open_for_command
from lscp_desktop.store import accept_loss, audit, backup_file, backups, recovery
from lscp_desktop.store.database import StoreError
from lscp_desktop.store.integrity import check_database
from lscp_desktop.store.passphrase import PassphraseUnavailable, for_command_line
from lscp_desktop.store.server import ServerUrl, redacted

RECOVERY_KEY_VARIABLE = "LSCP_DESKTOP_RECOVERY_KEY"
NEW_PASSPHRASE_VARIABLE = "LSCP_DESKTOP_NEW_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = subparsers.add_parser(
        "check", help="check the database: integrity, every page's HMAC, the audit chain"
    )
    add_db_option(check)
    check.set_defaults(func=run_check)

    backup = subparsers.add_parser("backup", help="write an encrypted backup to FILE")
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_db_option(backup)
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the database by a backup (the current one is kept aside)"
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help=f"open the backup with the recovery key instead of a passphrase (from "
        f"{RECOVERY_KEY_VARIABLE}, or asked) and give the restored database a new passphrase "
        f"(from {NEW_PASSPHRASE_VARIABLE}, or asked)",
    )
    add_db_option(restore)
    restore.set_defaults(func=run_restore)

    reseal = subparsers.add_parser(
        "reseal",
        help="go on without audit entries found missing (when no backup has them): record "
        "the loss in the audit log and seal the log as it is",
    )
    add_db_option(reseal)
    reseal.set_defaults(func=run_reseal)

    reset = subparsers.add_parser(
        "reset-passphrase",
        help=f"set a new passphrase with the recovery key (or {RECOVERY_KEY_VARIABLE} and "
        f"{NEW_PASSPHRASE_VARIABLE})",
    )
    add_db_option(reset)
    reset.set_defaults(func=run_reset_passphrase)

    new_key = subparsers.add_parser(
        "recovery-key", help="make a new recovery key (the old one stops working) and show it"
    )
    add_db_option(new_key)
    new_key.set_defaults(func=run_recovery_key)


def _existing_db(args: argparse.Namespace) -> Path:
    path = db_path(args)
    if not path.exists():
        raise CommandError(f"No database at {path}.")
    return path


def _passphrase() -> str:
    try:
        return for_command_line(creating=False)
    except PassphraseUnavailable as error:
        raise CommandError(str(error), exit_code=2) from None


def _secret(variable: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise CommandError(f"Set {variable} or run the command in a terminal.", exit_code=2)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise CommandError("The two entries differ; nothing was changed.")
    return first


def run_check(args: argparse.Namespace) -> int:
    chosen = getattr(args, "db", None)
    try:
        if isinstance(chosen, ServerUrl):
            from lscp_desktop.store.server_check import check_server

            where = redacted(chosen)
            report = check_server(chosen)
        else:
            where = str(_existing_db(args))
            report = check_database(Path(where), _passphrase())
    except StoreError as error:
        raise CommandError(str(error)) from None
    print(f"Checked {where}")
    for line in report.done:
        print(f"  ok    {line}")
    for line in report.problems:
        print(f"  FAIL  {line}")
    if not report.ok:
        print(f"{len(report.problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    _existing_db(args)
    store = open_for_command(args, create=False)
    try:
        target = backup_file.write_one_file(store, args.output)
        with store.session() as session:
            audit.record_event(session, "database", store.path.name, "backed up", target.name)
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"Backup written to {target}: one encrypted file, key material and seal inside.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = db_path(args)
    try:
        # One file, or (from before) the database with its .keys and .seal beside it.
        if args.recovery_key:
            restoring = backups.RecoveryKeyRestore(
                _secret(RECOVERY_KEY_VARIABLE, "Recovery key: "),
                _secret(NEW_PASSPHRASE_VARIABLE, "New passphrase: ", confirm=True),
            )
            recovery.check_new_passphrase(restoring.new_passphrase)
            kept = backups.restore(path, args.file, "", recovery=restoring)
        else:
            kept = backups.restore(path, args.file, _passphrase())
    except (StoreError, OSError) as error:
        raise CommandError(str(error)) from None
    print(f"Restored {path} from {args.file}.")
    if kept is not None:
        print(f"The database it replaced is kept at {kept}.")
    return 0


def run_reseal(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    try:
        accepted = accept_loss.accept(path, _passphrase())
    except StoreError as error:
        raise CommandError(str(error)) from None
    if accepted is None:
        print(f"The audit log of {path} matches its seal; nothing to do.")
        return 0
    print(f"Re-sealed {path}; the audit log records what was lost: {accepted}.")
    return 0


def run_reset_passphrase(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    recovery_key = _secret(RECOVERY_KEY_VARIABLE, "Recovery key: ")
    new = _secret(NEW_PASSPHRASE_VARIABLE, "New passphrase: ", confirm=True)
    try:
        recovery.reset_passphrase(path, recovery_key, new)
    except StoreError as error:
        raise CommandError(str(error)) from None
    print(f"The passphrase of {path} was reset. Backups taken before keep the old one.")
    return 0


def run_recovery_key(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    try:
        recovery_key = recovery.replace_recovery_key(path, _passphrase())
    except StoreError as error:
        raise CommandError(str(error)) from None
    print("New recovery key (shown once; store it safely, away from this computer):")
    print(f"    {recovery_key}")
    return 0
