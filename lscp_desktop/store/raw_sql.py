"""The raw-SQL reads written for start-up speed (register, case detail, settings), on both
stores: what differs between SQLite and PostgreSQL, kept in one place.

The reads run on a DB-API connection: SQLCipher's on a file, `ServerConnection`
(store/server_store.py) on a server, which takes SQLite's `?` placeholders as psycopg's. What
the SQL text itself must say differently is here: SQLite builds JSON with `json_group_array` and
returns it as text, PostgreSQL with `json_agg` and returns it parsed; SQLite returns dates as ISO
text, PostgreSQL as dates.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def dialect_of(connection: Any) -> str:
    """Which database a raw connection reads: `ServerConnection` says so, SQLCipher's does not."""
    return str(getattr(connection, "dialect_name", SQLITE))


def group_array(dialect: str, expression: str, order_by: str = "") -> str:
    """An aggregate of `expression` as one JSON array, `[]` (not NULL) over no rows."""
    order = f" ORDER BY {order_by}" if order_by else ""
    if dialect == POSTGRESQL:
        return f"coalesce(json_agg({expression}{order}), '[]'::json)"
    return f"json_group_array({expression}{order})"


def array(dialect: str, *expressions: str) -> str:
    """A JSON array of the expressions (a nested aggregate passes through as JSON)."""
    if dialect == POSTGRESQL:
        return f"json_build_array({', '.join(expressions)})"
    # SQLite: an aggregate's result is text; json() keeps it an array inside another array.
    return f"json_array({', '.join(expressions)})"


def nested(dialect: str, subquery: str) -> str:
    """A subquery returning JSON, as an element of an enclosing array."""
    return f"({subquery})" if dialect == POSTGRESQL else f"json(({subquery}))"


def day_of(dialect: str, expression: str) -> str:
    """The date part of a date-time column (ISO text in a JSON array on both)."""
    return f"({expression})::date" if dialect == POSTGRESQL else f"date({expression})"


def json_value(value: Any) -> Any:
    """A JSON column as Python: SQLite hands it over as text, psycopg already parsed."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def as_date(value: Any) -> dt.date:
    """A date column: ISO text from SQLite, a date from PostgreSQL."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def as_datetime(value: Any) -> dt.datetime:
    """A date-time column: ISO text from SQLite, a datetime from PostgreSQL."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


class ServerConnection:
    """A psycopg connection read the way the raw-SQL reads read SQLCipher's: `execute(sql,
    params)` with SQLite's `?` placeholders (taken as psycopg's `%s`), returning a cursor."""

    dialect_name = POSTGRESQL

    def __init__(self, connection: Any, url: str | None = None) -> None:
        self.connection = connection
        # The store's own reading connection (autocommit) reconnects once after the server
        # dropped it (a restart, an idle timeout); a unit of work's connection never does.
        self.url = url

    def execute(self, sql: str, params: Any = None) -> Any:
        if self.url is not None and self.connection.closed:
            self._reconnect()
        try:
            return self._execute(sql, params)
        except Exception as error:
            if self.url is None or not _connection_gone(error, self.connection):
                raise
            self._reconnect()
            return self._execute(sql, params)

    def _execute(self, sql: str, params: Any) -> Any:
        if not params:
            return self.connection.execute(sql)
        return self.connection.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))

    def _reconnect(self) -> None:
        import psycopg

        assert self.url is not None
        self.connection = psycopg.connect(self.url, autocommit=True)

    def close(self) -> None:
        self.connection.close()


def _connection_gone(error: Exception, connection: Any) -> bool:
    import psycopg

    return isinstance(error, psycopg.OperationalError) and bool(connection.broken)


def raw_connection(connection: Any) -> Any:
    """The DB-API connection under a SQLAlchemy one, for the raw-SQL reads, on either store."""
    dbapi = connection.connection.dbapi_connection
    if connection.dialect.name == POSTGRESQL:
        return ServerConnection(dbapi)
    return dbapi
