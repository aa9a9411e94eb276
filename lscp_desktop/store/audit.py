"""The tamper-evident audit log: every change to the record, hash-chained, sealed outside the db.

`install(store)` (called by open_store) hooks the store's sessions, so every caller — GUI
autosave, import, command line — is audited without calling anything. A row says who (the
`user_name` setting, else the login name), when (UTC, to the second), what (entity, id,
created/changed/deleted, which fields) and a SHA-256 of the new values — a digest, not a copy:
autosave commits every second.

Coalescing, without ever editing a row: a change to the same fields of the same item by the
same user within 60 s of the last row written for them is *held* in memory instead of written;
the held change (its latest digest and time) is written as soon as a flush happens 60 s or
more after that row, or by `settle(store)` (the GUI's timer, a backup, closing the store). So a
minute of typing costs one row, and the last state typed is still recorded. What a crash can
lose is only the audit of the last minute's keystrokes — never the text itself, which is
committed as usual.

Each row's hash is sha256(previous hash + the row in canonical JSON, id included), so an edited,
deleted or reordered row breaks the chain. The latest hash and the row count are also written
after each outermost commit to `<db>.seal` beside the database (and printed in exports through
`record_seal`), so a chain that was cut short or recomputed from some row on shows too.

The seal carries an HMAC under a key derived from the data key (seal_key.py): without the key
nobody can write a seal that verifies. It never moves backwards: a seal stating more entries
than a commit would write is left as it is, and a missing seal is not re-created over an audit
log that already had entries — both stay for the next open and `check` to report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import Session

from lscp_desktop.models import (
    Action,
    ActionNote,
    Addendum,
    Attendance,
    AuditEntry,
    Case,
    CaseLink,
    CaseTheme,
    Child,
    Contribution,
    Cspr,
    CsprProgress,
    Decision,
    JointReview,
    KeyPracticeEpisode,
    LearningSheet,
    Meeting,
    MinuteItem,
    ParallelProcess,
    Recipient,
    ReviewCriterion,
    ReviewOutcome,
    Setting,
    SignOff,
)
from lscp_desktop.store import server
from lscp_desktop.store.seal import (
    DAMAGED,
    FORGED,
    KEYED,
    SEAL_SUFFIX,
    UNKEYED,
    Seal,
    missing_entries,
    read_seal,
    seal_path,
    write_seal,
)
from lscp_desktop.store.seal_key import seal_key_for

__all__ = [
    "DAMAGED",
    "FORGED",
    "KEYED",
    "SEAL_SUFFIX",
    "UNKEYED",
    "Seal",
    "missing_entries",
    "read_seal",
    "seal_path",
    "write_seal",
]

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store

GENESIS = "0" * 64
COALESCE_SECONDS = 60
# The settings row keeping the changes held back by coalescing (see _persist_held).
HELD_KEY = "audit_held"

# What is audited, under the name a reader would use.
ENTITIES: dict[type[Any], str] = {
    Case: "case",
    Child: "child",
    CaseTheme: "case theme",
    CaseLink: "case link",
    ParallelProcess: "parallel process",
    Meeting: "meeting",
    Attendance: "attendance",
    Contribution: "contribution",
    MinuteItem: "minutes",
    Recipient: "distribution",
    Addendum: "addendum",
    Decision: "decision",
    Action: "action",
    ActionNote: "action note",
    ReviewOutcome: "review outcome",
    ReviewCriterion: "review criterion",
    LearningSheet: "learning sheet",
    KeyPracticeEpisode: "key practice episode",
    SignOff: "sign-off",
    Cspr: "cspr",
    CsprProgress: "cspr progress",
    JointReview: "joint review",
    Setting: "setting",
}

# "user" quoted: unquoted, PostgreSQL reads it as the login role (SQLite accepts both).
_ROW_COLUMNS = 'id, at, "user", entity, entity_id, action, detail, content_hash, prev_hash, hash'


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    user: str
    entity: str
    entity_id: str
    action: str
    detail: str
    content_hash: str

    @property
    def coalescing_key(self) -> tuple[str, str, str, str]:
        return (self.user, self.entity, self.entity_id, self.detail)


@dataclass
class Coalescing:
    """Per store: when each item's fields were last written, and changes held since."""

    written: dict[tuple[str, str, str, str], dt.datetime] = field(default_factory=dict)
    held: dict[tuple[str, str, str, str], Change] = field(default_factory=dict)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def canonical_at(value: object) -> str:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment.isoformat(timespec="seconds")


