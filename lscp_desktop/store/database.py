"""Opening the encrypted store: keys, SQLCipher connection, pragmas, checks and migrations.

One writer connection (a StaticPool): SQLite serialises writers anyway, and the single
connection is also what backups and the audit log write through.

The database is keyed with a random data key kept wrapped in `<db>.keys` (see keys.py).
`create_store` makes a new database and returns its recovery key, to be shown once;
`open_store` opens an existing one — or, for scripts and tests that need no recovery key,
creates a new one *without* a recovery key (one can be added later with
`recovery.replace_recovery_key`). Databases made before key files existed (keyed directly by
the passphrase) still open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import sqlcipher3.dbapi2 as sqlcipher

from lscp_desktop.store import file_modes, interrupted_restore, keys, writer_lock
from lscp_desktop.store.errors import (
    AuditEntriesMissing,
    DamagedDatabase,
    KeyFileDamaged,
    NewerDatabase,
    StorageFull,
    StorageReadOnly,
    StoreBusy,
    StoreError,
    WrongPassphrase,
    WrongRecoveryKey,
)
from lscp_desktop.store.writer_lock import DatabaseInUse, WriterLock

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "AuditEntriesMissing",
    "DamagedDatabase",
    "DatabaseInUse",
    "KeyFileDamaged",
    "NewerDatabase",
    "StorageFull",
    "StorageReadOnly",
    "Store",
    "StoreBusy",
    "StoreError",
    "WrongPassphrase",
    "WrongRecoveryKey",
    "create_store",
    "open_store",
]

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "models" / "migrations"
# How long a unit of work waits for another connection's write lock before saying so.
BUSY_TIMEOUT_MS = 5000


def known_revisions() -> list[str]:
    """Revision ids of the shipped migrations, oldest first, read from the file names.

    Reading the files' `revision` lines rather than importing Alembic keeps start-up fast when
    nothing needs doing; a revision id need not be its file name's number ("0006_something").
    """
    paths = sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))
    return [_revision_id(path) for path in paths]


_REVISION = re.compile(r'^revision: str = "([^"]+)"', re.MULTILINE)


def _revision_id(path: Path) -> str:
    """The file's `revision` id (e.g. "0005"), else the number its name starts with."""
    found = _REVISION.search(path.read_text(encoding="utf-8"))
    return found.group(1) if found else path.name.split("_", 1)[0]


def quote_key(passphrase: str) -> str:
    """The passphrase as an SQL string literal for PRAGMA key (no bound parameters there)."""
    return "'" + passphrase.replace("'", "''") + "'"


def unlock_key(path: Path, passphrase: str, *, upgrade: bool = True) -> str:
    """The PRAGMA key literal that opens `path`: its unwrapped data key, or (old files) the
    passphrase itself. Raises WrongPassphrase before SQLCipher is asked anything. An old key
    file is saved upgraded unless `upgrade` is false (a backup's, which is only ever read)."""
    key_file = keys.key_file_path(path)
    if not key_file.exists():
        return quote_key(passphrase)
    try:
        if upgrade:
            data_key = keys.unlock_key_file(key_file, passphrase)
        else:
            data_key = keys.read_key_file(key_file).unlock(passphrase)
    except keys.WrongSecret:
        raise WrongPassphrase(
            f"Cannot open {path}: the passphrase is wrong. Nothing was changed."
        ) from None
    except keys.KeyFileError as error:
        raise key_file_fault(path, str(error)) from None
    return keys.sql_key(data_key)


def key_file_fault(path: Path, problem: str) -> KeyFileDamaged:
    """A key-file fault in one line, with where to take the key material from instead."""
    from lscp_desktop.store.backups import newest_key_material

    spare = newest_key_material(path)
    hint = (
        f" The newest backup, {spare}, holds the key material: the app offers to put it beside "
        "the database (the faulty key file is kept aside); open with that backup's passphrase."
        if spare is not None
        else " No backup with key material was found."
    )
    return KeyFileDamaged(
        f"Cannot open {path}: {problem} Nothing was changed.{hint}", newest_backup=spare
    )


