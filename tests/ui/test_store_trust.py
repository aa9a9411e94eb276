"""The GUI side of issue 13's losses: a second window told plainly, missing changes offered a
backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.models import AuditEntry, MinuteItem
from lscp_desktop.store import audit, backups
from lscp_desktop.store.database import AuditEntriesMissing, Store, open_store
from lscp_desktop.ui.safekeeping.unlock_dialog import open_offering_backup
from lscp_desktop.ui.start import launch
from tests.conftest import PASSPHRASE
from tests.store.records import add_meeting


def test_a_second_window_on_an_open_database_is_told_who_holds_it(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _p, title, text: shown.append((title, text))
    )
    assert launch.obtain_store(db_path, interactive=True) == launch.EXIT_ERROR
    assert len(shown) == 1
    title, text = shown[0]
    assert title.endswith("the database is open elsewhere")
    assert "open for changes elsewhere" in text and "close the other one first" in text


def test_missing_changes_at_open_offer_the_newest_good_backup(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "concluded")
    store.close()
    raw = open_store(db_path, PASSPHRASE)  # lose the audit tail below the app
    with raw.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log WHERE id > 3")
    raw.engine.dispose()
    assert raw.writer is not None
    raw.writer.release()
    asked: list[tuple[str, str]] = []

    def answer(_parent: object, title: str, text: str, *_: object) -> QMessageBox.StandardButton:
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    restored = open_offering_backup(db_path, PASSPHRASE)
    try:
        assert asked and asked[0][0] == "Saved changes are missing"
        assert "are missing" in asked[0][1] and str(backup) in asked[0][1]
        with restored.session() as session:
            assert session.scalars(select(MinuteItem.text)).one() == "The partners discussed."
            last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "restored"
    finally:
        restored.close()


def test_refusing_the_backup_leaves_the_database_unopened(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meeting(store)
    backups.backup_now(store, "concluded")
    store.close()
    seal = audit.seal_path(db_path).read_text()
    raw = open_store(db_path, PASSPHRASE)
    with raw.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log WHERE id > 3")
    raw.engine.dispose()
    assert raw.writer is not None
    raw.writer.release()
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.No)
    with pytest.raises(AuditEntriesMissing):
        open_offering_backup(db_path, PASSPHRASE)
    assert audit.seal_path(db_path).read_text() == seal
