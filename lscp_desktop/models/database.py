"""Opening the encrypted store: SQLCipher connection, pragmas, schema version and migrations.

One writer connection (a StaticPool): SQLCipher's key derivation costs ~100 ms a connection,
and SQLite serialises writers anyway.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """The store cannot be opened or used; the message is meant for the user."""


class WrongPassphrase(StoreError):
    pass


class NewerDatabase(StoreError):
    pass


def known_revisions() -> list[str]:
    """Revision ids of the shipped migrations, oldest first, read from the file names.

    Reading names rather than importing Alembic keeps start-up fast when nothing needs doing.
    """
    return sorted(
        path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")
    )


def quote_key(passphrase: str) -> str:
    """The passphrase as an SQL string literal for PRAGMA key (no bound parameters there)."""
    return "'" + passphrase.replace("'", "''") + "'"


def connect_raw(path: Path, passphrase: str) -> Any:
    """A keyed SQLCipher DB-API connection with the store's pragmas, verified readable."""
    connection = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher logs decryption failures to stderr by default; the user gets our message.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {quote_key(passphrase)}")
        connection.execute("PRAGMA cipher_memory_security = OFF")
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as error:
            raise WrongPassphrase(
                f"Cannot open {path}: the passphrase is wrong or the file is not an "
                "LSCP Desktop database."
            ) from error
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA temp_store = MEMORY")  # nothing decrypted lands in temp files
        connection.execute("PRAGMA busy_timeout = 5000")
    except BaseException:
        connection.close()
        raise
    return connection


def schema_version(connection: Any) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlcipher.OperationalError:
        return None
    return None if row is None else str(row[0])


def backup_file(path: Path, suffix: str) -> Path:
    """A byte copy of the (encrypted) database beside it; the copy is just as encrypted."""
    target = path.with_name(f"{path.name}.{suffix}.bak")
    shutil.copy2(path, target)
    return target


@dataclass
class Store:
    """An open store: the engine and a factory of short-lived sessions."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path, passphrase: str, *, create: bool = True) -> Store:
    """Open (or create) the encrypted store at `path`, migrating it to the current schema."""
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(f"No database at {path}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connect_raw(path, passphrase)
    engine = create_engine(
        "sqlite://",
        module=sqlcipher,
        creator=lambda: connection,
        poolclass=StaticPool,
    )
    # The driver runs in autocommit mode (isolation_level=None) and SQLAlchemy says BEGIN
    # itself, taking the write lock up front so a transaction never fails half-way on a lock.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        _migrate(path, connection, engine)
        from lscp_desktop.seed import seed_new_database

        store = Store(path, engine, sessionmaker(engine, expire_on_commit=False))
        seed_new_database(store)
    except BaseException:
        engine.dispose()
        raise
    return store


def _migrate(path: Path, connection: Any, engine: Engine) -> None:
    known = known_revisions()
    head = known[-1]
    current = schema_version(connection)
    if current == head:
        return
    if current is not None and current not in known:
        raise NewerDatabase(
            f"{path} was written by a newer version of LSCP Desktop (schema {current}); "
            "install the newer version to open it. Nothing was changed."
        )
    if current is not None:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup_file(path, f"before-{head}")
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as sa_connection:
        config.attributes["connection"] = sa_connection
        command.upgrade(config, "head")


def is_sqlite_error(error: BaseException) -> bool:
    return isinstance(error, (sqlcipher.Error, sqlite3.Error))
