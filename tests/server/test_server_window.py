"""The window on a server: the register read there, no backups or restore of the app's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.store.remembered_server import remembered
from lscp_desktop.store.server_store import ServerStore, open_server_store
from lscp_desktop.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def test_the_window_shows_the_servers_register(qtbot: QtBot, server_store: ServerStore) -> None:
    with server_store.session() as session:
        reference = add_demo_case(session)
    window = MainWindow(server_store)
    qtbot.addWidget(window)
    window.show()
    model = window.register.table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == reference
    assert "(server postgresql://" in window.windowTitle()
    assert not window.backup_action.isVisible()
    assert not window.restore_action.isVisible()
    window.safekeeping.keep_up()  # the periodic backup is never due on a server
    assert "backup" not in window.statusBar().currentMessage().lower()


def test_the_register_reads_other_officers_changes_again(
    qtbot: QtBot, server_store: ServerStore, postgres_url: str
) -> None:
    with server_store.session() as session:
        add_demo_case(session)
    window = MainWindow(server_store)
    qtbot.addWidget(window)
    window.show()
    model = window.register.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    other = open_server_store(postgres_url)  # another officer's app adds a case
    try:
        with other.session() as session:
            add_demo_case(session)
    finally:
        other.close()
    window.register.server_refresh.setInterval(50)  # a minute in use
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=3000)


def test_the_window_remembers_a_server_and_opens_it_next_time(
    qtbot: QtBot, server_store: ServerStore, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    window = MainWindow(server_store)
    qtbot.addWidget(window)
    typed = ["postgresql://pat:secret@db/lscp", postgres_url]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (typed.pop(0), True))
    window.server_action.trigger()  # a password in it: refused, nothing remembered
    assert "never writes one to disk" in said[-1]
    assert remembered() is None
    window.server_action.trigger()
    assert f"From the next start, LSCP Desktop opens {postgres_url}." == said[-1]
    assert remembered() == postgres_url
    started = subprocess.run(
        [sys.executable, "-m", "lscp_desktop", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
    )
    assert started.returncode == 0, started.stderr
    assert "ready_ms" in started.stdout  # the server's window, with no --db and no passphrase
