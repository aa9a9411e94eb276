"""The case register: every case on one line with its next statutory deadline.

The register is read with four plain SQL queries on the store's DB-API connection, each
answered from an index (migrations 0004 to 0006) rather than a query per case, so that it
stays fast with ten thousand cases and needs no SQLAlchemy: the app's first screen is drawn
from it while the ORM loads. Deadlines are then computed by deadlines.statutory from the same
plain facts the ORM-side readers give it.
One case's meetings and actions, for the detail pane, are read by lscp_desktop.cases.detail.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Collection, Iterable, Sequence
from typing import Any, NamedTuple

from lscp_desktop.deadlines.rules import DeadlineRules
from lscp_desktop.deadlines.statutory import (
    FINISHED,
    DeadlineFacts,
    DeadlineKind,
    next_deadline,
)
from lscp_desktop.deadlines.working_days import working_days_between
from lscp_desktop.models.enums import (
    CaseKind,
    CaseStatus,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    ReviewRecommendation,
)
from lscp_desktop.store.raw_sql import (
    POSTGRESQL,
    SQLITE,
    array,
    day_of,
    dialect_of,
    group_array,
    json_value,
    nested,
)
from lscp_desktop.vocabulary import CASE_STATUSES

__all__ = ["DeadlineKind", "RegisterRow", "matching", "register_rows"]

STATUS_BY_VALUE = {status.value: status for status in CaseStatus}

KIND_BY_VALUE = {kind.value: kind for kind in CaseKind}


class RegisterRow(NamedTuple):
    """One line of the register (a tuple: ten thousand are built at every refresh)."""

    case_id: int
    reference: str
    pseudonym: str
    agency: str
    status: CaseStatus
    referral_received: dt.date
    deadline_kind: DeadlineKind | None
    deadline: dt.date | None
    # Working days from today to the deadline, as deadlines are counted; negative when overdue.
    days_left: int | None
    search_text: str  # lower-cased reference, pseudonym and agency, for filtering as you type
    archived: bool = False  # kept whole but out of the open register
    next_check: dt.date | None = None  # an unpublished CSPR's next progress check
    case_kind: CaseKind = CaseKind.SCSI  # which notification the law asks for

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def status_label(self) -> str:
        return CASE_STATUSES[self.status]


def days_left_words(days_left: int) -> str:
    """Working days, as every statutory deadline is counted."""
    if days_left == 0:
        return "due today"
    if days_left > 0:
        return f"{days_left} working day{'s' if days_left != 1 else ''} left"
    return f"overdue by {-days_left} working day{'s' if days_left != -1 else ''}"


# Each read returns its rows as one JSON array (one value, one step of SQLite) rather than row
# by row: SQLite builds it with the GIL released, then json.loads is one C call. At ten
# thousand cases this is several times cheaper than fetching tuples, and a thread reading the
# register no longer queues for the GIL once per row behind the GUI thread.

# Every case with its referring agency, newest referral first. Dates come as ISO text,
# parsed in Python; the status as its stored value. Each query is written once for both
# stores through store/raw_sql.py (SQLite's json_group_array, PostgreSQL's json_agg).


def _cases_sql(d: str) -> str:
    row = array(
        d,
        "cases.id, cases.reference, cases.child_pseudonym",
        "coalesce(nullif(agencies.short_name, ''), agencies.name)",
        "cases.status, cases.referral_received, cases.la_aware, cases.kind",
        "cases.partners_informed_on, cases.notified_on",
    )
    ordered = group_array(d, row, "cases.referral_received DESC, cases.reference")
    return f"SELECT {ordered} FROM cases JOIN agencies ON agencies.id = cases.referring_agency_id"


# Decisions that stop the notification clock, each with its case and the meeting's place in
# it (looked up by the meeting's key, so the decisions drive the read, not all the meetings).
def _decisions_sql(d: str) -> str:
    row = array(d, "meetings.case_id, meetings.position, decisions.outcome, decisions.decided_on")
    return f"""
