"""The case register: the next statutory deadline of every case, read in four queries."""

from __future__ import annotations

import datetime as dt
import gc
import uuid
from typing import Any

import pytest
from sqlalchemy import insert

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.cases.detail import case_detail, meeting_in_progress
from lscp_desktop.cases.editing import CaseForm
from lscp_desktop.cases.register import DeadlineKind, days_left_words, matching, register_rows
from lscp_desktop.deadlines.rules import RAPID_REVIEW_DAY_ZERO, read_deadline_rules
from lscp_desktop.models import Action, Case, Decision, Meeting, ReviewOutcome
from lscp_desktop.models.enums import (
    ActionStatus,
    CaseStatus,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    RapidReviewDayZero,
    ReviewRecommendation,
)
from lscp_desktop.settings import form as settings_form
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store

AWARE = dt.date(2025, 12, 22)  # the domain's worked example: a Monday before Christmas


def add_case(store: Store, reference: str, **changes: Any) -> int:
    with store.session() as session:
        agency = cases.agency_choices(session)[0].id
    form = CaseForm(
        reference=reference,
        children=[ChildEntry(pseudonym=changes.pop("pseudonym", "Child A"))],
        referring_agency_id=agency,
        referral_received=AWARE,
        la_aware=AWARE,
    )
    for name, value in changes.items():
        setattr(form, name, value)
    with store.session() as session:
        return cases.create_case(session, form, today=dt.date(2026, 6, 1))


def add_meeting(
    store: Store,
    case_id: int,
    *,
    kind: MeetingKind = MeetingKind.EXTRAORDINARY_RAG,
    status: MeetingStatus = MeetingStatus.CONCLUDED,
    held_on: dt.date = AWARE,
) -> str:
    meeting_id = uuid.uuid4().hex
    with store.session() as session:
        session.add(
            Meeting(
                id=meeting_id,
                case_id=case_id,
                kind=kind,
                status=status,
                held_at=dt.datetime.combine(held_on, dt.time(10)),
                started_at=dt.datetime.combine(held_on, dt.time(10)),
            )
        )
    return meeting_id


def register(store: Store, today: dt.date) -> list[Any]:
    return register_rows(store.connection, read_deadline_rules(store.connection), today)


def rows_on(store: Store, today: dt.date) -> dict[str, Any]:
    return {row.reference: row for row in register(store, today)}


def test_new_referral_is_due_for_notification_five_working_days_after_awareness(
    store: Store,
) -> None:
    add_case(store, "R-1")
    row = rows_on(store, dt.date(2025, 12, 29))["R-1"]
    assert (row.deadline_kind, row.deadline) == (DeadlineKind.NOTIFICATION, dt.date(2025, 12, 31))
    assert row.days_left == 2 and not row.overdue
    assert days_left_words(row.days_left) == "2 working days left"


def test_missed_notification_deadline_is_overdue(store: Store) -> None:
    add_case(store, "R-1")
    row = rows_on(store, dt.date(2026, 1, 5))["R-1"]
    # Wed 31 Dec to Mon 5 Jan: New Year's Day and the weekend are not working days.
    assert row.overdue and row.days_left == -2
    assert days_left_words(row.days_left) == "overdue by 2 working days"
    assert days_left_words(-1) == "overdue by 1 working day"
    assert days_left_words(1) == "1 working day left"


def test_an_extra_bank_holiday_moves_the_deadline(store: Store) -> None:
    add_case(store, "R-1")
    with store.session() as session:
        form = settings_form.load_form(session)
        form.extra_holidays = [settings_form.HolidayEntry(dt.date(2025, 12, 29), "Announced")]
        settings_form.save_form(session, form)
    assert rows_on(store, AWARE)["R-1"].deadline == dt.date(2026, 1, 2)


