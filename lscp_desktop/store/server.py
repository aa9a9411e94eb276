"""The shared PostgreSQL store (issue 17): what a `postgresql://` --db means.

The embedded SQLCipher store (database.py) stays the default; a `--db` that is a
`postgresql://` URL names a server instead. Authentication is the server's own: the password
comes from the environment (PGPASSWORD) or libpq's files (~/.pgpass, pg_service.conf), TLS and
client certificates from the URL's sslmode/sslcert/sslkey or PGSSL* variables. Nothing secret is
written by this module; the URL is used as given.

Schema changes run here, as the role that owns the tables (`lscp-desktop migrate --db URL`),
through the same Alembic migrations as the embedded store.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SCHEMES = ("postgresql://", "postgres://")

# What `backup`, `restore` and the other file-only commands (and menu items) say on a server.
NO_FILE_ON_SERVER = (
    "a server has no encryption key, seal or backup file of the app's: those are the "
    "embedded store's. Back the server up with pg_dump as docs/server.md describes."
)


class ServerUnreachable(StoreError):
    """The server refused the connection or could not be reached; says why, no secret."""


class ServerUrl(str):
    """A `--db` that names a server; a plain path stays a Path (pathlib would fold the `//`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"ServerUrl({redacted(self)!r})"


def db_argument(text: str) -> Path | ServerUrl:
    """The `--db` option's type: a file path or a `postgresql://` URL, kept as written."""
    return ServerUrl(text) if is_server_url(text) else Path(text)


def redacted(db: str) -> str:
    """The URL with any password in it (user:password@ or ?password=) replaced, for messages
    and logs."""
    db = re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", db)
    scheme, _, rest = db.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return db
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def login_name() -> str:
    """This computer's login name (the council account), "" if there is none."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return ""


def personal_key(key: str) -> str:
    """A setting kept per person on a server (whose name signs the record): the embedded
    store is one person's, a server's `settings` table everyone's."""
    return f"{key}/{login_name()}"


# The advisory lock that serialises appends to the audit chain (any fixed number will do).
AUDIT_APPEND_LOCK = 0x4C534350  # "LSCP"


def serialise_audit_appends(connection: Connection) -> None:
    """Hold the audit chain until this transaction ends: SQLite's single writer does this by
    itself; on a server two officers' saves would otherwise both extend the same last entry."""
    from sqlalchemy import text

    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_APPEND_LOCK})


def is_server_url(db: str) -> bool:
    """Does this --db name a PostgreSQL server (rather than a file path)?"""
    return db.lower().startswith(SCHEMES)


def sqlalchemy_url(db: str) -> str:
    """The URL for SQLAlchemy with the psycopg 3 driver (plain `postgresql://` means psycopg2)."""
    if not is_server_url(db):
        raise ValueError(f"not a PostgreSQL URL: {db!r}")
    return "postgresql+psycopg://" + db.split("://", 1)[1]


def server_engine(db: str) -> Engine:
    from sqlalchemy import create_engine

    # pool_pre_ping: a connection the server dropped (restart, idle timeout) is replaced.
    return create_engine(sqlalchemy_url(db), pool_pre_ping=True)


def schema_version(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def grant_app_role(engine: Engine, role: str) -> None:
    """Let `role` (which owns nothing) use the app's tables: read and write the records, append
    to the audit log but never change or delete an entry, never touch the schema version. Not
    being the owner, it cannot drop or disable the lock triggers. Run after every migration, as
    the owner, so new tables are granted too."""
    from sqlalchemy import text

    with engine.begin() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).first()
        if exists is None:
            raise StoreError(
                f"There is no role {role!r} on the server: create it first "
                "(CREATE ROLE ... LOGIN, see docs/server.md). Nothing was granted."
            )
        name = connection.dialect.identifier_preparer.quote(role)
        for statement in (
            f"GRANT USAGE ON SCHEMA public TO {name}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {name}",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {name}",
        ):
            connection.exec_driver_sql(statement)


def migrate(db: str, *, app_role: str | None = None) -> tuple[str | None, str]:
    """Bring the server's schema to head, as the connecting role (the owner); returns the
    revision before and after. Refuses a schema written by a newer version. With `app_role`,
    grants that role what the app needs and no more (grant_app_role)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import OperationalError

    from lscp_desktop.store.database import MIGRATIONS_DIR, known_revisions

    engine = server_engine(db)
    try:
        before = schema_version(engine)
        if before is not None and before not in known_revisions():
            raise StoreError(
                f"The server's schema ({before}) was written by a newer version of LSCP "
                "Desktop; install that version to use it. Nothing was changed."
            )
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        if app_role is not None:
            grant_app_role(engine, app_role)
        return before, known_revisions()[-1]
    except OperationalError as error:
        raise ServerUnreachable(f"Cannot reach the server: {error.orig}") from None
    finally:
        engine.dispose()
