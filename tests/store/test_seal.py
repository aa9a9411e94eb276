"""The keyed audit seal: written after the outermost commit only, never moved backwards, and
compared with the audit log at every open (the damaged-WAL loss of issue 13)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from lscp_desktop.models import AuditEntry, MinuteItem
from lscp_desktop.store import audit, backups, keys
from lscp_desktop.store.database import (
    AuditEntriesMissing,
    Store,
    connect_keyed,
    open_store,
    unlock_key,
)
from lscp_desktop.store.integrity import check_database
from lscp_desktop.store.seal_key import seal_key, seal_key_for
from tests.conftest import PASSPHRASE
from tests.store.cli import run
from tests.store.records import add_meeting

FRAME_HEADER, WAL_HEADER, PAGE = 24, 32, 4096


def seal_document(db_path: Path) -> dict[str, object]:
    document: dict[str, object] = json.loads(audit.seal_path(db_path).read_text())
    return document


def raw_sql(db_path: Path, *statements: str) -> None:
    """Below the app: SQL on the database, nothing audited or sealed."""
    raw = open_store(db_path, PASSPHRASE)
    with raw.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    raw.engine.dispose()
    assert raw.writer is not None
    raw.writer.release()


def record_events(store: Store, count: int) -> None:
    for number in range(count):  # one commit each, each sealed
        with store.session() as session:
            audit.record_event(session, "export", "LSCP-1", "exported", f"copy {number}")


def test_the_seal_is_keyed_by_the_data_key(store: Store, db_path: Path) -> None:
    add_meeting(store)
    document = seal_document(db_path)
    data_key = bytes.fromhex(store.key.strip('"')[2:-1])
    assert seal_key_for(store.key) == seal_key(data_key) != seal_key(b"another key")
    seal = audit.read_seal(db_path, seal_key(data_key))
    assert seal is not None and seal.status == audit.KEYED
    assert seal.hash == document["hash"] and len(str(document["mac"])) == 64
    other = audit.read_seal(db_path, seal_key(b"another key"))
    assert other is not None and other.status == audit.FORGED


def test_a_cut_audit_log_with_its_seal_deleted_is_reported_and_never_resealed(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    store.close()
    raw_sql(db_path, "DELETE FROM audit_log WHERE id > 2")
    audit.seal_path(db_path).unlink()

    reopened = open_store(db_path, PASSPHRASE)
    with reopened.session() as session:  # a later change must not make the cut look whole
        session.scalars(select(MinuteItem)).one().text = "a later change"
    reopened.close()

    problems = check_database(db_path, PASSPHRASE).problems
    assert problems and "no seal file beside the database" in problems[0]
    assert not audit.seal_path(db_path).exists()


def test_a_seal_written_without_the_key_is_reported(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    raw_sql(db_path, "DELETE FROM audit_log WHERE id > 2")
    raw = connect_keyed(db_path, unlock_key(db_path, PASSPHRASE), key_file_used=True)
    last_id, last_hash = raw.execute("SELECT id, hash FROM audit_log WHERE id = 2").fetchone()
    raw.close()
    forged = {"entries": 2, "last_id": last_id, "hash": last_hash, "mac": "00" * 32}
    audit.seal_path(db_path).write_text(json.dumps(forged))

    problems = check_database(db_path, PASSPHRASE).problems
    assert problems and "does not verify under this database's key" in problems[0]


def test_a_savepoint_released_inside_a_transaction_that_rolls_back_does_not_move_the_seal(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    before = seal_document(db_path)
    with pytest.raises(RuntimeError), store.session() as session:
        with session.begin_nested():  # as autosave's nested block
            session.scalars(select(MinuteItem)).one().text = "inside the savepoint"
        assert seal_document(db_path) == before  # released, but not yet committed
        raise RuntimeError("the crash before the outer commit")
    assert seal_document(db_path) == before
    store.close()
    assert check_database(db_path, PASSPHRASE).ok


def test_the_seal_never_moves_backwards(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    ahead = seal_document(db_path)
    raw_sql(db_path, "DELETE FROM audit_log WHERE id > 2")
    with pytest.raises(AuditEntriesMissing):
        open_store(db_path, PASSPHRASE)
    assert seal_document(db_path) == ahead


def test_a_damaged_wal_that_drops_committed_changes_is_reported_at_open(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    add_meeting(store)
    good = backups.backup_now(store, "concluded")
    store.connection.execute("PRAGMA wal_autocheckpoint = 0")
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    record_events(store, 40)
    # A copy as a crash leaves it: the database file and its un-checkpointed WAL.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    copy = crashed / db_path.name
    for suffix in ("", "-wal"):
        shutil.copy2(db_path.with_name(db_path.name + suffix), crashed / (db_path.name + suffix))
    shutil.copy2(keys.key_file_path(db_path), keys.key_file_path(copy))
    shutil.copy2(audit.seal_path(db_path), audit.seal_path(copy))
    shutil.copytree(backups.backup_dir(db_path), backups.backup_dir(copy))
    store.close()
    wal = copy.with_name(copy.name + "-wal")
    frames = (wal.stat().st_size - WAL_HEADER) // (FRAME_HEADER + PAGE)
    assert frames > 20
    with open(wal, "r+b") as handle:  # one bad frame half-way: SQLite stops reading there
        handle.seek(WAL_HEADER + (frames // 2) * (FRAME_HEADER + PAGE) + FRAME_HEADER + 100)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))

    with pytest.raises(AuditEntriesMissing, match="are missing") as refused:
        open_store(copy, PASSPHRASE)
    assert refused.value.newest_backup == backups.backup_dir(copy) / good.name
    result = run("list", "--db", str(copy))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "committed changes (or more) are missing" in result.stderr
    assert "newest good backup" in result.stderr


def test_reseal_goes_on_without_the_missing_entries_and_records_the_loss(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    store.close()
    raw_sql(db_path, "DELETE FROM audit_log WHERE id > 2")
    with pytest.raises(AuditEntriesMissing):
        open_store(db_path, PASSPHRASE)

    result = run("reseal", "--db", str(db_path))

    assert result.returncode == 0, result.stderr
    assert "the audit log has 2 entries but its seal records" in result.stdout
    reopened = open_store(db_path, PASSPHRASE)
    with reopened.session() as session:
        after = list(session.scalars(select(AuditEntry).where(AuditEntry.id > 2)))
    reopened.close()
    assert after[0].action == "loss accepted"
    assert "2 entries but its seal records" in after[0].detail
    # The rows whose entries were lost are taken over as they are, and say so.
    assert len(after) > 1
    assert {entry.action for entry in after[1:]} == {"recorded after a loss"}
    assert check_database(db_path, PASSPHRASE).ok
    assert "nothing to do" in run("reseal", "--db", str(db_path)).stdout


def test_reseal_after_a_deleted_seal_makes_check_pass_again(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    audit.seal_path(db_path).unlink()
    assert not check_database(db_path, PASSPHRASE).ok
    assert run("reseal", "--db", str(db_path)).returncode == 0
    assert check_database(db_path, PASSPHRASE).ok
