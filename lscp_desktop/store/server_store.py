"""The store on a PostgreSQL server: the embedded Store's interface over the server's engine.

`open_server_store(url)` gives what `open_store(path, passphrase)` gives for a file, so every
command and the window use either the same way: `connection` for the raw-SQL reads of the first
screen (raw_sql.ServerConnection, autocommit, so each read sees what others committed),
`session()` and `reading()` for units of work, the same audit and approval-lock hooks.

What is the embedded store's only: no passphrase, key file, seal or backup file (the server's
backups are pg_dump's, see docs/server.md), no writer lock (the server has many writers; two
edits of one case are told apart by its version column). The audit chain is serialised on the
server (store/server.py) and never coalesced: the held-back row the embedded store keeps in
`settings` would be one row shared by every officer.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from lscp_desktop.store.database import Orm, Store, known_revisions
from lscp_desktop.store.errors import NewerDatabase, StoreError
from lscp_desktop.store.raw_sql import ServerConnection
from lscp_desktop.store.server import (
    NO_FILE_ON_SERVER,
    ServerUnreachable,
    redacted,
    server_engine,
)

__all__ = ["NO_FILE_ON_SERVER", "ServerStore", "open_server_store"]

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


@dataclass
class ServerStore(Store):
    """An open server store. `path` is the redacted URL, for messages only: nothing is written
    at it (`is_server` keeps the seal, backups and the writer lock away)."""

    is_server: ClassVar[bool] = True
    url: str = field(default="", repr=False)

    @property
    def where(self) -> str:
        return redacted(self.url)

    @property
    def orm(self) -> Orm:
        if self._orm is None:
            _attach(self)
        assert self._orm is not None
        return self._orm

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        from sqlalchemy.exc import DBAPIError, OperationalError

        try:
            with self.sessions.begin() as session:
                yield session
        except DBAPIError as error:
            if not isinstance(error, OperationalError):
                _raise_lease_refusal(error)
                raise
            if _connection_lost(error):
                raise ServerUnreachable(
                    f"The server {self.where} could not be reached: the last change was not "
                    f"saved ({_first_line(error.orig)}). It is kept on screen and saved when "
                    "the server answers again."
                ) from error
            raise

    @property
    def total_changes(self) -> int:
        return 0  # no backups of the app's on a server

    def _close_connection(self) -> None:
        try:
            if self.connection is not None:
                self.connection.close()
        finally:
            if self._orm is not None:
                self._orm.engine.dispose()


def _raise_lease_refusal(error: Any) -> None:
    """The server's lease triggers (migration 0010) said no: the app's error, their words."""
    words = _first_line(error.orig)
    if " is checked out to " in words:
        from lscp_desktop.store.leases import CaseCheckedOut

        raise CaseCheckedOut(f"{words}. Nothing was saved.") from error


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else "no reason given"


def _connection_lost(error: Any) -> bool:
    """SQLAlchemy says so when the driver's error means the connection is gone."""
    return bool(getattr(error, "connection_invalidated", False))


def password_unlocks(url: str, typed: str) -> bool:
    """The idle lock on a server: the typed text is the user's server password when the server
    accepts a new connection with it (the app keeps no passphrase of its own there)."""
    import psycopg

    try:
        psycopg.connect(url, password=typed, connect_timeout=10).close()
    except psycopg.Error:
        return False
    return True


def open_server_store(url: str, *, attach: bool = True) -> ServerStore:
    """Open the server at `url` (libpq's: the password from PGPASSWORD or ~/.pgpass, never
    written by the app). The schema must be this version's: an older one is migrated by the
    owner (`lscp-desktop migrate`), a newer one is refused; neither is touched here."""
    import psycopg

    where = redacted(url)
    try:
        raw = psycopg.connect(url, autocommit=True)
    except psycopg.Error as error:
        raise ServerUnreachable(f"Cannot reach the server {where}: {_first_line(error)}") from None
    connection = ServerConnection(raw, url)
    try:
        _refuse_other_schema(connection, where)
        _warn_if_owner(connection, where)
    except BaseException:
        raw.close()
        raise
    store = ServerStore(path=Path(where), connection=connection, url=url)
    if attach:
        try:
            _attach(store)
        except BaseException:
            raw.close()
            raise
    return store


def _refuse_other_schema(connection: ServerConnection, where: str) -> None:
    head = known_revisions()[-1]
    row = connection.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    current = None
    if row is not None and row[0]:
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        current = None if found is None else str(found[0])
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise NewerDatabase(
            f"The server {where} holds a schema ({current}) written by a newer version of "
            "LSCP Desktop; install that version to use it. Nothing was changed."
        )
    now = "no LSCP Desktop schema" if current is None else f"schema {current}"
    raise StoreError(
        f"The server {where} has {now}; this version needs {head}. The role owning the "
        f"tables brings it up to date with: lscp-desktop migrate --db URL (docs/server.md). "
        "Nothing was changed."
    )


def _warn_if_owner(connection: ServerConnection, where: str) -> None:
    """A one-role installation works, but then the app could drop its own lock triggers."""
    row = connection.execute(
        "SELECT tableowner = current_user FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'audit_log'"
    ).fetchone()
    if row is not None and row[0]:
        log.warning(
            "Connected to %s as the role owning the tables: the approval lock's triggers and "
            "the audit log are protected from the app only when it connects as a role that "
            "owns nothing (migrate --app-role, docs/server.md).",
            where,
        )


def _attach(store: ServerStore) -> None:
    from sqlalchemy.orm import sessionmaker

    import lscp_desktop.models
    from lscp_desktop.store import audit
    from lscp_desktop.store.seed import seed_new_database

    lscp_desktop.models.load_all()
    engine = server_engine(store.url)
    try:
        store._orm = Orm(engine, sessionmaker(engine, expire_on_commit=False))
        seed_new_database(store)
        audit.install(store)
    except BaseException:
        store._orm = None
        engine.dispose()
        raise