def test_decision_not_to_notify_stops_the_clock(store: Store) -> None:
    case_id = add_case(store, "R-1", status=CaseStatus.UNDER_CONSIDERATION)
    meeting_id = add_meeting(store, case_id)
    with store.session() as session:
        session.add(
            Decision(meeting_id=meeting_id, outcome=DecisionOutcome.DO_NOT_NOTIFY, decided_on=AWARE)
        )
    row = rows_on(store, AWARE)["R-1"]
    assert row.deadline_kind is None and row.deadline is None and row.days_left is None


def test_deferred_decision_leaves_the_notification_clock_running(store: Store) -> None:
    case_id = add_case(store, "R-1", status=CaseStatus.UNDER_CONSIDERATION)
    meeting_id = add_meeting(store, case_id)
    with store.session() as session:
        session.add(
            Decision(meeting_id=meeting_id, outcome=DecisionOutcome.DEFERRED, decided_on=AWARE)
        )
    assert rows_on(store, AWARE)["R-1"].deadline_kind is DeadlineKind.NOTIFICATION


def test_notified_case_is_due_a_rapid_review_from_the_day_notified_or_by_setting_day_0(
    store: Store,
) -> None:
    # The partners were told (their own deadline comes first until then: see below).
    case_id = add_case(
        store, "R-1", status=CaseStatus.NOTIFIED, partners_informed_on=dt.date(2025, 12, 23)
    )
    meeting_id = add_meeting(store, case_id)
    with store.session() as session:
        session.add(
            Decision(
                meeting_id=meeting_id,
                outcome=DecisionOutcome.NOTIFY,
                decided_on=AWARE,
            )
        )
        session.get_one(Case, case_id).notified_on = dt.date(2025, 12, 23)
    row = rows_on(store, AWARE)["R-1"]
    assert row.deadline_kind is DeadlineKind.RAPID_REVIEW
    assert row.deadline == dt.date(2026, 1, 16)  # 15 working days from Tue 23 Dec 2025
    with store.session() as session:
        settings.put(session, RAPID_REVIEW_DAY_ZERO, RapidReviewDayZero.AWARENESS.value)
    assert rows_on(store, AWARE)["R-1"].deadline == dt.date(2026, 1, 15)  # the worked example


def test_rapid_review_held_then_cspr_publication_is_due_in_six_months(store: Store) -> None:
    case_id = add_case(store, "R-1", status=CaseStatus.CSPR)
    review_id = add_meeting(
        store, case_id, kind=MeetingKind.RAPID_REVIEW, held_on=dt.date(2026, 1, 14)
    )
    with store.session() as session:
        session.add(
            ReviewOutcome(
                meeting_id=review_id,
                recommendation=ReviewRecommendation.CSPR,
                decided_on=dt.date(2026, 1, 31),
            )
        )
    row = rows_on(store, dt.date(2026, 2, 1))["R-1"]
    assert (row.deadline_kind, row.deadline) == (
        DeadlineKind.CSPR_PUBLICATION,
        dt.date(2026, 7, 31),
    )


def test_closed_and_not_notified_cases_have_nothing_due(store: Store) -> None:
    add_case(store, "R-1", status=CaseStatus.CLOSED)
    add_case(store, "R-2", status=CaseStatus.NOT_NOTIFIED)
    rows = rows_on(store, AWARE)
    assert rows["R-1"].deadline is None and rows["R-2"].deadline is None


def test_most_urgent_first_then_cases_with_nothing_due(store: Store) -> None:
    add_case(store, "Closed", status=CaseStatus.CLOSED)
    add_case(store, "Later", la_aware=dt.date(2025, 12, 23))
    add_case(store, "Sooner")
    assert [row.reference for row in register(store, AWARE)] == ["Sooner", "Later", "Closed"]


