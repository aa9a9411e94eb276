"""The throw-away PostgreSQL the server tests run against: it starts, takes no TCP connections,
and gives each test its own empty database."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres_server import ThrowAwayPostgres


def test_each_test_gets_an_empty_database_on_a_socket(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as connection:
        version = connection.execute("SHOW server_version_num").fetchone()
        tables = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        listen = connection.execute("SHOW listen_addresses").fetchone()
    assert version is not None and int(version[0]) >= 150000
    assert tables == (0,)
    assert listen == ("",)


def test_a_database_is_dropped_after_its_test(postgres_server: ThrowAwayPostgres) -> None:
    name = postgres_server.create_database()
    postgres_server.drop_database(name)
    with postgres_server.superuser_connection() as connection:
        found = connection.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
    assert found == (0,)


def test_unaccent_is_available(postgres_url: str) -> None:
    """Debian's server package ships the contrib extensions search relies on."""
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        row = connection.execute("SELECT unaccent('Zoë Ångström')").fetchone()
    if row is None:
        pytest.fail("unaccent returned nothing")
    assert row[0] == "Zoe Angstrom"
