"""`migrate`: bring a database's schema to this version's, as the role that owns the tables.

On a server (`--db postgresql://...`) this is the one step that needs the owner role; the app
itself then connects as a role that owns nothing. On a database file the schema is brought up
to date whenever it is opened, so `migrate` just opens it (and says so).
"""

from __future__ import annotations

import argparse

from lscp_desktop.commands.session import CommandError, add_db_option, open_for_command
from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.server import ServerUrl, migrate, redacted


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "migrate",
        help="bring the schema up to date (on a server: run as the role owning the tables)",
    )
    add_db_option(parser)
    parser.add_argument(
        "--app-role",
        metavar="ROLE",
        help="on a server: grant this role (which owns nothing) what the app needs: records "
        "read and written, audit entries appended but never changed or deleted",
    )
    parser.set_defaults(func=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    db = getattr(args, "db", None)
    if isinstance(db, ServerUrl):
        try:
            before, after = migrate(db, app_role=args.app_role)
        except StoreError as error:
            raise CommandError(str(error)) from None
        where = redacted(db)
        if before == after:
            print(f"{where}: schema {after}, already up to date.")
        else:
            print(f"{where}: schema {before or 'none'} -> {after}.")
        if args.app_role:
            print(f"{where}: role {args.app_role} may use the records; it owns nothing.")
        return 0
    if args.app_role:
        raise CommandError(
            "--app-role is for a server (--db postgresql://...); a file has no roles."
        )
    store = open_for_command(args)
    try:
        print(f"{store.path}: schema up to date.")
    finally:
        store.close()
    return 0
