"""Data in and out of the store: `demo`, `import`, `export-data`, `list`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy import select

from lscp_desktop.commands.session import CommandError, add_db_option, open_for_command
from lscp_desktop.files.writing import write_atomically
from lscp_desktop.interchange import (
    InterchangeError,
    export_document,
    import_document,
    parse_document,
)
from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.interchange.source import read_document_text
from lscp_desktop.models import Case, Meeting
from lscp_desktop.store import audit

HELD_AT_FORMAT = "%Y-%m-%dT%H:%M"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser("demo", help="add a realistic, clearly fictional demo case")
    add_db_option(demo)
    demo.set_defaults(func=run_demo)

    importing = subparsers.add_parser("import", help="import cases from an interchange file")
    importing.add_argument("file", type=Path, metavar="FILE.json")
    importing.add_argument(
        "--replace", action="store_true", help="replace cases that already exist, wholesale"
    )
    add_db_option(importing)
    importing.set_defaults(func=run_import)

    exporting = subparsers.add_parser("export-data", help="export cases as an interchange file")
    exporting.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    exporting.add_argument("--case", metavar="REF", help="only this case")
    exporting.add_argument(
        "--redact", action="store_true", help="leave the child's real name out (null)"
    )
    add_db_option(exporting)
    exporting.set_defaults(func=run_export)

    listing = subparsers.add_parser("list", help="one meeting a line: id, case, kind, when, status")
    add_db_option(listing)
    listing.set_defaults(func=list_meetings)


def run_demo(args: argparse.Namespace) -> int:
    store = open_for_command(args, create=True)
    try:
        with store.session() as session:
            reference = add_demo_case(session)
    finally:
        store.close()
    print(f"added demo case {reference}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    try:
        text = read_document_text(args.file)
    except InterchangeError as error:
        raise CommandError(f"cannot read {args.file}: {error}; nothing was imported") from None
    try:
        document = parse_document(text)
    except InterchangeError as error:
        raise CommandError(f"{args.file}: {error}") from None
    store = open_for_command(args, create=True)
    try:
        with store.session() as session:
            result = import_document(session, document, replace=args.replace)
            for reference in result.replaced:
                audit.record_event(
                    session,
                    "case",
                    reference,
                    "replaced",
                    f"replaced wholesale from {args.file.name}",
                )
    except InterchangeError as error:
        raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    finally:
        store.close()
    for warning in result.warnings:
        print(f"lscp-desktop: warning: {args.file}: {warning}", file=sys.stderr)
    replaced = set(result.replaced)
    for reference in result.references:
        print(f"{'replaced' if reference in replaced else 'imported'} {reference}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    store = open_for_command(args, writing=False)
    try:
        with store.reading() as session:
            if (
                args.case is not None
                and session.scalars(select(Case.id).where(Case.reference == args.case)).first()
                is None
            ):
                raise CommandError(f"no case with reference {args.case!r}")
            document = export_document(session, reference=args.case, redact=args.redact)
    finally:
        store.close()
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomically(args.output, text.encode("utf-8", "surrogatepass"))
    except OSError as error:
        raise CommandError(f"cannot write {args.output}: {error.strerror or error}") from None
    print(f"exported {len(document['cases'])} case(s) to {args.output}")
    return 0


def list_meetings(args: argparse.Namespace) -> int:
    store = open_for_command(args, writing=False)
    try:
        with store.reading() as session:
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
