"""`import --replace` may replace a case wholesale, but its approved content only unchanged.

Approved minutes and the Local Authority's decision as minuted are locked in the app (the
approval lock's triggers); an import that deletes the case and inserts it again must not be the
way round that. Before the old case goes, each approved meeting's minutes, decision and
approval are noted; the replacement must carry the same meeting with the same values, or the
whole import is refused, naming the meeting and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lscp_desktop.interchange.document import InterchangeError
from lscp_desktop.models import Case, Decision, Meeting
from lscp_desktop.models.enums import DecisionOutcome, MeetingStatus

# The decision as minuted: the columns the approval lock protects (migration 0002); the
# follow-up (notified on, panel reference, rationale shared on) may still change.
MINUTED_DECISION_FIELDS = (
    "outcome",
    "decided_on",
    "rationale",
    "dissent",
    "dissent_considered",
    "escalated",
    "escalation_notes",
    "deferral_reason",
    "post_meeting",
    "recorded_by",
    "recorded_at",
)


@dataclass(frozen=True)
class ApprovedMeeting:
    meeting_id: str
    approval: dict[str, Any]
    minutes: list[dict[str, str]]
    decision: dict[str, Any] | None


def approved_meetings(case: Case) -> list[ApprovedMeeting]:
    """What an import must bring back unchanged: each approved meeting of `case`."""
    return [_note(meeting) for meeting in case.meetings if meeting.status is MeetingStatus.APPROVED]


def refuse_changed(reference: str, approved: list[ApprovedMeeting], replacement: Case) -> None:
    """Raise InterchangeError naming the first approved meeting and field that differ."""
    arriving = {meeting.id: meeting for meeting in replacement.meetings}
    for before in approved:
        meeting = arriving.get(before.meeting_id)
        where = f"case {reference!r}, approved meeting {before.meeting_id!r}"
        if meeting is None:
            raise InterchangeError(f"{where} is missing from the file; approved meetings stay")
        if before.approval["approved_deadlines"] and not meeting.approved_deadlines:
            # A file that does not carry them (version 1) keeps the deadlines approved here.
            meeting.approved_deadlines = before.approval["approved_deadlines"]
        after = _note(meeting)
        for field, value in before.approval.items():
            if after.approval[field] != value:
                raise _changed(where, field)
        if len(after.minutes) != len(before.minutes):
            raise _changed(where, "minutes (a different number of items)")
        for index, (old, new) in enumerate(zip(before.minutes, after.minutes, strict=True)):
            for field in ("item", "text"):
                if old[field] != new[field]:
                    raise _changed(where, f"minutes[{index}].{field}")
        if before.decision is None:
            if after.decision is not None:
                raise _changed(where, "decision (none was minuted)")
            continue
        if after.decision is None:
            raise _changed(where, "decision (it is missing)")
        if _decided_after_deferral(before.decision, after.decision):
            continue
        for field, value in before.decision.items():
            if after.decision[field] != value:
                raise _changed(where, f"decision.{field}")


def _changed(where: str, field: str) -> InterchangeError:
    return InterchangeError(
        f"{where}: {field} differs from the approved record; approved content may only "
        "arrive unchanged"
    )


def _decided_after_deferral(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """A deferred decision may be made once after the meeting (as the approval lock allows)."""
    return (
        before["outcome"] is DecisionOutcome.DEFERRED
        and after["outcome"] is not DecisionOutcome.DEFERRED
        and bool(after["post_meeting"])
    )


def _note(meeting: Meeting) -> ApprovedMeeting:
    return ApprovedMeeting(
        meeting_id=meeting.id,
        approval={
            "status": meeting.status,
            "approved_by": meeting.approved_by,
            "approved_at": meeting.approved_at,
            "approved_deadlines": meeting.approved_deadlines,
        },
        minutes=[{"item": item.item, "text": item.text} for item in meeting.minutes],
        decision=None if meeting.decision is None else _decision(meeting.decision),
    )


def _decision(decision: Decision) -> dict[str, Any]:
    values: dict[str, Any] = {field: getattr(decision, field) for field in MINUTED_DECISION_FIELDS}
    values["decided_by"] = None if decision.decided_by is None else decision.decided_by.name
    return values
