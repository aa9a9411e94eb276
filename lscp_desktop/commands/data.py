"""Data in and out of the store: `demo`, `import`, `export-data`, `list`."""

from __future__ import annotations

import argparse

from sqlalchemy import select

from lscp_desktop.commands.session import add_db_option, open_for_command
from lscp_desktop.models import Case, Meeting

HELD_AT_FORMAT = "%Y-%m-%dT%H:%M"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = subparsers.add_parser("list", help="one meeting a line: id, case, kind, when, status")
    add_db_option(listing)
    listing.set_defaults(func=list_meetings)


def list_meetings(args: argparse.Namespace) -> int:
    store = open_for_command(args)
    try:
        with store.session() as session:
            rows = session.execute(
                select(Meeting.id, Case.reference, Meeting.kind, Meeting.held_at, Meeting.status)
                .join(Case)
                .order_by(Case.reference, Meeting.position)
            )
            for meeting_id, reference, kind, held_at, status in rows:
                print(
                    f"{meeting_id}\t{reference}\t{kind.value}\t"
                    f"{held_at.strftime(HELD_AT_FORMAT)}\t{status.value}"
                )
    finally:
        store.close()
    return 0
