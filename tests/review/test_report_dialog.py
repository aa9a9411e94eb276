"""The annual figures dialog: choose the period and the format, save."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents.report_dialog import ReportDialog, last_reporting_year
from tests.review.seed_period import load_seed_period


def test_reporting_year_defaults_to_the_last_complete_april_to_march() -> None:
    assert last_reporting_year(dt.date(2023, 5, 2)) == (dt.date(2022, 4, 1), dt.date(2023, 3, 31))
    assert last_reporting_year(dt.date(2023, 3, 31)) == (dt.date(2021, 4, 1), dt.date(2022, 3, 31))


def test_business_unit_saves_the_periods_figures_from_the_dialog(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    with store.session() as session:
        load_seed_period(session)
    dialog = ReportDialog(store, today=dt.date(2023, 5, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.path_edit.text().endswith("learning-from-reviews-2022-04-01-to-2023-03-31.pdf")
    dialog.from_edit.setDate(QDate(2023, 4, 1))  # after the end: refused, nothing written
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "starts (01/04/2023) after it ends (31/03/2023)" in dialog.message.text()
    dialog.from_edit.setDate(QDate(2019, 9, 1))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    out = tmp_path / "figures.json"
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Written by a background job: the dialog says so, then says what was saved.
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=10_000)
    assert "21 referrals, 15 notified, 16 Rapid Reviews, 4 CSPRs" in dialog.message.text()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["referrals"], data["notified"], data["cspr_commissioned"]) == (21, 15, 4)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    assert dialog.path_edit.text() == str(tmp_path / "figures.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()  # one report at a time
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    assert (tmp_path / "figures.pdf").read_bytes().startswith(b"%PDF")
    dialog.path_edit.setText(str(tmp_path / "missing" / "x.pdf"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.message.text()
