"""The meeting's rules, on a real encrypted store: reasons, dissent, quorum, deferral, approval."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.cases.detail import meeting_in_progress
from lscp_desktop.meeting import actions as meeting_actions
from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.lock import MeetingRuleError, MinutesLocked
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import (
    ActionStatus,
    AttendanceStatus,
    CaseStatus,
    DecisionOutcome,
    MeetingStatus,
    Opinion,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from tests.meeting_data import (
    AT,
    Demo,
)


def hear(store: Store, meeting_id: str, agency_id: int, opinion: Opinion, reasons: str) -> None:
    with store.session() as session:
        meeting_contributions.set_contribution(
            session,
            meeting_id,
            agency_id,
            information="Known to us.",
            opinion=opinion,
            reasons=reasons,
        )


def decide_to_notify(store: Store, meeting_id: str, demo: Demo, considered: str = "") -> None:
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            rationale="Both limbs are met: suspected abuse and serious harm.",
            dissent_considered=considered,
        )


def test_agenda_hears_statutory_partners_first_then_invited_professionals(
    store: Store, meeting_id: str
) -> None:
    with store.session() as session:
        steps = meeting_record.agenda(session, session.get_one(Meeting, meeting_id))
    titles = [s.title for s in steps]
    partner_titles = [s.title for s in steps if s.form == meeting_steps.PARTNER_FORM]
    assert titles[0] == "Welcome and attendance"
    assert titles[-1] == "Close"
    assert partner_titles == [
        "CSWS (safeguarding partner)",
        "Police (safeguarding partner)",
        "Health (ICB) (safeguarding partner)",
        "LTHT (invited professional)",
    ]
    assert titles.index("Referral summary") < titles.index(partner_titles[0])
    assert titles.index(partner_titles[-1]) < titles.index("Multi-agency discussion")


def test_partner_cannot_move_on_with_an_opinion_but_no_reasons(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    police = demo.agencies["Police"]
    hear(store, meeting_id, police, Opinion.NOTIFY, "   ")
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        step = next(s for s in meeting_record.agenda(session, meeting) if s.agency_id == police)
        assert meeting_record.step_blockers(session, meeting, step) == [
            "Record the reasons for Police's opinion before moving on."
        ]
    hear(store, meeting_id, police, Opinion.NOTIFY, "Injuries unexplained.")
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting_record.step_blockers(session, meeting, step) == []


def test_a_partner_who_said_nothing_does_not_block_the_meeting(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        step = next(
            s
            for s in meeting_record.agenda(session, meeting)
            if s.agency_id == demo.agencies["Health (ICB)"]
        )
        assert meeting_record.step_blockers(session, meeting, step) == []


def test_quorum_warns_until_each_statutory_partner_has_someone_present_deputies_count(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        for row in meeting.attendees:  # the fixture marked everyone present
            meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.ABSENT)
        quorum = meeting_attendance.quorum(session, meeting)
        assert quorum.missing == ("CSWS", "Police", "Health (ICB)")
        rows = {row.person.name: row for row in meeting.attendees}
        meeting_attendance.set_attendance(
            session, rows["Priya Shah"].id, status=AttendanceStatus.PRESENT
        )
        meeting_attendance.set_attendance(
            session, rows["Tom Hughes"].id, status=AttendanceStatus.APOLOGIES
        )
        meeting_attendance.set_attendance(
            session,
            rows["Dr Ruth Adeyemi"].id,
            status=AttendanceStatus.PRESENT,
            deputy_for="Designated Nurse",
        )
        quorum = meeting_attendance.quorum(session, meeting)
        assert not quorum.met
        assert quorum.warning == "Not quorate: no one present for Police."
        deputy = meeting_attendance.add_attendee(
            session,
            meeting_id,
            meeting_attendance.Invitee(
                meeting_attendance.person_named(session, "DS Lee Grant", demo.agencies["Police"]).id  # type: ignore[union-attr]
            ),
        )
        meeting_attendance.set_attendance(
            session, deputy.id, status=AttendanceStatus.PRESENT, deputy_for="Tom Hughes"
        )
        assert meeting_attendance.quorum(session, meeting).met


def test_dissenting_partner_is_listed_and_how_it_was_considered_is_required(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    hear(store, meeting_id, demo.agencies["CSWS"], Opinion.NOTIFY, "Threshold met.")
    hear(store, meeting_id, demo.agencies["Police"], Opinion.NOTIFY, "Unexplained injury.")
    hear(
        store,
        meeting_id,
        demo.agencies["Health (ICB)"],
        Opinion.DO_NOT_NOTIFY,
        "Likely accidental.",
    )
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting.decision is not None
        assert meeting.decision.dissent == (
            "Health (ICB) advised 'do not notify': Likely accidental."
        )
        assert meeting_decision.decision_problems(meeting) == [
            "Record how the differing view of Health (ICB) was considered."
        ]
        with pytest.raises(MeetingRuleError, match="differing view of Health"):
            meeting_record.conclude(session, meeting_id, AT)
    decide_to_notify(store, meeting_id, demo, considered="Weighed; the injury pattern decides.")
    with store.session() as session:
        meeting_record.conclude(session, meeting_id, AT)


def test_undecided_partner_is_not_dissent(store: Store, meeting_id: str, demo: Demo) -> None:
    hear(store, meeting_id, demo.agencies["Police"], Opinion.UNDECIDED, "Awaiting the CT report.")
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting_decision.dissenters(meeting) == []


def test_dissent_list_follows_a_partner_changing_their_mind(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    decide_to_notify(store, meeting_id, demo)
    hear(store, meeting_id, demo.agencies["Police"], Opinion.DO_NOT_NOTIFY, "No crime.")
    with store.session() as session:
        assert "Police" in session.get_one(Meeting, meeting_id).decision.dissent  # type: ignore[union-attr]
    hear(store, meeting_id, demo.agencies["Police"], Opinion.NOTIFY, "On reflection.")
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).decision.dissent == ""  # type: ignore[union-attr]


def test_decision_needs_its_maker_and_rationale(store: Store, meeting_id: str) -> None:
    with store.session() as session:
        meeting_decision.set_decision(session, meeting_id, outcome=DecisionOutcome.DO_NOT_NOTIFY)
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting_decision.decision_problems(meeting) == [
            "Name the Local Authority decision-maker.",
            "Record the rationale for the decision.",
        ]


def test_deferred_decision_is_recorded_after_the_meeting_with_its_own_date_and_author(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    with store.session() as session:
        meeting_decision.set_decision(session, meeting_id, outcome=DecisionOutcome.DEFERRED)
        with pytest.raises(MeetingRuleError, match="why the decision was deferred"):
            meeting_record.conclude(session, meeting_id, AT)
    with store.session() as session:
        meeting_decision.set_decision(
            session, meeting_id, deferral_reason="Awaiting the skeletal survey."
        )
        with pytest.raises(MeetingRuleError, match="still open"):
            meeting_decision.record_post_meeting_decision(
                session,
                meeting_id,
                outcome=DecisionOutcome.NOTIFY,
                decided_by_id=demo.people["Priya Shah"],
                decided_on=dt.date(2026, 3, 6),
                rationale="Survey shows older fractures.",
            )
        meeting_record.conclude(session, meeting_id, AT)
        meeting_record.approve(session, meeting_id, AT)
    with store.session() as session:
        with pytest.raises(MeetingRuleError, match="rationale"):
            meeting_decision.record_post_meeting_decision(
                session,
                meeting_id,
                outcome=DecisionOutcome.NOTIFY,
                decided_by_id=demo.people["Priya Shah"],
                decided_on=dt.date(2026, 3, 6),
                rationale=" ",
            )
        meeting_decision.record_post_meeting_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            decided_on=dt.date(2026, 3, 6),
            rationale="Survey shows older fractures.",
            at=dt.datetime(2026, 3, 6, 16, 5),
        )
    with store.session() as session:
        decision = session.get_one(Meeting, meeting_id).decision
        assert decision is not None
        assert decision.outcome is DecisionOutcome.NOTIFY
        assert decision.post_meeting
        assert decision.decided_on == dt.date(2026, 3, 6)
        assert decision.recorded_by == "Morgan Ellis"
        assert decision.recorded_at == dt.datetime(2026, 3, 6, 16, 5)
        assert decision.deferral_reason == "Awaiting the skeletal survey."
        with pytest.raises(MeetingRuleError, match="Only a deferred decision"):
            meeting_decision.record_post_meeting_decision(
                session,
                meeting_id,
                outcome=DecisionOutcome.DO_NOT_NOTIFY,
                decided_by_id=demo.people["Priya Shah"],
                decided_on=dt.date(2026, 3, 7),
                rationale="Changed mind.",
            )


def conclude_and_approve(store: Store, meeting_id: str, demo: Demo) -> None:
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        meeting_record.set_minutes(session, meeting_id, "Multi-agency discussion", "Agreed.")
        meeting_actions.add_action(
            session,
            meeting_id,
            "Share the rationale with partners",
            owner_id=demo.people["Sam Okafor"],
            immediate=False,
            due=dt.date(2026, 3, 6),
        )
        meeting_record.conclude(session, meeting_id, AT)
        meeting_record.approve(session, meeting_id, AT)


def test_approval_signs_with_the_users_name_and_locks_what_was_minuted(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    conclude_and_approve(store, meeting_id, demo)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting.status is MeetingStatus.APPROVED
        assert meeting.approved_by == "Morgan Ellis"
        assert meeting.approved_at == AT
        action_id = meeting.actions[0].id
        attendance_id = meeting.attendees[0].id
    refused = [
        lambda s: meeting_record.set_minutes(s, meeting_id, "Multi-agency discussion", "Changed"),
        lambda s: meeting_contributions.set_contribution(
            s, meeting_id, demo.agencies["Police"], reasons="x"
        ),
        lambda s: meeting_decision.set_decision(s, meeting_id, rationale="Rewritten"),
        lambda s: meeting_attendance.set_attendance(
            s, attendance_id, status=AttendanceStatus.ABSENT
        ),
        lambda s: meeting_actions.add_action(s, meeting_id, "Late action"),
        lambda s: meeting_actions.remove_action(s, action_id),
    ]
    for change in refused:
        with pytest.raises(MinutesLocked, match="approved by Morgan Ellis"), store.session() as s:
            change(s)
    with store.session() as session:
        meeting_decision.set_follow_up(
            session,
            meeting_id,
            notified_on=dt.date(2026, 3, 5),
            rationale_shared_on=dt.date(2026, 3, 5),
            panel_reference="NP-1234",
        )
        meeting_actions.set_action_status(session, action_id, ActionStatus.DONE)
        meeting_record.add_addendum(session, meeting_id, "Item 6: the DI's name is Hughes.", AT)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting.minutes[0].text == "Agreed."
        assert meeting.case.panel_reference == "NP-1234"
        assert meeting.actions[0].status is ActionStatus.DONE
        assert meeting.addenda[0].author == "Morgan Ellis"
        assert meeting.case.status is CaseStatus.NOTIFIED


def test_approval_needs_a_concluded_meeting_and_the_users_name(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    with store.session() as session:
        with pytest.raises(MeetingRuleError, match="Conclude the meeting"):
            meeting_record.approve(session, meeting_id)
        settings.put(session, settings.USER_NAME, "")
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        meeting_record.conclude(session, meeting_id, AT)
        with pytest.raises(MeetingRuleError, match="enter it in Settings"):
            meeting_record.approve(session, meeting_id)


def test_concluding_needs_a_decision(store: Store, meeting_id: str) -> None:
    with store.session() as session, pytest.raises(MeetingRuleError, match="decision"):
        meeting_record.conclude(session, meeting_id)


def test_minutes_are_kept_in_agenda_order_whatever_order_they_are_typed(
    store: Store, meeting_id: str
) -> None:
    with store.session() as session:
        meeting_record.set_minutes(session, meeting_id, "Close", "Thanks.")
        meeting_record.set_minutes(session, meeting_id, "Welcome and attendance", "Hello.")
        meeting_record.set_minutes(session, meeting_id, "Multi-agency discussion", "Talked.")
    with store.session() as session:
        items = [m.item for m in session.get_one(Meeting, meeting_id).minutes]
    assert items == ["Welcome and attendance", "Multi-agency discussion", "Close"]


def test_step_times_are_totals_and_stop_when_the_meeting_is_concluded(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    with store.session() as session:
        meeting_record.set_step_time(session, meeting_id, "Referral summary", 40)
        meeting_record.set_step_time(session, meeting_id, "Referral summary", 95)
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        meeting_record.conclude(session, meeting_id, AT)
        meeting_record.set_step_time(session, meeting_id, "Referral summary", 500)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting_record.step_seconds(meeting, "Referral summary") == 95


def test_a_notification_sent_before_the_meeting_is_recorded_but_not_before_awareness(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    # The LA became aware on Mon 2 Mar 2026; the meeting sat on Wed 4 Mar. The LA could not
    # wait and notified on Tue 3 Mar: the meeting records the partners' views afterwards.
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        meeting_decision.set_follow_up(session, meeting_id, notified_on=dt.date(2026, 3, 3))
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).case.notified_on == dt.date(2026, 3, 3)
    refused = [
        (dt.date(2026, 3, 1), "notification date .* before the Local Authority became aware"),
        (dt.date.today() + dt.timedelta(days=1), "notification date .* in the future"),
    ]
    for day, message in refused:
        with store.session() as session, pytest.raises(MeetingRuleError, match=message):
            meeting_decision.set_follow_up(session, meeting_id, notified_on=day)
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).case.notified_on == dt.date(2026, 3, 3)


def test_action_cannot_be_due_before_the_meeting_or_have_no_description(
    store: Store, meeting_id: str
) -> None:
    with store.session() as session:
        with pytest.raises(MeetingRuleError, match="Describe the action"):
            meeting_actions.add_action(session, meeting_id, "  ")
        with pytest.raises(MeetingRuleError, match="before the meeting"):
            meeting_actions.add_action(session, meeting_id, "Visit", due=dt.date(2026, 1, 1))


def test_meeting_left_in_progress_is_offered_for_resumption(store: Store, meeting_id: str) -> None:
    with store.session() as session:
        meeting_record.set_current_step(session, meeting_id, "referral")
        assert session.get_one(Meeting, meeting_id).current_step == "referral"
    # What the window asks at start (the function it calls, on the store's own connection).
    assert meeting_in_progress(store.connection) == meeting_id


def test_a_post_meeting_decision_on_approved_minutes_lists_the_dissent_it_creates(
    store: Store, meeting_id: str, demo: Demo
) -> None:
    health = demo.agencies["Health (ICB)"]
    hear(store, meeting_id, health, Opinion.DO_NOT_NOTIFY, "Recovery is expected.")
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.DEFERRED,
            deferral_reason="Awaiting the skeletal survey.",
        )
        meeting_record.conclude(session, meeting_id, AT)
        meeting_record.approve(session, meeting_id, AT)
    with store.session() as session:
        meeting_decision.record_post_meeting_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            decided_on=dt.date(2026, 3, 6),
            rationale="Survey shows older fractures.",
        )
    with store.session() as session:
        decision = session.get_one(Meeting, meeting_id).decision
        assert decision is not None and decision.outcome is DecisionOutcome.NOTIFY
        assert "advised 'do not notify'" in decision.dissent
