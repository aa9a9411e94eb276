"""Hidden temporaries left by killed writes are removed; fresh ones and other files are not."""

from __future__ import annotations

import os
import time
from pathlib import Path

from lscp_desktop.files.writing import write_atomically
from lscp_desktop.store.database import open_store
from tests.conftest import PASSPHRASE


def _left_behind(path: Path, *, age_seconds: float) -> Path:
    path.write_bytes(b"half an export")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_a_killed_export_s_temporary_is_removed_by_the_next_export(tmp_path: Path) -> None:
    stale = _left_behind(tmp_path / ".minutes.docx.k2j4h1.tmp", age_seconds=2 * 3600)
    fresh = _left_behind(tmp_path / ".minutes.docx.a8b7c6.tmp", age_seconds=5)
    other = _left_behind(tmp_path / ".letter.docx.zz11yy.tmp", age_seconds=2 * 3600)
    write_atomically(tmp_path / "minutes.docx", b"the minutes")
    assert not stale.exists()
    assert fresh.exists()  # may be another write still under way
    assert other.exists()  # another file's: left for its own next write
    assert (tmp_path / "minutes.docx").read_bytes() == b"the minutes"


def test_stale_temporaries_beside_the_database_are_removed_at_start(db_path: Path) -> None:
    open_store(db_path, PASSPHRASE).close()
    (db_path.parent / "backups").mkdir()
    leftovers = [
        _left_behind(db_path.parent / f".{db_path.name}.keys.0a1b2c3d.tmp", age_seconds=7200),
        _left_behind(db_path.parent / "backups" / ".store-1.db.partial", age_seconds=7200),
        _left_behind(db_path.parent / f".{db_path.name}.restoring", age_seconds=7200),
    ]
    kept = _left_behind(db_path.parent / "notes.tmp", age_seconds=7200)  # not hidden: not ours
    open_store(db_path, PASSPHRASE).close()
    assert not any(path.exists() for path in leftovers)
    assert kept.exists()