def row_hash(prev_hash: str, row: tuple[Any, ...]) -> str:
    """Hash of one row: `row` is (id, at, user, entity, entity_id, action, detail, content)."""
    entry_id, at, *rest = row
    canonical = json.dumps(
        [int(entry_id), canonical_at(at), *[str(value) for value in rest]],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def content_digest(values: dict[str, Any]) -> str:
    canonical = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- writing ---------------------------------------------------------------------------------


def install(store: Store) -> None:
    """Audit every unit of work of `store`'s sessions; keep the seal beside the database."""
    coalescing = Coalescing()
    store.audit_state = coalescing
    # A server keeps no seal (the embedded store's file) and holds nothing back: the held row
    # in `settings` would be one row shared by every officer writing to it.
    on_server = store.is_server
    sealing_key = b"" if on_server else seal_key_for(store.key)
    window = 0 if on_server else COALESCE_SECONDS

    def after_flush(session: Session, _context: object) -> None:
        changes = list(_changes(session))
        now = utc_now()
        staged = _staged(session)
        to_write: list[Change] = []
        for change in changes:
            key = change.coalescing_key
            last = staged["written"].get(key, coalescing.written.get(key))
            if (
                change.action == "changed"
                and last is not None
                and (change.at - last).total_seconds() < window
            ):
                staged["held"][key] = change
                continue
            to_write.append(change)
            staged["written"][key] = change.at
            staged["released"].add(key)
        # Held changes whose minute is up are written now: the "closing" rows.
        for key, held in {**coalescing.held, **staged["held"]}.items():
            if key in staged["released"]:
                continue
            last = staged["written"].get(key, coalescing.written.get(key))
            if last is None or (now - last).total_seconds() >= window:
                to_write.append(held)
                staged["written"][key] = now
                staged["released"].add(key)
        if to_write:
            _append(session, to_write)
        if on_server:
            return
        pending = {**coalescing.held, **staged["held"]}
        _persist_held(session, [v for k, v in pending.items() if k not in staged["released"]])

    def after_commit(session: Session) -> None:
        # SQLAlchemy fires after_commit when a savepoint is released too: the outer
        # transaction may still roll back, so nothing is settled or sealed before it commits.
        if session.in_nested_transaction():
            return
        staged = session.info.pop("audit_staged", None)
        if staged is not None:
            coalescing.written.update(staged["written"])
            for key in staged["released"]:
                coalescing.held.pop(key, None)
            coalescing.held.update(
                {k: v for k, v in staged["held"].items() if k not in staged["released"]}
            )
        seal = session.info.pop("audit_seal", None)
        before = session.info.pop("audit_entries_before", 0)
        if seal is not None and not on_server:
            _write_seal(store.path, seal, sealing_key, entries_before=before)

    def after_rollback(session: Session) -> None:
        session.info.pop("audit_last_id", None)
        session.info.pop("audit_staged", None)
        session.info.pop("audit_seal", None)
        session.info.pop("audit_entries_before", None)

    event.listen(store.sessions, "after_flush", after_flush)
    event.listen(store.sessions, "after_commit", after_commit)
    event.listen(store.sessions, "after_soft_rollback", lambda s, _t: after_rollback(s))
    from lscp_desktop.store import approval_lock

    approval_lock.install(store)
    if on_server:
        # Several writers: edit versions (a file has one writer, its writer lock) and leases.
        from lscp_desktop.store import leases, versions

        versions.install(store.sessions)
        leases.install(store.sessions)


def settle(store: Store) -> None:
    """Write every held (coalesced) change now: before a backup, on a timer, when closing."""
    coalescing = store.audit_state
    if not isinstance(coalescing, Coalescing) or not coalescing.held:
        return
    with store.session() as session:
        held = list(coalescing.held.items())
        _append(session, [change for _key, change in held])
        _persist_held(session, [])
        staged = _staged(session)
        for key, _change in held:
            staged["written"][key] = utc_now()
            staged["released"].add(key)


def record_event(session: Session, entity: str, entity_id: str, action: str, detail: str) -> None:
    """Record an explicit event (import --replace, export done, approval, restore) now."""
    session.flush()  # changes made before the event are audited before it
    change = Change(
        at=utc_now(),
        user=_user(session),
        entity=entity,
        entity_id=entity_id,
        action=action,
        detail=detail,
        content_hash="",
    )
    _append(session, [change])


def _persist_held(session: Session, held: list[Change]) -> None:
    """Keep the changes held back by coalescing in the same transaction as the text they
    describe (a settings row, below the ORM so not itself audited): a crash then loses no
    audit of the last minute's typing — the next open writes it (recover_held)."""
    connection = session.connection()
    if not held:
        connection.execute(text("DELETE FROM settings WHERE key = :key"), {"key": HELD_KEY})
        return
    value = json.dumps([_change_to_json(change) for change in held])
    connection.execute(
        text(
            "INSERT INTO settings (key, value) VALUES (:key, :value) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
        {"key": HELD_KEY, "value": value},
    )


def _change_to_json(change: Change) -> dict[str, str]:
    return {
        "at": canonical_at(change.at),
        "user": change.user,
        "entity": change.entity,
        "entity_id": change.entity_id,
        "action": change.action,
        "detail": change.detail,
        "content_hash": change.content_hash,
    }


def held_changes(connection: Any) -> list[Change]:
    """The held-back changes kept in the database (a DB-API connection); [] if none."""
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (HELD_KEY,)).fetchone()
    if row is None:
        return []
    try:
        return [
            Change(
                at=dt.datetime.fromisoformat(item["at"]),
                user=str(item["user"]),
                entity=str(item["entity"]),
                entity_id=str(item["entity_id"]),
                action=str(item["action"]),
                detail=str(item["detail"]),
                content_hash=str(item["content_hash"]),
            )
            for item in json.loads(row[0])
        ]
    except (ValueError, KeyError, TypeError):
        return []


def recover_held(store: Store) -> None:
    """At open (the writer): audit the changes a crash left held back, then forget them."""
    held = held_changes(store.connection)
    if not held:
        return
    with store.session() as session:
        _append(session, held)
        _persist_held(session, [])


def record_content(
    session: Session, entity: str, entity_id: str, *, action: str, detail: str, content_hash: str
) -> None:
    """Record a row's content as it now is (after an accepted loss: trust/accept_loss.py)."""
    change = Change(utc_now(), _user(session), entity, entity_id, action, detail, content_hash)
    _append(session, [change])


SCHEMA_ENTITY = "schema"


def record_schema_upgrade(store: Store, revision: str, added: dict[str, list[str]]) -> None:
    """Record that an upgrade added columns (their defaults are in every older row now), so
    `check` compares a row whose last entry is older on the columns that entry covered."""
    detail = "added: " + ", ".join(
        f"{table}.{column}" for table, columns in sorted(added.items()) for column in columns
    )
    with store.session() as session:
        change = Change(utc_now(), _user(session), SCHEMA_ENTITY, revision, "migrated", detail, "")
        _append(session, [change])


def record_moved_rows(store: Store, revision: str, tables: set[str]) -> int:
    """Record the content of every audited row of `tables` after an upgrade moved data in them
    (columns dropped, rows made from other tables' columns); returns the rows recorded.

    The upgrade is the app's own change, so `check` compares these rows with what the upgrade
    left rather than calling them changed, or added, outside the app.
    """
    recorded = 0
    with store.session() as session:
        user = _user(session)
        changes = []
        for model, entity in ENTITIES.items():
            if model.__table__.name not in tables:
                continue
            for obj in session.scalars(select(model)):
                identity, digest = row_content(obj)
                changes.append(
                    Change(
                        utc_now(), user, entity, identity, "migrated", f"upgrade {revision}", digest
                    )
                )
        _append(session, changes)
        recorded = len(changes)
    return recorded


# Bookkeeping, not content: a case's or meeting's edit version (store/versions.py) rises with
# every change to what hangs from it; the change itself is what the log records.
UNAUDITED_COLUMNS = frozenset({"version"})


def audited_columns(mapper: Any) -> list[Any]:
    """The mapped columns whose values an audit entry's content hash covers."""
    return [attr for attr in mapper.column_attrs if attr.key not in UNAUDITED_COLUMNS]


def row_content(obj: Any) -> tuple[str, str]:
    """(identity, content digest) of a mapped row, as the audit log records it."""
    state = inspect(obj)
    identity = "/".join(str(part) for part in state.mapper.primary_key_from_instance(obj))
    values = {attr.key: getattr(obj, attr.key) for attr in audited_columns(state.mapper)}
    return identity, content_digest(values)


def columns_added_after(connection: Any) -> list[tuple[int, dict[str, set[str]]]]:
    """Each schema upgrade's entry id with the columns it added, by table, oldest first."""
    upgrades = []
    rows = connection.execute(
        "SELECT id, detail FROM audit_log WHERE entity = ? AND action = 'migrated' ORDER BY id",
        (SCHEMA_ENTITY,),
    )
    for entry_id, detail in rows:
        added: dict[str, set[str]] = {}
        for name in str(detail).removeprefix("added: ").split(", "):
            table, _, column = name.partition(".")
            if column:
                added.setdefault(table, set()).add(column)
        upgrades.append((int(entry_id), added))
    return upgrades


def _staged(session: Session) -> dict[str, Any]:
    staged: dict[str, Any] = session.info.setdefault(
        "audit_staged", {"written": {}, "held": {}, "released": set()}
    )
    return staged


def _append(session: Session, changes: Iterable[Change]) -> None:
    connection = session.connection()
    on_server = connection.dialect.name == "postgresql"
    if on_server:
        server.serialise_audit_appends(connection)
    last = connection.execute(text("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
    row = last.first()
    entry_id, prev_hash = (0, GENESIS) if row is None else (int(row[0]), str(row[1]))
    values = []
    for change in changes:
        entry_id += 1
        digest = row_hash(
            prev_hash,
            (
                entry_id,
                change.at,
                change.user,
                change.entity,
                change.entity_id,
                change.action,
                change.detail,
                change.content_hash,
            ),
        )
        values.append(
            {
                "id": entry_id,
                "at": change.at,
                "user": change.user,
                "entity": change.entity,
                "entity_id": change.entity_id,
                "action": change.action,
                "detail": change.detail,
                "content_hash": change.content_hash,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    if not values:
        return
    session.info["audit_last_id"] = entry_id  # versions.seen_now's mark, without a query
    if on_server:  # no seal to write, so no count (a full scan on PostgreSQL)
        connection.execute(insert(AuditEntry), values)
        return
    if "audit_entries_before" not in session.info:
        before = connection.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        session.info["audit_entries_before"] = int(before)
    connection.execute(insert(AuditEntry), values)
    count = connection.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    session.info["audit_seal"] = Seal(entries=int(count), last_id=entry_id, hash=prev_hash)


def append_changes(session: Session, changes: list[Change]) -> None:
    """Append changes recorded elsewhere (a laptop copy's, at check-in) to this chain."""
    _append(session, changes)


def current_user(session: Session) -> str:
    """The name this unit of work's changes are recorded under."""
    return _user(session)


def _user(session: Session) -> str:
    """Who makes the change: the name set in Settings (on a server, this login's own), else
    the login name."""
    connection = session.connection()
    key = "user_name"
    if connection.dialect.name == "postgresql":
        key = server.personal_key(key)
    value = connection.execute(
        text("SELECT value FROM settings WHERE key = :key"), {"key": key}
    ).scalar()
    if value:
        return str(value)
    return server.login_name()


def _changes(session: Session) -> Iterator[Change]:
    now = utc_now()
    user: str | None = None
    for objects, action in (
        (session.new, "created"),
        (session.dirty, "changed"),
        (session.deleted, "deleted"),
    ):
        for obj in list(objects):
            entity = ENTITIES.get(type(obj))
            if entity is None:
                continue
            state = inspect(obj)
            columns = audited_columns(state.mapper)
            if action == "changed":
                fields = [a.key for a in columns if state.attrs[a.key].history.has_changes()]
                if not fields:
                    continue
            else:
                fields = [a.key for a in columns]
            # The whole row, whatever changed: `check` compares it with the current row.
            values = {a.key: getattr(obj, a.key) for a in columns}
            if user is None:
                user = _user(session)
            identity = state.mapper.primary_key_from_instance(obj)
            yield Change(
                at=now,
                user=user,
                entity=entity,
                entity_id="/".join(str(part) for part in identity),
                action=action,
                detail="fields: " + ", ".join(sorted(fields)) if action == "changed" else "",
                content_hash=content_digest(values),
            )


# --- the seal -------------------------------------------------------------------------------


def _write_seal(db_path: Path, seal: Seal, key: bytes, *, entries_before: int) -> None:
    """Seal the log after an outermost commit — unless that would move the seal backwards."""
    existing = read_seal(db_path, key)
    if existing is None and entries_before > 0:
        return  # the seal of a log that had entries is gone: reported, never re-made silently
    if existing is not None and existing.status == KEYED and existing.entries > seal.entries:
        return  # entries the seal vouched for are missing: the next open says so
    write_seal(db_path, seal, key)


def current_seal(session: Session) -> Seal:
    row = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()))
    last = row.first()
    count = session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    if last is None:
        return Seal(0, 0, GENESIS)
    return Seal(int(count), int(last[0]), str(last[1]))


def record_seal(session: Session) -> str:
    """The line exports print so a reader can later check the record was not changed since."""
    seal = current_seal(session)
    return f"Audit seal: {seal.entries} entries, latest SHA-256 {seal.hash}"


# --- verifying ------------------------------------------------------------------------------


@dataclass
class ChainReport:
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(
    rows: Iterable[tuple[Any, ...]], seal: Seal | None, *, sealed: bool = True
) -> ChainReport:
    """Check every row's link and hash, then the seal kept outside the database (`sealed`
    false: a server's chain, which has no seal; its log cannot be cut short by the app's role).

    `rows` are (id, at, user, entity, entity_id, action, detail, content_hash, prev_hash,
    hash) in id order.
    """
    report = ChainReport()
    prev_hash = GENESIS
    hashes: dict[int, tuple[int, str]] = {}
    for position, row in enumerate(rows, start=1):
        entry_id = int(row[0])
        stored_prev, stored_hash = str(row[8]), str(row[9])
        if stored_prev != prev_hash:
            report.problems.append(
                f"audit row {entry_id}: does not follow the row before it "
                "(a row was deleted, inserted or reordered)"
            )
        elif row_hash(prev_hash, tuple(row[:8])) != stored_hash:
            report.problems.append(f"audit row {entry_id}: its content was changed")
        if report.problems:
            return report
        prev_hash = stored_hash
        hashes[entry_id] = (position, stored_hash)
        report.entries = position
    if not sealed:
        return report
    if seal is None:
        if report.entries:
            report.problems.append(
                f"no seal file beside the database, but the audit log has {report.entries} "
                "entries: the seal was deleted (or the database copied without it)"
            )
        else:
            report.notes.append("no seal file beside the database (nothing recorded yet)")
    elif seal.status == DAMAGED:
        report.problems.append("the seal file beside the database is damaged")
    elif seal.status == FORGED:
        report.problems.append(
            "the seal beside the database does not verify under this database's key: "
            "it was written or changed by something other than LSCP Desktop"
        )
    elif seal.entries > report.entries:
        report.problems.append(
            f"the audit log has {report.entries} entries but the seal records {seal.entries}: "
            "entries were removed"
        )
    elif seal.entries > 0 and hashes.get(seal.last_id) != (seal.entries, seal.hash):
        report.problems.append(
            f"audit row {seal.last_id}: does not match the seal kept outside the database "
            "(the chain was rewritten)"
        )
    elif seal.entries < report.entries:
        report.notes.append(
            f"the seal covers {seal.entries} entries; {report.entries - seal.entries} "
            "newer ones follow it correctly"
        )
    if seal is not None and seal.status == UNKEYED and report.ok:
        report.notes.append(
            "the seal was written by an older version, without a key; it is keyed at the "
            "next change"
        )
    return report


def fetch_rows(connection: Any) -> list[tuple[Any, ...]]:
    """All audit rows from a DB-API connection, in id order."""
    return list(connection.execute(f"SELECT {_ROW_COLUMNS} FROM audit_log ORDER BY id"))
