"""A small record to test with: one case, one meeting with minutes, a decision and an action."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from lscp_desktop.models import (
    Action,
    Agency,
    Attendance,
    Case,
    Contribution,
    Decision,
    Meeting,
    MinuteItem,
    Person,
)
from lscp_desktop.models.enums import DecisionOutcome, MeetingKind, PartnerRole
from lscp_desktop.store.database import Store


def add_meeting(store: Store, meeting_id: str = "m1", reference: str = "LSCP-1") -> None:
    with store.session() as session:
        la = session.scalars(
            select(Agency).where(Agency.partner_role == PartnerRole.LOCAL_AUTHORITY)
        ).one()
        name = f"Chair of {meeting_id}"
        chair = session.scalars(select(Person).where(Person.name == name)).first()
        chair = chair or Person(name=name)
        case = Case(
            reference=reference,
            child_pseudonym="Child A",
            referring_agency=la,
            referral_received=dt.date(2025, 12, 22),
            la_aware=dt.date(2025, 12, 22),
        )
        meeting = Meeting(
            id=meeting_id,
            kind=MeetingKind.EXTRAORDINARY_RAG,
            held_at=dt.datetime(2025, 12, 23, 10, 0),
            chair=chair,
        )
        meeting.attendees.append(Attendance(person=chair, role="Independent Chair"))
        meeting.contributions.append(
            Contribution(agency=la, information="Known to CSWS.", reasons="Both limbs met.")
        )
        meeting.minutes.append(MinuteItem(item="Discussion", text="The partners discussed."))
        meeting.decision = Decision(
            outcome=DecisionOutcome.NOTIFY,
            decided_on=dt.date(2025, 12, 23),
            rationale="Both limbs of the SCSI definition are met.",
        )
        meeting.actions.append(Action(description="Notify the Panel"))
        case.meetings.append(meeting)
        session.add(case)
