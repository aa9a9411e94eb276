"""A store made from the command line: its recovery key, and the passphrase rules there."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from lscp_desktop.store import backups, keys, recovery
from lscp_desktop.store.database import open_store
from tests.conftest import PASSPHRASE
from tests.store.cli import run

_RECOVERY_KEY = re.compile(r"\b(?:[A-Z2-7]{4}-){7}[A-Z2-7]{4}\b")


def test_store_created_by_a_command_shows_its_recovery_key_once(db_path: Path) -> None:
    result = run("demo", "--db", str(db_path))  # a command that creates (list does not)
    assert result.returncode == 0, result.stderr
    shown = _RECOVERY_KEY.findall(result.stderr)
    assert len(shown) == 1 and not _RECOVERY_KEY.search(result.stdout)
    recovery.reset_passphrase(db_path, shown[0], "a brand new passphrase")

    again = run("list", "--db", str(db_path), passphrase="a brand new passphrase")
    assert again.returncode == 0 and not _RECOVERY_KEY.search(again.stderr)


def test_store_created_by_a_command_saves_its_recovery_key_when_asked(
    db_path: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "recovery-key.txt"
    result = run("demo", "--db", str(db_path), "--recovery-key-file", str(saved))
    assert result.returncode == 0, result.stderr
    assert not _RECOVERY_KEY.search(result.stderr) and str(saved) in result.stderr
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    (key,) = _RECOVERY_KEY.findall(saved.read_text())
    assert keys.read_key_file(keys.key_file_path(db_path)).unlock_with_recovery_key(key)


def test_short_passphrase_in_the_environment_creates_nothing(db_path: Path) -> None:
    result = run("demo", "--db", str(db_path), passphrase="short")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "at least 8 characters" in result.stderr
    assert not db_path.exists()


def test_deleted_key_file_gives_one_line_and_a_hint(db_path: Path) -> None:
    store = open_store(db_path, PASSPHRASE)
    backups.backup_now(store, "quit")  # the rolling backup the app takes
    store.close()
    keys.key_file_path(db_path).unlink()
    result = run("list", "--db", str(db_path))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "is missing" in result.stderr and "passphrase is wrong" not in result.stderr
    assert "key material" in result.stderr
