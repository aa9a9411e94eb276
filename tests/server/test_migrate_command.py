"""`lscp-desktop migrate --db URL` (contract) and what `--db URL` does elsewhere so far."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from lscp_desktop.cli import main
from lscp_desktop.store.database import known_revisions
from lscp_desktop.store.server import ServerUrl, db_argument, redacted


def test_migrate_a_server_then_again(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    head = known_revisions()[-1]
    assert main(["migrate", "--db", postgres_url]) == 0
    assert f"schema none -> {head}." in capsys.readouterr().out
    assert main(["--db", postgres_url, "migrate"]) == 0  # --db before the command too
    assert f"schema {head}, already up to date." in capsys.readouterr().out
    with psycopg.connect(postgres_url) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)


def test_migrate_an_unreachable_server_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://officer:hunter2secret@/lscp?host=/nonexistent-socket-dir"
    assert main(["migrate", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "Cannot reach the server" in err
    assert "hunter2secret" not in err


def test_migrate_a_file_opens_it(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["migrate", "--db", str(db_path)]) == 0
    assert "schema up to date" in capsys.readouterr().out


def test_file_only_commands_refuse_a_server_naming_pg_dump(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql://officer:hunter2secret@db.council.example/lscp"
    for command in (["backup", "-o", "x.db"], ["restore", "x.db"], ["reseal"]):
        assert main([*command, "--db", url]) == 1
        err = capsys.readouterr().err
        assert f"'{command[0]}' is for a database file, not a server" in err
        assert "pg_dump" in err
        assert "hunter2secret" not in err


def test_an_unreachable_server_is_named_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql://officer:hunter2secret@db.invalid/lscp?connect_timeout=2"
    assert main(["list", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "Cannot reach the server postgresql://officer:***@db.invalid/lscp" in err
    assert "hunter2secret" not in err


def test_the_db_option_keeps_a_url_as_written() -> None:
    url = "postgresql://officer@db.council.example:5432/lscp?sslmode=verify-full"
    assert db_argument(url) == ServerUrl(url)
    assert str(db_argument(url)) == url
    assert db_argument("/data/lscp.db") == Path("/data/lscp.db")
    assert redacted("postgresql://u:pw@h/d") == "postgresql://u:***@h/d"
    assert "pw" not in repr(ServerUrl("postgresql://u:pw@h/d"))
