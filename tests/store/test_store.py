from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from lscp_desktop.models import Agency, Theme
from lscp_desktop.models.enums import PartnerRole
from lscp_desktop.store.database import (
    NewerDatabase,
    Store,
    WrongPassphrase,
    known_revisions,
    open_store,
)
from tests.conftest import PASSPHRASE


def test_new_database_is_seeded_with_the_three_statutory_partners(store: Store) -> None:
    with store.session() as session:
        roles = {a.partner_role for a in session.scalars(select(Agency)) if a.is_statutory}
        themes = set(session.scalars(select(Theme.name)))
    assert roles == {PartnerRole.LOCAL_AUTHORITY, PartnerRole.POLICE, PartnerRole.HEALTH}
    assert "Professional curiosity" in themes


def test_deleted_seed_agency_does_not_come_back(db_path: Path) -> None:
    store = open_store(db_path, PASSPHRASE)
    with store.session() as session:
        session.delete(session.scalars(select(Agency).where(Agency.short_name == "YAS")).one())
    store.close()
    store = open_store(db_path, PASSPHRASE)
    with store.session() as session:
        assert session.scalars(select(Agency).where(Agency.short_name == "YAS")).first() is None
    store.close()


def test_database_file_is_not_plain_sqlite(store: Store, db_path: Path) -> None:
    store.close()
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_is_refused_clearly(
    store: Store, db_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    store.close()
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        open_store(db_path, "not the passphrase")
    assert capfd.readouterr().err == ""  # SQLCipher's own logging stays off stderr


def test_database_from_a_newer_version_is_refused_untouched(store: Store, db_path: Path) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version"):
        open_store(db_path, PASSPHRASE)
    assert db_path.read_bytes() == before


def test_migrations_are_found_without_importing_alembic() -> None:
    assert known_revisions()[0] == "0001"


def test_pragmas_for_durability(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_an_older_database_is_migrated_at_start_after_a_copy_is_taken(
    store: Store, db_path: Path
) -> None:
    from alembic import command
    from alembic.config import Config

    from lscp_desktop.store.database import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    store.close()
    reopened = open_store(db_path, PASSPHRASE)
    try:
        with reopened.engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar() == known_revisions()[-1]
    finally:
        reopened.close()
    copies = list(db_path.parent.glob(f"{db_path.name}.before-*.bak"))
    assert [copy.name for copy in copies] == [f"{db_path.name}.before-{known_revisions()[-1]}.bak"]
    assert not copies[0].read_bytes().startswith(b"SQLite format 3")
