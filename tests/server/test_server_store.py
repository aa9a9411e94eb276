"""The whole app on a server: the store opened from a `postgresql://` URL, the raw-SQL reads of
the first screen, import/export, `check`, every command, the settings kept per person."""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from lscp_desktop.cases.detail import case_detail
from lscp_desktop.cases.register import register_rows
from lscp_desktop.cli import main
from lscp_desktop.deadlines.rules import read_deadline_rules
from lscp_desktop.interchange import export_document, import_document
from lscp_desktop.models import Case, ExtraHoliday
from lscp_desktop.settings import stored as settings
from lscp_desktop.store import server
from lscp_desktop.store.database import Store, StoreError
from lscp_desktop.store.remembered_server import remember, remembered
from lscp_desktop.store.server_check import check_server
from lscp_desktop.store.server_store import ServerStore, open_server_store, password_unlocks
from tests.interchange.documents import rich_document


def _import(store: Store) -> None:
    with store.session() as session:
        import_document(session, copy.deepcopy(rich_document()))


def test_the_first_screen_reads_the_same_on_both_stores(
    store: Store, server_store: ServerStore
) -> None:
    for each in (store, server_store):
        _import(each)
        with each.session() as session:
            session.add(ExtraHoliday(day=dt.date(2026, 1, 2), name="Council closure"))
    today = dt.date(2026, 1, 5)
    on_file = register_rows(store.connection, read_deadline_rules(store.connection), today)
    on_server = register_rows(
        server_store.connection, read_deadline_rules(server_store.connection), today
    )
    assert on_server == on_file
    assert on_server and all(isinstance(row.referral_received, dt.date) for row in on_server)
    assert dt.date(2026, 1, 2) in read_deadline_rules(server_store.connection).extra_holidays
    for row in on_file:
        detail = case_detail(server_store.connection, row.case_id)
        assert detail == case_detail(store.connection, row.case_id)
        assert detail is not None
        assert all(isinstance(line.held_at, dt.datetime) for line in detail.meetings)


def test_import_then_export_round_trips_on_a_server(server_store: ServerStore) -> None:
    _import(server_store)
    with server_store.reading() as session:
        exported = export_document(session)
    for case in exported["cases"]:
        case.pop("deadlines")
    original = rich_document()
    for case in original["cases"]:
        case.pop("deadlines", None)
    assert exported == original


def test_the_name_that_signs_is_each_persons_own_on_a_server(
    server_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "login_name", lambda: "pat")
    with server_store.session() as session:
        settings.put(session, settings.USER_NAME, "Pat Officer")
    monkeypatch.setattr(server, "login_name", lambda: "sam")
    assert settings.read(server_store.connection, settings.USER_NAME) == ""
    with server_store.session() as session:
        settings.put(session, settings.USER_NAME, "Sam Chair")
        assert settings.get(session, settings.USER_NAME) == "Sam Chair"
    monkeypatch.setattr(server, "login_name", lambda: "pat")
    assert settings.read(server_store.connection, settings.USER_NAME) == "Pat Officer"


def test_a_server_not_yet_migrated_is_refused_naming_migrate(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="lscp-desktop migrate --db URL"):
        open_server_store(postgres_url)


def test_a_newer_schema_is_refused(postgres_url: str) -> None:
    server.migrate(postgres_url)
    with psycopg.connect(postgres_url) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer version"):
        open_server_store(postgres_url)


def test_the_owner_role_works_with_a_warning_in_the_log(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    server.migrate(postgres_url)
    with caplog.at_level(logging.WARNING):
        open_server_store(postgres_url).close()
    assert "as the role owning the tables" in caplog.text


def test_check_passes_then_finds_what_was_done_below_the_app(
    server_store: ServerStore, postgres_url: str
) -> None:
    _import(server_store)
    report = check_server(postgres_url)
    assert report.problems == []
    assert any("foreign keys: all" in line for line in report.done)
    assert any("audit chain:" in line for line in report.done)
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("ALTER TABLE minute_items DISABLE TRIGGER lock_minute_items_update")
        connection.execute("UPDATE cases SET summary = 'edited by hand' WHERE id = 1")
    report = check_server(postgres_url)
    assert "approval lock: triggers disabled: lock_minute_items_update" in report.problems
    assert any("case 1: its content differs" in line for line in report.problems)
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("UPDATE audit_log SET detail = 'x' WHERE id = 2")
    assert any("audit row 2" in line for line in check_server(postgres_url).problems)


def test_every_command_on_a_server(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", postgres_url]
    assert main(["migrate", *db]) == 0
    assert main(["demo", *db]) == 0
    assert main(["cases", *db]) == 0
    assert "DEMO-" in capsys.readouterr().out
    assert main(["list", *db]) == 0
    meeting_id = capsys.readouterr().out.split("\t")[0]
    exported = tmp_path / "cases.json"
    assert main(["export-data", "-o", str(exported), *db]) == 0
    assert main(["import", "--replace", str(exported), *db]) == 0
    assert "replaced DEMO-" in capsys.readouterr().out
    assert main(["minutes", meeting_id, "-o", str(tmp_path / "m.docx"), *db]) == 0
    assert main(["decision-record", meeting_id, "-o", str(tmp_path / "d.pdf"), *db]) == 0
    report = tmp_path / "r.json"
    year = ["--from", "2000-01-01", "--to", "2100-12-31"]
    assert main(["report", *year, "--format", "json", "-o", str(report), *db]) == 0
    assert json.loads(report.read_text())["referrals"] == 1
    assert main(["check", *db]) == 0
    assert "No problems found." in capsys.readouterr().out
    assert (tmp_path / "m.docx").stat().st_size > 0
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")


def test_a_remembered_server_never_holds_a_password(tmp_path: Path) -> None:
    where = tmp_path / "server-url"
    with pytest.raises(StoreError, match="never writes one to disk"):
        remember("postgresql://pat:hunter2@db/lscp", where)
    with pytest.raises(StoreError, match="never writes one to disk"):
        remember("postgresql://pat@db/lscp?password=hunter2", where)
    assert not where.exists()
    remember("postgresql://pat@db/lscp?sslmode=verify-full", where)
    assert remembered(where) == "postgresql://pat@db/lscp?sslmode=verify-full"
    assert where.stat().st_mode & 0o077 == 0
    remember("", where)
    assert remembered(where) is None


def test_the_idle_lock_on_a_server_asks_the_server(postgres_url: str) -> None:
    # The throw-away server trusts its socket: any entry opens it, as docs/server.md warns
    # for certificate or Kerberos logins; an unreachable server never does.
    assert password_unlocks(postgres_url, "anything")
    assert not password_unlocks("postgresql://pat@/lscp?host=/nonexistent-socket", "secret")


def test_a_connection_the_server_dropped_is_made_again(
    server_store: ServerStore, postgres_url: str
) -> None:
    _import(server_store)
    with server_store.reading() as session:  # the ORM's pool holds a connection too
        session.execute(select(Case.id)).all()
    with psycopg.connect(postgres_url, autocommit=True) as admin:  # a server restart, say
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection = server_store.connection
    rows = register_rows(connection, read_deadline_rules(connection), dt.date(2026, 1, 5))
    assert rows
    with server_store.session() as session:
        session.scalars(select(Case)).first().summary = "Saved after the server came back."  # type: ignore[union-attr]
