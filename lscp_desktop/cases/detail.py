"""One case's meetings (with any decision) and actions, for the register's detail pane, and
the meeting left running, to reopen at start.

Plain SQL on the store's DB-API connection, like the register beside it: the first case is
shown in the app's first screen, before SQLAlchemy has loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lscp_desktop.date_text import numeric_date, numeric_time
from lscp_desktop.models.enums import (
    ActionStatus,
    CaseKind,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
)
from lscp_desktop.store.raw_sql import as_date, as_datetime
from lscp_desktop.vocabulary import OUTCOMES_SHORT


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
        line = f"{kind}, {numeric_time(self.held_at)} ({status})"
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
    kind: CaseKind = CaseKind.SCSI


CASE_SQL = "SELECT id, reference, child_pseudonym, summary, kind FROM cases WHERE id = ?"
MEETINGS_SQL = """
SELECT meetings.id, meetings.kind, meetings.held_at, meetings.status,
       decisions.outcome, decisions.decided_on
FROM meetings LEFT JOIN decisions ON decisions.meeting_id = meetings.id
WHERE meetings.case_id = ?
ORDER BY meetings.held_at
"""
ACTIONS_SQL = """
SELECT actions.description, coalesce(people.name, ''),
       coalesce(nullif(agencies.short_name, ''), agencies.name, ''),
       actions.due, actions.status, actions.immediate
FROM actions
JOIN meetings ON meetings.id = actions.meeting_id
LEFT JOIN people ON people.id = actions.owner_id
LEFT JOIN agencies ON agencies.id = actions.agency_id
WHERE meetings.case_id = ?
ORDER BY meetings.held_at, actions.position
"""
IN_PROGRESS_SQL = f"""
SELECT id FROM meetings WHERE status = '{MeetingStatus.IN_PROGRESS.value}'
ORDER BY started_at DESC LIMIT 1
"""


def case_detail(connection: Any, case_id: int) -> CaseDetail | None:
    """One case's meetings (with any decision) and actions; `connection`: Store.connection."""
    case = connection.execute(CASE_SQL, (case_id,)).fetchone()
    if case is None:
        return None
    meetings = []
    for meeting_id, kind, held_at, status, outcome, decided_on in connection.execute(
        MEETINGS_SQL, (case_id,)
    ):
        words = ""
        if outcome is not None:
            decided = as_date(decided_on)
            words = f"{OUTCOMES_SHORT[DecisionOutcome(outcome)]} (decided {numeric_date(decided)})"
        meetings.append(
            MeetingLine(
                meeting_id,
                MeetingKind(kind),
                as_datetime(held_at),
                MeetingStatus(status),
                words,
            )
        )
    actions = [
        ActionLine(
            description=description,
            owner=owner,
            agency=agency,
            due=None if due is None else as_date(due),
            status=ActionStatus(status),
            immediate=bool(immediate),
        )
        for description, owner, agency, due, status, immediate in connection.execute(
            ACTIONS_SQL, (case_id,)
        )
    ]
    reference, pseudonym, summary = case[1], case[2], case[3]
    return CaseDetail(case[0], reference, pseudonym, summary, meetings, actions, CaseKind(case[4]))


def meeting_in_progress(connection: Any) -> str | None:
    """The meeting left running (the app closed or crashed mid-meeting), to reopen at start."""
    row = connection.execute(IN_PROGRESS_SQL).fetchone()
    return None if row is None else str(row[0])
