"""Full-text search: minutes, contributions and decisions are found; the real name never is."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from lscp_desktop.cases.search import (
    CONTRIBUTION,
    DECISION,
    MINUTES,
    match_expression,
    rebuild_index,
    search,
)
from lscp_desktop.models import Agency, Case, Child, Contribution, Meeting, MinuteItem
from lscp_desktop.models.enums import DecisionOutcome, MeetingKind
from lscp_desktop.store.database import Store
from tests.review.seed_period import add_decision_meeting


def _case_with_minutes(store: Store) -> None:
    with store.session() as session:
        police = session.scalars(select(Agency).where(Agency.short_name == "Police")).one()
        case = Case(
            reference="LSCP-2023-017",
            child_pseudonym="Child Q",
            children=[Child(pseudonym="Child Q", name="Kayleigh Oduya")],
            referring_agency=police,
            referral_received=dt.date(2023, 2, 1),
            la_aware=dt.date(2023, 2, 1),
            summary="Infant admitted with a head injury.",
        )
        meeting = Meeting(
            id="meet-1", kind=MeetingKind.EXTRAORDINARY_RAG, held_at=dt.datetime(2023, 2, 3, 10)
        )
        meeting.minutes.append(
            MinuteItem(item="Discussion", text="The health visitor noted missed appointments.")
        )
        meeting.contributions.append(
            Contribution(agency=police, information="Officers attended a domestic incident.")
        )
        case.meetings.append(meeting)
        session.add(case)
        session.flush()
        add_decision_meeting(
            case, DecisionOutcome.NOTIFY, dt.date(2023, 2, 3)
        ).decision.rationale = (  # type: ignore[union-attr]
            "Neglect is suspected and the harm is serious."
        )


def test_minute_taker_finds_minutes_text_while_typing(store: Store) -> None:
    _case_with_minutes(store)
    with store.session() as session:
        results = search(session, "missed appoi")
    assert [(r.reference, r.child_pseudonym) for r in results] == [("LSCP-2023-017", "Child Q")]
    hit = results[0].hits[0]
    assert hit.source == MINUTES and hit.meeting_id == "meet-1"
    assert "missed appointments" in hit.snippet
    assert results[0].meeting_id == "meet-1"


def test_contributions_and_decisions_are_searchable(store: Store) -> None:
    _case_with_minutes(store)
    with store.session() as session:
        assert search(session, "domestic incident")[0].hits[0].source == CONTRIBUTION
        assert search(session, "neglect suspected")[0].hits[0].source == DECISION
        assert search(session, "LSCP-2023-017")[0].case_id


def test_the_childs_real_name_is_never_found(store: Store) -> None:
    _case_with_minutes(store)
    with store.session() as session:
        assert search(session, "Kayleigh") == []
        assert search(session, "Oduya") == []
        rebuild_index(session)
        assert search(session, "Kayleigh") == []
        assert search(session, "head injury")  # the rebuilt index still answers


def test_index_follows_edits_and_deletions(store: Store) -> None:
    _case_with_minutes(store)
    with store.session() as session:
        minute = session.scalars(select(MinuteItem)).one()
        minute.text = "The school raised a concern about bruising."
    with store.session() as session:
        assert search(session, "appointments") == []
        assert search(session, "bruising")
        session.delete(session.scalars(select(Case)).one())
    with store.session() as session:
        assert search(session, "bruising") == []
        remaining = session.execute(text("SELECT count(*) FROM search_index")).scalar()
        assert remaining == 0


def test_typed_punctuation_and_operators_are_plain_text(store: Store) -> None:
    _case_with_minutes(store)
    assert match_expression('  "NEAR( OR *') == '"NEAR"* AND "OR"*'
    assert match_expression("  ...  ") is None
    with store.session() as session:
        assert search(session, 'health" OR "x') == []  # every word must appear
        assert search(session, "health-visitor")
