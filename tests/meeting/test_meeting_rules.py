"""The meeting's rules hold: who decides, every partner's voice, actions, dates, held meetings."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from lscp_desktop.documents.files import export_minutes
from lscp_desktop.meeting import actions as meeting_actions
from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import (
    partner_voices,
)
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Action, AuditEntry, Meeting
from lscp_desktop.models.enums import AttendanceStatus, DecisionOutcome, MeetingStatus, Opinion
from lscp_desktop.review import action_plan
from lscp_desktop.store.database import Store
from tests.documents.reading import docx_text
from tests.meeting_data import Demo, build_case, build_meeting, mark_present

AT = dt.datetime(2026, 3, 4, 11, 30)
REASONS = "Known to us; the injury is unexplained."


@pytest.fixture
def demo(store: Store) -> Demo:
    return build_case(store)


@pytest.fixture
def meeting_id(store: Store, demo: Demo) -> str:
    meeting_id = build_meeting(store, demo)
    with store.session() as session:
        meeting_record.start(session, meeting_id, AT)
    return meeting_id


def hear_every_partner(store: Store, meeting_id: str, demo: Demo) -> None:
    mark_present(store, meeting_id)
    with store.session() as session:
        for agency in ("CSWS", "Police", "Health (ICB)"):
            meeting_contributions.set_contribution(
                session, meeting_id, demo.agencies[agency], opinion=Opinion.NOTIFY, reasons=REASONS
            )


def decide(store: Store, meeting_id: str, demo: Demo, maker: str = "Priya Shah") -> None:
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people[maker],
            rationale="Both limbs are met.",
        )


# --- who decides ----------------------------------------------------------------------------


def test_a_police_officer_is_refused_as_the_decision_maker_with_the_reason(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    mark_present(store, meeting_id)
    with pytest.raises(MeetingRuleError, match="only the Local Authority may decide"):
        decide(store, meeting_id, demo, maker="Tom Hughes")


def test_an_absent_local_authority_representative_cannot_decide_at_the_meeting(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    with pytest.raises(MeetingRuleError, match="Priya Shah is not recorded as present"):
        decide(store, meeting_id, demo)
    mark_present(store, meeting_id, "Priya Shah")
    decide(store, meeting_id, demo)  # present now: accepted


def test_a_decision_maker_marked_absent_afterwards_stops_the_meeting_concluding(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear_every_partner(store, meeting_id, demo)
    decide(store, meeting_id, demo)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        row = next(a for a in meeting.attendees if a.person.name == "Priya Shah")
        meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.ABSENT)
    with (
        pytest.raises(MeetingRuleError, match="Priya Shah is not recorded as present"),
        store.session() as session,
    ):
        meeting_record.conclude(session, meeting_id, AT)


def test_a_decision_after_the_meeting_is_made_by_a_named_local_authority_officer(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear_every_partner(store, meeting_id, demo)
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.DEFERRED,
            deferral_reason="The Head of Service must decide.",
        )
        meeting_record.conclude(session, meeting_id, AT)
    with (
        pytest.raises(MeetingRuleError, match="not a Local Authority officer"),
        store.session() as session,
    ):
        meeting_decision.record_post_meeting_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Tom Hughes"],
            decided_on=dt.date(2026, 3, 5),
            rationale="Met.",
        )
    with store.session() as session:
        decision = meeting_decision.record_post_meeting_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            decided_on=dt.date(2026, 3, 5),
            rationale="Met.",
        )
        assert decision.post_meeting and decision.decided_on == dt.date(2026, 3, 5)


# --- dates ----------------------------------------------------------------------------------


def test_a_decision_cannot_be_dated_before_awareness_or_in_the_future(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    mark_present(store, meeting_id)
    decide(store, meeting_id, demo)
    for day, words in [
        (dt.date(2026, 3, 1), "before the Local Authority became aware"),
        (dt.date(2999, 1, 1), "in the future"),
    ]:
        with pytest.raises(MeetingRuleError, match=words), store.session() as session:
            meeting_decision.set_decision(session, meeting_id, decided_on=day)
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).decision.decided_on == dt.date(2026, 3, 4)  # type: ignore[union-attr]


# --- every partner's voice ------------------------------------------------------------------


def test_concluding_without_a_partners_opinion_needs_the_chairs_reason_printed_in_the_minutes(
    store: Store, meeting_id: str, demo: Demo, tmp_path: Path
) -> None:
    mark_present(store, meeting_id, "Priya Shah", "Tom Hughes")
    with store.session() as session:
        for agency in ("CSWS", "Police"):
            meeting_contributions.set_contribution(
                session, meeting_id, demo.agencies[agency], opinion=Opinion.NOTIFY, reasons=REASONS
            )
    decide(store, meeting_id, demo)
    with (
        pytest.raises(MeetingRuleError, match=r"Health \(ICB\) was not represented: record why"),
        store.session() as session,
    ):
        meeting_record.conclude(session, meeting_id, AT)
    reason = "Health sent a written view, read into the minutes."
    with store.session() as session:
        partner_voices.set_quorum_reason(session, meeting_id, reason)
        meeting_record.conclude(session, meeting_id, AT)
    word = export_minutes(store, meeting_id, tmp_path / "m.docx", "docx", confirm_names=True)
    assert reason in docx_text(word)
    pdf = export_minutes(store, meeting_id, tmp_path / "m.pdf", "pdf", confirm_names=True)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert reason in " ".join(text.split())


def test_a_present_partner_who_gave_no_opinion_needs_a_reason_too(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear_every_partner(store, meeting_id, demo)
    with store.session() as session:
        meeting_contributions.set_contribution(
            session, meeting_id, demo.agencies["Police"], opinion=Opinion.UNDECIDED
        )
        meeting = session.get_one(Meeting, meeting_id)
        assert partner_voices.unheard_partners(session, meeting) == ["Police gave no opinion"]


def test_an_absent_person_cannot_speak_for_the_agency_but_their_present_deputy_can(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    police = demo.agencies["Police"]
    with pytest.raises(MeetingRuleError, match="Only someone present"), store.session() as session:
        meeting_contributions.set_contribution(
            session, meeting_id, police, representative_id=demo.people["Tom Hughes"]
        )
    with store.session() as session:
        deputy = meeting_attendance.person_named(session, "DS Lee Grant", police)
        assert deputy is not None
        row = meeting_attendance.add_attendee(
            session, meeting_id, meeting_attendance.Invitee(deputy.id)
        )
        meeting_attendance.set_attendance(
            session, row.id, status=AttendanceStatus.PRESENT, deputy_for="Tom Hughes"
        )
        meeting_contributions.set_contribution(
            session,
            meeting_id,
            police,
            representative_id=deputy.id,
            opinion=Opinion.NOTIFY,
            reasons=REASONS,
        )
        # Marked absent after speaking: the opinion is held up until someone present gives it.
        meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.ABSENT)
        meeting = session.get_one(Meeting, meeting_id)
        found = meeting_contributions.find_contribution(meeting, police)
        assert found is not None
        problem = meeting_contributions.contribution_problem(found, meeting)
        assert problem is not None and "DS Lee Grant is not present" in problem


# --- actions --------------------------------------------------------------------------------


def test_an_action_needs_an_owner_and_a_due_date_before_the_meeting_concludes(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear_every_partner(store, meeting_id, demo)
    decide(store, meeting_id, demo)
    with store.session() as session:
        action = meeting_actions.add_action(
            session, meeting_id, "Strategy discussion today", immediate=True
        )
        action_id = action.id
    with (
        pytest.raises(
            MeetingRuleError,
            match='immediate safeguarding action "Strategy discussion today" an owner and a due',
        ),
        store.session() as session,
    ):
        meeting_record.conclude(session, meeting_id, AT)
    with store.session() as session:
        row = session.get_one(Action, action_id)
        row.owner_id, row.due = demo.people["Priya Shah"], dt.date(2026, 3, 4)
        meeting_record.conclude(session, meeting_id, AT)


def test_owner_due_date_and_agency_stay_editable_after_approval_and_the_change_is_noted(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear_every_partner(store, meeting_id, demo)
    decide(store, meeting_id, demo)
    with store.session() as session:
        action_id = meeting_actions.add_action(
            session,
            meeting_id,
            "Share the rationale",
            owner_id=demo.people["Sam Okafor"],
            due=dt.date(2026, 3, 6),
        ).id
        meeting_record.conclude(session, meeting_id, AT)
        meeting_record.approve(session, meeting_id, AT)
    with store.session() as session:
        note = action_plan.change_action(
            session,
            action_id,
            owner_id=demo.people["Priya Shah"],
            agency_id=demo.agencies["CSWS"],
            due=dt.date(2026, 3, 20),
            author="Morgan Ellis",
            today=dt.date(2026, 3, 10),
        )
        assert note is not None
        assert note.text == (
            "Changed: owner Sam Okafor → Priya Shah; agency none → CSWS; "
            "due 06/03/2026 → 20/03/2026."
        )
    with store.session() as session:
        action = session.get_one(Action, action_id)
        assert (action.owner_id, action.due) == (demo.people["Priya Shah"], dt.date(2026, 3, 20))
        audited = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.entity == "action", AuditEntry.entity_id == str(action_id)
            )
        ).all()
        assert any("owner_id" in detail and "due" in detail for detail in audited)
    with (
        pytest.raises(action_plan.ActionPlanError, match="an owner and a due date"),
        store.session() as session,
    ):
        action_plan.change_action(
            session, action_id, owner_id=None, agency_id=None, due=dt.date(2026, 3, 20)
        )


# --- scheduled is not started ---------------------------------------------------------------


def test_a_meeting_set_up_for_a_later_day_is_not_started_until_the_chair_starts_it(
    store: Store, demo: Demo
) -> None:
    meeting_id = build_meeting(store, demo)  # set up for 4 March 2026
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert (meeting.status, meeting.started_at) == (MeetingStatus.PLANNED, None)
        with pytest.raises(MeetingRuleError, match="cannot be concluded before it is held"):
            meeting_record.conclude(session, meeting_id, dt.datetime(2026, 3, 2, 9, 0))


def test_minutes_cannot_be_approved_before_the_day_the_meeting_is_held(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear_every_partner(store, meeting_id, demo)
    decide(store, meeting_id, demo)
    with store.session() as session:
        meeting_record.conclude(session, meeting_id, AT)
        # A clock set wrong, or a typed time, cannot sign minutes off before the meeting.
        with pytest.raises(MeetingRuleError, match="before the day the meeting is held"):
            meeting_record.approve(session, meeting_id, dt.datetime(2026, 3, 3, 17, 0))


def test_the_annual_report_counts_held_rapid_reviews_only(store: Store) -> None:
    from lscp_desktop.review.annual_report import annual_figures
    from tests.review_data import build_notified_case, build_rapid_review

    demo = build_notified_case(store)
    review_id = build_rapid_review(store, demo)  # set up for 18 March, never started
    start, end, today = dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 1)
    with store.session() as session:
        assert annual_figures(session, start, end, today=today).rapid_reviews == 0
        meeting_record.start(session, review_id, dt.datetime(2026, 3, 18, 14, 0))
    with store.session() as session:
        assert annual_figures(session, start, end, today=today).rapid_reviews == 1


def test_the_reason_for_an_unheard_partner_is_locked_with_the_approved_minutes(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    from lscp_desktop.store.approval_lock import is_locked_error

    mark_present(store, meeting_id, "Priya Shah", "Tom Hughes")
    decide(store, meeting_id, demo)
    with store.session() as session:
        partner_voices.set_quorum_reason(session, meeting_id, "Health sent a written view.")
        meeting_record.conclude(session, meeting_id, AT)
        meeting_record.approve(session, meeting_id, AT)
    with pytest.raises(MeetingRuleError, match="approved"), store.session() as session:
        partner_voices.set_quorum_reason(session, meeting_id, "Changed later.")
    # Below the app too: the database refuses the change.
    with pytest.raises(DatabaseError) as refused, store.session() as session:
        session.execute(
            text("UPDATE meetings SET quorum_reason = 'x' WHERE id = :id"), {"id": meeting_id}
        )
    assert is_locked_error(refused.value)
