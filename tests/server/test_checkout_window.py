"""Check-out and check-in from the window: the server's register shows the checked-out case,
the case pane checks it out to a laptop copy, the copy's window checks it back in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.models import Case
from lscp_desktop.store.database import Store, open_store
from lscp_desktop.store.server_store import ServerStore
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.register import checkout_actions
from lscp_desktop.ui.register.register_model import Column
from tests.conftest import PASSPHRASE


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 1)
    window.register.select_case(window.register.model.row_at(0).case_id)  # type: ignore[union-attr]
    return window


def _status(window: MainWindow) -> str:
    model = window.register.model
    return str(model.data(model.index(0, Column.STATUS)))


def test_check_out_and_in_through_the_window(
    qtbot: QtBot, server_store: ServerStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a: said.append(text))
    laptop = tmp_path / "laptop.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(laptop), ""))
    monkeypatch.setattr(
        checkout_actions, "_open_copy", lambda path, _parent: open_store(path, PASSPHRASE)
    )
    with server_store.session() as session:
        reference = add_demo_case(session)

    office = _window(qtbot, server_store)
    pane = office.register.detail
    assert pane.checkout_button.isVisible() and pane.checkout_button.isEnabled()
    assert not pane.checkin_button.isEnabled()
    pane.checkout_button.click()
    assert f"{reference} is checked out to {laptop}" in said[-1]
    assert _status(office).endswith("(checked out)")
    assert pane.checkout_note.isVisible() and "checked out to" in pane.checkout_note.text()
    assert not pane.checkout_button.isEnabled() and pane.checkin_button.isEnabled()
    assert not pane.edit_button.isEnabled() and not pane.delete_button.isEnabled()

    copy = open_store(laptop, PASSPHRASE)
    try:
        with copy.session() as session:
            session.scalars(select(Case)).one().summary = "Agreed at the offline meeting."
        at_meeting = _window(qtbot, copy)
        copy_pane = at_meeting.register.detail
        assert _status(at_meeting).endswith("(checked out)")
        assert "to this copy" in copy_pane.checkout_note.text()
        assert not copy_pane.checkout_button.isVisible()
        assert copy_pane.checkin_button.isVisible() and copy_pane.checkin_button.isEnabled()
        assert copy_pane.edit_button.isEnabled()  # the copy is where the case is worked on
        copy_pane.checkin_button.click()
        assert f"{reference} is checked in" in said[-1]
        assert not copy_pane.checkin_button.isVisible()  # the copy no longer holds a lease
        at_meeting.close()
    finally:
        copy.close()

    office.register.show_rows()  # check-in replaced the case wholesale: a new row
    assert not _status(office).endswith("(checked out)")
    assert "Agreed at the offline meeting." in pane.summary.text()
    assert pane.checkout_button.isEnabled() and pane.edit_button.isEnabled()
