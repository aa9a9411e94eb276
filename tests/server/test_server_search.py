"""Search on PostgreSQL: the app's own search() and rebuild_index() over migration 0009's
tsvector index find what FTS5 finds — every word, the last as a prefix, accents folded — and
never the child's real name."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from lscp_desktop.cases.search import CONTRIBUTION, MINUTES, rebuild_index, search
from lscp_desktop.models import Agency, Case, Child, Contribution, Meeting, MinuteItem
from lscp_desktop.models.enums import MeetingKind
from tests.server.orm_on_server import OrmOnServer


def _case_with_minutes(orm: OrmOnServer) -> None:
    with orm.session() as session:
        police = session.scalars(select(Agency).where(Agency.short_name == "Police")).one()
        case = Case(
            reference="LSCP-2023-017",
            child_pseudonym="Child Q",
            children=[Child(pseudonym="Child Q", name="Kayleigh Oduya")],
            referring_agency=police,
            referral_received=dt.date(2023, 2, 1),
            la_aware=dt.date(2023, 2, 1),
            summary="Infant admitted with a head injury; seen by the Café Zoë outreach team.",
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


def test_words_are_found_while_typing(empty_server: OrmOnServer) -> None:
    _case_with_minutes(empty_server)
    with empty_server.session() as session:
        results = search(session, "missed appoi")
        assert [(r.reference, r.child_pseudonym) for r in results] == [("LSCP-2023-017", "Child Q")]
        assert results[0].hits[0].source == MINUTES
        assert results[0].hits[0].meeting_id == "meet-1"
        assert "missed appointments" in results[0].hits[0].snippet
        assert [h.source for h in search(session, "domestic")[0].hits] == [CONTRIBUTION]
        assert search(session, "missed zebra") == []  # every word must appear


def test_accents_are_folded_both_ways(empty_server: OrmOnServer) -> None:
    _case_with_minutes(empty_server)
    with empty_server.session() as session:
        assert len(search(session, "cafe zoe")) == 1
        assert len(search(session, "Zoë")) == 1


def test_the_real_name_is_never_indexed(empty_server: OrmOnServer) -> None:
    _case_with_minutes(empty_server)
    with empty_server.session() as session:
        assert search(session, "Kayleigh") == []
        assert search(session, "Oduya") == []


def test_typed_operators_are_just_text(empty_server: OrmOnServer) -> None:
    _case_with_minutes(empty_server)
    with empty_server.session() as session:
        assert search(session, "missed & | ! ' :* (") != []
        assert search(session, "' OR 1=1 --") == []


def test_edits_and_deletes_keep_the_index_in_step(empty_server: OrmOnServer) -> None:
    _case_with_minutes(empty_server)
    with empty_server.session() as session:
        session.scalars(select(MinuteItem)).one().text = "Attendance at nursery improved."
    with empty_server.session() as session:
        assert search(session, "missed") == []
        assert len(search(session, "nursery")) == 1
        session.delete(session.scalars(select(Case)).one())
    with empty_server.session() as session:
        assert session.execute(text("SELECT count(*) FROM search_index")).scalar_one() == 0


def test_rebuild_gives_the_same_index(empty_server: OrmOnServer) -> None:
    _case_with_minutes(empty_server)
    query = text("SELECT rowid, body::text FROM search_index ORDER BY rowid")
    with empty_server.session() as session:
        before = session.execute(query).all()
        rebuild_index(session)
    with empty_server.session() as session:
        assert session.execute(query).all() == before
    assert len(before) == 3
