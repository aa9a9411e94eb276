"""Roles: the owner migrates; the app's role, granted by `migrate --app-role`, owns nothing,
so it writes records but cannot drop the lock triggers or change or delete audit entries."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg
import pytest

from lscp_desktop.cli import main
from tests.postgres_server import ThrowAwayPostgres


@pytest.fixture
def app_url(postgres_server: ThrowAwayPostgres, postgres_url: str) -> str:
    """The URL of the same database, connecting as a role that owns nothing."""
    with postgres_server.superuser_connection() as connection:
        connection.execute("DROP ROLE IF EXISTS lscp_app")  # left by an earlier test's database
        connection.execute("CREATE ROLE lscp_app LOGIN")
    assert main(["migrate", "--db", postgres_url, "--app-role", "lscp_app"]) == 0
    return postgres_url.replace("postgresql://postgres@", "postgresql://lscp_app@", 1)


def test_the_app_role_writes_records(app_url: str) -> None:
    with psycopg.connect(app_url) as connection:
        connection.execute(
            "INSERT INTO agencies (name, short_name, partner_role) "
            "VALUES ('Health', 'Health', 'health')"
        )
        assert connection.execute("SELECT count(*) FROM agencies").fetchone() == (1,)


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TRIGGER lock_meetings_delete ON meetings",
        "ALTER TABLE meetings DISABLE TRIGGER ALL",
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "UPDATE alembic_version SET version_num = '0001'",
        "DROP TABLE cases CASCADE",
    ],
)
def test_the_app_role_cannot(app_url: str, statement: str) -> None:
    with (
        psycopg.connect(app_url) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute(statement)


def test_the_app_role_can_append_to_the_audit_log(app_url: str) -> None:
    with psycopg.connect(app_url) as connection:
        row = connection.execute(
            "SELECT has_table_privilege('audit_log', 'INSERT'), "
            "has_table_privilege('audit_log', 'SELECT')"
        ).fetchone()
    assert row == (True, True)


def test_an_unknown_role_is_refused(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--db", postgres_url, "--app-role", "nobody_here"]) == 1
    assert "There is no role 'nobody_here'" in capsys.readouterr().err


def test_app_role_on_a_file_is_refused(db_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--db", str(db_path), "--app-role", "x"]) == 1
    assert "--app-role is for a server" in capsys.readouterr().err


def test_the_whole_app_runs_as_the_app_role_without_the_owners_warning(
    app_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    db = ["--db", app_url]
    with caplog.at_level(logging.WARNING):
        assert main(["demo", *db]) == 0
        reference = capsys.readouterr().out.split()[-1]
        laptop = tmp_path / "laptop.db"
        assert main(["checkout", reference, "--to", str(laptop), *db]) == 0
        assert main(["checkin", reference, "--from", str(laptop), *db]) == 0
        assert main(["check", *db]) == 0
    assert "No problems found." in capsys.readouterr().out
    assert "owning the tables" not in caplog.text
