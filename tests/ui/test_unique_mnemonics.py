"""Every Alt+letter on a screen does one thing (issue 16: "Notify" and "Next step" once both
took Alt+N): walked over the register, every step of both meeting kinds, and the dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from lscp_desktop.models import Case
from lscp_desktop.models.enums import CaseKind
from lscp_desktop.store.database import Store, open_store
from lscp_desktop.ui.documents.report_dialog import ReportDialog
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.meeting.post_meeting_dialog import PostMeetingDecisionDialog
from lscp_desktop.ui.meeting.setup_dialog import MeetingSetupDialog
from lscp_desktop.ui.register.case_dialog import CaseDialog
from lscp_desktop.ui.register.notification_details import NotificationDetailsDialog
from lscp_desktop.ui.safekeeping.recovery_key_dialog import RecoveryKeyDialog
from lscp_desktop.ui.settings_dialog import SettingsDialog
from lscp_desktop.ui.start.first_run_dialog import FirstRunDialog
from tests.conftest import PASSPHRASE
from tests.meeting_data import build_case, build_meeting
from tests.review_data import build_notified_case, build_rapid_review
from tests.show_meeting import fill
from tests.ui.mnemonics import clashes, mnemonic, stray_ampersands


def test_the_checker_finds_a_clash_and_ignores_a_literal_ampersand(qtbot: QtBot) -> None:
    assert mnemonic("&Next step") == "n" and mnemonic("Fish && chips") is None
    assert mnemonic("Do &not notify") == "n"


def every_tab(dialog: QDialog) -> list[str]:
    """Each tab of the dialog shown in turn; the clashes found, one line each."""
    found = []
    tabs = dialog.findChildren(QTabWidget)
    for widget in tabs or [None]:
        for index in range(widget.count() if widget is not None else 1):
            if widget is not None:
                widget.setCurrentIndex(index)
            found += [f"{type(dialog).__name__} tab {index}: {c}" for c in clashes(dialog).items()]
            found += [
                f"{type(dialog).__name__}: a literal & in {t!r}" for t in stray_ampersands(dialog)
            ]
    return found


@pytest.mark.parametrize("kind", ["extraordinary_rag", "rapid_review", "looked_after_death"])
def test_no_two_controls_share_a_mnemonic_on_any_step(
    qtbot: QtBot, db_path: Path, kind: str
) -> None:
    store = open_store(db_path, PASSPHRASE)
    if kind == "rapid_review":
        meeting_id = build_rapid_review(store, build_notified_case(store))
    else:
        demo = build_case(store)
        if kind == "looked_after_death":  # its partners are asked "also an SCSI?"
            with store.session() as session:
                session.get_one(Case, demo.case_id).kind = CaseKind.LOOKED_AFTER_DEATH
        meeting_id = build_meeting(store, demo)
        store.close()
        fill(db_path, meeting_id, demo)
        store = open_store(db_path, PASSPHRASE)
    try:
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        found = [f"register: {c}" for c in clashes(window).items()]
        window.open_meeting(meeting_id)
        view = window.meeting_view
        assert view is not None
        for index, step in enumerate(view.steps):
            view.index = index
            view._show_step()
            found += [f"{step.key}: {c}" for c in clashes(window).items()]
        view._finish()
        window.close()
        assert found == []
    finally:
        store.close()


def test_no_two_controls_share_a_mnemonic_in_any_dialog(qtbot: QtBot, store: Store) -> None:
    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    dialogs: list[QWidget] = [
        CaseDialog(store),
        CaseDialog(store, demo.case_id),
        SettingsDialog(store),
        MeetingSetupDialog(store, demo.case_id),
        PostMeetingDecisionDialog(store, meeting_id),
        NotificationDetailsDialog(store, demo.case_id),
        ReportDialog(store),
        RecoveryKeyDialog("ABCD-EFGH-IJKL", store.path),
        FirstRunDialog(store),
    ]
    found: list[str] = []
    for dialog in dialogs:
        assert isinstance(dialog, QDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        found += every_tab(dialog)
        dialog.done(0)
    assert found == []
