"""Shared fixtures: every standard directory and the database point into tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: widgets render offscreen, no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lscp_desktop.store.database import Store, open_store
from tests.postgres_server import (
    REQUIRE_VARIABLE,
    PostgresUnavailable,
    ThrowAwayPostgres,
    start_throw_away_server,
)
from tests.postgres_server import required as postgres_required

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's data directory or passphrase."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("LSCP_DESKTOP_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


def copy_store_files(template: Path, target: Path) -> None:
    """Copy the database at `template` and every file that travels with it (WAL, key file,
    seal, ...: whatever is named after it) to `target`, under `target`'s name.

    Only file names are relied on, not what is in them, so a change of key format or seal
    leaves this working as long as those files keep the database's name as their prefix.
    """
    for source in template.parent.iterdir():
        if source.is_file() and source.name.startswith(template.name):
            suffix = source.name[len(template.name) :]
            shutil.copy2(source, target.with_name(target.name + suffix))


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new store per test run, made by the public `open_store` (data key wrapped, schema
    migrated, directory seeded): the costly part of a store, paid once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "store.db"
    open_store(path, PASSPHRASE).close()
    return path


@pytest.fixture
def store(db_path: Path, store_template: Path) -> Iterator[Store]:
    """A fresh, empty store at `db_path`: a copy of the template, opened as a user would."""
    yield from _file_store(db_path, store_template)


def _file_store(db_path: Path, store_template: Path) -> Iterator[Store]:
    copy_store_files(store_template, db_path)
    opened = open_store(db_path, PASSPHRASE)
    yield opened
    opened.close()


def store_on(backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, empty store on `backend`: "file" (as `store` above) or "server" (a new database
    on the throw-away PostgreSQL, migrated, opened as the app opens a server). A directory's
    conftest overrides `store` with it to run its tests on both backends."""
    if backend == "file":
        yield from _file_store(
            request.getfixturevalue("db_path"), request.getfixturevalue("store_template")
        )
        return
    from lscp_desktop.store.server_store import open_server_store

    url = request.getfixturevalue("migrated_postgres_url")
    opened = open_server_store(url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowAwayPostgres]:
    """A throw-away PostgreSQL (tests/postgres_server.py) for the whole session, or a skip saying
    why there is none; with LSCP_REQUIRE_POSTGRES=1 (scripts/run-tests sets it, so CI) a
    missing server fails instead."""
    try:
        server = start_throw_away_server()
    except PostgresUnavailable as error:
        if postgres_required():
            pytest.fail(f"PostgreSQL is required here ({REQUIRE_VARIABLE}) but: {error}")
        pytest.skip(f"PostgreSQL tests skipped: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: ThrowAwayPostgres) -> Iterator[str]:
    """A new, empty database on the throw-away server, as a `postgresql://` URL; dropped after."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: ThrowAwayPostgres) -> str:
    """One database migrated to head by `lscp-desktop migrate`'s code and opened once (so
    seeded), per test session: each server test gets a copy (CREATE DATABASE ... TEMPLATE),
    not ten migrations and a seeding of its own."""
    from lscp_desktop.store import server
    from lscp_desktop.store.server_store import open_server_store

    name = postgres_server.create_database()
    server.migrate(postgres_server.url(name))
    open_server_store(postgres_server.url(name)).close()  # seeded as a first start seeds it
    with postgres_server.superuser_connection() as connection:  # a template has no sessions
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
    return name


@pytest.fixture
def migrated_postgres_url(
    postgres_server: ThrowAwayPostgres, postgres_template: str
) -> Iterator[str]:
    """A new database at the schema's head on the throw-away server, as a URL; dropped after."""
    name = postgres_server.create_database(template=postgres_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)
