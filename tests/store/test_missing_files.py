"""Only a missing file is a new database, and only a command that creates makes one."""

from __future__ import annotations

from pathlib import Path

import pytest

from lscp_desktop.store import backups
from lscp_desktop.store.database import DamagedDatabase, Store, open_store
from tests.conftest import PASSPHRASE
from tests.store.cli import run
from tests.store.records import add_meeting


def test_a_zero_length_database_is_never_reinitialised(store: Store, db_path: Path) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "concluded")
    store.close()
    db_path.write_bytes(b"")  # e.g. truncated by a full disk or a bad copy

    with pytest.raises(DamagedDatabase, match="empty") as refused:
        open_store(db_path, PASSPHRASE)
    assert refused.value.newest_backup == backup
    for command in ("list", "demo"):
        result = run(command, "--db", str(db_path))
        assert result.returncode == 1
        assert "is empty (0 bytes)" in result.stderr and str(backup) in result.stderr
    assert db_path.stat().st_size == 0


def test_readers_on_a_mistyped_db_create_no_folder_or_file(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "typo.db"
    for command in (
        ["list"],
        ["export-data", "-o", str(tmp_path / "out.json")],
        ["check"],
        ["backup", "-o", str(tmp_path / "b.db")],
    ):
        result = run(*command, "--db", str(missing))
        assert result.returncode == 1, command
        assert f"No database at {missing}" in result.stderr
    assert not missing.parent.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home"]


def test_a_creating_command_makes_a_missing_database(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "records.db"
    assert run("demo", "--db", str(path)).returncode == 0
    assert path.stat().st_size > 0
