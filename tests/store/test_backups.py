from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from lscp_desktop.models import MinuteItem
from lscp_desktop.store import audit, backups, keys, recovery
from lscp_desktop.store.backup_file import RecoveryKeyRestore
from lscp_desktop.store.database import (
    DamagedDatabase,
    NewerDatabase,
    Store,
    WrongPassphrase,
    create_store,
    open_store,
)
from lscp_desktop.store.database_copy import copy_database
from lscp_desktop.store.errors import WrongRecoveryKey
from tests.conftest import PASSPHRASE
from tests.store.backup_help import open_backup
from tests.store.records import add_meeting


def minutes_text(store: Store) -> str:
    with store.session() as session:
        return session.scalars(select(MinuteItem.text)).one()


def set_minutes(store: Store, text: str) -> None:
    with store.session() as session:
        session.scalars(select(MinuteItem)).one().text = text


def test_backup_opens_with_the_same_passphrase_and_not_with_plain_sqlite(
    store: Store, tmp_path: Path
) -> None:
    add_meeting(store)
    path = backups.backup_now(store, "concluded")
    assert path.parent == store.path.parent / "backups"
    assert path.suffix == ".backup"
    # One file: nothing beside it to lose on the way to a stick.
    assert not keys.key_file_path(path).exists() and not audit.seal_path(path).exists()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert b"The partners discussed." not in path.read_bytes()
    with pytest.raises(WrongPassphrase):
        open_backup(path, tmp_path / "wrong", "not the passphrase")
    copy = open_backup(path, tmp_path / "unpacked")
    assert minutes_text(copy) == "The partners discussed."
    copy.close()


def test_periodic_backup_only_every_ten_minutes_and_only_after_changes(store: Store) -> None:
    add_meeting(store)
    start = dt.datetime(2026, 1, 5, 9, 0)
    assert backups.backup_due(store, now=start)  # changes, no backup yet
    backups.backup_now(store, "periodic", now=start)
    assert not backups.backup_due(store, now=start + dt.timedelta(minutes=20))  # no change
    set_minutes(store, "more typing")
    assert not backups.backup_due(store, now=start + dt.timedelta(minutes=5))  # too soon
    assert backups.backup_due(store, now=start + dt.timedelta(minutes=11))


def test_retention_keeps_recent_then_daily_weekly_monthly() -> None:
    start = dt.datetime(2025, 1, 1, 12, 0)
    # A backup every 6 hours for a year.
    made = [
        backups.Backup(Path(f"b{i}.db"), start + dt.timedelta(hours=6 * i), "periodic")
        for i in range(4 * 365)
    ]
    keep = backups.backups_to_keep(made, recent=12, daily=7, weekly=8, monthly=12)
    kept = sorted((b for b in made if b.path in keep), key=lambda b: b.taken_at, reverse=True)
    newest = max(made, key=lambda b: b.taken_at)
    assert kept[0] == newest
    assert len({b.taken_at.strftime("%Y-%m") for b in kept}) == 12
    assert len(kept) <= 12 + 7 + 8 + 12
    assert all(b in kept for b in sorted(made, key=lambda b: b.taken_at)[-12:])


def test_pruning_deletes_old_backups_and_keeps_one_file_each(store: Store) -> None:
    add_meeting(store)
    start = dt.datetime(2025, 1, 1, 9, 0)
    for day in range(40):
        set_minutes(store, f"day {day}")
        backups.backup_now(store, "periodic", now=start + dt.timedelta(days=day))
    left = backups.list_backups(store.path)
    assert 12 <= len(left) < 40
    directory = backups.backup_dir(store.path)
    assert sorted(path.name for path in directory.iterdir()) == sorted(
        backup.path.name for backup in left
    )


def test_restore_keeps_the_current_database_and_records_it(store: Store, db_path: Path) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "concluded")
    set_minutes(store, "written after the backup")
    store.close()

    kept = backups.restore(db_path, backup, PASSPHRASE)

    restored = open_store(db_path, PASSPHRASE)
    assert minutes_text(restored) == "The partners discussed."
    restored.close()
    assert kept is not None
    previous = open_store(kept, PASSPHRASE)
    assert minutes_text(previous) == "written after the backup"
    previous.close()
    from lscp_desktop.store.integrity import check_database

    assert check_database(db_path, PASSPHRASE).ok


def test_restore_accepts_todays_passphrase_for_an_older_backup(store: Store, db_path: Path) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "quit")
    store.close()
    recovery.change_passphrase(db_path, PASSPHRASE, "changed since the backup")
    backups.restore(db_path, backup, "changed since the backup")
    open_store(db_path, "changed since the backup").close()


def test_backup_from_a_newer_version_is_refused_and_nothing_overwritten(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    # A backup of an earlier version's kind (the database with its key file beside it), so
    # the test can give it a newer schema; a one-file backup is refused the same way.
    backup = copy_database(store.path, store.key, db_path.parent / "elsewhere" / "old.db")
    store.close()
    newer = open_store(backup, PASSPHRASE)
    with newer.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    newer.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version"):
        backups.restore(db_path, backup, PASSPHRASE)
    assert db_path.read_bytes() == before
    kept_aside = backups.backup_dir(db_path)
    assert not kept_aside.exists() or not any(
        "before-restore" in p.name for p in kept_aside.iterdir()
    )


def test_a_database_failing_its_check_at_start_names_the_newest_good_backup(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    backups.backup_now(store, "periodic", now=dt.datetime(2026, 1, 1, 9, 0))
    good = backups.backup_now(store, "quit", now=dt.datetime(2026, 1, 2, 9, 0))
    store.close()
    damaged = bytearray(db_path.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    db_path.write_bytes(bytes(damaged))

    with pytest.raises(DamagedDatabase) as raised:
        open_store(db_path, PASSPHRASE)
    assert raised.value.newest_backup == good
    assert str(good) in str(raised.value)
    assert db_path.read_bytes() == bytes(damaged)  # not opened, not "repaired", not replaced


def test_a_backup_restores_on_another_machine_with_the_recovery_key_alone(
    tmp_path: Path,
) -> None:
    store, recovery_key = create_store(tmp_path / "r.db", PASSPHRASE)
    assert recovery_key is not None
    add_meeting(store)
    backup = backups.backup_now(store, "quit")
    store.close()
    stick = tmp_path / "stick" / backup.name
    stick.parent.mkdir()
    stick.write_bytes(backup.read_bytes())  # the one file is all that travels
    before = stick.read_bytes()
    elsewhere = tmp_path / "other-laptop" / "store.db"
    with pytest.raises(WrongRecoveryKey, match="recovery key is wrong"):
        backups.restore(
            elsewhere, stick, "", recovery=RecoveryKeyRestore("AAAA-BBBB", "a new passphrase!")
        )
    assert not elsewhere.exists()
    backups.restore(
        elsewhere,
        stick,
        "",
        recovery=RecoveryKeyRestore(recovery_key.lower(), "a new passphrase, long enough"),
    )
    assert stick.read_bytes() == before  # the backup is only read
    restored = open_store(elsewhere, "a new passphrase, long enough")
    assert minutes_text(restored) == "The partners discussed."
    restored.close()
    with pytest.raises(WrongPassphrase):
        open_store(elsewhere, PASSPHRASE)  # the passphrase it was taken with is replaced
