"""`restore` only reads the backup: it works from a read-only folder and leaves it unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lscp_desktop.store import backups, keys
from lscp_desktop.store.database import open_store
from lscp_desktop.store.database_copy import copy_database
from tests.conftest import PASSPHRASE
from tests.store.cli import run
from tests.store.test_faults import mounted


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_restore_from_a_read_only_folder_leaves_the_backup_unchanged(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    db_path = tmp_path / "data" / "store.db"
    assert run("demo", "--db", str(db_path)).returncode == 0
    store = open_store(db_path, PASSPHRASE)
    backups.backup_now(store, "quit").rename(stick / "store.backup")  # the one file travels
    store.close()
    before = _fingerprint(stick)
    assert set(before) == {"store.backup"}

    with mounted("--bind", "-o", "ro", str(stick)) as read_only:
        result = run("restore", str(read_only / "store.backup"), "--db", str(tmp_path / "new.db"))
        assert result.returncode == 0, result.stderr
        assert _fingerprint(read_only) == before

    assert _fingerprint(stick) == before
    listed = run("list", "--db", str(tmp_path / "new.db"))
    assert listed.returncode == 0 and listed.stdout.strip()


def test_restore_does_not_upgrade_an_old_backup_s_key_file(tmp_path: Path) -> None:
    from tests.store.test_key_wrapping import _write_version_1

    db_path = tmp_path / "store.db"
    store = open_store(db_path, PASSPHRASE)
    # A backup of an earlier version's kind: the database with its (version 1) key file beside.
    backup = copy_database(store.path, store.key, tmp_path / "backup.db")
    store.close()
    data_key = keys.read_key_file(keys.key_file_path(backup)).unlock(PASSPHRASE)
    _write_version_1(backup, data_key, keys.new_recovery_key())
    before = _fingerprint(tmp_path)

    backups.restore(tmp_path / "restored.db", backup, PASSPHRASE)

    after = _fingerprint(tmp_path)
    assert {name: after[name] for name in before} == before
