"""What leaves the app from the command line: `minutes`, `decision-record`, `circulate`,
`rapid-review-report`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.commands.session import CommandError, add_db_option, open_for_command

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store

# The writers (python-docx, reportlab) are imported when an export runs, not when any
# subcommand starts: `lscp-desktop list` should not pay for them.
FORMATS = ("docx", "pdf")  # exports.files.MinutesFormat's values

CONFIRM_HELP = "export even though names to keep out were found (after checking each hit)"
REDACT_HELP = (
    "put the child's pseudonym in place of every name to keep out, in the exported copy only "
    "(the record stays as minuted; the redaction is audited)"
)


def add_name_options(parser: argparse.ArgumentParser) -> None:
    """--redact-names and --confirm-names: what to do when the name check finds something."""
    names = parser.add_mutually_exclusive_group()
    names.add_argument("--redact-names", action="store_true", help=REDACT_HELP)
    names.add_argument("--confirm-names", action="store_true", help=CONFIRM_HELP)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    minutes = subparsers.add_parser("minutes", help="the full minutes as Word or PDF")
    minutes.add_argument("meeting_id", metavar="MEETING_ID")
    minutes.add_argument("--format", choices=FORMATS, default="docx")
    minutes.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    minutes.add_argument(
        "--template", type=Path, help="a .docx or .dotx to use instead of Settings"
    )
    add_name_options(minutes)
    add_db_option(minutes)
    minutes.set_defaults(func=run_minutes)

    record = subparsers.add_parser(
        "decision-record", help="the one- or two-page PDF decision record"
    )
    record.add_argument("meeting_id", metavar="MEETING_ID")
    record.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    add_name_options(record)
    add_db_option(record)
    record.set_defaults(func=run_decision_record)

    report = subparsers.add_parser(
        "rapid-review-report",
        help="the Rapid Review report for the Panel, as Word (OFFICIAL-SENSITIVE)",
    )
    report.add_argument("meeting_id", metavar="MEETING_ID")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.docx")
    report.add_argument("--template", type=Path, help="a .docx or .dotx to use instead of Settings")
    add_name_options(report)
    add_db_option(report)
    report.set_defaults(func=run_rapid_review_report)

    circulate = subparsers.add_parser(
        "circulate", help="an unsent email draft (.eml) with the minutes and decision record"
    )
    circulate.add_argument("meeting_id", metavar="MEETING_ID")
    circulate.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.eml")
    circulate.add_argument(
        "--attendees",
        action="store_true",
        help="address it to the people who attended, for an accuracy check of draft minutes",
    )
    add_name_options(circulate)
    add_db_option(circulate)
    circulate.set_defaults(func=run_circulate)


def _run(args: argparse.Namespace, export: Callable[[Store], Path]) -> int:
    from lscp_desktop.documents.errors import ExportError
    from lscp_desktop.documents.files import NamesFound

    store = open_for_command(args, create=False)
    try:
        path = export(store)
    except NamesFound as error:
        raise CommandError(
            f"{error}\nReplace them in the app, or run again with --redact-names to put the "
            "pseudonym in their place in the exported copy, or with --confirm-names if each "
            "is fine."
        ) from None
    except ExportError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(path)
    return 0


def run_minutes(args: argparse.Namespace) -> int:
    from lscp_desktop.documents.files import export_minutes

    return _run(
        args,
        lambda store: export_minutes(
            store,
            args.meeting_id,
            args.output,
            args.format,
            confirm_names=args.confirm_names,
            redact_names=args.redact_names,
            template=args.template,
        ),
    )


def run_decision_record(args: argparse.Namespace) -> int:
    from lscp_desktop.documents.files import export_decision_record

    return _run(
        args,
        lambda store: export_decision_record(
            store,
            args.meeting_id,
            args.output,
            confirm_names=args.confirm_names,
            redact_names=args.redact_names,
        ),
    )


def run_circulate(args: argparse.Namespace) -> int:
    from lscp_desktop.documents.files import export_email_draft

    return _run(
        args,
        lambda store: export_email_draft(
            store,
            args.meeting_id,
            args.output,
            to_attendees=args.attendees,
            confirm_names=args.confirm_names,
            redact_names=args.redact_names,
        ),
    )


def run_rapid_review_report(args: argparse.Namespace) -> int:
    from lscp_desktop.documents.files import export_rapid_review_report

    return _run(
        args,
        lambda store: export_rapid_review_report(
            store,
            args.meeting_id,
            args.output,
            confirm_names=args.confirm_names,
            redact_names=args.redact_names,
            template=args.template,
        ),
    )
