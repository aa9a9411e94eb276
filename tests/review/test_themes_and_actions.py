"""Learning themes and the action plan across all cases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lscp_desktop.models import Action, Agency, Case, Person, Theme
from lscp_desktop.models.enums import ActionStatus, DecisionOutcome
from lscp_desktop.review.action_plan import (
    ActionFilter,
    ActionPlanError,
    action_rows,
    add_progress_note,
    count_by_status,
    outstanding,
    set_status,
)
from lscp_desktop.review.themes import (
    ThemeError,
    add_theme,
    all_themes,
    delete_theme,
    rename_theme,
    set_case_themes,
    theme_counts,
)
from lscp_desktop.store.database import Store
from lscp_desktop.store.seed import THEMES
from tests.review.seed_period import add_case, add_decision_meeting

TODAY = dt.date(2026, 3, 2)


def test_theme_list_starts_with_the_domain_themes_and_can_be_edited(store: Store) -> None:
    with store.session() as session:
        assert {theme.name for theme in all_themes(session)} == set(THEMES)
        added = add_theme(session, "  Neurodiversity   and  SEND ")
        assert added.name == "Neurodiversity and SEND"
        with pytest.raises(ThemeError, match="already a theme called “Domestic abuse”"):
            add_theme(session, "domestic ABUSE")
        with pytest.raises(ThemeError, match="needs a name"):
            rename_theme(session, added.id, "   ")
        rename_theme(session, added.id, "SEND")
        delete_theme(session, added.id)
        assert "SEND" not in {theme.name for theme in all_themes(session)}


def _two_cases(store: Store) -> tuple[int, int]:
    with store.session() as session:
        police = session.scalars(select(Agency).where(Agency.short_name == "Police")).one()
        first = add_case(session, "LSCP-T001", police, dt.date(2025, 1, 6))
        second = add_case(session, "LSCP-T002", police, dt.date(2025, 6, 2))
        session.flush()
        return first.id, second.id


def test_business_unit_sees_which_themes_recur(store: Store) -> None:
    first_id, second_id = _two_cases(store)
    with store.session() as session:
        themes = {theme.name: theme.id for theme in all_themes(session)}
        first, second = session.get(Case, first_id), session.get(Case, second_id)
        assert first is not None and second is not None
        curiosity, abuse = themes["Professional curiosity"], themes["Domestic abuse"]
        set_case_themes(session, first, [curiosity, abuse, curiosity])
        set_case_themes(session, second, [abuse])
    with store.session() as session:
        counts = theme_counts(session, include_unused=False)
        assert [(count.name, count.cases) for count in counts] == [
            ("Domestic abuse", 2),
            ("Professional curiosity", 1),
        ]
        in_june = theme_counts(
            session, dt.date(2025, 6, 1), dt.date(2025, 6, 30), include_unused=False
        )
        assert [(count.name, count.cases) for count in in_june] == [("Domestic abuse", 1)]
        case = session.get(Case, first_id)
        assert case is not None
        assert [theme.name for theme in case.themes] == ["Professional curiosity", "Domestic abuse"]
        with pytest.raises(ThemeError, match="tagged on 2 cases"):
            delete_theme(session, abuse)
        delete_theme(session, abuse, untag_cases=True)
    with store.session() as session:
        assert session.get(Theme, abuse) is None
        case = session.get(Case, first_id)
        assert case is not None and [theme.name for theme in case.themes] == [
            "Professional curiosity"
        ]


def _actions(store: Store) -> dict[str, int]:
    first_id, second_id = _two_cases(store)
    with store.session() as session:
        police = session.scalars(select(Agency).where(Agency.short_name == "Police")).one()
        health = session.scalars(select(Agency).where(Agency.short_name == "Health (ICB)")).one()
        nurse = Person(name="Dana Designated-Nurse", agency=health)
        session.add(nurse)
        first, second = session.get(Case, first_id), session.get(Case, second_id)
        assert first is not None and second is not None
        one = add_decision_meeting(first, DecisionOutcome.NOTIFY, dt.date(2025, 1, 8))
        two = add_decision_meeting(second, DecisionOutcome.DO_NOT_NOTIFY, dt.date(2025, 6, 4))
        one.actions.extend(
            [
                Action(description="Strategy discussion", agency=police, due=dt.date(2026, 2, 20)),
                Action(description="GP records", owner=nurse, due=dt.date(2026, 4, 1)),
            ]
        )
        two.actions.append(
            Action(
                description="Share learning",
                agency=police,
                due=dt.date(2025, 7, 1),
                status=ActionStatus.DONE,
            )
        )
        session.flush()
        return {action.description: action.id for action in [*one.actions, *two.actions]} | {
            "police": police.id,
            "health": health.id,
            "first_case": first_id,
        }


def test_rag_sees_what_is_outstanding_with_whom_since_when(store: Store) -> None:
    ids = _actions(store)
    with store.session() as session:
        rows = outstanding(session, TODAY)
        assert [(row.description, row.agency, row.days_overdue) for row in rows] == [
            ("Strategy discussion", "Police", 10),
            ("GP records", "Health (ICB)", 0),  # agency taken from the owner
        ]
        assert rows[0].overdue and rows[0].open_since == dt.date(2025, 1, 8)
        assert rows[0].child_pseudonym == "Child 001" and rows[1].owner == "Dana Designated-Nurse"
        every = action_rows(session, TODAY)
        assert count_by_status(every) == {"open": 2, "overdue": 1, "done": 1, "cancelled": 0}
        police_only = action_rows(session, TODAY, ActionFilter(agency_id=ids["police"]))
        assert {row.description for row in police_only} == {"Strategy discussion", "Share learning"}
        done = action_rows(session, TODAY, ActionFilter(statuses=frozenset({ActionStatus.DONE})))
        assert [row.description for row in done] == ["Share learning"]
        one_case = action_rows(
            session, TODAY, ActionFilter(case_id=ids["first_case"], overdue_only=True)
        )
        assert [row.description for row in one_case] == ["Strategy discussion"]


def test_progress_notes_are_dated_and_kept_in_date_order(store: Store) -> None:
    ids = _actions(store)
    action_id = ids["Strategy discussion"]
    with store.session() as session:
        add_progress_note(session, action_id, dt.date(2026, 2, 25), "Chased the DI.", "BU officer")
        add_progress_note(session, action_id, dt.date(2026, 2, 10), "Date set.")
        with pytest.raises(ActionPlanError, match="Write the progress"):
            add_progress_note(session, action_id, dt.date(2026, 2, 25), "   ")
        with pytest.raises(ActionPlanError, match="future"):
            add_progress_note(session, action_id, dt.date.today() + dt.timedelta(days=1), "Soon.")
        set_status(session, action_id, ActionStatus.DONE)
    with store.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        assert [note.text for note in action.notes] == ["Date set.", "Chased the DI."]
        row = action_rows(session, TODAY, ActionFilter(case_id=ids["first_case"]))[-1]
        assert row.status is ActionStatus.DONE and not row.overdue
        assert (row.last_note, row.last_note_on) == ("Chased the DI.", dt.date(2026, 2, 25))
