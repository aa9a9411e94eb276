"""Two edits of one case or meeting never overwrite each other silently (migration 0010).

Installed on a server's sessions (store/audit.install): a file has one writer at a time, its
writer lock, so nobody else can change what its window shows.

Every case and meeting carries a version. On a server, any change to it, or to a row hanging
from it (a meeting's minutes, attendance, decision...; a case's children, links, themes...),
raises the version by one in the same flush, and SQLAlchemy's `version_id_col` checks the old
value in the UPDATE's WHERE clause, so two units of work racing on one row cannot both pass.

An editor that shows a case or meeting for a while (the meeting's autosave, the case form)
says which version it showed: `expect(session, key, seen)` before its changes. If the row has
moved on since, the flush raises EditConflict naming who changed what (from the audit log) and
nothing of that unit of work is written; the editor keeps what was typed, to re-apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from lscp_desktop.models import Case, Meeting
from lscp_desktop.store.errors import StoreError

EXPECTED = "expected_versions"  # session.info: {key: Seen}
BUMPED = "bumped_versions"  # session.info: {key: versions this unit of work raised it to}
AUDIT_LAST_ID = "audit_last_id"  # session.info: the id of the last audit entry it appended

# ("case", case id) or ("meeting", meeting id)
VersionKey = tuple[str, Any]


@dataclass(frozen=True)
class Seen:
    """The version an editor showed, and the newest audit entry when it read it."""

    version: int
    audit_mark: int


class EditConflict(StoreError):
    """Someone else changed the case or meeting since the editor read it; nothing was written."""

    def __init__(self, message: str, key: VersionKey) -> None:
        super().__init__(message)
        self.key = key


def install(sessions: Any) -> None:
    """Raise and check versions in every unit of work of `sessions` (one store's)."""
    # The version each case or meeting was last committed at by this process: a change the
    # editor's own process made (e.g. the meeting concluded from its window) is no conflict.
    own: dict[VersionKey, int] = {}

    def before_flush(session: Session, _context: object, _instances: object) -> None:
        _raise_versions(session, own)

    def after_commit(session: Session) -> None:
        if session.in_nested_transaction():
            return
        for key, raised in session.info.pop(BUMPED, {}).items():
            if raised:
                own[key] = max(raised)

    event.listen(sessions, "before_flush", before_flush)
    event.listen(sessions, "after_commit", after_commit)
    event.listen(sessions, "after_soft_rollback", lambda s, _t: s.info.pop(BUMPED, None))


def key_of(obj: Case | Meeting) -> VersionKey:
    return ("case", obj.id) if isinstance(obj, Case) else ("meeting", obj.id)


def expect(session: Session, key: VersionKey, seen: Seen) -> None:
    """Refuse this unit of work's changes to `key` if it is no longer at `seen`."""
    session.info.setdefault(EXPECTED, {})[key] = seen


def seen_now(session: Session, key: VersionKey) -> Seen | None:
    """The version of `key` as this unit of work sees it (changes flushed first), or None.

    Read from the session when it holds the row (no round trip to a server), and the audit mark
    from this unit of work's own last entry when it wrote one (appends are serialised)."""
    session.flush()
    model: type[Case] | type[Meeting] = Case if key[0] == "case" else Meeting
    held = session.identity_map.get(session.identity_key(model, key[1]))
    version = held.version if held is not None and "version" in held.__dict__ else None
    if version is None:
        version = session.scalar(select(model.version).where(model.id == key[1]))
    if version is None:
        return None
    mark = session.info.get(AUDIT_LAST_ID)
    if mark is None:
        mark = session.scalar(text("SELECT max(id) FROM audit_log")) or 0
    return Seen(int(version), int(mark))


def parent_of(session: Session, obj: object) -> Case | Meeting | None:
    if isinstance(obj, Case | Meeting):
        return obj
    meeting_id = getattr(obj, "meeting_id", None)
    if meeting_id is not None:
        return session.get(Meeting, meeting_id)
    case_id = getattr(obj, "case_id", None)
    if case_id is not None:
        return session.get(Case, case_id)
    return None


def _raise_versions(session: Session, own: dict[VersionKey, int]) -> None:
    touched: dict[VersionKey, Case | Meeting] = {}
    with session.no_autoflush:
        for obj in (*session.new, *session.dirty, *session.deleted):
            parent = parent_of(session, obj)
            if parent is None or parent in session.new or parent in session.deleted:
                continue
            if obj is parent and obj in session.dirty and not session.is_modified(obj):
                continue
            touched[key_of(parent)] = parent
        expected: dict[VersionKey, Seen] = session.info.get(EXPECTED, {})
        bumped: dict[VersionKey, set[int]] = session.info.setdefault(BUMPED, {})
        for key, parent in touched.items():
            seen = expected.get(key)
            ours = bumped.setdefault(key, set())
            current = parent.version
            if (
                seen is not None
                and current != seen.version
                and current not in ours
                and own.get(key) != current
            ):
                raise EditConflict(describe_conflict(session, parent, seen), key)
            parent.version = parent.version + 1
            ours.add(parent.version)


def describe_conflict(session: Session, parent: Case | Meeting, seen: Seen) -> str:
    """Who changed the case or meeting since `seen`, what and when, from the audit log."""
    label = _label(parent)
    entries = _entries_since(session, parent, seen.audit_mark)
    kept = "Your changes are kept, not saved: re-apply them over the new version, or discard them."
    if not entries:
        return (
            f"{label} was changed by someone else since you opened it (version "
            f"{parent.version}, you had {seen.version}). {kept}"
        )
    users = ", ".join(dict.fromkeys(user for user, _at, _what in entries))
    what = ", ".join(dict.fromkeys(what for _user, _at, what in entries))
    last = entries[-1][1]
    return (
        f"{label} was changed by {users} since you opened it ({what}; last at "
        f"{last:%d/%m/%Y %H:%M} UTC). {kept}"
    )


def _label(parent: Case | Meeting) -> str:
    if isinstance(parent, Case):
        return f"Case {parent.reference}"
    return f"The meeting of {parent.case.reference} on {parent.held_at:%d/%m/%Y %H:%M}"


def _entries_since(
    session: Session, parent: Case | Meeting, mark: int
) -> list[tuple[str, dt.datetime, str]]:
    from lscp_desktop.store.audit import ENTITIES, canonical_at

    column = "meeting_id" if isinstance(parent, Meeting) else "case_id"
    related = {(ENTITIES[type(parent)], str(parent.id))}
    for model, entity in ENTITIES.items():
        owner = getattr(model, column, None)
        if owner is None or model is type(parent):
            continue
        keys = model.__mapper__.primary_key
        for row in session.execute(select(*keys).where(owner == parent.id)):
            related.add((entity, "/".join(str(part) for part in row)))
    rows = session.execute(
        text(
            'SELECT "user", at, entity, entity_id, action, detail FROM audit_log '
            "WHERE id > :mark ORDER BY id"
        ),
        {"mark": mark},
    )
    found = []
    for user, at, entity, entity_id, action, detail in rows:
        if (entity, entity_id) in related:
            fields = str(detail).removeprefix("fields: ") if action == "changed" else action
            what = f"{entity} ({fields})" if fields else entity
            at_value = dt.datetime.fromisoformat(canonical_at(at))
            found.append((str(user), at_value, what))
    return found