def test_search_matches_every_word_in_reference_pseudonym_or_agency() -> None:
    rows = [
        row_like("LSCP-1", "Child A", "Police", CaseStatus.REFERRED),
        row_like("LSCP-2", "Child B", "CSWS", CaseStatus.CLOSED),
    ]
    assert [r.reference for r in matching(rows, "child police")] == ["LSCP-1"]
    assert [r.reference for r in matching(rows, "CHILD")] == ["LSCP-1", "LSCP-2"]
    assert [r.reference for r in matching(rows, "", {CaseStatus.CLOSED})] == ["LSCP-2"]
    assert matching(rows, "nobody") == []


def row_like(reference: str, pseudonym: str, agency: str, status: CaseStatus) -> Any:
    from lscp_desktop.cases.register import RegisterRow

    return RegisterRow(
        1,
        reference,
        pseudonym,
        agency,
        status,
        AWARE,
        None,
        None,
        None,
        f"{reference}\n{pseudonym}\n{agency}".lower(),
    )


def test_ten_thousand_cases_are_read_in_four_queries_not_one_per_case(store: Store) -> None:
    if store.is_server:
        pytest.skip("counts the statements through SQLite's trace callback (the file's)")
    with store.session() as session:
        agency = cases.agency_choices(session)[0].id
        session.execute(
            insert(Case),
            [
                {
                    "reference": f"R-{number:05}",
                    "child_pseudonym": f"Child {number}",
                    "referring_agency_id": agency,
                    "referral_received": AWARE - dt.timedelta(days=number % 700),
                    "la_aware": AWARE - dt.timedelta(days=number % 700),
                    "status": CaseStatus.REFERRED if number % 50 == 0 else CaseStatus.CLOSED,
                }
                for number in range(10_000)
            ],
        )
    rules = read_deadline_rules(store.connection)
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)  # every statement SQLite runs
    try:
        rows = register_rows(store.connection, rules, AWARE)
    finally:
        store.connection.set_trace_callback(None)
    assert len(rows) == 10_000
    # The cases, the decisions, the Rapid Reviews held and the CSPRs: each one index read.
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4
    assert selects == statements[-4:]
    assert sum(row.deadline is not None for row in rows) == 200


def test_case_detail_lists_meetings_with_decisions_and_actions(store: Store) -> None:
    case_id = add_case(store, "R-1", summary="Admitted with injuries")
    meeting_id = add_meeting(store, case_id)
    with store.session() as session:
        session.add(
            Decision(meeting_id=meeting_id, outcome=DecisionOutcome.NOTIFY, decided_on=AWARE)
        )
        session.add(
            Action(
                meeting_id=meeting_id,
                description="Share the rationale",
                due=dt.date(2025, 12, 24),
                status=ActionStatus.OPEN,
            )
        )
    detail = case_detail(store.connection, case_id)
    assert detail is not None and detail.summary == "Admitted with injuries"
    assert detail.meetings[0].label == (
        "Extra-Ordinary RAG, 22/12/2025 10:00 (concluded)\nDecision: Notify (decided 22/12/2025)"
    )
    assert [(a.description, a.due) for a in detail.actions] == [
        ("Share the rationale", dt.date(2025, 12, 24))
    ]


def test_a_meeting_left_in_progress_is_found_for_reopening(store: Store) -> None:
    case_id = add_case(store, "R-1")
    add_meeting(store, case_id, status=MeetingStatus.CONCLUDED)
    assert rows_on(store, AWARE)  # a register with no running meeting
    assert meeting_in_progress(store.connection) is None
    running = add_meeting(store, case_id, status=MeetingStatus.IN_PROGRESS)
    assert meeting_in_progress(store.connection) == running


def test_reading_the_register_leaves_the_garbage_collector_as_it_found_it(store: Store) -> None:
    add_case(store, "R-1")
    assert gc.isenabled()
    assert [row.reference for row in register(store, AWARE)] == ["R-1"]
    assert gc.isenabled()
    gc.disable()
    try:
        register(store, AWARE)
        assert not gc.isenabled()
    finally:
        gc.enable()
