"""The same Alembic migrations make the schema on PostgreSQL, with the approval lock as
PL/pgSQL triggers refusing what SQLite's RAISE(ABORT) refuses."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lscp_desktop.models import Decision, Meeting
from lscp_desktop.models.enums import MeetingStatus
from lscp_desktop.store import approval_lock, server
from lscp_desktop.store.database import known_revisions
from tests.server.orm_on_server import OrmOnServer


def test_a_server_url_is_told_from_a_path() -> None:
    assert server.is_server_url("postgresql://lscp@db.council.example/lscp")
    assert server.is_server_url("POSTGRES://x/y")
    assert not server.is_server_url("/home/officer/lscp.db")
    assert not server.is_server_url("postgresql.db")
    assert server.sqlalchemy_url("postgresql://u@h/d?sslmode=verify-full").startswith(
        "postgresql+psycopg://u@h/d?sslmode=verify-full"
    )


def test_migrate_reaches_head_and_again_does_nothing(postgres_url: str) -> None:
    assert server.migrate(postgres_url) == (None, known_revisions()[-1])
    assert server.migrate(postgres_url) == (known_revisions()[-1], known_revisions()[-1])


def test_a_newer_schema_is_refused(postgres_url: str) -> None:
    server.migrate(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(server.StoreError, match="newer version"):
        server.migrate(postgres_url)


def test_an_unreachable_server_is_named(postgres_server: object) -> None:
    with pytest.raises(server.ServerUnreachable, match="Cannot reach the server"):
        server.migrate("postgresql://nobody@/x?host=/nonexistent-socket-dir")


def test_the_same_triggers_as_on_sqlite(on_server: OrmOnServer) -> None:
    with on_server.engine.connect() as connection:
        names = {
            str(row[0])
            for row in connection.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'lock_%%'"
            )
        }
    assert names == set(approval_lock.TRIGGER_NAMES)


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
        "UPDATE meetings SET held_at = '2026-01-01 09:00:00'",
        "UPDATE meetings SET quorum_reason = 'changed'",
        "UPDATE meetings SET status = 'concluded'",
        "DELETE FROM meetings",
        "DELETE FROM cases",
    ],
)
def test_triggers_refuse_raw_sql_changes_to_approved_minutes(
    on_server: OrmOnServer, statement: str
) -> None:
    with (
        pytest.raises(IntegrityError, match="approved minutes are locked"),
        on_server.engine.begin() as connection,
    ):
        connection.exec_driver_sql(statement)
    with on_server.session() as session:
        meeting = session.get_one(Meeting, "m1")
        assert meeting.status == MeetingStatus.APPROVED
        assert meeting.minutes[0].text == "Final wording agreed by the chair."


def test_follow_up_stays_editable(on_server: OrmOnServer) -> None:
    with on_server.session() as session:
        decision = session.scalars(select(Decision)).one()
        decision.rationale_shared_on = dt.date(2026, 1, 12)
    with on_server.session() as session:
        assert session.scalars(select(Decision)).one().rationale_shared_on == dt.date(2026, 1, 12)


def test_the_orm_is_refused_too_and_nothing_changes(on_server: OrmOnServer) -> None:
    with (
        pytest.raises(IntegrityError, match="approved minutes are locked"),
        on_server.session() as session,
    ):
        session.get_one(Meeting, "m1").minutes[0].text = "quietly rewritten"
    with on_server.session() as session:
        text = session.get_one(Meeting, "m1").minutes[0].text
    assert text == "Final wording agreed by the chair."