SELECT {group_array(d, row)}
FROM decisions JOIN meetings ON meetings.id = decisions.meeting_id
WHERE decisions.outcome IN
      ('{DecisionOutcome.NOTIFY.value}', '{DecisionOutcome.DO_NOT_NOTIFY.value}')
"""


# Cases whose Rapid Review has been held, and the few archived cases (from their partial
# index, migration 0005): two short lists in one statement.
def _reviews_held_and_archived_sql(d: str) -> str:
    held = f"""SELECT {group_array(d, "DISTINCT meetings.case_id")} FROM meetings
          WHERE meetings.kind = '{MeetingKind.RAPID_REVIEW.value}'
            AND meetings.status IN ('{MeetingStatus.CONCLUDED.value}',
                                    '{MeetingStatus.APPROVED.value}')"""
    archived = f"SELECT {group_array(d, 'id')} FROM cases WHERE archived_on IS NOT NULL"
    return f"SELECT {array(d, nested(d, held), nested(d, archived))}"


# The latest CSPR commissioned on each case (its day 0 is the decision, else the meeting) and
# whether its report is published; then the CSPRs recorded on their own page, which take the
# place of the Rapid Review's, with the next progress check. Two lists in one statement.
def _csprs_sql(d: str) -> str:
    from_reviews = array(
        d,
        "meetings.case_id",
        f"coalesce(review_outcomes.decided_on, {day_of(d, 'meetings.held_at')})",
        "meetings.position, review_outcomes.cspr_published_on IS NOT NULL",
    )
    recorded = array(
        d,
        "case_id, commissioned_on",
        "published_on IS NOT NULL OR trim(not_published_reason) <> ''",
        """(SELECT next_check_on FROM cspr_progress WHERE cspr_progress.cspr_id = csprs.id
         ORDER BY noted_on DESC, position DESC LIMIT 1)""",
    )
    reviews = f"""SELECT {group_array(d, from_reviews)}
    FROM review_outcomes JOIN meetings ON meetings.id = review_outcomes.meeting_id
    WHERE review_outcomes.recommendation = '{ReviewRecommendation.CSPR.value}'"""
    pages = f"SELECT {group_array(d, recorded)} FROM csprs"
    return f"SELECT {array(d, nested(d, reviews), nested(d, pages))}"


def _queries(d: str) -> tuple[str, str, str, str]:
    return _cases_sql(d), _decisions_sql(d), _reviews_held_and_archived_sql(d), _csprs_sql(d)


QUERIES = {dialect: _queries(dialect) for dialect in (SQLITE, POSTGRESQL)}
CASES_SQL, DECISIONS_SQL, REVIEWS_HELD_AND_ARCHIVED_SQL, CSPRS_SQL = QUERIES[SQLITE]


def register_rows(connection: Any, rules: DeadlineRules, today: dt.date) -> list[RegisterRow]:
    """Every case, most urgent deadline first, then cases with nothing due (newest first).

    `connection` is the store's DB-API connection (`Store.connection`).
    """
    # Tens of thousands of new tuples (rows fetched, rows built) would otherwise set off a
    # full pass of the cyclic garbage collector over the whole app, 40-60 ms, in the middle of
    # the register's first paint; none of them can form a cycle, so it waits until after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_rows(connection, rules, today)
    finally:
        if collecting:
            gc.enable()


def _read_rows(connection: Any, rules: DeadlineRules, today: dt.date) -> list[RegisterRow]:
    cases_sql, decisions_sql, reviews_sql, csprs_sql = QUERIES[dialect_of(connection)]

    def fetch(sql: str) -> Sequence[Any]:
        (value,) = connection.execute(sql).fetchone()  # one JSON array of rows (see above)
        rows: Sequence[Any] = json_value(value)
        return rows

    day = dt.date.fromisoformat  # in C: cheaper than SQLAlchemy's date processing
    decided: set[int] = set()
    # The cases with a decision to notify.
    notify_decided: set[int] = set()
    notify = DecisionOutcome.NOTIFY.value
    for case_id, _position, outcome, _decided_on in fetch(decisions_sql):
        decided.add(case_id)
        if outcome == notify:
            notify_decided.add(case_id)
    held, archived_ids = fetch(reviews_sql)
    review_held, archived = set(held), set(archived_ids)
    # The (day 0, meeting position, published) of each case's latest CSPR.
    cspr: dict[int, tuple[str, int, int]] = {}
    from_reviews, cspr_records = fetch(csprs_sql)
    for case_id, day_zero, position, published in from_reviews:
        if case_id not in cspr or (day_zero, position) >= cspr[case_id][:2]:
            cspr[case_id] = (day_zero, position, published)
    next_checks: dict[int, dt.date] = {}
    for case_id, commissioned_on, finished_review, next_check in cspr_records:
        cspr[case_id] = (commissioned_on, 0, finished_review)
        if next_check and not finished_review:
            next_checks[case_id] = day(next_check)

    # Many cases share a deadline: each distinct one is counted once.
    working_days_to = functools.lru_cache(maxsize=None)(
        lambda due: working_days_between(today, due, rules.extra_holidays)
    )
    finished = tuple(FINISHED)  # identity tests: no enum __hash__ per case
    rows: list[RegisterRow] = []
    append = rows.append
    for (
        case_id,
        reference,
        pseudonym,
        agency,
        status_value,
        received,
        la_aware,
        kind_value,
        partners_informed_on,
        notified_on,
    ) in fetch(cases_sql):
        status = STATUS_BY_VALUE[status_value]
        next_due = None
        if status not in finished:  # nothing due: no facts to build
            commissioned = cspr.get(case_id)
            next_due = next_deadline(
                DeadlineFacts(
                    KIND_BY_VALUE[kind_value],
                    status,
                    day(la_aware),
                    case_id in decided,
                    case_id in notify_decided,
                    day(notified_on) if notified_on else None,
                    day(partners_informed_on) if partners_informed_on else None,
                    case_id in review_held,
                    None if commissioned is None else day(commissioned[0]),
                    commissioned is not None and bool(commissioned[2]),
                ),
                rules,
            )
        kind = None if next_due is None else next_due.kind
        due = None if next_due is None else next_due.due
        append(
            RegisterRow(
                case_id,
                reference,
                pseudonym,
                agency,
                status,
                day(received),
                kind,
                due,
                None if due is None else working_days_to(due),
                f"{reference}\n{pseudonym}\n{agency}".lower(),
                case_id in archived,
                next_checks.get(case_id) if kind is DeadlineKind.CSPR_PUBLICATION else None,
                KIND_BY_VALUE[kind_value],
            )
        )
    # A stable sort keeps the query's newest-first order among equals and for "nothing due".
    rows.sort(key=_urgency)
    return rows


def _urgency(row: RegisterRow) -> dt.date:
    return row.deadline or dt.date.max


def matching(
    rows: Iterable[RegisterRow],
    text: str = "",
    statuses: Collection[CaseStatus] | None = None,
    archived: bool | None = None,
) -> list[RegisterRow]:
    """The rows whose reference, pseudonym or agency contain every word of `text`.

    `archived`: False leaves archived cases out (the open register), True shows only them,
    None shows both.
    """
    found = _matching(rows, text, statuses)
    if archived is None:
        return found
    # After the other tests, on what is left: typing narrows the rows before this pass.
    return [row for row in found if row.archived is archived]


def _matching(
    rows: Iterable[RegisterRow], text: str, statuses: Collection[CaseStatus] | None
) -> list[RegisterRow]:
    words = text.lower().split()
    if statuses is None:
        if not words:
            return list(rows)
        return [row for row in rows if all(word in row.search_text for word in words)]
    if not words:
        return [row for row in rows if row.status in statuses]
    return [
        row
        for row in rows
        if row.status in statuses and all(word in row.search_text for word in words)
    ]


OPEN_STATUSES = frozenset(CaseStatus) - FINISHED
