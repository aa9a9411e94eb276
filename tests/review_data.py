"""A notified case ready for its Rapid Review, built through the domain code (not the widgets)."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.agenda import RAPID_REVIEW_STEPS
from lscp_desktop.meeting.attendance import Invitee
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import (
    AttendanceStatus,
    CsprCriterion,
    DecisionOutcome,
    MeetingKind,
    Opinion,
)
from lscp_desktop.review import review_record
from lscp_desktop.store.database import Store
from tests.meeting_data import Demo, build_case, build_meeting

NOTIFIED_ON = dt.date(2026, 3, 4)  # day 0 of the Rapid Review: 15 working days → 25 Mar 2026
REVIEW_HELD_AT = dt.datetime(2026, 3, 18, 14, 0)


def build_notified_case(store: Store) -> Demo:
    """Child A's case, decided for notification at an approved Extra-Ordinary RAG, notified."""
    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    with store.session() as session:
        meeting_record.start(session, meeting_id, dt.datetime(2026, 3, 4, 10, 0))
        meeting = session.get_one(Meeting, meeting_id)
        for row in meeting.attendees:
            meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.PRESENT)
        for agency in ("CSWS", "Police", "Health (ICB)"):
            meeting_contributions.set_contribution(
                session,
                meeting_id,
                demo.agencies[agency],
                opinion=Opinion.NOTIFY,
                reasons="Suspected abuse and serious harm.",
            )
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            decided_on=NOTIFIED_ON,
            rationale="Abuse is suspected and the child was seriously harmed.",
        )
        meeting_decision.set_follow_up(session, meeting_id, notified_on=NOTIFIED_ON)
        meeting_record.conclude(session, meeting_id, dt.datetime(2026, 3, 4, 11, 0))
        meeting_record.approve(session, meeting_id, dt.datetime(2026, 3, 4, 12, 0))
    return demo


def build_rapid_review(store: Store, demo: Demo) -> str:
    with store.session() as session:
        meeting = meeting_record.create_meeting(
            session,
            demo.case_id,
            REVIEW_HELD_AT,
            kind=MeetingKind.RAPID_REVIEW,
            location="Microsoft Teams",
            chair_id=demo.people["Morgan Ellis"],
            minute_taker_id=demo.people["Sam Okafor"],
            invitees=[
                Invitee(demo.people["Priya Shah"]),
                Invitee(demo.people["Tom Hughes"]),
                Invitee(demo.people["Dr Ruth Adeyemi"]),
            ],
            distribution=[("RAG members", ""), ("National Panel", "")],
        )
        return meeting.id


def fill_rapid_review(
    store: Store, meeting_id: str, demo: Demo, started_at: dt.datetime = REVIEW_HELD_AT
) -> None:
    """Summaries, minutes of each topic and two criteria ticked with evidence; no recommendation."""
    with store.session() as session:
        meeting_record.start(session, meeting_id, started_at)
        meeting = session.get_one(Meeting, meeting_id)
        for row in meeting.attendees:
            meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.PRESENT)
        for agency, text in [
            ("CSWS", "Early Help from May 2025 to Jan 2026; closed after a single visit."),
            ("Police", "Two domestic incidents at the address in 2025, no referral made."),
            ("Health (ICB)", "Missed 27-month review; two A&E attendances with bruising."),
        ]:
            meeting_contributions.set_contribution(
                session, meeting_id, demo.agencies[agency], information=text
            )
        for step in RAPID_REVIEW_STEPS[:6]:
            meeting_record.set_minutes(
                session, meeting_id, step.title, f"Discussed: {step.title.lower()}."
            )
        review_record.set_criterion(
            session,
            meeting_id,
            CsprCriterion.IMPROVEMENTS_NEEDED,
            met=True,
            evidence="Early Help closed without seeing the child; the 2023 review found the same.",
        )
        review_record.set_criterion(
            session,
            meeting_id,
            CsprCriterion.AGENCIES_WORKING_TOGETHER,
            met=True,
            evidence="Police incidents were not shared with Health or Early Help.",
        )
