"""`check` compares every audited row with its last audit entry (issue 13's three misses)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import inspect, select

from lscp_desktop.models import AuditEntry, Decision, Meeting, MinuteItem
from lscp_desktop.models.enums import MeetingStatus
from lscp_desktop.store import audit
from lscp_desktop.store.database import Store, open_store
from lscp_desktop.store.integrity import check_database
from tests.conftest import PASSPHRASE
from tests.store.records import add_meeting


def approved_meeting(store: Store, db_path: Path) -> tuple[int, int]:
    """An approved meeting; (decision id, minute item id). The store is closed."""
    add_meeting(store)
    with store.session() as session:
        meeting = session.get_one(Meeting, "m1")
        meeting.minutes[0].text = "Final wording agreed by the chair."
        meeting.status = MeetingStatus.APPROVED
        meeting.approved_by = "Pat Chair"
        meeting.approved_at = dt.datetime(2026, 1, 10, 12, 0)
    with store.session() as session:
        decision = session.scalars(select(Decision.id)).one()
        item = session.scalars(select(MinuteItem.id)).one()
    store.close()
    assert check_database(db_path, PASSPHRASE).ok
    return decision, item


def below_the_app(db_path: Path, *statements: str) -> None:
    raw = open_store(db_path, PASSPHRASE)
    with raw.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    raw.engine.dispose()  # not close(): nothing more may be audited or sealed
    assert raw.writer is not None
    raw.writer.release()


def test_a_decision_changed_in_sql_is_named(store: Store, db_path: Path) -> None:
    add_meeting(store)
    with store.session() as session:
        decision = session.scalars(select(Decision.id)).one()
    store.close()
    below_the_app(
        db_path,
        "UPDATE decisions SET rationale = 'Neither limb is met.', outcome = 'do_not_notify'",
    )
    problems = check_database(db_path, PASSPHRASE).problems
    assert problems == [
        f"records: decision {decision}: its content differs from its last audit entry "
        f"(entry {_last_entry(db_path, 'decision', decision)}): changed outside the app"
    ]


def test_approved_minutes_changed_through_the_lock_release_table_are_named(
    store: Store, db_path: Path
) -> None:
    _decision, item = approved_meeting(store, db_path)
    below_the_app(
        db_path,
        "INSERT INTO approval_lock_release (meeting_id) VALUES ('m1')",
        "UPDATE minute_items SET text = 'Rewritten after approval.'",
        "DELETE FROM approval_lock_release",
    )
    problems = check_database(db_path, PASSPHRASE).problems
    assert len(problems) == 1
    assert problems[0].startswith(f"records: minutes {item}: its content differs")


def test_a_trigger_dropped_and_recreated_around_a_change_is_seen(
    store: Store, db_path: Path
) -> None:
    decision, _item = approved_meeting(store, db_path)
    raw = open_store(db_path, PASSPHRASE, lock=False, attach=False)
    (trigger_sql,) = raw.connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'lock_decisions_update'"
    ).fetchone()
    raw.close()
    below_the_app(
        db_path,
        "DROP TRIGGER lock_decisions_update",
        "UPDATE decisions SET rationale = 'Changed while the lock was down.'",
        trigger_sql,
    )
    problems = check_database(db_path, PASSPHRASE).problems
    assert len(problems) == 1
    assert problems[0].startswith(f"records: decision {decision}: its content differs")


def test_rows_added_or_deleted_below_the_app_are_named(store: Store, db_path: Path) -> None:
    add_meeting(store)
    with store.session() as session:
        action_id = session.scalars(select(Meeting)).one().actions[0].id
    store.close()
    below_the_app(
        db_path,
        f"DELETE FROM actions WHERE id = {action_id}",
        "INSERT INTO settings (key, value) VALUES ('user_name', 'someone')",
    )
    problems = check_database(db_path, PASSPHRASE).problems
    assert "records: setting user_name: not in the audit log: added outside the app" in problems
    assert any(
        line.startswith(f"records: action {action_id}: recorded in the audit log")
        and line.endswith("deleted outside the app")
        for line in problems
    )


def test_a_lock_release_row_left_behind_is_reported(store: Store, db_path: Path) -> None:
    approved_meeting(store, db_path)
    below_the_app(db_path, "INSERT INTO approval_lock_release (meeting_id) VALUES ('m1')")
    problems = check_database(db_path, PASSPHRASE).problems
    assert problems == ["approval lock: left released for meeting(s) m1 (never so after a commit)"]


def _last_entry(db_path: Path, entity: str, entity_id: int) -> int:
    raw = open_store(db_path, PASSPHRASE, lock=False, attach=False)
    try:
        row = raw.connection.execute(
            "SELECT max(id) FROM audit_log WHERE entity = ? AND entity_id = ? "
            "AND content_hash != ''",
            (entity, str(entity_id)),
        ).fetchone()
    finally:
        raw.close()
    return int(row[0])


def test_a_change_held_back_by_coalescing_survives_a_crash_and_is_audited_at_next_open(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    for typed in ("first words", "first words and more"):  # the second is held back
        with store.session() as session:
            session.scalars(select(MinuteItem)).one().text = typed
    store.engine.dispose()  # a crash: no settle, no close
    assert store.writer is not None
    store.writer.release()
    assert check_database(db_path, PASSPHRASE).ok  # the held change is in the database

    reopened = open_store(db_path, PASSPHRASE)
    with reopened.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        item = session.scalars(select(MinuteItem)).one()
        columns = inspect(item).mapper.column_attrs
        digest = audit.content_digest({attr.key: getattr(item, attr.key) for attr in columns})
    reopened.close()
    assert last is not None and (last.entity, last.action) == ("minutes", "changed")
    assert last.content_hash == digest
    assert check_database(db_path, PASSPHRASE).ok
