"""Starting the app: the passphrase, errors shown to the user, and a lean start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lscp_desktop.store.database import Store
from lscp_desktop.ui.safekeeping.unlock_dialog import UnlockDialog
from lscp_desktop.ui.start import launch
from tests.conftest import PASSPHRASE
from tests.ui.dialogs import when_dialog_opens

REPO = Path(__file__).resolve().parents[2]


def test_a_wrong_passphrase_in_the_environment_is_explained_in_a_message(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setenv("LSCP_DESKTOP_PASSPHRASE", "not the passphrase")
    assert launch.obtain_store(db_path, interactive=True) == launch.EXIT_ERROR
    assert len(shown) == 1 and "the passphrase is wrong" in shown[0]
    assert "Traceback" not in shown[0]


def test_cancelling_the_unlock_dialog_leaves_quietly(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    monkeypatch.delenv("LSCP_DESKTOP_PASSPHRASE")
    seen: list[str] = []

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog) and not dialog.creating
        seen.append(dialog.windowTitle())
        dialog.reject()

    errors = when_dialog_opens(cancel)
    assert launch.obtain_store(db_path, interactive=True) == 0
    assert not errors, errors
    assert seen == ["Unlock the database"]


def test_unlocking_through_the_dialog_opens_the_store(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    monkeypatch.delenv("LSCP_DESKTOP_PASSPHRASE")

    def unlock(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialog.try_open()

    errors = when_dialog_opens(unlock)
    opened = launch.obtain_store(db_path, interactive=True)
    assert not errors, errors
    assert isinstance(opened, Store)
    opened.close()


@pytest.mark.slow
def test_start_up_does_not_load_word_pdf_or_migration_libraries() -> None:
    code = (
        "import sys, lscp_desktop.cli, lscp_desktop.ui.start.launch, lscp_desktop.ui.main_window;"
        "print(sorted(m for m in ('docx', 'reportlab', 'alembic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "[]"
