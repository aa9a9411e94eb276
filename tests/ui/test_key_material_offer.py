"""A key file that is missing or another database's: the user is told which, in one line, and
offered the key material from the newest backup (one file carries it); Yes opens the database,
No changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.models import MinuteItem
from lscp_desktop.store import backups, keys
from lscp_desktop.store.database import open_store
from lscp_desktop.store.errors import KeyFileDamaged
from lscp_desktop.ui.safekeeping.unlock_dialog import open_offering_backup
from tests.conftest import PASSPHRASE
from tests.store.records import add_meeting


def backed_up_store(folder: Path) -> Path:
    db_path = folder / "store.db"
    store = open_store(db_path, PASSPHRASE)
    add_meeting(store)
    backups.backup_now(store, "quit")
    store.close()
    return db_path


def answer(
    monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton, seen: list[str]
) -> None:
    """The user's answer to the question the app asks (title and text are kept to look at)."""

    def question(_parent: QWidget | None, title: str, text: str, *_args: object) -> object:
        seen.append(f"{title}: {text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", question)


def test_a_deleted_key_file_is_taken_from_the_newest_one_file_backup_when_the_user_agrees(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = backed_up_store(tmp_path)
    keys.key_file_path(db_path).unlink()
    seen: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    store = open_offering_backup(db_path, PASSPHRASE)
    try:
        with store.session() as session:
            assert session.scalars(select(MinuteItem.text)).one() == "The partners discussed."
    finally:
        store.close()
    assert seen[0].startswith("The key file is missing or damaged: ")
    assert "is missing" in seen[0] and ".backup" in seen[0]
    assert keys.key_file_path(db_path).stat().st_mode & 0o077 == 0  # owner-only


def test_another_databases_key_file_is_named_as_such_and_no_changes_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = backed_up_store(tmp_path / "ours")
    other = tmp_path / "theirs" / "store.db"
    open_store(other, PASSPHRASE).close()
    shutil.copy(keys.key_file_path(other), keys.key_file_path(db_path))
    before = keys.key_file_path(db_path).read_bytes()
    seen: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.No, seen)
    with pytest.raises(KeyFileDamaged, match="belongs to another database"):
        open_offering_backup(db_path, PASSPHRASE)
    assert "belongs to another database" in seen[0]
    assert keys.key_file_path(db_path).read_bytes() == before  # nothing changed on No
    # Yes: the faulty key file is kept aside, the database opens.
    answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    open_offering_backup(db_path, PASSPHRASE).close()
    assert [p.name for p in db_path.parent.glob("store.db.keys.faulty-*")]
