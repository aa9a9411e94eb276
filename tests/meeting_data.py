"""A fictional case with the people of a typical Extra-Ordinary RAG, built through the models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.attendance import Invitee
from lscp_desktop.models import Agency, Case, Child, Person
from lscp_desktop.models.enums import PartnerRole
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store

PEOPLE = [
    # name, role, agency short name
    ("Morgan Ellis", "Independent Chair", None),
    ("Sam Okafor", "Business Support Officer", "Business Unit"),
    ("Priya Shah", "Head of Service, Safeguarding", "CSWS"),
    ("Tom Hughes", "Detective Inspector, Safeguarding Unit", "Police"),
    ("Dr Ruth Adeyemi", "Designated Doctor for Safeguarding", "Health (ICB)"),
    ("Alex Carter", "Named Nurse, Safeguarding", "LTHT"),
]


# When the demo meeting is started, concluded and approved (it is held on Wed 4 Mar 2026).
AT = dt.datetime(2026, 3, 4, 11, 30)


@dataclass(frozen=True)
class Demo:
    case_id: int
    agencies: dict[str, int]  # short name -> id
    people: dict[str, int]  # name -> id


def build_case(store: Store, *, with_user: bool = True) -> Demo:
    """A fictional referral, Child A, with the directory a meeting needs."""
    with store.session() as session:
        agencies = {a.short_name: a.id for a in session.scalars(select(Agency))}
        people = {}
        for name, role, agency in PEOPLE:
            person = Person(name=name, role=role, agency_id=agencies.get(agency or ""))
            session.add(person)
            session.flush()
            people[name] = person.id
        case = Case(
            reference="LSCP-2026-014",
            child_pseudonym="Child A",
            children=[Child(pseudonym="Child A", name="Jordan Realname", age="4")],
            referring_agency_id=agencies["Police"],
            referral_received=dt.date(2026, 3, 2),
            la_aware=dt.date(2026, 3, 2),
            incident_date=dt.date(2026, 2, 28),
            summary=(
                "A four-year-old was admitted to hospital with a head injury that the "
                "explanation given does not account for. Known to Early Help in 2025."
            ),
        )
        session.add(case)
        if with_user:
            settings.put(session, settings.USER_NAME, "Morgan Ellis")
        settings.put(session, settings.DEFAULT_CHAIR, "Morgan Ellis")
        settings.put(session, settings.DEFAULT_MINUTE_TAKER, "Sam Okafor")
        session.flush()
        return Demo(case.id, agencies, people)


def build_meeting(store: Store, demo: Demo) -> str:
    """A meeting set up for the demo case with the three partners and the hospital invited."""
    with store.session() as session:
        meeting = meeting_record.create_meeting(
            session,
            demo.case_id,
            dt.datetime(2026, 3, 4, 10, 0),
            location="Microsoft Teams",
            chair_id=demo.people["Morgan Ellis"],
            minute_taker_id=demo.people["Sam Okafor"],
            invitees=[
                Invitee(demo.people["Priya Shah"]),
                Invitee(demo.people["Tom Hughes"]),
                Invitee(demo.people["Dr Ruth Adeyemi"]),
                Invitee(demo.people["Alex Carter"], invited_professional=True),
            ],
            distribution=[("RAG members", ""), ("LSCP Executive", "")],
        )
        return meeting.id


def statutory_agency_ids(store: Store) -> dict[PartnerRole, int]:
    with store.session() as session:
        return {
            a.partner_role: a.id
            for a in session.scalars(select(Agency))
            if a.partner_role is not None
        }


def mark_present(store: Store, meeting_id: str, *names: str) -> None:
    """Mark these people (by name) present; every invitee when no name is given."""
    from lscp_desktop.meeting import attendance as meeting_attendance
    from lscp_desktop.models import Meeting
    from lscp_desktop.models.enums import AttendanceStatus

    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        for row in meeting.attendees:
            if not names or row.person.name in names:
                meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.PRESENT)


def excuse_unheard_partners(store: Store, meeting_id: str) -> None:
    """The chair's reason for going ahead without every partner's opinion (tests on other rules)."""
    from lscp_desktop.meeting import partner_voices

    with store.session() as session:
        partner_voices.set_quorum_reason(
            session, meeting_id, "Partners not heard sent written views, read into the minutes."
        )
