"""Issue 12 end to end: a notification sent before the meeting, two children in one incident,
and approved minutes that keep their deadlines whatever happens to the settings later."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry, children_label
from lscp_desktop.cases.editing import CaseInvalid
from lscp_desktop.cases.notification_form import notification_form
from lscp_desktop.deadlines.rules import RAPID_REVIEW_DAY_ZERO
from lscp_desktop.documents.meeting_record import load_meeting_record
from lscp_desktop.documents.minutes_content import build_minutes
from lscp_desktop.models import Case, ExtraHoliday, Meeting
from lscp_desktop.models.enums import (
    CaseKind,
    DecisionOutcome,
    LegalStatus,
    Opinion,
    RapidReviewDayZero,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from tests.meeting.test_meeting_record import AT, conclude_and_approve, decide_to_notify, hear
from tests.meeting_data import Demo

# The demo case: the LA became aware on Mon 2 Mar 2026; the meeting sits on Wed 4 Mar.
AWARE = dt.date(2026, 3, 2)


def form_of(store: Store, case_id: int) -> cases.CaseForm:
    with store.session() as session:
        return cases.form_for(session, case_id)


def save(store: Store, case_id: int, form: cases.CaseForm) -> None:
    with store.session() as session:
        cases.update_case(session, case_id, form, today=dt.date(2026, 3, 20))


def test_children_are_named_together_in_the_laws_plain_order() -> None:
    assert children_label(["Child A"]) == "Child A"
    assert children_label(["Child A", " Child B "]) == "Child A and Child B"
    assert children_label(["Child A", "Child B", "Child C"]) == "Child A, Child B and Child C"


def test_two_siblings_are_one_incident_one_notification_one_set_of_deadlines(
    store: Store, demo: Demo, meeting_id: str
) -> None:
    form = form_of(store, demo.case_id)
    form.children = [
        ChildEntry("Child A", "Jordan Realname", age="4", legal_status=LegalStatus.CHILD_IN_NEED),
        ChildEntry("Child B", "Casey Realname", dt.date(2024, 1, 5), sex="Female"),
    ]
    save(store, demo.case_id, form)
    decide_to_notify(store, meeting_id, demo)
    with store.session() as session:
        case = session.get_one(Case, demo.case_id)
        assert case.child_pseudonym == "Child A and Child B"
        assert [c.name for c in case.children] == ["Jordan Realname", "Casey Realname"]
        assert session.query(Case).count() == 1
        record = load_meeting_record(session, meeting_id)
    assert [(c.pseudonym, c.age) for c in record.children] == [
        ("Child A", "4"),
        ("Child B", "2 years"),  # from the date of birth, at the incident (28 Feb 2026)
    ]
    text = repr(build_minutes(record, generated_at=AT))
    assert "The children and the incident" in text
    assert "Child A and Child B" in text
    assert "Jordan Realname" not in text and "Casey Realname" not in text


def test_a_siblings_real_name_in_a_pseudonym_and_a_shared_pseudonym_are_refused(
    store: Store, demo: Demo
) -> None:
    form = form_of(store, demo.case_id)
    form.children = [
        ChildEntry("Child A", "Jordan Realname"),
        ChildEntry("Jordan's brother Casey Realname", "Casey Realname"),
        ChildEntry("child a"),
    ]
    with pytest.raises(CaseInvalid) as refused:
        save(store, demo.case_id, form)
    problems = {p.field: p.message for p in refused.value.problems}
    assert (
        problems["children[1].pseudonym"] == "The pseudonym must not contain a child's real name."
    )
    assert problems["children[2].pseudonym"] == "Two children share the pseudonym child a."
    with store.session() as session:  # nothing was saved
        assert [c.pseudonym for c in session.get_one(Case, demo.case_id).children] == ["Child A"]


def test_a_care_leavers_death_is_notified_up_to_and_including_age_24(
    store: Store, demo: Demo
) -> None:
    form = form_of(store, demo.case_id)
    form.kind = CaseKind.CARE_LEAVER_DEATH
    form.children = [ChildEntry("Young person A", date_of_birth=dt.date(2001, 2, 27))]  # 25
    with pytest.raises(CaseInvalid, match="up to and including age 24; Young person A was 25"):
        save(store, demo.case_id, form)
    form.children = [ChildEntry("Young person A", date_of_birth=dt.date(2001, 3, 1))]  # 24
    save(store, demo.case_id, form)


def test_a_notification_sent_before_the_meeting_is_the_cases_and_the_meeting_records_views(
    store: Store, demo: Demo, meeting_id: str
) -> None:
    # The LA could not wait: notified on Tue 3 Mar, the day before the meeting.
    form = form_of(store, demo.case_id)
    form.notification.notified_on = dt.date(2026, 3, 3)
    form.notification.panel_reference = "NP-26-0101"
    form.notification.notifier_name = "Priya Shah"
    save(store, demo.case_id, form)
    decide_to_notify(store, meeting_id, demo)  # decided on 4 Mar, after it was sent: accepted
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting.decision is not None
        assert meeting.decision.outcome is DecisionOutcome.NOTIFY
        assert meeting.case.notified_on == dt.date(2026, 3, 3)
        record = load_meeting_record(session, meeting_id)
    assert (record.notified_on, record.panel_reference) == (dt.date(2026, 3, 3), "NP-26-0101")
    text = repr(build_minutes(record, generated_at=AT))
    assert "Notified to the Child Safeguarding Practice Review Panel on" in text
    # 15 working days from Tue 3 Mar 2026: Tue 24 Mar.
    assert record.rapid_review_due == dt.date(2026, 3, 24)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2026, 2, 27), "The notification date (27/02/2026) is before the Local Authority"),
        (dt.date(2026, 3, 21), "The notification date (21/03/2026) is in the future."),
        (dt.date(1926, 3, 3), "The notification date (03/03/1926) is before the Local Authority"),
    ],
)
def test_a_notification_before_awareness_or_in_the_future_is_refused_naming_the_field(
    store: Store, demo: Demo, day: dt.date, message: str
) -> None:
    form = form_of(store, demo.case_id)
    form.notification.notified_on = day
    with pytest.raises(CaseInvalid) as refused:
        save(store, demo.case_id, form)
    assert [p.field for p in refused.value.problems] == ["notified_on"]
    assert message in refused.value.problems[0].message
    with store.session() as session:
        assert session.get_one(Case, demo.case_id).notified_on is None


def test_approved_minutes_keep_their_deadlines_when_settings_change_later(
    store: Store, demo: Demo, meeting_id: str
) -> None:
    form = form_of(store, demo.case_id)
    form.notification.notified_on = dt.date(2026, 3, 4)
    save(store, demo.case_id, form)
    conclude_and_approve(store, meeting_id, demo)
    with store.session() as session:
        before = load_meeting_record(session, meeting_id)
    assert before.rapid_review_due == dt.date(2026, 3, 25)  # 15 working days from Wed 4 Mar
    with store.session() as session:  # later: day 0 changed, a new bank holiday announced
        settings.put(session, RAPID_REVIEW_DAY_ZERO, RapidReviewDayZero.AWARENESS.value)
        session.add(ExtraHoliday(day=dt.date(2026, 3, 5), name="A new bank holiday"))
    with store.session() as session:
        after = load_meeting_record(session, meeting_id)
        case = session.get_one(Case, demo.case_id)
        from lscp_desktop.deadlines.statutory import case_deadlines

        now = case_deadlines(case, settings.deadline_rules(session))
    assert now.rapid_review_due != before.rapid_review_due  # the register moves on
    assert now.notification_due != before.notification_due
    assert (after.notification_due, after.rapid_review_due, after.partners_informed_due) == (
        before.notification_due,
        before.rapid_review_due,
        before.partners_informed_due,
    )
    assert repr(build_minutes(after, generated_at=AT)) == repr(
        build_minutes(before, generated_at=AT)
    )


def test_notification_details_follow_the_online_form_with_real_names_marked(
    store: Store, demo: Demo
) -> None:
    form = form_of(store, demo.case_id)
    form.children = [ChildEntry(f"Child {letter}", f"Name {letter}") for letter in "ABCDE"]
    form.notification.incident_time = "19:45"
    form.notification.outside_england = True
    save(store, demo.case_id, form)
    with store.session() as session:
        fields = notification_form(session, session.get_one(Case, demo.case_id))
    sections = list(dict.fromkeys(field.section for field in fields))
    assert sections == [
        "The notification",
        "Child 1",
        "Child 2",
        "Child 3",
        "Child 4",  # the online form takes four; the fifth goes in the outline
        "The incident",
        "The notifier",
        "Sent",
    ]
    names = [f for f in fields if f.label == "Name" and f.section.startswith("Child")]
    assert all(f.real_name for f in names)
    outline = next(f for f in fields if f.label == "Outline")
    assert "Further children affected: Name E" in outline.value and outline.real_name
    by_label = {(f.section, f.label): f.value for f in fields}
    assert by_label[("The incident", "Time")] == "19:45"
    assert by_label[("The incident", "Happened outside England")] == "Yes"
    assert by_label[("Sent", "Date the notification was sent")] == "Not yet sent"


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (CaseKind.LOOKED_AFTER_DEATH, "death of a looked-after child must be notified"),
        (CaseKind.CARE_LEAVER_DEATH, "Secretary of State and Ofsted"),
    ],
)
def test_a_death_of_these_kinds_cannot_be_decided_not_to_notify(
    store: Store, meeting_id: str, demo: Demo, kind: CaseKind, words: str
) -> None:
    from lscp_desktop.meeting import decision as meeting_decision

    with store.session() as session:
        session.get_one(Meeting, meeting_id).case.kind = kind
    for agency in ("CSWS", "Police"):
        hear(store, meeting_id, demo.agencies[agency], Opinion.DO_NOT_NOTIFY, "Not an SCSI.")
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.DO_NOT_NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            rationale="Not an SCSI: no abuse or neglect suspected.",
        )
        problems = meeting_decision.decision_problems(session.get_one(Meeting, meeting_id))
        assert any(words in p and "record 'Notify'" in p for p in problems), problems
        meeting_decision.set_decision(session, meeting_id, outcome=DecisionOutcome.NOTIFY)
        meeting = session.get_one(Meeting, meeting_id)
        # Notifying is required here: a partner's "do not notify" (not also an SCSI) is not
        # a differing view the decision-maker must answer.
        assert len(meeting.contributions) == 2
        assert meeting_decision.dissenters(meeting) == []
        assert meeting_decision.decision_problems(meeting) == []
