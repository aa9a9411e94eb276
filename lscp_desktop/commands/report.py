"""`lscp-desktop report`: the annual figures for a period, as PDF or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from lscp_desktop.commands.session import CommandError, add_db_option, open_for_command
from lscp_desktop.review.annual_report import ReportPeriodError, check_period

FORMATS = ("pdf", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="the annual learning-from-reviews figures for a period (PDF or JSON)",
        description="Referrals, notifications, Rapid Reviews, CSPRs, timeliness, themes and "
        "actions for a period; --from and --to are inclusive dates (YYYY-MM-DD).",
    )
    parser.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day")
    parser.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day")
    parser.add_argument("--format", choices=FORMATS, default="pdf")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_db_option(parser)
    parser.set_defaults(func=run)


def parse_date(value: str, option: str) -> dt.date:
    """YYYY-MM-DD, or DD/MM/YYYY as people in England write it."""
    text = value.strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise CommandError(
        f"{option} {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2023-03-31) "
        "or DD/MM/YYYY (e.g. 31/03/2023)."
    )


def run(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    try:
        check_period(start, end)
    except ReportPeriodError as error:
        raise CommandError(str(error)) from None
    output: Path = args.output
    if not output.parent.exists():
        raise CommandError(f"Cannot write {output}: the folder {output.parent} does not exist.")
    store = open_for_command(args, create=False)
    try:
        from lscp_desktop.documents.annual_export import export_report

        with store.reading() as session:
            export_report(session, start, end, args.format, output)
    except OSError as error:
        raise CommandError(f"Cannot write {output}: {error.strerror or error}") from None
    finally:
        store.close()
    print(f"Wrote {output}")
    return 0
