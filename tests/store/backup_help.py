"""Opening what a backup holds, in tests: a backup is one file, unpacked the way a restore
unpacks it."""

from __future__ import annotations

from pathlib import Path

from lscp_desktop.store import backup_file
from lscp_desktop.store.database import Store, open_store
from tests.conftest import PASSPHRASE


def open_backup(backup: Path, folder: Path, passphrase: str = PASSPHRASE) -> Store:
    """The store inside a one-file backup, laid out in `folder` (the backup is only read)."""
    folder.mkdir(parents=True, exist_ok=True)
    return open_store(backup_file.unpack(backup, folder, passphrase), passphrase, create=False)
