"""Who may decide whether to notify: the Local Authority alone (Children Act 2004 s16C).

At the meeting the decision-maker is a Local Authority representative who is present (a deputy
counts). After the meeting it is a named Local Authority officer, recorded with the date. The
partners' views guide the decision but no partner may make it, so anyone else is refused with
the reason.
"""

from __future__ import annotations

from lscp_desktop.models import Meeting, Person
from lscp_desktop.models.enums import AttendanceStatus, PartnerRole


def present_la_representatives(meeting: Meeting) -> list[int]:
    """The people present for the Local Authority, in attendance order."""
    return [
        row.person_id
        for row in meeting.attendees
        if row.status is AttendanceStatus.PRESENT
        and row.agency is not None
        and row.agency.partner_role is PartnerRole.LOCAL_AUTHORITY
    ]


def meeting_decision_maker_problem(meeting: Meeting, person: Person) -> str | None:
    """Why `person` cannot be the decision-maker at this meeting; None when they can."""
    attending = next((row for row in meeting.attendees if row.person_id == person.id), None)
    agency = attending.agency if attending is not None else person.agency
    if agency is None or agency.partner_role is not PartnerRole.LOCAL_AUTHORITY:
        where = f" is from {agency.label}" if agency is not None else " is not from any agency"
        return (
            f"{person.name}{where}: only the Local Authority may decide whether to notify. "
            "Choose a Local Authority representative who is present."
        )
    if attending is None or attending.status is not AttendanceStatus.PRESENT:
        return (
            f"{person.name} is not recorded as present: the decision-maker must be at the "
            "meeting. Mark them present, or defer and record the decision made after the "
            "meeting."
        )
    return None


def post_meeting_decision_maker_problem(person: Person) -> str | None:
    """Why `person` cannot be recorded as deciding after the meeting; None when they can."""
    agency = person.agency
    if agency is None or agency.partner_role is not PartnerRole.LOCAL_AUTHORITY:
        return (
            f"{person.name} is not a Local Authority officer: only the Local Authority may "
            "decide whether to notify."
        )
    return None
