"""The case register: every case on one line with its next statutory deadline, and one case's
meetings, decisions and actions for the detail pane.

The register is read in four queries answered from indexes (not a query per case) so that it
stays fast with ten thousand cases; deadlines are then computed in Python with a memo, as many
cases share a day 0.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import gc
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import ClauseElement, String, and_, func, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from lscp_desktop.deadlines import (
    CSPR_PUBLICATION_MONTHS,
    NOTIFICATION_WORKING_DAYS,
    RAPID_REVIEW_WORKING_DAYS,
    add_months,
)
from lscp_desktop.models import Action, Agency, Case, Decision, Meeting, ReviewOutcome
from lscp_desktop.models.enums import (
    ActionStatus,
    CaseStatus,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    RapidReviewDayZero,
    ReviewRecommendation,
)
from lscp_desktop.settings import DeadlineRules
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


@functools.cache
def _register_queries() -> tuple[ClauseElement, ...]:
    """The register's four reads as SQLAlchemy statements (compiled to text once, below).

    Four small reads rather than one grouped join: each is answered from an index alone
    (migration 0004), where the join read and decrypted every case and meeting row. Dates
    come back as ISO strings, parsed in Python (SQLAlchemy's date processing costs more).
    """
    cases = (
        select(
            Case.id,
            Case.reference,
            Case.child_pseudonym,
            func.coalesce(func.nullif(Agency.short_name, ""), Agency.name),
            # The raw value, mapped in Python: SQLAlchemy's enum processing costs more here.
            type_coerce(Case.status, String),
            type_coerce(Case.referral_received, String),
            type_coerce(Case.la_aware, String),
        )
        .join(Agency, Agency.id == Case.referring_agency_id)
        .order_by(Case.referral_received.desc(), Case.reference)
    )
    # Decisions that stop the notification clock, each with its case (looked up by the
    # meeting's key, so decisions drive the read rather than all the meetings).
    decisions = select(
        select(Meeting.case_id).where(Meeting.id == Decision.meeting_id).scalar_subquery(),
        type_coerce(Decision.outcome, String),
        type_coerce(Decision.decided_on, String),
        type_coerce(Decision.notified_on, String),
    ).where(Decision.outcome.in_([DecisionOutcome.NOTIFY, DecisionOutcome.DO_NOT_NOTIFY]))
    reviews_held = (
        select(Meeting.case_id)
        .where(
            Meeting.kind == MeetingKind.RAPID_REVIEW,
            Meeting.status.in_([MeetingStatus.CONCLUDED, MeetingStatus.APPROVED]),
        )
        .distinct()
    )
    # A CSPR commissioned and not yet published: its day 0 is the decision, else the meeting.
    csprs = (
        select(
            Meeting.case_id,
            type_coerce(
                func.max(func.coalesce(ReviewOutcome.decided_on, func.date(Meeting.held_at))),
                String,
            ),
        )
        .join(Meeting, Meeting.id == ReviewOutcome.meeting_id)
        .where(
            ReviewOutcome.recommendation == ReviewRecommendation.CSPR,
            ReviewOutcome.cspr_published_on.is_(None),
        )
        .group_by(Meeting.case_id)
    )
    return cases, decisions, reviews_held, csprs


@functools.cache
def _register_sql(dialect: Dialect) -> tuple[str, ...]:
    """The four reads as SQL text with their (constant) values inlined, compiled once.

    Their rows are fetched from the driver's cursor: SQLAlchemy's result rows cost more than
    the SQL itself at ten thousand cases, and the register only wants plain tuples.
    """
    return tuple(
        str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        for query in _register_queries()
    )


def register_rows(session: Session, rules: DeadlineRules, today: dt.date) -> list[RegisterRow]:
    """Every case, most urgent deadline first, then cases with nothing due (newest first)."""
    # Tens of thousands of new tuples (rows fetched, rows built) would otherwise set off a
    # full pass of the cyclic garbage collector over the whole app, 40-60 ms, in the middle of
    # the register's first paint; none of them can form a cycle, so it waits until after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_rows(session, rules, today)
    finally:
        if collecting:
            gc.enable()


def _read_rows(session: Session, rules: DeadlineRules, today: dt.date) -> list[RegisterRow]:
    connection = session.connection()
    cases_sql, decisions_sql, reviews_sql, csprs_sql = _register_sql(connection.dialect)

    def fetch(sql: str) -> Sequence[Any]:
        result = connection.exec_driver_sql(sql)
        try:
            return result.cursor.fetchall()  # the driver's own rows: plain tuples
        finally:
            result.close()

    decided: set[int] = set()
    # The (decided_on, notified_on) of each case's latest decision to notify.
    latest_notify: dict[int, tuple[str, str]] = {}
    notify = DecisionOutcome.NOTIFY.value
    for case_id, outcome, decided_on, notified_on in fetch(decisions_sql):
        decided.add(case_id)
        if outcome == notify:
            pair = (decided_on, notified_on or "")
            if case_id not in latest_notify or pair > latest_notify[case_id]:
                latest_notify[case_id] = pair
    review_held = {case_id for (case_id,) in fetch(reviews_sql)}
    cspr_on: dict[int, str] = {case_id: on for case_id, on in fetch(csprs_sql)}

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
    ) in fetch(cases_sql):
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
            )
        )
    # A stable sort keeps the query's newest-first order among equals and for "nothing due".
    rows.sort(key=_urgency)
    return rows


def _urgency(row: RegisterRow) -> dt.date:
    return row.deadline or dt.date.max


def matching(
    rows: Iterable[RegisterRow], text: str = "", statuses: Collection[CaseStatus] | None = None
) -> list[RegisterRow]:
    """The rows whose reference, pseudonym or agency contain every word of `text`."""
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


@dataclass(frozen=True)
class MeetingLine:
    meeting_id: str
    kind: MeetingKind
    held_at: dt.datetime
    status: MeetingStatus
    decision: str  # e.g. "Notify (decided 24/12/2025)", empty when none

    @property
    def label(self) -> str:
        extraordinary = self.kind is MeetingKind.EXTRAORDINARY_RAG
        kind = "Extra-Ordinary RAG" if extraordinary else "Rapid Review"
        status = self.status.value.replace("_", " ")
        line = f"{kind}, {self.held_at:%d/%m/%Y %H:%M} ({status})"
        return f"{line}\nDecision: {self.decision}" if self.decision else line


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    agency: str
    due: dt.date | None
    status: ActionStatus
    immediate: bool


@dataclass(frozen=True)
class CaseDetail:
    case_id: int
    reference: str
    pseudonym: str
    summary: str
    meetings: list[MeetingLine]
    actions: list[ActionLine]


OUTCOME_WORDS = {
    DecisionOutcome.NOTIFY: "Notify",
    DecisionOutcome.DO_NOT_NOTIFY: "Do not notify",
    DecisionOutcome.DEFERRED: "Deferred",
}


def case_detail(session: Session, case_id: int) -> CaseDetail | None:
    """One case's meetings (with any decision) and actions, for the register's detail pane."""
    case = session.get(Case, case_id)
    if case is None:
        return None
    meetings = []
    for meeting, decision in session.execute(
        select(Meeting, Decision)
        .outerjoin(Decision, Decision.meeting_id == Meeting.id)
        .where(Meeting.case_id == case_id)
        .order_by(Meeting.held_at)
    ):
        words = ""
        if decision is not None:
            words = f"{OUTCOME_WORDS[decision.outcome]} (decided {decision.decided_on:%d/%m/%Y})"
        meetings.append(
            MeetingLine(meeting.id, meeting.kind, meeting.held_at, meeting.status, words)
        )
    actions = [
        ActionLine(
            description=action.description,
            owner=action.owner.name if action.owner else "",
            agency=action.agency.label if action.agency else "",
            due=action.due,
            status=action.status,
            immediate=action.immediate,
        )
        for action in session.scalars(
            select(Action)
            .join(Meeting, Meeting.id == Action.meeting_id)
            .where(and_(Meeting.case_id == case_id))
            .order_by(Meeting.held_at, Action.position)
        )
    ]
    return CaseDetail(
        case.id, case.reference, case.child_pseudonym, case.summary, meetings, actions
    )


def meeting_in_progress(session: Session) -> str | None:
    """The meeting left running (the app closed or crashed mid-meeting), to reopen at start."""
    return session.scalar(
        select(Meeting.id)
        .where(Meeting.status == MeetingStatus.IN_PROGRESS)
        .order_by(Meeting.started_at.desc())
        .limit(1)
    )
