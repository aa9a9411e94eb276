"""A consistent copy of an encrypted database, with its key file and audit seal beside it.

The copy is made through SQLite's backup API on a connection of its own (a reader beside the
store's one writer: in WAL mode it sees the last commit and blocks nobody), under the same data
key. Backups (backup_file.py) pack such a copy into one file; a restore keeps the database it
replaces as such a copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from lscp_desktop.store import audit, file_modes, keys
from lscp_desktop.store.database import StoreError, connect_keyed, storage_error

BACKUP_DIR_NAME = "backups"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def companions(db_path: Path) -> list[Path]:
    """The files that travel with a database file: its key file and its audit seal."""
    return [keys.key_file_path(db_path), audit.seal_path(db_path)]


def copy_database(db_path: Path, key: str, target: Path) -> Path:
    """Copy the database at `db_path` (keyed by `key`) to `target` through a connection of its
    own, with its key file and seal. Safe on any thread: it touches no open store."""
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} already exists; choose another file name.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.parent == backup_dir(db_path):
            file_modes.owner_only_folder(target.parent)
        source = connect_keyed(db_path, key, key_file_used=True)
        try:
            copy = sqlcipher.connect(str(partial), isolation_level=None)
            try:
                copy.execute("PRAGMA cipher_log_level = NONE")
                copy.execute(f"PRAGMA key = {key}")
                # One step: the whole copy is read in one read transaction, so it is consistent
                # however the store's writer carries on meanwhile.
                source.backup(copy)
                # A single self-contained file: no -wal needed beside the backup.
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        finally:
            source.close()
        file_modes.owner_only_file(partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        for source_file, destination in zip(companions(db_path), companions(target), strict=True):
            if source_file.exists():
                shutil.copy2(source_file, destination)
                file_modes.owner_only_file(destination)
        os.replace(partial, target)
    except (OSError, sqlcipher.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise storage_error(target, error) or StoreError(
            f"The backup to {target} failed: {error}"
        ) from None
    return target