def verify_passphrase(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` unlocks the database at `path` (for the lock screen)."""
    try:
        key = unlock_key(path, passphrase)
        if keys.key_file_path(path).exists():
            return True
        connect_keyed(path, key, key_file_used=False).close()
    except StoreError:
        return False
    return True


def storage_error(path: Path, error: BaseException) -> StoreError | None:
    """A user-facing error for a full disk or an unwritable folder; None for anything else."""
    text = str(error).lower()
    if "disk i/o error" in text and _nearly_full(path.parent):
        # Opening in WAL mode on a full disk cannot make its -shm file: SQLite says only
        # "disk I/O error", which read as a damaged database would send the user the wrong way.
        text = "disk is full"
    if "database is locked" in text or "database is busy" in text:
        return StoreBusy(
            f"{path.name} is busy: another program kept it locked for writing for more than "
            f"{BUSY_TIMEOUT_MS // 1000} seconds, so the change was not saved. Try again when "
            "it has finished."
        )
    if "disk is full" in text or "no space" in text:
        return StorageFull(
            f"The disk holding {path.parent} is full: the last change was not saved. "
            "Free some space; the change is kept on screen and saved then."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageReadOnly(
            f"The data folder {path.parent} cannot be written to (read-only or no "
            "permission): the last change was not saved."
        )
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def connect_keyed(path: Path, key: str, *, key_file_used: bool) -> Any:
    """A keyed SQLCipher DB-API connection with the store's pragmas, verified readable."""
    try:
        connection = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    except sqlcipher.Error as error:
        raise storage_error(path, error) or StoreError(f"Cannot open {path}: {error}") from None
    try:
        # SQLCipher logs decryption failures to stderr by default; the user gets our message.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {key}")
        connection.execute("PRAGMA cipher_memory_security = OFF")
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as error:
            translated = storage_error(path, error)
            if translated is not None:  # e.g. a read-only folder cannot hold the -shm file
                raise translated from None
            if key_file_used:
                # The key file's tag proved the passphrase right, so the file is at fault.
                raise DamagedDatabase(
                    f"Cannot open {path}: the passphrase is right but the database cannot be "
                    "decrypted — the file is damaged (or the key file beside it belongs to "
                    "another database). Nothing was changed."
                ) from None
            raise WrongPassphrase(
                f"Cannot open {path}: the passphrase is wrong or the file is not an "
                "LSCP Desktop database. Nothing was changed."
            ) from error
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA temp_store = MEMORY")  # nothing decrypted in temp files
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlcipher.Error as error:
            raise storage_error(path, error) or StoreError(f"Cannot open {path}: {error}") from None
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


def is_current(connection: Any) -> bool:
    """Whether the database's schema is this version's newest (nothing to migrate)."""
    return schema_version(connection) == known_revisions()[-1]


def backup_file(path: Path, suffix: str) -> Path:
    """A byte copy of the (encrypted) database and its key file beside it; just as encrypted."""
    target = path.with_name(f"{path.name}.{suffix}.bak")
    shutil.copy2(path, target)
    file_modes.owner_only_file(target)
    key_file = keys.key_file_path(path)
    if key_file.exists():
        shutil.copy2(key_file, keys.key_file_path(target))
        file_modes.owner_only_file(keys.key_file_path(target))
    return target


@dataclass(frozen=True)
class Orm:
    """SQLAlchemy's side of a store: the engine over the store's one connection, and sessions."""

    engine: Engine
    sessions: sessionmaker[Session]


@dataclass
class Store:
    """An open store: its keyed connection, and the engine and session factory on top of it.

    SQLAlchemy is attached on first use of `orm` (or `session()`), not when the file is opened:
    the app's window reads its register straight from `connection` and goes up while
    SQLAlchemy loads beside it. `open_store` attaches at once unless asked not to.
    """

    # A server store (server_store.ServerStore) has no file, key, seal or backups.
    is_server: ClassVar[bool] = False

    path: Path
    # The PRAGMA key literal, for writing backups under the same key.
    key: str = field(default="", repr=False)
    connection: Any = field(default=None, repr=False)
    # Bookkeeping for backups.backup_due: when the last backup was taken, and how many
    # changes the connection had made by then.
    last_backup_at: dt.datetime | None = None
    changes_at_last_backup: int = 0
    # audit.Coalescing: which audit rows are held back (audit.install sets it).
    audit_state: Any = field(default=None, repr=False)
    # The OS lock making this the database's one writer (None: opened to read only).
    writer: WriterLock | None = field(default=None, repr=False)
    _orm: Orm | None = field(default=None, repr=False)
    # Set by reading(): the next BEGIN is deferred, not IMMEDIATE.
    _reading: bool = field(default=False, repr=False)

    @property
    def orm(self) -> Orm:
        """The engine and sessions, attached (and the database seeded if new) on first use."""
        if self._orm is None:
            _attach_orm(self)
        assert self._orm is not None
        return self._orm

    @property
    def where(self) -> str:
        """The store as messages name it: the file, or the server's URL without a password."""
        return str(self.path)

    @property
    def orm_attached(self) -> bool:
        return self._orm is not None

    @property
    def engine(self) -> Engine:
        return self.orm.engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.orm.sessions

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        A full disk or an unwritable folder raises StorageFull / StorageReadOnly, whose
        message can be shown as it is; nothing of the unit of work is kept.
        """
        sessions = self.sessions
        from sqlalchemy.exc import DBAPIError  # loaded with the ORM: a dictionary lookup here

        try:
            with sessions.begin() as session:
                yield session
        except DBAPIError as error:
            translated = storage_error(self.path, error)
            if translated is None:
                raise
            raise translated from error

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: a deferred BEGIN, so it takes no write lock (in
        WAL mode it waits on no writer and holds none up), and it is rolled back at the end.
        A change made in it is a mistake in the code and raises rather than being lost."""
        sessions = self.sessions
        self._reading = True
        try:
            with sessions() as session:
                try:
                    yield session
                    if session.new or session.dirty or session.deleted:
                        raise RuntimeError("a reading unit of work changed the records")
                finally:
                    session.rollback()
        finally:
            self._reading = False

    @property
    def total_changes(self) -> int:
        return int(self.connection.total_changes) if self.connection is not None else 0

    def close(self) -> None:
        try:
            self._close_connection()
        finally:
            if self.writer is not None:
                self.writer.release()  # only once the file is no longer written

    def _close_connection(self) -> None:
        if self._orm is None:
            self.connection.close()
            return
        from sqlalchemy.exc import DBAPIError

        from lscp_desktop.store import audit

        with contextlib.suppress(StoreError, DBAPIError):
            audit.settle(self)  # write the audit rows held back by coalescing
        self._orm.engine.dispose()


def create_store(path: Path, passphrase: str) -> tuple[Store, str]:
    """Create a new database with a recovery key; returns the store and the key to show once."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"{path} already exists; nothing was changed.")
    lock = _lock_for_creating(path)
    try:
        store, recovery_key = _create(path, passphrase, with_recovery_key=True)
    except BaseException:
        lock.release()
        raise
    store.writer = lock
    assert recovery_key is not None
    return store, recovery_key


def _lock_for_creating(path: Path) -> WriterLock:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(path, error) or StoreError(f"Cannot create {path}: {error}") from None
    lock = writer_lock.acquire(path)
    if path.exists():  # another process created it a moment ago
        lock.release()
        raise StoreError(f"{path} already exists; nothing was changed.")
    return lock


def open_store(
    path: Path,
    passphrase: str,
    *,
    create: bool = True,
    check: bool = True,
    attach: bool = True,
    key: str | None = None,
    lock: bool = True,
    held_lock: WriterLock | None = None,
) -> Store:
    """Open the encrypted store at `path`, checked and migrated to the current schema.

    A missing file is created when `create` is true — without a recovery key (use
    create_store when one should be shown to the user). `check=False` leaves the quick_check
    to the caller, who must run it (the GUI does, on a second connection, once the window is
    up: on years of records it reads the whole file, seconds the chair should not wait).
    `attach=False` leaves SQLAlchemy unloaded until the store's ORM is first used, when the
    schema is current; a file that needs migrating is migrated (so attached) now.
    `key` is the PRAGMA key literal when already unwrapped (unlock_key, run earlier).

    `lock` takes the database's writer lock (writer_lock.py) first, or raises DatabaseInUse:
    every process that changes the store takes it; `lock=False` is for reading only.
    `held_lock` is a writer lock the caller already holds (restore), kept by the store.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError(f"No database at {path}.")
        creator = held_lock or _lock_for_creating(path)
        try:
            store = _create(path, passphrase, with_recovery_key=False)[0]
        except BaseException:
            creator.release()
            raise
        store.writer = creator
        return store
    _refuse_empty(path)
    file_modes.tighten(path)  # files made by older versions, or copied in, under any umask
    _remove_stale_temporaries(path)
    writer: WriterLock | None = held_lock or (writer_lock.acquire(path) if lock else None)
    try:
        if writer is not None:
            interrupted_restore.finish_files(path)
        if key is None:
            key = unlock_key(path, passphrase)
        key_file_used = keys.key_file_path(path).exists()
        try:
            store = _open(
                path,
                key,
                key_file_used=key_file_used,
                new=False,
                check=check,
                attach=attach,
                writer=writer,
            )
        except WrongPassphrase:
            if key_file_used:
                raise
            # Only stores from before key files open without one: for any other, the key
            # file was lost, and blaming the passphrase would send the user the wrong way.
            name = keys.key_file_path(path).name
            raise key_file_fault(
                path, f"its key file {name} is missing, so the passphrase cannot be checked."
            ) from None
    except BaseException:
        if writer is not None:
            writer.release()
        raise
    return store


def _remove_stale_temporaries(path: Path) -> None:
    from lscp_desktop.files.stale_temporaries import remove_stale

    remove_stale(path.parent)
    remove_stale(path.parent / "backups")


def _refuse_empty(path: Path) -> None:
    """A file that exists is never re-created: SQLite would take a zero-length file for a new
    database, and the records it should hold would silently start again from nothing."""
    if path.is_file() and path.stat().st_size == 0:
        from lscp_desktop.store.backups import list_backups

        newest = list_backups(path)
        offer = f"The newest backup is {newest[0].path}." if newest else "No backup was found."
        raise DamagedDatabase(
            f"{path} is empty (0 bytes): it is not opened, and not re-created as a new "
            f"database. Nothing was changed. {offer}",
            newest_backup=newest[0].path if newest else None,
        )


def _create(path: Path, passphrase: str, *, with_recovery_key: bool) -> tuple[Store, str | None]:
    from lscp_desktop.store.passphrase import too_short

    # Here, so that the rule holds however the passphrase came (dialog, terminal, environment).
    if (refusal := too_short(passphrase)) is not None:
        raise StoreError(f"{refusal} Nothing was created.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key_file = keys.key_file_path(path)
        if key_file.exists():
            # A key file with no database beside it: keep it aside rather than overwrite it.
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            key_file.rename(key_file.with_name(f"{key_file.name}.orphan-{stamp}"))
        data_key = keys.new_data_key()
        key_material, recovery_key = keys.create_key_file(
            data_key, passphrase, with_recovery_key=with_recovery_key
        )
        # The key file first: a database never exists without the key that opens it.
        keys.write_key_file(key_file, key_material)
    except OSError as error:
        raise storage_error(path, error) or StoreError(f"Cannot create {path}: {error}") from None
    store = _open(path, keys.sql_key(data_key), key_file_used=True, new=True)
    # SQLite makes the -wal and -shm files with the database file's mode: set it at once.
    file_modes.tighten(path)
    return store, recovery_key


def _open(
    path: Path,
    key: str,
    *,
    key_file_used: bool,
    new: bool,
    check: bool = True,
    attach: bool = True,
    writer: WriterLock | None = None,
) -> Store:
    try:
        connection = connect_keyed(path, key, key_file_used=key_file_used)
    except DamagedDatabase as error:
        from lscp_desktop.store.backups import newest_good_backup, own_key_material

        # The key file opened with the passphrase but its key does not open the file: if the
        # database's own backups carry other key material, the key file is another database's.
        own = own_key_material(path) if key_file_used else None
        if own is not None:
            raise key_file_fault(
                path,
                f"its key file {keys.key_file_path(path).name} belongs to another database "
                "(the passphrase opens it, but its key does not open this file).",
            ) from None
        backup = newest_good_backup(path, key)
        raise DamagedDatabase(f"{error} {_offer(backup)}", newest_backup=backup) from None
    current = None
    try:
        if not new and check:
            _quick_check(path, connection, key)
        if not new:
            current = schema_version(connection)
            _refuse_newer(path, current)
            _compare_with_seal(path, connection, key)
    except BaseException:
        connection.close()
        raise
    store = Store(path, key, connection, writer=writer)
    if attach or new or current != known_revisions()[-1]:
        try:
            _attach_orm(store)
        except BaseException:
            connection.close()  # nothing was opened, as before
            raise
    return store


def load_orm() -> None:
    """Import SQLAlchemy, every model (mappers configured) and what attaching uses.

    Pure Python and thread-safe: the GUI runs it in a thread beside the window, so that
    attaching the ORM afterwards on the GUI thread costs only the engine and one query.
    """
    from sqlalchemy.orm import configure_mappers

    import lscp_desktop.models
    import lscp_desktop.store.audit
    import lscp_desktop.store.seed

    lscp_desktop.models.load_all()
    configure_mappers()


def _attach_orm(store: Store) -> None:
    """Put SQLAlchemy on the store's connection: migrate if needed, seed once, audit.

    On failure the connection stays open and usable (the window may be reading through it
    already) and nothing is attached, so a later use tries again: e.g. another program held
    the write lock for longer than the busy timeout.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import sessionmaker
    from sqlalchemy.pool import StaticPool

    import lscp_desktop.models
    from lscp_desktop.store import audit
    from lscp_desktop.store.seed import seed_new_database

    lscp_desktop.models.load_all()  # every mapper, before the first query configures them
    connection = store.connection
    engine = create_engine(
        "sqlite://",
        module=sqlcipher,
        creator=lambda: connection,
        poolclass=StaticPool,
    )
    # The driver runs in autocommit mode (isolation_level=None) and SQLAlchemy says BEGIN
    # itself: a unit of work that writes takes the write lock up front, so it never fails
    # half-way on a lock; one that only reads (Store.reading) takes none.
    event.listen(
        engine,
        "begin",
        lambda conn: conn.exec_driver_sql("BEGIN" if store._reading else "BEGIN IMMEDIATE"),
    )
    try:
        upgrade = _migrate(store.path, connection, engine)
        store._orm = Orm(engine, sessionmaker(engine, expire_on_commit=False))
        seed_new_database(store)
        audit.install(store)
        if upgrade.added:
            audit.record_schema_upgrade(store, known_revisions()[-1], upgrade.added)
        if upgrade.moved:
            audit.record_moved_rows(store, known_revisions()[-1], upgrade.moved)
        if store.writer is not None:
            audit.recover_held(store)
            interrupted_restore.record_pending(store)
    except DBAPIError as error:
        _detach(store, engine)
        raise storage_error(store.path, error) or StoreError(
            f"Cannot open {store.path}: {error.orig}"
        ) from None
    except BaseException:
        _detach(store, engine)
        raise


def _detach(store: Store, engine: Engine) -> None:
    """Undo a failed attach, leaving the store's connection open and out of any transaction."""
    store._orm = None
    engine.dispose(close=False)  # a StaticPool would otherwise close the store's connection
    if store.connection.in_transaction:
        store.connection.rollback()


def quick_check_aside(path: Path, key: str) -> None:
    """The start-up quick_check on a connection of its own, so it can run off the GUI thread.

    Raises DamagedDatabase (naming the newest good backup) as opening with the check would.
    """
    connection = connect_keyed(path, key, key_file_used=True)
    try:
        _quick_check(path, connection, key)
    finally:
        connection.close()


def _quick_check(path: Path, connection: Any, key: str) -> None:
    """Refuse to open a damaged file silently: name the newest backup that passes its check."""
    try:
        rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check").fetchall()]
    except sqlcipher.DatabaseError as error:
        translated = storage_error(path, error)
        if translated is not None:  # a full disk is not a damaged database
            raise translated from None
        rows = [str(error)]
    if rows == ["ok"]:
        return
    from lscp_desktop.store.backups import newest_good_backup

    backup = newest_good_backup(path, key)
    raise DamagedDatabase(
        f"{path} failed its check at start ({rows[0]}). Nothing was changed. {_offer(backup)}",
        newest_backup=backup,
    )


def _compare_with_seal(path: Path, connection: Any, key: str) -> None:
    """At every open: are all the audit entries the seal vouches for still there? If not,
    committed changes were lost since (a damaged WAL drops them silently): say so at once."""
    from lscp_desktop.store import seal  # not audit: no SQLAlchemy before the window is up
    from lscp_desktop.store.seal_key import seal_key_for

    try:
        missing = seal.missing_entries(connection, seal.read_seal(path, seal_key_for(key)))
    except sqlcipher.OperationalError:  # no audit log yet (a database being created)
        return
    if missing is None:
        return
    from lscp_desktop.store.backups import newest_good_backup

    backup = newest_good_backup(path, key)
    raise AuditEntriesMissing(
        f"Changes saved to {path} are missing: {missing}. The database was not opened and "
        f"nothing was changed. {_offer(backup)}",
        newest_backup=backup,
    )


def _offer(backup: Path | None) -> str:
    if backup is None:
        return "No good backup was found."
    return f"The newest good backup is {backup}."


def _refuse_newer(path: Path, current: str | None) -> None:
    """A schema this version does not know was written by a newer one: never touch it."""
    if current is not None and current not in known_revisions():
        raise NewerDatabase(
            f"{path} was written by a newer version of LSCP Desktop (schema {current}); "
            "install the newer version to open it. Nothing was changed."
        )


@dataclass(frozen=True)
class SchemaUpgrade:
    """What an upgrade did to the tables, so the audit log can record it.

    `added`: new columns by table (`check` then compares older rows on their older columns).
    `moved`: tables that lost columns or were created holding rows: their rows' content
    changed below the app, so the upgrade records each row's new content.
    """

    added: dict[str, list[str]] = field(default_factory=dict)
    moved: set[str] = field(default_factory=set)


def _migrate(path: Path, connection: Any, engine: Engine) -> SchemaUpgrade:
    """Bring the schema to head; returns what the upgrade changed (see SchemaUpgrade)."""
    known = known_revisions()
    head = known[-1]
    current = schema_version(connection)
    if current == head:
        return SchemaUpgrade()
    _refuse_newer(path, current)
    before: dict[str, set[str]] = {}
    if current is not None:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup_file(path, f"before-{head}")
        before = _columns(connection)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as sa_connection:
        config.attributes["connection"] = sa_connection
        command.upgrade(config, "head")
    if current is None:
        return SchemaUpgrade()
    after = _columns(connection)
    added = {
        table: sorted(columns - before[table])
        for table, columns in after.items()
        if table in before and columns - before[table]
    }
    moved = {
        table for table, columns in before.items() if table in after and columns - after[table]
    }
    moved |= {
        table
        for table in after.keys() - before.keys()
        if connection.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]
    }
    return SchemaUpgrade(added, moved)


def _columns(connection: Any) -> dict[str, set[str]]:
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')}
        for table in tables
    }


def is_sqlite_error(error: BaseException) -> bool:
    return isinstance(error, (sqlcipher.Error, sqlite3.Error))
