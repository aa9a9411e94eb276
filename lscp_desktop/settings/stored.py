"""The settings kept in the database: who the user is, and the rules that change deadlines.

No SQLAlchemy at import: the main window reads its title from here before the ORM has loaded
(`read`, on the store's connection). The settings dialog's form is in settings_form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lscp_desktop import models

# One of the settings' keys lives with the rules it sets, so they can be read without the ORM.
from lscp_desktop.deadlines.rules import RAPID_REVIEW_DAY_ZERO, DeadlineRules, read_deadline_rules
from lscp_desktop.models.enums import RapidReviewDayZero
from lscp_desktop.store.raw_sql import POSTGRESQL, dialect_of, raw_connection
from lscp_desktop.store.server import personal_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

USER_NAME = "user_name"
ORGANISATION = "organisation"
DEFAULT_CHAIR = "default_chair"
DEFAULT_MINUTE_TAKER = "default_minute_taker"
RETENTION_YEARS = "retention_years"
IDLE_LOCK_MINUTES = "idle_lock_minutes"
NAMES_TO_KEEP_OUT = "names_to_keep_out"  # newline-separated, checked before any export
EXPORT_FOLDER = "export_folder"  # where the user last saved an export: the next one starts there

DEFAULTS: dict[str, str] = {
    USER_NAME: "",
    ORGANISATION: "Leeds Safeguarding Children Partnership",
    DEFAULT_CHAIR: "",
    DEFAULT_MINUTE_TAKER: "",
    RAPID_REVIEW_DAY_ZERO: RapidReviewDayZero.NOTIFICATION.value,
    RETENTION_YEARS: "35",
    IDLE_LOCK_MINUTES: "10",
    NAMES_TO_KEEP_OUT: "",
    EXPORT_FOLDER: "",
}


# Kept per person on a server (store.server.personal_key): the user's own name and folder.
PERSONAL = frozenset({USER_NAME, EXPORT_FOLDER})


def _stored_key(key: str, dialect: str) -> str:
    return personal_key(key) if key in PERSONAL and dialect == POSTGRESQL else key


def get(session: Session, key: str) -> str:
    row = session.get(models.Setting, _stored_key(key, session.get_bind().dialect.name))
    return DEFAULTS.get(key, "") if row is None else row.value


def put(session: Session, key: str, value: str) -> None:
    stored = _stored_key(key, session.get_bind().dialect.name)
    row = session.get(models.Setting, stored)
    if row is None:
        session.add(models.Setting(key=stored, value=value))
    else:
        row.value = value


def read(connection: Any, key: str) -> str:
    """One setting straight from the store's DB-API connection (`Store.connection`)."""
    stored = _stored_key(key, dialect_of(connection))
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (stored,)).fetchone()
    return DEFAULTS.get(key, "") if row is None else str(row[0])


def deadline_rules(session: Session) -> DeadlineRules:
    """The rules as this unit of work sees them: like an ORM query, it flushes pending changes
    first unless autoflush is off (`with session.no_autoflush:`)."""
    if session.autoflush:
        session.flush()
    return read_deadline_rules(raw_connection(session.connection()))
