from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lscp_desktop.models import (
    Action,
    ActionNote,
    Addendum,
    Case,
    Decision,
    Meeting,
    MinuteItem,
)
from lscp_desktop.models.enums import CaseStatus, MeetingStatus
from lscp_desktop.store import approval_lock
from lscp_desktop.store.database import MIGRATIONS_DIR, Store
from tests.store.records import add_meeting


def approve(store: Store, meeting_id: str = "m1") -> None:
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        # The last autosaved edit and the approval in one flush are accepted together.
        meeting.minutes[0].text = "Final wording agreed by the chair."
        meeting.status = MeetingStatus.APPROVED
        meeting.approved_by = "Pat Chair"
        meeting.approved_at = dt.datetime(2026, 1, 10, 12, 0)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE minute_items SET text = 'rewritten'",
        "DELETE FROM minute_items",
        "INSERT INTO minute_items (meeting_id, position, item, text) VALUES ('m1', 9, 'x', 'y')",
        "UPDATE contributions SET reasons = 'other reasons'",
        "DELETE FROM attendance",
        "UPDATE decisions SET rationale = 'a better rationale'",
        "UPDATE decisions SET dissent = 'none'",
        "UPDATE meetings SET held_at = '2026-01-01 09:00:00.000000'",
        "UPDATE meetings SET status = 'concluded'",
        "DELETE FROM meetings",
        "DELETE FROM cases",
    ],
)
def test_triggers_refuse_raw_sql_changes_to_approved_minutes(store: Store, statement: str) -> None:
    add_meeting(store)
    approve(store)
    with (
        pytest.raises(IntegrityError, match="approved minutes are locked"),
        store.engine.begin() as c,
    ):
        c.exec_driver_sql(statement)
    with store.session() as session:
        meeting = session.get_one(Meeting, "m1")
        assert meeting.minutes[0].text == "Final wording agreed by the chair."
        assert meeting.status == MeetingStatus.APPROVED


def test_the_app_cannot_change_approved_minutes_either(store: Store) -> None:
    add_meeting(store)
    approve(store)
    with pytest.raises(IntegrityError) as raised, store.session() as session:
        session.scalars(select(MinuteItem)).one().text = "quietly changed"
    assert approval_lock.is_locked_error(raised.value)


def test_follow_up_stays_editable_after_approval(store: Store) -> None:
    add_meeting(store)
    approve(store)
    with store.session() as session:
        decision = session.scalars(select(Decision)).one()
        case = session.scalars(select(Case)).one()
        case.notified_on = dt.date(2025, 12, 24)
        case.panel_reference = "NP-2025-123"
        decision.rationale_shared_on = dt.date(2025, 12, 24)
        action = session.scalars(select(Action)).one()
        action.notes.append(ActionNote(noted_on=dt.date(2026, 1, 2), text="Panel notified."))
        session.scalars(select(Case)).one().status = CaseStatus.RAPID_REVIEW
        meeting = session.get_one(Meeting, "m1")
        meeting.addenda.append(
            Addendum(added_at=dt.datetime(2026, 1, 12, 9), author="Pat Chair", text="Typo.")
        )
        meeting.current_step = "actions"
    with store.session() as session:
        assert session.scalars(select(Case.panel_reference)).one() == "NP-2025-123"


def test_a_whole_approved_case_can_still_be_deleted_and_reimported(store: Store) -> None:
    add_meeting(store)
    approve(store)
    with store.session() as session:
        session.delete(session.scalars(select(Case)).one())
    add_meeting(store)  # e.g. import --replace writing it back
    approve(store)
    with store.session() as session:
        assert session.get_one(Meeting, "m1").status == MeetingStatus.APPROVED
        count = session.connection().exec_driver_sql("SELECT count(*) FROM approval_lock_release")
        assert count.scalar() == 0  # the release never outlives a flush


def test_migration_creates_exactly_the_triggers_check_expects(store: Store) -> None:
    path = next((MIGRATIONS_DIR / "versions").glob("0002_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = [name for name, _statement in module.trigger_statements()]
    assert sorted(names) == sorted(approval_lock.TRIGGER_NAMES)
    with store.engine.connect() as connection:
        present = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).scalars()
        assert set(approval_lock.TRIGGER_NAMES) <= set(present)


def test_an_approved_rapid_reviews_cspr_decision_is_locked_but_the_panels_response_is_not(
    store: Store,
) -> None:
    from lscp_desktop.models import ReviewCriterion, ReviewOutcome
    from lscp_desktop.models.enums import (
        CsprCriterion,
        MeetingKind,
        PanelResponse,
        ReviewRecommendation,
    )

    add_meeting(store)
    with store.session() as session:
        meeting = session.get_one(Meeting, "m1")
        meeting.kind = MeetingKind.RAPID_REVIEW
        meeting.decision = None
        outcome = ReviewOutcome(
            recommendation=ReviewRecommendation.CSPR, rationale="Multi-agency learning."
        )
        outcome.criteria.append(
            ReviewCriterion(criterion=CsprCriterion.RECURRENT_THEMES, met=True, evidence="x")
        )
        meeting.review_outcome = outcome
    approve(store)
    for statement in (
        "UPDATE review_outcomes SET rationale = 'rewritten'",
        "UPDATE review_outcomes SET recommendation = 'no_cspr'",
        "UPDATE review_criteria SET met = 0",
        "DELETE FROM review_criteria",
        "INSERT INTO review_criteria (outcome_id, position, criterion, met, evidence) "
        "SELECT id, 1, 'improvements_needed', 1, 'x' FROM review_outcomes",
    ):
        with (
            pytest.raises(IntegrityError, match="approved minutes are locked"),
            store.engine.begin() as c,
        ):
            c.exec_driver_sql(statement)
    with store.session() as session:
        outcome = session.scalars(select(ReviewOutcome)).one()
        outcome.panel_response = PanelResponse.AGREES
        outcome.panel_response_on = dt.date(2026, 2, 2)
    with store.session() as session:
        outcome = session.scalars(select(ReviewOutcome)).one()
        assert outcome.rationale == "Multi-agency learning."
        assert outcome.panel_response is PanelResponse.AGREES
