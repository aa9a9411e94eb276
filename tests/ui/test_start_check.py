"""The start-up check runs beside the window; a damaged file is never used silently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lscp_desktop.cases.detail import case_detail
from lscp_desktop.cases.register import register_rows
from lscp_desktop.deadlines.rules import DeadlineRules
from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.store import backups
from lscp_desktop.store.database import DamagedDatabase, open_store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.start.start_check import check_before_opening
from tests.conftest import PASSPHRASE

PAGE = 4096


def damage_a_page_the_window_does_not_read(db_path: Path) -> None:
    """Flip one bit in the first page, from the middle of the file on, whose damage the
    window's first reads (the register, the first case) do not meet: only the check finds it."""
    original = db_path.read_bytes()
    for page in range(len(original) // PAGE // 2, len(original) // PAGE):
        damaged = bytearray(original)
        damaged[page * PAGE + PAGE // 2] ^= 0x01
        db_path.write_bytes(bytes(damaged))
        try:
            store = open_store(db_path, PASSPHRASE, check=False)
        except Exception:
            continue
        try:
            register_rows(store.connection, DeadlineRules(), dt.date(2026, 11, 2))
            case_detail(store.connection, 1)
            return
        except Exception:
            continue
        finally:
            store.close()
    raise AssertionError("no page could be damaged unseen by the window")


def test_a_damaged_file_found_after_opening_warns_and_the_next_start_checks_first(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(db_path, PASSPHRASE)
    with store.session() as session:
        add_demo_case(session, dt.date(2026, 11, 2))
    backups.backup_now(store, "quit")
    store.close()
    damage_a_page_the_window_does_not_read(db_path)

    store = open_store(db_path, PASSPHRASE, check=False)  # the window is not kept waiting
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: warned.append(text))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.check_database_in_background()
    with qtbot.waitSignal(window.start_check.failed, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(warned), timeout=5_000)
    assert "failed its check" in warned[0] and "newest good backup" in warned[0]
    window.close()
    store.close()
    assert check_before_opening(db_path)
    with pytest.raises(DamagedDatabase) as raised:
        open_store(db_path, PASSPHRASE, check=check_before_opening(db_path))
    assert raised.value.newest_backup is not None


def test_a_sound_file_passes_quietly(qtbot: QtBot, db_path: Path) -> None:
    store = open_store(db_path, PASSPHRASE)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.check_database_in_background()
    with qtbot.waitSignal(window.start_check.passed, timeout=20_000):
        pass  # the check starts from the event loop, after this listener is connected
    assert not check_before_opening(db_path)
    window.close()
    store.close()
