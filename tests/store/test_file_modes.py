"""Owner-only files and folders, whatever the umask (stat, so this holds when run as root)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from lscp_desktop.store import backups
from lscp_desktop.store.database import open_store
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o002)  # group- and world-readable by default
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _store_files(db_path: Path) -> list[Path]:
    names = [db_path.name + s for s in ("", "-wal", "-shm", ".keys", ".seal")]
    return [db_path.with_name(name) for name in names if db_path.with_name(name).exists()]


def test_new_store_and_its_backups_are_owner_only_whatever_the_umask(
    tmp_path: Path, loose_umask: None
) -> None:
    db_path = tmp_path / "data" / "store.db"
    store = open_store(db_path, PASSPHRASE)
    try:
        backup = backups.backup_now(store, "manual")
        files = _store_files(db_path)
        assert {path.name for path in files} >= {"store.db", "store.db-wal", "store.db.keys"}
        assert {path.name: _mode(path) for path in files} == {path.name: 0o600 for path in files}
        assert _mode(db_path.parent) == 0o700
        assert _mode(backup.parent) == 0o700
        made = [backup, *backup.parent.glob(backup.name + ".*")]
        assert {path.name: _mode(path) for path in made} == {path.name: 0o600 for path in made}
    finally:
        store.close()


def test_loose_files_from_before_are_tightened_at_start(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "store.db"
    store = open_store(db_path, PASSPHRASE)
    backup = backups.backup_now(store, "manual")
    store.close()
    for path in [*_store_files(db_path), backup]:
        path.chmod(0o644)
    db_path.parent.chmod(0o755)
    backup.parent.chmod(0o755)

    open_store(db_path, PASSPHRASE).close()

    assert all(_mode(path) == 0o600 for path in [*_store_files(db_path), backup])
    assert _mode(db_path.parent) == 0o700 and _mode(backup.parent) == 0o700


def test_a_shared_sticky_folder_is_left_as_it_is(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: tightening it would break everyone else's files
    open_store(shared / "store.db", PASSPHRASE).close()
    assert _mode(shared) == 0o1777
    assert _mode(shared / "store.db") == 0o600
