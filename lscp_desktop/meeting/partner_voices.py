"""Every safeguarding partner's voice: who was not represented or gave no opinion, and why.

The Local Authority must be informed and guided by the views of all the safeguarding partners. A
meeting can still go ahead without one (Health sent a written view; the Police could not come),
but the chair records why before concluding, and the minutes print it: a "Not quorate" banner
alone leaves the record silent about a partner the law expects to be heard.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting.attendance import statutory_partners
from lscp_desktop.meeting.contributions import find_contribution
from lscp_desktop.meeting.lock import editable_meeting
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import AttendanceStatus, MeetingKind, Opinion


def unheard_partners(session: Session, meeting: Meeting) -> list[str]:
    """One phrase per safeguarding partner not represented or without an opinion, in agenda
    order."""
    present = {row.agency_id for row in meeting.attendees if row.status is AttendanceStatus.PRESENT}
    partners = sorted(
        statutory_partners(session),
        key=lambda a: (meeting_steps.PARTNER_ORDER[a.partner_role], a.name),  # type: ignore[index]
    )
    phrases = []
    for agency in partners:
        contribution = find_contribution(meeting, agency.id)
        if agency.id not in present:
            phrases.append(f"{agency.label} was not represented")
        elif contribution is None or contribution.opinion is Opinion.UNDECIDED:
            phrases.append(f"{agency.label} gave no opinion")
    return phrases


def voices_problem(session: Session, meeting: Meeting) -> str | None:
    """What stops concluding an Extra-Ordinary RAG: an unheard partner with no reason recorded."""
    if meeting.kind is not MeetingKind.EXTRAORDINARY_RAG or meeting.quorum_reason.strip():
        return None
    unheard = unheard_partners(session, meeting)
    if not unheard:
        return None
    said = "; ".join(unheard)
    return said[0].upper() + said[1:] + ": record why the meeting went ahead; the minutes print it."


def set_quorum_reason(session: Session, meeting_id: str, reason: str) -> Meeting:
    """The chair's reason for concluding without every safeguarding partner's voice."""
    meeting = editable_meeting(session, meeting_id)
    meeting.quorum_reason = reason.strip()
    return meeting
