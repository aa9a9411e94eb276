"""`backup -o FILE` is one file that restores anywhere with the passphrase; old ones still do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lscp_desktop.store import backup_file
from lscp_desktop.store.database import create_store, open_store
from lscp_desktop.store.database_copy import copy_database
from tests.conftest import PASSPHRASE
from tests.store.cli import run


def _demo_and_backup(tmp_path: Path) -> tuple[Path, Path]:
    db_path = tmp_path / "office" / "store.db"
    assert run("demo", "--db", str(db_path)).returncode == 0
    stick = tmp_path / "stick" / "lscp-backup.db"
    result = run("backup", "-o", str(stick), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    return db_path, stick


def test_one_file_backup_restores_on_another_machine(tmp_path: Path) -> None:
    db_path, stick = _demo_and_backup(tmp_path)
    assert sorted(path.name for path in stick.parent.iterdir()) == ["lscp-backup.db"]
    other_machine = tmp_path / "laptop"
    other_machine.mkdir()
    carried = Path(shutil.copy(stick, other_machine / "carried.db"))
    before = carried.read_bytes()

    new_db = tmp_path / "laptop-data" / "store.db"
    result = run("restore", str(carried), "--db", str(new_db), separate=True)  # a new process
    assert result.returncode == 0, result.stderr
    assert carried.read_bytes() == before
    assert sorted(path.name for path in other_machine.iterdir()) == ["carried.db"]
    original = run("list", "--db", str(db_path)).stdout
    assert run("list", "--db", str(new_db)).stdout == original
    assert run("check", "--db", str(new_db)).returncode == 0  # the seal came with it


def test_an_altered_seal_inside_a_one_file_backup_is_refused(tmp_path: Path) -> None:
    _, stick = _demo_and_backup(tmp_path)
    raw = stick.read_bytes()
    start = len(backup_file.MAGIC) + 8
    length = int.from_bytes(raw[len(backup_file.MAGIC) : start], "big")
    header = json.loads(raw[start : start + length])
    seal = json.loads(header["seal"])
    seal["entries"] = int(seal["entries"]) + 1
    header["seal"] = json.dumps(seal)
    new_header = json.dumps(header).encode()
    stick.write_bytes(
        raw[: len(backup_file.MAGIC)]
        + len(new_header).to_bytes(8, "big")
        + new_header
        + raw[start + length :]
    )
    new_db = tmp_path / "new" / "store.db"
    result = run("restore", str(stick), "--db", str(new_db))
    assert result.returncode == 1
    assert "has been altered" in result.stderr and result.stderr.count("\n") == 1
    assert not new_db.exists()


def test_a_wrong_passphrase_for_a_one_file_backup_changes_nothing(tmp_path: Path) -> None:
    db_path, stick = _demo_and_backup(tmp_path)
    before = db_path.read_bytes()
    result = run("restore", str(stick), "--db", str(db_path), passphrase="not the passphrase")
    assert result.returncode == 1 and "passphrase is wrong" in result.stderr
    assert db_path.read_bytes() == before


def test_an_old_three_file_backup_still_restores(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    store = open_store(db_path, PASSPHRASE)
    old = copy_database(store.path, store.key, tmp_path / "old" / "three-files.db")  # +.keys .seal
    store.close()
    assert not backup_file.is_one_file(old)
    result = run("restore", str(old), "--db", str(tmp_path / "restored.db"))
    assert result.returncode == 0, result.stderr
    assert run("check", "--db", str(tmp_path / "restored.db")).returncode == 0


def test_restore_with_the_recovery_key_on_the_command_line(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    store, recovery_key = create_store(db_path, PASSPHRASE)
    assert recovery_key is not None
    store.close()
    made = run("backup", "-o", str(tmp_path / "stick" / "one.backup"), "--db", str(db_path))
    assert made.returncode == 0, made.stderr
    new_db = tmp_path / "laptop" / "store.db"
    wrong = run(
        "restore",
        str(tmp_path / "stick" / "one.backup"),
        "--recovery-key",
        "--db",
        str(new_db),
        passphrase=None,
        LSCP_DESKTOP_RECOVERY_KEY="AAAA-BBBB-CCCC",
        LSCP_DESKTOP_NEW_PASSPHRASE="a brand new passphrase",
    )
    assert wrong.returncode == 1 and "recovery key is wrong" in wrong.stderr
    assert wrong.stderr.count("\n") == 1 and not new_db.exists()
    done = run(
        "restore",
        str(tmp_path / "stick" / "one.backup"),
        "--recovery-key",
        "--db",
        str(new_db),
        passphrase=None,
        LSCP_DESKTOP_RECOVERY_KEY=recovery_key,
        LSCP_DESKTOP_NEW_PASSPHRASE="a brand new passphrase",
    )
    assert done.returncode == 0, done.stderr
    checked = run("check", "--db", str(new_db), passphrase="a brand new passphrase")
    assert checked.returncode == 0, checked.stdout + checked.stderr
