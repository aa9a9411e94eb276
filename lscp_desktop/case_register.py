"""The case register: every case on one line with its next statutory deadline.

The register is read with four plain SQL queries on the store's DB-API connection, each
answered from an index (migration 0004) rather than a query per case, so that it stays fast
with ten thousand cases and needs no SQLAlchemy: the app's first screen is drawn from it while
the ORM loads. Deadlines are then computed in Python with a memo, as many cases share a day 0.
One case's meetings and actions, for the detail pane, are read by lscp_desktop.case_detail.
"""

from __future__ import annotations

import datetime as dt
import enum
import gc
import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any, NamedTuple

from lscp_desktop.deadline_rules import DeadlineRules
from lscp_desktop.deadlines import (
    CSPR_PUBLICATION_MONTHS,
    NOTIFICATION_WORKING_DAYS,
    RAPID_REVIEW_WORKING_DAYS,
    add_months,
)
from lscp_desktop.models.enums import (
    CaseStatus,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    RapidReviewDayZero,
    ReviewRecommendation,
)
from lscp_desktop.working_days import add_working_days

STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.REFERRED: "Referred",
    CaseStatus.UNDER_CONSIDERATION: "Under consideration",
    CaseStatus.NOTIFIED: "Notified",
    CaseStatus.NOT_NOTIFIED: "Not notified",
    CaseStatus.RAPID_REVIEW: "Rapid Review",
    CaseStatus.CSPR: "CSPR",
    CaseStatus.CLOSED: "Closed",
}

STATUS_BY_VALUE = {status.value: status for status in CaseStatus}

# Cases whose statutory clock has stopped: nothing is due on them.
FINISHED = frozenset({CaseStatus.NOT_NOTIFIED, CaseStatus.CLOSED})
BEFORE_DECISION = frozenset({CaseStatus.REFERRED, CaseStatus.UNDER_CONSIDERATION})
AFTER_NOTIFICATION = frozenset({CaseStatus.NOTIFIED, CaseStatus.RAPID_REVIEW})


class DeadlineKind(enum.StrEnum):
    NOTIFICATION = "Notification"
    RAPID_REVIEW = "Rapid Review"
    CSPR_PUBLICATION = "CSPR publication"


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
    days_left: int | None  # calendar days from today; negative when overdue
    search_text: str  # lower-cased reference, pseudonym and agency, for filtering as you type
    archived: bool = False  # kept whole but out of the open register

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def deadline_label(self) -> str:
        """e.g. "Notification 31/12/2025 (3 days left)"; empty when nothing is due."""
        if self.deadline is None or self.deadline_kind is None or self.days_left is None:
            return ""
        words = days_left_words(self.days_left)
        return f"{self.deadline_kind.value} {self.deadline:%d/%m/%Y} ({words})"


def days_left_words(days_left: int) -> str:
    if days_left == 0:
        return "due today"
    if days_left == 1:
        return "1 day left"
    if days_left > 1:
        return f"{days_left} days left"
    return "overdue by 1 day" if days_left == -1 else f"overdue by {-days_left} days"


# Each read returns its rows as one JSON array (one value, one step of SQLite) rather than row
# by row: SQLite builds it with the GIL released, then json.loads is one C call. At ten
# thousand cases this is several times cheaper than fetching tuples, and a thread reading the
# register no longer queues for the GIL once per row behind the GUI thread.

