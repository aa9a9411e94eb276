from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lscp_desktop.store import keys, recovery
from lscp_desktop.store.database import (
    DamagedDatabase,
    KeyFileDamaged,
    Store,
    StoreError,
    WrongPassphrase,
    WrongRecoveryKey,
    create_store,
    open_store,
    verify_passphrase,
)
from tests.conftest import PASSPHRASE


def test_first_start_shows_a_recovery_key_that_resets_a_forgotten_passphrase(
    db_path: Path,
) -> None:
    store, recovery_key = create_store(db_path, PASSPHRASE)
    store.close()
    assert len(recovery_key.replace("-", "")) == 32

    typed = recovery_key.lower().replace("-", " ")  # as someone might type it from paper
    recovery.reset_passphrase(db_path, typed, "a brand new passphrase")

    with pytest.raises(WrongPassphrase):
        open_store(db_path, PASSPHRASE)
    open_store(db_path, "a brand new passphrase").close()


def test_a_wrong_recovery_key_changes_nothing(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    before = keys.key_file_path(db_path).read_bytes()
    with pytest.raises(WrongRecoveryKey, match="recovery key is wrong"):
        recovery.reset_passphrase(db_path, keys.new_recovery_key(), "another passphrase")
    assert keys.key_file_path(db_path).read_bytes() == before


def test_create_store_refuses_to_overwrite_an_existing_database(
    store: Store, db_path: Path
) -> None:
    with pytest.raises(StoreError, match="already exists"):
        create_store(db_path, PASSPHRASE)


def test_key_file_holds_no_secret_in_clear(db_path: Path) -> None:
    store, recovery_key = create_store(db_path, PASSPHRASE)
    store.close()
    text = keys.key_file_path(db_path).read_text()
    document = json.loads(text)
    assert set(document["wraps"]) == {"passphrase", "recovery"}
    assert PASSPHRASE not in text
    assert recovery_key not in text and recovery_key.replace("-", "") not in text
    data_key = keys.read_key_file(keys.key_file_path(db_path)).unlock(PASSPHRASE)
    assert data_key.hex() not in text


def test_wrong_passphrase_and_damaged_first_page_are_told_apart(
    store: Store, db_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    store.close()
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        open_store(db_path, "not the passphrase")

    damaged = bytearray(db_path.read_bytes())
    damaged[100] ^= 0xFF  # inside the first page
    db_path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedDatabase, match="passphrase is right but the database cannot"):
        open_store(db_path, PASSPHRASE)
    assert capfd.readouterr().err == ""  # SQLCipher's own logging stays off stderr
    assert db_path.read_bytes() == bytes(damaged)  # nothing overwritten


def test_a_damaged_key_file_is_reported_and_left_alone(store: Store, db_path: Path) -> None:
    store.close()
    keys.key_file_path(db_path).write_text("{not json")
    with pytest.raises(KeyFileDamaged, match="key file is damaged"):
        open_store(db_path, PASSPHRASE)
    assert keys.key_file_path(db_path).read_text() == "{not json"


def test_database_keyed_by_the_data_key_has_no_plaintext_header(
    store: Store, db_path: Path
) -> None:
    store.close()
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_lock_screen_passphrase_check(store: Store, db_path: Path) -> None:
    assert verify_passphrase(db_path, PASSPHRASE)
    assert not verify_passphrase(db_path, "nope nope nope")


def test_passphrase_change_keeps_the_data_and_new_recovery_key_replaces_old(
    db_path: Path,
) -> None:
    store, old_recovery_key = create_store(db_path, PASSPHRASE)
    store.close()
    recovery.change_passphrase(db_path, PASSPHRASE, "second passphrase")
    open_store(db_path, "second passphrase").close()
    new_recovery_key = recovery.replace_recovery_key(db_path, "second passphrase")
    with pytest.raises(WrongRecoveryKey):
        recovery.reset_passphrase(db_path, old_recovery_key, "third passphrase")
    recovery.reset_passphrase(db_path, new_recovery_key, "third passphrase")
    open_store(db_path, "third passphrase").close()


def test_store_created_by_open_store_has_no_recovery_key(store: Store, db_path: Path) -> None:
    assert not recovery.has_recovery_key(db_path)
    with pytest.raises(KeyFileDamaged, match="no recovery key"):
        recovery.reset_passphrase(db_path, keys.new_recovery_key(), "another passphrase")


def test_too_short_new_passphrase_is_refused(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    with pytest.raises(StoreError, match="at least 8"):
        recovery.change_passphrase(db_path, PASSPHRASE, "short")


def test_stale_key_file_without_database_is_kept_aside_not_overwritten(db_path: Path) -> None:
    keys.key_file_path(db_path).write_text("old key file")
    open_store(db_path, PASSPHRASE).close()
    orphans = list(db_path.parent.glob("*.keys.orphan-*"))
    assert [path.read_text() for path in orphans] == ["old key file"]
