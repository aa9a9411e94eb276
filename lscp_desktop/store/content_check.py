"""Do the records still say what the audit log last recorded? (`check`'s content comparison.)

Every audited row's current content is hashed exactly as the audit log hashes it (all its
columns, read through the models) and compared with the content hash of the last audit entry
for that row. A change made below the app — a rationale edited in SQL, approved minutes
rewritten through the lock-release table or while a trigger was dropped — leaves no audit
entry, so the hashes differ and the record is named. Rows the log never saw and rows it saw
deleted are named too.

Entries written before every entry hashed the whole row (older versions hashed only the
changed fields) are compared on those fields: for such a row a change to another field shows
only at its next audited change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from lscp_desktop.store.audit import (
    ENTITIES,
    HELD_KEY,
    audited_columns,
    columns_added_after,
    content_digest,
    held_changes,
)

# Rows the app writes without the audit log: seeding a new database (before the log is
# installed) stamps this setting.
_UNAUDITED_SETTINGS = frozenset({"seeded", HELD_KEY})


@dataclass(frozen=True)
class LastEntry:
    entry_id: int
    action: str
    detail: str
    content_hash: str


def last_entries(connection: Any) -> dict[tuple[str, str], LastEntry]:
    """The last audit entry with a content hash for each (entity, id)."""
    latest: dict[tuple[str, str], LastEntry] = {}
    rows = connection.execute(
        "SELECT id, entity, entity_id, action, detail, content_hash FROM audit_log "
        "WHERE content_hash != '' ORDER BY id"
    )
    for entry_id, entity, entity_id, action, detail, content_hash in rows:
        latest[(str(entity), str(entity_id))] = LastEntry(
            int(entry_id), str(action), str(detail), str(content_hash)
        )
    # A change held back by coalescing (its audit entry is written within the minute, or at
    # the next open after a crash) is the row's latest recorded state.
    for change in held_changes(connection):
        key = (change.entity, change.entity_id)
        entry_id = latest[key].entry_id if key in latest else 0
        latest[key] = LastEntry(entry_id, change.action, change.detail, change.content_hash)
    return latest


@dataclass(frozen=True)
class Difference:
    """One row that does not match the audit log: `content_hash` is its current digest
    ("" for a row that is gone)."""

    entity: str
    entity_id: str
    content_hash: str
    message: str


def compare_content(connection: Any, engine: Engine | None = None) -> tuple[int, list[str]]:
    """(rows compared, problems) for the database behind a DB-API `connection`; on a server,
    `engine` is the server's (the file's is made over `connection`)."""
    own = engine is None
    if engine is None:
        engine = create_engine(
            "sqlite://", module=sqlcipher, creator=lambda: connection, poolclass=StaticPool
        )
    try:
        with Session(engine) as session:
            compared, found = differences(
                session, last_entries(connection), columns_added_after(connection)
            )
            session.rollback()
    finally:
        if own:
            engine.dispose(close=False)  # the connection is the caller's
    return compared, [difference.message for difference in found]


def differences(
    session: Session,
    latest: dict[tuple[str, str], LastEntry],
    upgrades: list[tuple[int, dict[str, set[str]]]] | None = None,
) -> tuple[int, list[Difference]]:
    """(rows compared, the rows that differ from their last audit entry). Consumes `latest`."""
    import lscp_desktop.models

    lscp_desktop.models.load_all()
    found: list[Difference] = []
    compared = 0
    for model, entity in ENTITIES.items():
        try:
            objects = list(session.scalars(select(model)))
        except (LookupError, ValueError) as error:  # e.g. an enum value no model knows
            found.append(Difference(entity, "", "", f"{entity}: a row cannot be read ({error})"))
            continue
        for obj in objects:
            compared += 1
            difference = _compare(obj, entity, latest, upgrades or [])
            if difference is not None:
                found.append(difference)
    for (entity, entity_id), entry in sorted(latest.items()):
        if entry.action != "deleted":
            found.append(
                Difference(
                    entity,
                    entity_id,
                    "",
                    f"{entity} {entity_id}: recorded in the audit log (entry {entry.entry_id}) "
                    "but no longer in the records: deleted outside the app",
                )
            )
    return compared, found


def _compare(
    obj: Any,
    entity: str,
    latest: dict[tuple[str, str], LastEntry],
    upgrades: list[tuple[int, dict[str, set[str]]]],
) -> Difference | None:
    state = inspect(obj)
    identity = "/".join(str(part) for part in state.mapper.primary_key_from_instance(obj))
    entry = latest.pop((entity, identity), None)
    values = {attr.key: getattr(obj, attr.key) for attr in audited_columns(state.mapper)}
    digest = content_digest(values)
    if entry is None:
        if entity == "setting" and identity in _UNAUDITED_SETTINGS:
            return None
        message = f"{entity} {identity}: not in the audit log: added outside the app"
        return Difference(entity, identity, digest, message)
    if entry.action == "deleted":
        message = (
            f"{entity} {identity}: deleted according to the audit log (entry "
            f"{entry.entry_id}) but present in the records: restored outside the app"
        )
        return Difference(entity, identity, digest, message)
    if digest == entry.content_hash:
        return None
    # Columns an upgrade added after this entry was written were not in the row it hashed.
    table = state.mapper.persist_selectable.name
    later = {
        column
        for entry_id, added in upgrades
        if entry_id > entry.entry_id
        for column in added.get(table, ())
    }
    if later:
        older = {key: value for key, value in values.items() if _column(state, key) not in later}
        if content_digest(older) == entry.content_hash:
            return None
    if entry.detail.startswith("fields: "):  # an entry of an older version: changed fields
        fields = entry.detail.removeprefix("fields: ").split(", ")
        if content_digest({key: values.get(key) for key in fields}) == entry.content_hash:
            return None
    message = (
        f"{entity} {identity}: its content differs from its last audit entry "
        f"(entry {entry.entry_id}): changed outside the app"
    )
    return Difference(entity, identity, digest, message)


def _column(state: Any, key: str) -> str:
    """The table column behind mapped attribute `key`."""
    return str(state.mapper.column_attrs[key].columns[0].name)