# Every case with its referring agency, newest referral first. Dates come as ISO text,
# parsed in Python; the status as its stored value.
CASES_SQL = """
SELECT json_group_array(json_array(
    cases.id, cases.reference, cases.child_pseudonym,
    coalesce(nullif(agencies.short_name, ''), agencies.name),
    cases.status, cases.referral_received, cases.la_aware
) ORDER BY cases.referral_received DESC, cases.reference)
FROM cases JOIN agencies ON agencies.id = cases.referring_agency_id
"""
# Decisions that stop the notification clock, each with its case (looked up by the meeting's
# key, so the decisions drive the read rather than all the meetings).
DECISIONS_SQL = f"""
SELECT json_group_array(json_array(
    (SELECT meetings.case_id FROM meetings WHERE meetings.id = decisions.meeting_id),
    decisions.outcome, decisions.decided_on, decisions.notified_on
))
FROM decisions
WHERE decisions.outcome IN
      ('{DecisionOutcome.NOTIFY.value}', '{DecisionOutcome.DO_NOT_NOTIFY.value}')
"""
# Cases whose Rapid Review has been held, and the few archived cases (from their partial
# index, migration 0005_rules): two short lists in one statement.
REVIEWS_HELD_AND_ARCHIVED_SQL = f"""
SELECT json_array(
    json((SELECT json_group_array(DISTINCT meetings.case_id) FROM meetings
          WHERE meetings.kind = '{MeetingKind.RAPID_REVIEW.value}'
            AND meetings.status IN ('{MeetingStatus.CONCLUDED.value}',
                                    '{MeetingStatus.APPROVED.value}'))),
    json((SELECT json_group_array(id) FROM cases WHERE archived_on IS NOT NULL))
)
"""
# A CSPR commissioned and not yet published: its day 0 is the decision, else the meeting.
CSPRS_SQL = f"""
SELECT json_group_array(json_array(case_id, day_zero)) FROM (
    SELECT meetings.case_id AS case_id,
           max(coalesce(review_outcomes.decided_on, date(meetings.held_at))) AS day_zero
    FROM review_outcomes JOIN meetings ON meetings.id = review_outcomes.meeting_id
    WHERE review_outcomes.recommendation = '{ReviewRecommendation.CSPR.value}'
      AND review_outcomes.cspr_published_on IS NULL
    GROUP BY meetings.case_id
)
"""


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
    def fetch(sql: str) -> Sequence[Any]:
        (array,) = connection.execute(sql).fetchone()  # one JSON array of rows (see above)
        rows: Sequence[Any] = json.loads(array)
        return rows

    decided: set[int] = set()
    # The (decided_on, notified_on) of each case's latest decision to notify.
    latest_notify: dict[int, tuple[str, str]] = {}
    notify = DecisionOutcome.NOTIFY.value
    for case_id, outcome, decided_on, notified_on in fetch(DECISIONS_SQL):
        decided.add(case_id)
        if outcome == notify:
            pair = (decided_on, notified_on or "")
            if case_id not in latest_notify or pair > latest_notify[case_id]:
                latest_notify[case_id] = pair
    held, archived_ids = fetch(REVIEWS_HELD_AND_ARCHIVED_SQL)
    review_held, archived = set(held), set(archived_ids)
    cspr_on: dict[int, str] = {case_id: on for case_id, on in fetch(CSPRS_SQL)}

    memo: dict[tuple[dt.date, int], dt.date] = {}

    def working_days_after(day_zero: dt.date, count: int) -> dt.date:
        key = (day_zero, count)
        if key not in memo:
            memo[key] = add_working_days(day_zero, count, rules.extra_holidays)
        return memo[key]

    day = dt.date.fromisoformat  # in C: cheaper than SQLAlchemy's date processing
    day_zero_is_notification = rules.rapid_review_day_zero is RapidReviewDayZero.NOTIFICATION
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
    ) in fetch(CASES_SQL):
        kind: DeadlineKind | None = None
        due: dt.date | None = None
        status = STATUS_BY_VALUE[status_value]
        if status in FINISHED:
            pass
        elif status in BEFORE_DECISION and case_id not in decided:
            kind = DeadlineKind.NOTIFICATION
            due = working_days_after(day(la_aware), NOTIFICATION_WORKING_DAYS)
        elif (case_id in latest_notify or status in AFTER_NOTIFICATION) and (
            case_id not in review_held
        ):
            # Day 0 of the Rapid Review is a setting (sources differ), as in deadlines.py.
            if day_zero_is_notification:
                notified_on = latest_notify[case_id][1] if case_id in latest_notify else ""
                day_zero = day(notified_on) if notified_on else None
            else:
                day_zero = day(la_aware)
            # Without a day 0 the kind is still shown: the notification date needs recording.
            kind = DeadlineKind.RAPID_REVIEW
            if day_zero is not None:
                due = working_days_after(day_zero, RAPID_REVIEW_WORKING_DAYS)
        elif case_id in cspr_on:
            kind = DeadlineKind.CSPR_PUBLICATION
            due = add_months(day(cspr_on[case_id]), CSPR_PUBLICATION_MONTHS)
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
                None if due is None else (due - today).days,
                f"{reference}\n{pseudonym}\n{agency}".lower(),
                case_id in archived,
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
