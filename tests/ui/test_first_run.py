"""A new database asks whose partnership it is: nothing is titled or minuted as Leeds unless the
user takes the example, and the way a meeting runs is explained, on the first start and in Help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.models import Agency
from lscp_desktop.models.enums import PartnerRole
from lscp_desktop.settings import first_run
from lscp_desktop.settings import stored as settings
from lscp_desktop.settings.first_start import first_run_needed
from lscp_desktop.store.database import Store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.start.first_run_dialog import FirstRunDialog
from tests.ui.dialogs import when_dialog_opens


def agencies(store: Store) -> dict[str, PartnerRole | None]:
    with store.session() as session:
        return {a.short_name or a.name: a.partner_role for a in session.scalars(select(Agency))}


def test_a_partnership_of_its_own_replaces_the_example(qtbot: QtBot, store: Store) -> None:
    assert first_run_needed(store.connection)
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return)  # a hurried Enter: nothing happens
    assert dialog.isVisible() and dialog.result() == 0
    dialog.ok_button.click()  # nothing typed: told what is missing, nothing stored
    assert "partnership's name" in dialog.problem.text()
    assert "Local Authority (children's social care)" in dialog.problem.text()
    assert first_run_needed(store.connection)
    qtbot.keyClicks(dialog.user_name, "Sam Okafor")
    qtbot.keyClicks(dialog.organisation, "Kirklees Safeguarding Children Partnership")
    assert dialog.problem.text() == ""  # the message goes once the user puts things right
    for role, (name, short) in {
        PartnerRole.LOCAL_AUTHORITY: ("Kirklees Children's Services", "KCS"),
        PartnerRole.POLICE: ("West Yorkshire Police", "Police"),
        PartnerRole.HEALTH: ("NHS West Yorkshire ICB", "ICB"),
    }.items():
        qtbot.keyClicks(dialog.partners[role][0], name)
        qtbot.keyClicks(dialog.partners[role][1], short)
    dialog.ok_button.click()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert not first_run_needed(store.connection)
    with store.session() as session:
        assert settings.get(session, settings.ORGANISATION) == (
            "Kirklees Safeguarding Children Partnership"
        )
        assert settings.get(session, settings.USER_NAME) == "Sam Okafor"
    assert agencies(store) == {
        "KCS": PartnerRole.LOCAL_AUTHORITY,
        "Police": PartnerRole.POLICE,
        "ICB": PartnerRole.HEALTH,
        "Business Unit": None,  # Leeds's trusts, education and legal services are gone
    }


def test_the_leeds_example_is_one_click_away(qtbot: QtBot, store: Store) -> None:
    before = agencies(store)
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    dialog.example_button.click()
    dialog.ok_button.click()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert agencies(store) == before  # taken whole, other agencies kept
    with store.session() as session:
        assert settings.get(session, settings.ORGANISATION) == first_run.EXAMPLE_ORGANISATION


def test_the_window_asks_on_a_new_database_only_and_help_has_the_guide(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def take_example(dialog: object) -> None:
        assert isinstance(dialog, FirstRunDialog)
        dialog.example_button.click()
        qtbot.keyClicks(dialog.user_name, "Sam Okafor")
        dialog.ok_button.click()

    errors = when_dialog_opens(take_example)
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.windowTitle() == "LSCP Desktop"  # nobody's partnership yet
    window.ask_for_user_name_if_missing()
    assert not errors, errors
    assert "Leeds Safeguarding Children Partnership" in window.windowTitle()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: shown.append(text))
    window.guide_action.trigger()
    assert "New case" in shown[0] and "Conclude" in shown[0] and "Approve" in shown[0]
    assert not first_run_needed(store.connection)  # next start: no question
