"""What each partner told the meeting: their information, opinion on notifying, and reasons.

An opinion needs its reasons before the chair moves on; the opinion matrix shows every
contributor's view at a glance. The decision's dissent is refreshed from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.meeting.agenda import Contributor
from lscp_desktop.meeting.decision import refresh_dissent
from lscp_desktop.meeting.lock import MeetingRuleError, editable_meeting
from lscp_desktop.models import Agency, Contribution, Meeting
from lscp_desktop.models.enums import AttendanceStatus, Opinion
from lscp_desktop.vocabulary import opinion_words


def find_contribution(meeting: Meeting, agency_id: int) -> Contribution | None:
    return next((c for c in meeting.contributions if c.agency_id == agency_id), None)


def contribution(session: Session, meeting_id: str, agency_id: int) -> Contribution:
    """The agency's contribution to the meeting, started empty the first time it is needed."""
    meeting = editable_meeting(session, meeting_id)
    found = find_contribution(meeting, agency_id)
    if found is None:
        if session.get(Agency, agency_id) is None:
            raise MeetingRuleError(f"There is no agency {agency_id} in this database.")
        found = Contribution(agency_id=agency_id)
        meeting.contributions.append(found)
        session.flush()
    return found


def set_contribution(
    session: Session,
    meeting_id: str,
    agency_id: int,
    *,
    information: str | None = None,
    opinion: Opinion | None = None,
    reasons: str | None = None,
    representative_id: int | None = None,
    shown_representative_id: int | None = None,
) -> Contribution:
    """Change what a partner said; checked for reasons only when the chair moves on.

    `shown_representative_id` is who the screen shows as speaking for the agency: it is saved
    with the first thing they say if nobody is recorded yet and they are present (the screen
    and the minutes then agree), and quietly ignored otherwise so no typed text is refused.
    """
    row = contribution(session, meeting_id, agency_id)
    meeting = editable_meeting(session, meeting_id)
    if (
        representative_id is None
        and row.representative_id is None
        and shown_representative_id is not None
        and _present(meeting, shown_representative_id)
    ):
        representative_id = shown_representative_id
    if representative_id is not None and not _present(meeting, representative_id):
        # Only someone in the room speaks for the agency; an absent member's deputy can.
        raise MeetingRuleError(
            "Only someone present can speak for the agency: mark them present, or choose "
            "the deputy who is here."
        )
    if information is not None:
        row.information = information
    if opinion is not None:
        row.opinion = opinion
    if reasons is not None:
        row.reasons = reasons
    if representative_id is not None:
        row.representative_id = representative_id
    if opinion is not None or reasons is not None:
        session.flush()
        refresh_dissent(session, meeting_id)
    return row


def _present(meeting: Meeting, person_id: int) -> bool:
    return any(
        a.person_id == person_id and a.status is AttendanceStatus.PRESENT for a in meeting.attendees
    )


def contribution_problem(row: Contribution, meeting: Meeting | None = None) -> str | None:
    """An opinion needs its reasons: a firm view always, 'undecided' once anything was said.

    Given the meeting, an opinion given by someone recorded as not present is refused too (an
    absent partner's view comes in writing, with nobody named as representing them).
    """
    said_something = row.opinion is not Opinion.UNDECIDED or row.information.strip()
    if said_something and not row.reasons.strip():
        return f"Record the reasons for {row.agency.label}'s opinion before moving on."
    if meeting is not None and row.representative_id is not None:
        attending = next(
            (a for a in meeting.attendees if a.person_id == row.representative_id), None
        )
        if said_something and (
            attending is None or attending.status is not AttendanceStatus.PRESENT
        ):
            who = attending.person.name if attending is not None else "The representative"
            return (
                f"{who} is not present and cannot give {row.agency.label}'s opinion: choose the "
                "deputy who is here, or mark them present."
            )
    return None


@dataclass(frozen=True)
class OpinionRow:
    agency_id: int
    label: str
    statutory: bool
    opinion: Opinion | None  # None: not heard yet
    has_reasons: bool
    words: str = ""  # the opinion as it reads for this kind of case; "" when not heard yet


def opinion_matrix(meeting: Meeting, people: Sequence[Contributor]) -> list[OpinionRow]:
    """Each contributor's opinion at a glance, safeguarding partners first."""
    rows = []
    for person in people:
        found = find_contribution(meeting, person.agency_id)
        heard = found is not None and bool(
            found.opinion is not Opinion.UNDECIDED or found.information.strip() or found.reasons
        )
        rows.append(
            OpinionRow(
                person.agency_id,
                person.label,
                person.partner_role is not None,
                found.opinion if heard and found is not None else None,
                bool(found is not None and found.reasons.strip()),
                opinion_words(found.opinion, meeting.case.kind)
                if heard and found is not None
                else "",
            )
        )
    return rows
