"""`cases`: the case register on stdout, one case a line, for scripts (a contract).

`reference<TAB>pseudonyms<TAB>status<TAB>next_kind<TAB>next_due`, ordered by reference, no
header, always five fields: exactly the register's next deadline, from deadlines.statutory (the
function export-data's `deadlines` use too).
"""

from __future__ import annotations

import argparse
import datetime as dt

from lscp_desktop.cases.register import RegisterRow, register_rows
from lscp_desktop.commands.session import add_db_option, open_for_command
from lscp_desktop.deadlines.rules import read_deadline_rules
from lscp_desktop.deadlines.statutory import DeadlineKind

# The contract's names for the register's deadlines.
NEXT_KIND: dict[DeadlineKind | None, str] = {
    DeadlineKind.NOTIFICATION: "notification",
    DeadlineKind.PARTNERS_INFORMED: "partners_informed",
    DeadlineKind.RAPID_REVIEW: "rapid_review",
    DeadlineKind.CSPR_PUBLICATION: "cspr_publication",
    None: "none",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cases = subparsers.add_parser(
        "cases",
        help="one case a line: reference, pseudonyms, status, next deadline and its date",
    )
    add_db_option(cases)
    cases.set_defaults(func=run_cases)


def case_line(row: RegisterRow) -> str:
    """One case as the contract's five tab-separated fields (an empty date keeps its tab)."""
    fields = [
        row.reference,
        row.pseudonym,
        row.status.value,
        NEXT_KIND[row.deadline_kind],
        "" if row.deadline is None else row.deadline.isoformat(),
    ]
    # A tab or line break typed into a reference or pseudonym must not split the line.
    return "\t".join(" ".join(field.split()) for field in fields)


def run_cases(args: argparse.Namespace) -> int:
    store = open_for_command(args, create=False)
    try:
        connection = store.connection
        rows = register_rows(connection, read_deadline_rules(connection), dt.date.today())
    finally:
        store.close()
    for row in sorted(rows, key=lambda row: row.reference):
        print(case_line(row))
    return 0
