"""A restore is audited even when it is killed half-way.

`restore` writes `<db>.restore-pending` before it swaps the backup in. The next open (under
the writer lock) finishes what the restore had not: if the swap never happened, the staging
copy is removed and the database is as it was; if it did, the backup's key file and seal are
put beside it, and once the audit log is attached the restore is recorded — by the restore
itself normally, or at the next start after a kill, saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.files.writing import write_atomically

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store

MARKER_SUFFIX = ".restore-pending"


def marker_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + MARKER_SUFFIX)


def note_pending(db_path: Path, backup: Path, kept: Path | None, staging: Path) -> None:
    document = {
        "backup": str(backup.resolve()),
        "kept": None if kept is None else kept.name,
        "staging": staging.name,
        "pid": os.getpid(),
    }
    write_atomically(marker_path(db_path), json.dumps(document).encode("utf-8"))


def _read(db_path: Path) -> dict[str, object] | None:
    try:
        document = json.loads(marker_path(db_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: still a restore that happened, of an unknown backup
    return document if isinstance(document, dict) else {}


def finish_files(db_path: Path) -> None:
    """Before opening: undo a restore killed before its swap, or finish one killed after it."""
    pending = _read(db_path)
    if pending is None:
        return
    staging = db_path.with_name(str(pending.get("staging") or f".{db_path.name}.restoring"))
    if staging.exists():  # killed before the swap: the database was never replaced
        staging.unlink()
        marker_path(db_path).unlink()
        return
    backup = Path(str(pending.get("backup", "")))
    if pending.get("backup") and backup.is_file():
        from lscp_desktop.store.backups import install_companions

        install_companions(db_path, backup)


def record_pending(store: Store) -> None:
    """Once the audit log is attached: record the restore the marker speaks of, then drop it."""
    pending = _read(store.path)
    if pending is None:
        return
    from lscp_desktop.store import audit

    backup = Path(str(pending.get("backup") or "an unknown backup")).name
    kept = pending.get("kept")
    detail = f"from {backup}" + (f"; the replaced copy is {kept}" if kept else "")
    if pending.get("pid") != os.getpid():
        detail += "; the restore was interrupted and is recorded at the next start"
    with store.session() as session:
        audit.record_event(session, "database", store.path.name, "restored", detail)
    with contextlib.suppress(FileNotFoundError):
        marker_path(store.path).unlink()
