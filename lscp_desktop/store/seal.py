"""The audit seal file `<db>.seal`: what it states, writing it keyed, reading and trusting it.

Apart from audit.py (which needs SQLAlchemy and the models) because every open compares the
audit log with the seal on the plain connection, before SQLAlchemy is loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp_desktop.files.writing import write_atomically
from lscp_desktop.store.seal_key import mac_matches, seal_mac

SEAL_SUFFIX = ".seal"


@dataclass(frozen=True)
class Seal:
    entries: int
    last_id: int
    hash: str
    # How far the seal file can be trusted: KEYED (its HMAC verifies), UNKEYED (written by
    # an older version, without one), FORGED (an HMAC that does not verify), DAMAGED.
    status: str = "keyed"


KEYED, UNKEYED, FORGED, DAMAGED = "keyed", "unkeyed", "forged", "damaged"


def seal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SEAL_SUFFIX)


def write_seal(db_path: Path, seal: Seal, key: bytes) -> None:
    """Write the keyed seal (also used to re-seal after a loss the user has accepted)."""
    document = {
        "format": "lscp-desktop-seal",
        "entries": seal.entries,
        "last_id": seal.last_id,
        "hash": seal.hash,
        "mac": seal_mac(key, seal.entries, seal.last_id, seal.hash),
        "sealed_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    # The commit stands if this fails: a seal left behind the log is reported by `check` as
    # behind, not as tampering, and the next commit rewrites it.
    with contextlib.suppress(OSError):
        write_atomically(seal_path(db_path), (json.dumps(document, indent=2) + "\n").encode())


def read_seal(db_path: Path, key: bytes) -> Seal | None:
    """The seal beside the database, its status saying whether its HMAC verifies; None if
    there is no seal file."""
    try:
        document = json.loads(seal_path(db_path).read_text(encoding="utf-8"))
        entries, last_id = int(document["entries"]), int(document["last_id"])
        last_hash, mac = str(document["hash"]), document.get("mac")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Seal(-1, -1, "", DAMAGED)
    if mac is None:
        status = UNKEYED
    elif mac_matches(key, entries, last_id, last_hash, str(mac)):
        status = KEYED
    else:
        status = FORGED
    return Seal(entries, last_id, last_hash, status)


def missing_entries(connection: Any, seal: Seal | None) -> str | None:
    """At open: which audit entries the seal vouches for are gone, in one sentence; None if
    all are there. Cheap (a count and one row), so it runs at every open; `check` verifies
    the whole chain. A damaged WAL is the usual cause: SQLite stops reading it at the first
    bad frame, silently dropping every commit after it."""
    if seal is None or seal.status not in (KEYED, UNKEYED) or seal.entries <= 0:
        return None
    count = int(connection.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    row = connection.execute("SELECT hash FROM audit_log WHERE id = ?", (seal.last_id,)).fetchone()
    if count >= seal.entries and row is not None and str(row[0]) == seal.hash:
        return None
    if count < seal.entries:
        return (
            f"the audit log has {count} entries but its seal records {seal.entries}: "
            f"{seal.entries - count} committed changes (or more) are missing"
        )
    return f"audit entry {seal.last_id} does not match the seal kept beside the database"
