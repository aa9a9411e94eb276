from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from lscp_desktop.models import AuditEntry, MinuteItem
from lscp_desktop.settings import stored as settings
from lscp_desktop.store import audit
from lscp_desktop.store.database import Store, open_store
from lscp_desktop.store.integrity import check_database
from tests.conftest import PASSPHRASE
from tests.store.records import add_meeting


def entries(store: Store) -> list[AuditEntry]:
    with store.session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def minute_item_id(store: Store) -> int:
    with store.session() as session:
        return session.scalars(select(MinuteItem.id)).one()


def test_every_change_is_recorded_with_who_when_and_what(store: Store) -> None:
    with store.session() as session:
        settings.put(session, settings.USER_NAME, "Business Unit officer")
    add_meeting(store)
    item = minute_item_id(store)
    with store.session() as session:
        session.get_one(MinuteItem, item).text = "The partners discussed the referral."

    rows = entries(store)
    created = {(row.entity, row.action) for row in rows if row.action == "created"}
    assert {("case", "created"), ("meeting", "created"), ("minutes", "created")} <= created
    assert {("decision", "created"), ("action", "created"), ("attendance", "created")} <= created
    last = rows[-1]
    assert (last.entity, last.entity_id, last.action) == ("minutes", str(item), "changed")
    assert last.detail == "fields: text"
    assert last.user == "Business Unit officer"
    assert abs(dt.datetime.now(dt.UTC).replace(tzinfo=None) - last.at) < dt.timedelta(minutes=1)
    # A digest of the content, never the content itself.
    assert "partners discussed" not in " ".join(row.detail + row.content_hash for row in rows)
    assert len(last.content_hash) == 64


def test_autosave_every_second_costs_one_row_a_minute_and_the_last_state_is_recorded(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meeting(store)
    item = minute_item_id(store)
    clock = [dt.datetime(2026, 1, 5, 10, 0, 0)]
    monkeypatch.setattr(audit, "utc_now", lambda: clock[0])
    before = len(entries(store))
    for second in range(150):  # two and a half minutes of autosaves, one a second
        clock[0] = dt.datetime(2026, 1, 5, 10, 0, 0) + dt.timedelta(seconds=second)
        with store.session() as session:
            session.get_one(MinuteItem, item).text = f"typed {second}"
    written = entries(store)[before:]
    assert [row.at.strftime("%H:%M:%S") for row in written] == ["10:00:00", "10:01:00", "10:02:00"]

    audit.settle(store)  # the held last state is written (also done by close and backups)
    final = entries(store)[-1]
    assert final.at == dt.datetime(2026, 1, 5, 10, 2, 29)
    with store.session() as session:  # a digest of the whole row as last typed
        row = session.get_one(MinuteItem, item)
        columns = inspect(row).mapper.column_attrs
        whole = {attr.key: getattr(row, attr.key) for attr in columns}
    assert whole["text"] == "typed 149"
    assert final.content_hash == audit.content_digest(whole)


def test_record_event_and_seal_line_for_exports(store: Store) -> None:
    with store.session() as session:
        audit.record_event(session, "export", "LSCP-1", "exported", "minutes.docx")
    with store.session() as session:
        line = audit.record_seal(session)
        seal = audit.current_seal(session)
    assert line == f"Audit seal: {seal.entries} entries, latest SHA-256 {seal.hash}"
    assert entries(store)[-1].action == "exported"
    on_disk = json.loads(audit.seal_path(store.path).read_text())
    assert (on_disk["entries"], on_disk["hash"]) == (seal.entries, seal.hash)


def tampered(store: Store, db_path: Path, statement: str) -> list[str]:
    add_meeting(store)
    store.close()
    raw = open_store(db_path, PASSPHRASE)
    with raw.engine.begin() as connection:  # below the app: raw SQL
        for part in statement.split(";"):
            connection.exec_driver_sql(part)
    raw.engine.dispose()  # not close(): nothing more may be audited or sealed
    return check_database(db_path, PASSPHRASE).problems


def test_check_reports_an_edited_audit_row(store: Store, db_path: Path) -> None:
    problems = tampered(store, db_path, "UPDATE audit_log SET user = 'someone else' WHERE id = 3")
    assert problems == ["audit row 3: its content was changed"]


def test_check_reports_a_deleted_audit_row(store: Store, db_path: Path) -> None:
    problems = tampered(store, db_path, "DELETE FROM audit_log WHERE id = 2")
    assert problems == [
        "audit row 3: does not follow the row before it (a row was deleted, inserted or reordered)"
    ]


def test_check_reports_reordered_audit_rows(store: Store, db_path: Path) -> None:
    problems = tampered(
        store,
        db_path,
        "UPDATE audit_log SET id = -2 WHERE id = 2;"
        "UPDATE audit_log SET id = 2 WHERE id = 3;"
        "UPDATE audit_log SET id = 3 WHERE id = -2",
    )
    assert problems and problems[0].startswith("audit row 2:")


def test_check_reports_a_truncated_chain_through_the_seal(store: Store, db_path: Path) -> None:
    problems = tampered(store, db_path, "DELETE FROM audit_log WHERE id > 2")
    assert len(problems) == 1
    assert "seal records" in problems[0] and "entries were removed" in problems[0]


def test_check_reports_a_recomputed_chain_through_the_seal(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    raw = open_store(db_path, PASSPHRASE)
    with raw.engine.begin() as connection:
        rows = connection.exec_driver_sql(
            "SELECT id, at, user, entity, entity_id, action, detail, content_hash "
            "FROM audit_log ORDER BY id"
        ).all()
        prev = audit.GENESIS
        for row in rows:  # a forger who knows the algorithm rewrites every hash
            values = (row[0], row[1], "forger" if row[0] == 1 else row[2], *row[3:])
            digest = audit.row_hash(prev, tuple(values))
            connection.execute(
                text("UPDATE audit_log SET user = :u, prev_hash = :p, hash = :h WHERE id = :i"),
                {"u": values[2], "p": prev, "h": digest, "i": row[0]},
            )
            prev = digest
    raw.engine.dispose()
    problems = check_database(db_path, PASSPHRASE).problems
    assert len(problems) == 1
    assert "does not match the seal kept outside the database" in problems[0]


def test_untouched_store_passes_check(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    report = check_database(db_path, PASSPHRASE)
    assert report.ok, report.problems
    assert any(line.startswith("audit chain:") for line in report.done)
