"""Who is at a meeting: the attendance list, deputies, invited professionals, and quorum.

A meeting is quorate when each safeguarding partner (Local Authority, Police, Health) has someone
present; a deputy counts. Changes to the list are refused once the minutes are approved.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting.lock import MeetingRuleError, editable_meeting
from lscp_desktop.models import Agency, Attendance, Meeting, Person
from lscp_desktop.models.enums import AttendanceStatus, PartnerRole


@dataclass(frozen=True)
class Invitee:
    person_id: int
    agency_id: int | None = None
    role: str = ""
    invited_professional: bool = False


def invitee_attendance(session: Session, invitee: Invitee) -> Attendance:
    """A new attendance entry for `invitee`: absent until the chair marks them present."""
    person = session.get(Person, invitee.person_id)
    if person is None:
        raise MeetingRuleError(f"There is no person {invitee.person_id} in this database.")
    return Attendance(
        person_id=person.id,
        role=invitee.role or person.role,
        agency_id=invitee.agency_id if invitee.agency_id is not None else person.agency_id,
        status=AttendanceStatus.ABSENT,
        invited_professional=invitee.invited_professional,
    )


def person_named(session: Session, name: str, agency_id: int | None = None) -> Person | None:
    """The person called `name`, added to the directory if new; None for a blank name."""
    name = " ".join(name.split())
    if not name:
        return None
    person = session.scalars(select(Person).where(Person.name == name)).first()
    if person is None:
        person = Person(name=name, agency_id=agency_id)
        session.add(person)
        session.flush()
    return person


def statutory_partners(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).where(Agency.partner_role.is_not(None))))


def add_attendee(session: Session, meeting_id: str, invitee: Invitee) -> Attendance:
    meeting = editable_meeting(session, meeting_id)
    if any(row.person_id == invitee.person_id for row in meeting.attendees):
        raise MeetingRuleError("That person is already on the attendance list.")
    row = invitee_attendance(session, invitee)
    meeting.attendees.append(row)
    session.flush()
    return row


def set_attendance(
    session: Session,
    attendance_id: int,
    *,
    status: AttendanceStatus | None = None,
    deputy_for: str | None = None,
    invited_professional: bool | None = None,
    role: str | None = None,
) -> Attendance:
    row = session.get(Attendance, attendance_id)
    if row is None:
        raise MeetingRuleError(f"There is no attendance entry {attendance_id}.")
    editable_meeting(session, row.meeting_id)
    if status is not None:
        row.status = status
    if deputy_for is not None:
        row.deputy_for = deputy_for.strip() or None
    if invited_professional is not None:
        row.invited_professional = invited_professional
    if role is not None:
        row.role = role
    return row


@dataclass(frozen=True)
class Quorum:
    """Which safeguarding partners have nobody present (a deputy counts)."""

    missing: tuple[str, ...]

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def warning(self) -> str:
        if self.met:
            return ""
        return "Not quorate: no one present for " + ", ".join(self.missing) + "."


def quorum(session: Session, meeting: Meeting) -> Quorum:
    present_agencies = {
        row.agency_id for row in meeting.attendees if row.status is AttendanceStatus.PRESENT
    }
    partners = sorted(
        statutory_partners(session),
        key=lambda a: meeting_steps.PARTNER_ORDER[a.partner_role],  # type: ignore[index]
    )
    missing = tuple(a.label for a in partners if a.id not in present_agencies)
    roles = {a.partner_role for a in partners}
    # A partner missing from the directory altogether is missing from the meeting too.
    missing += tuple(
        _ROLE_NAMES[role] for role in PartnerRole if role not in roles and role in _ROLE_NAMES
    )
    return Quorum(missing)


_ROLE_NAMES = {
    PartnerRole.LOCAL_AUTHORITY: "the Local Authority",
    PartnerRole.POLICE: "the Police",
    PartnerRole.HEALTH: "Health",
}
