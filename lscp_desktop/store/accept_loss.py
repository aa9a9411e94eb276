"""Going on without the missing audit entries, when no backup has them: `lscp-desktop reseal`.

The open refuses a database whose audit log lacks entries its seal vouches for, and `check`
reports a deleted seal. When the newest good backup does not help (or there is none), the user
may accept the log as it is: the seal is written afresh over the log as it stands — the only
way it ever moves backwards — and the first entry under it records what was missing and that it
was accepted, so the loss stays on the record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from lscp_desktop.store import audit, keys, writer_lock
from lscp_desktop.store.content_check import differences, last_entries
from lscp_desktop.store.database import connect_keyed, open_store, unlock_key
from lscp_desktop.store.seal_key import seal_key_for


def what_is_missing(connection: Any, seal: audit.Seal | None) -> str | None:
    """The loss to accept, in one sentence; None when the log and its seal agree."""
    rows = int(connection.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    if seal is None:
        return f"the seal was missing over {rows} audit entries" if rows else None
    if seal.status in (audit.FORGED, audit.DAMAGED):
        return "the seal did not verify under this database's key"
    return audit.missing_entries(connection, seal)


def accept(path: Path, passphrase: str) -> str | None:
    """Re-seal the log as it is and record why; returns what was accepted (None: nothing).
    Holds the writer lock throughout, so nothing writes between the two steps."""
    lock = writer_lock.acquire(path)
    try:
        key = unlock_key(path, passphrase)
        sealing_key = seal_key_for(key)
        connection = connect_keyed(path, key, key_file_used=keys.key_file_path(path).exists())
        try:
            missing = what_is_missing(connection, audit.read_seal(path, sealing_key))
            last = connection.execute(
                "SELECT id, hash, (SELECT count(*) FROM audit_log) FROM audit_log "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
        finally:
            connection.close()
        if missing is None:
            return None
        seal = (
            audit.Seal(0, 0, audit.GENESIS)
            if last is None
            else audit.Seal(int(last[2]), int(last[0]), str(last[1]))
        )
        audit.write_seal(path, seal, sealing_key)
        store = open_store(path, passphrase, key=key, held_lock=lock)
        store.writer = None  # the lock is released below, once
        try:
            with store.session() as session:
                audit.record_event(
                    session, "database", path.name, "loss accepted", f"{missing}; re-sealed"
                )
                _record_as_they_are(session)
        finally:
            store.close()
    finally:
        lock.release()
    return missing


def _record_as_they_are(session: Session) -> None:
    """Rows whose audit entries were lost are recorded as they now are, so `check` compares
    them from here on (and the log says they were taken over after the loss)."""
    latest = last_entries(session.connection().connection.driver_connection)
    _compared, found = differences(session, latest)
    for difference in found:
        if not difference.entity_id:
            continue  # a row that cannot be read: left for `check` to report
        action = "deleted" if not difference.content_hash else "recorded after a loss"
        audit.record_content(
            session,
            difference.entity,
            difference.entity_id,
            action=action,
            detail="taken as it is after an accepted loss",
            content_hash=difference.content_hash,
        )
