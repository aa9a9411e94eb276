"""A database another connection is writing to: readers go on, a writer says it was kept waiting."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from lscp_desktop.models.case import Case
from lscp_desktop.settings.stored import get, put
from lscp_desktop.store.database import Store, StoreBusy, connect_keyed


def _held_write_lock(store: Store) -> object:
    other = connect_keyed(store.path, store.key, key_file_used=True)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
    return other


def test_a_reader_is_not_held_up_by_a_writer(store: Store) -> None:
    store.connection.execute("PRAGMA busy_timeout = 200")
    other = _held_write_lock(store)
    try:
        with store.reading() as session:
            assert session.scalars(select(Case)).all() == []
    finally:
        other.close()  # type: ignore[attr-defined]


def test_a_writer_kept_waiting_says_the_database_is_busy(store: Store, db_path: Path) -> None:
    with store.reading() as session:
        before = get(session, "idle_lock_minutes")
    store.connection.execute("PRAGMA busy_timeout = 200")
    other = _held_write_lock(store)
    try:
        with pytest.raises(StoreBusy) as raised, store.session() as session:
            put(session, "idle_lock_minutes", before + "5")
        assert "is busy" in str(raised.value) and "not saved" in str(raised.value)
        assert "\n" not in str(raised.value)
    finally:
        other.close()  # type: ignore[attr-defined]
    with store.reading() as session:
        assert get(session, "idle_lock_minutes") == before  # nothing half-saved


def test_a_reading_unit_of_work_that_changes_something_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError, match="changed the records"), store.reading() as session:
        put(session, "idle_lock_minutes", "7")
