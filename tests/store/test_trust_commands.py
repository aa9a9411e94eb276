from __future__ import annotations

from pathlib import Path

import pytest

from lscp_desktop.store import keys
from lscp_desktop.store.database import Store, create_store, open_store
from tests.conftest import PASSPHRASE
from tests.store.cli import run
from tests.store.records import add_meeting

pytestmark = pytest.mark.slow  # runs the command line in subprocesses


def test_check_prints_what_it_checked_and_passes_a_healthy_database(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    store.close()
    result = run("check", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    for checked in ("integrity_check: ok", "cipher_integrity_check: ok", "audit chain:"):
        assert checked in result.stdout


def test_check_finds_any_flipped_byte(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    original = db_path.read_bytes()
    for offset in (0, 17, len(original) // 3, len(original) - 1):
        damaged = bytearray(original)
        damaged[offset] ^= 0x04
        db_path.write_bytes(bytes(damaged))
        result = run("check", "--db", str(db_path))
        assert result.returncode == 1, (offset, result.stdout)
        assert "FAIL" in result.stdout
        assert "Traceback" not in result.stderr
    db_path.write_bytes(original)
    assert run("check", "--db", str(db_path)).returncode == 0


def test_check_names_the_edited_audit_row(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    raw = open_store(db_path, PASSPHRASE)
    with raw.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 4")
    raw.engine.dispose()
    result = run("check", "--db", str(db_path))
    assert result.returncode == 1
    assert "FAIL  audit row 4: its content was changed" in result.stdout


def test_wrong_passphrase_on_the_command_line_is_a_clear_message_not_a_traceback(
    store: Store, db_path: Path
) -> None:
    store.close()
    for command in (["check"], ["list"], ["backup", "-o", str(db_path.with_name("b.db"))]):
        result = run(*command, "--db", str(db_path), passphrase="Tr0ub4dor&3-wrong", separate=True)
        assert result.returncode == 1, command
        assert "passphrase is wrong" in result.stderr
        assert "Traceback" not in result.stderr
        assert "Tr0ub4dor" not in result.stdout + result.stderr  # never echoed or logged


def test_no_passphrase_and_no_terminal_exits_2(store: Store, db_path: Path) -> None:
    store.close()
    result = run("check", "--db", str(db_path), passphrase=None)
    assert result.returncode == 2
    assert "LSCP_DESKTOP_PASSPHRASE" in result.stderr


def test_backup_and_restore_from_the_command_line(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    stick = db_path.parent / "stick" / "copy.db"
    result = run("backup", "-o", str(stick), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert [path.name for path in stick.parent.iterdir()] == ["copy.db"]  # one file
    result = run("restore", str(stick), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "kept at" in result.stdout
    assert run("check", "--db", str(db_path)).returncode == 0


def test_reset_passphrase_with_the_recovery_key(db_path: Path) -> None:
    store, recovery_key = create_store(db_path, PASSPHRASE)
    store.close()
    wrong = run(
        "reset-passphrase",
        "--db",
        str(db_path),
        passphrase=None,
        LSCP_DESKTOP_RECOVERY_KEY=keys.new_recovery_key(),
        LSCP_DESKTOP_NEW_PASSPHRASE="new passphrase here",
    )
    assert wrong.returncode == 1 and "recovery key is wrong" in wrong.stderr
    result = run(
        "reset-passphrase",
        "--db",
        str(db_path),
        passphrase=None,
        LSCP_DESKTOP_RECOVERY_KEY=recovery_key,
        LSCP_DESKTOP_NEW_PASSPHRASE="new passphrase here",
    )
    assert result.returncode == 0, result.stderr
    assert run("check", "--db", str(db_path), passphrase="new passphrase here").returncode == 0
