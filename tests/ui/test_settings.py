"""The settings dialog and asking for the user's name, through the real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QInputDialog,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lscp_desktop.models.enums import PartnerRole, RapidReviewDayZero
from lscp_desktop.settings import form as settings_form
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.register.date_fields import to_qdate
from lscp_desktop.ui.settings_dialog import SettingsDialog
from tests.ui.dialogs import when_dialog_opens


def set_cell(dialog: SettingsDialog, table_name: str, row: int, column: int, text: str) -> None:
    """Type into a table cell as the user would, keeping the row's hidden id."""
    table = getattr(dialog, table_name)
    item = table.item(row, column)
    if item is None:
        table.setItem(row, column, QTableWidgetItem(text))
    else:
        item.setText(text)


def test_settings_round_trip(qtbot: QtBot, store: Store) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_name, "Sam Okafor")
    dialog.organisation.setText("Leeds Safeguarding Children Partnership (test)")

    dialog.tabs.setCurrentIndex(1)
    row = dialog.add_agency(None)
    set_cell(dialog, "agencies", row, 0, "Leeds Youth Justice Service")
    set_cell(dialog, "agencies", row, 1, "YJS")

    dialog.tabs.setCurrentIndex(2)
    row = dialog.add_person(None)
    set_cell(dialog, "people", row, 0, "Pat Chair")
    set_cell(dialog, "people", row, 1, "Independent Chair")
    set_cell(dialog, "people", row, 3, "pat.chair@example.org")
    agency = dialog.people.cellWidget(row, 2)
    assert isinstance(agency, QComboBox)
    agency.setCurrentIndex(agency.findText("LSCP Business Unit"))

    dialog.tabs.setCurrentIndex(3)
    row = dialog.add_holiday(None)
    day = dialog.holidays.cellWidget(row, 0)
    assert isinstance(day, QDateEdit)
    day.setDate(to_qdate(dt.date(2027, 6, 4)))
    set_cell(dialog, "holidays", row, 1, "Newly announced bank holiday")

    dialog.tabs.setCurrentIndex(0)  # the chair is chosen from the people just listed
    assert dialog.default_chair.findText("Pat Chair") >= 0
    dialog.default_chair.setCurrentIndex(dialog.default_chair.findText("Pat Chair"))
    dialog.default_chair.activated.emit(dialog.default_chair.currentIndex())
    dialog.day_zero.setCurrentIndex(dialog.day_zero.findData(RapidReviewDayZero.AWARENESS.value))
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted

    with store.session() as session:
        form = settings_form.load_form(session)
        assert form.user_name == "Sam Okafor"
        assert form.organisation == "Leeds Safeguarding Children Partnership (test)"
        assert form.default_chair == "Pat Chair"
        assert form.rapid_review_day_zero is RapidReviewDayZero.AWARENESS
        pat = next(p for p in form.people if p.name == "Pat Chair")
        assert (pat.role, pat.email) == ("Independent Chair", "pat.chair@example.org")
        assert [(h.day, h.name) for h in form.extra_holidays] == [
            (dt.date(2027, 6, 4), "Newly announced bank holiday")
        ]
        assert any(a.short_name == "YJS" and a.partner_role is None for a in form.agencies)

    again = SettingsDialog(store)  # and it all comes back when the dialog opens again
    qtbot.addWidget(again)
    again.show()
    assert again.user_name.text() == "Sam Okafor"
    assert again.default_chair.currentText() == "Pat Chair"
    assert again.day_zero.currentData() == RapidReviewDayZero.AWARENESS.value
    roles = {
        again.agencies.item(row, 0).text(): again.agencies.cellWidget(row, 2).currentData()  # type: ignore[union-attr]
        for row in range(again.agencies.rowCount())
    }
    assert roles["West Yorkshire Police"] == PartnerRole.POLICE.value


def test_removing_an_agency_in_use_is_explained_and_nothing_changes(
    qtbot: QtBot, store: Store
) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.add_person(None)
    set_cell(dialog, "people", row, 0, "DI Rao")
    combo = dialog.people.cellWidget(row, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("West Yorkshire Police"))
    dialog.save()
    dialog2 = SettingsDialog(store)
    qtbot.addWidget(dialog2)
    dialog2.show()
    police_row = next(
        r
        for r in range(dialog2.agencies.rowCount())
        if dialog2.agencies.item(r, 0).text() == "West Yorkshire Police"  # type: ignore[union-attr]
    )
    dialog2.agencies.setCurrentCell(police_row, 0)
    dialog2.agencies.removeRow(police_row)
    dialog2.save()
    assert dialog2.isVisible()
    assert dialog2.problems.text() == (
        "Please fix before saving:\n"
        "• West Yorkshire Police cannot be removed: cases, people or meetings refer to it.\n"
        "• DI Rao's agency is being removed; choose another first."
    )
    with store.session() as session:
        assert "West Yorkshire Police" in {
            a.name for a in settings_form.load_form(session).agencies
        }
    dialog2.done(SettingsDialog.DialogCode.Rejected)


def test_the_users_name_is_asked_for_once_when_missing(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def ask(_parent: QWidget, _title: str, label: str, *args: object) -> tuple[str, bool]:
        asked.append(label)
        return " Sam Okafor ", True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    with store.session() as session:  # a database already set up (tests/ui/test_first_run.py)
        settings.put(session, settings.ORGANISATION, "Leeds Safeguarding Children Partnership")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.ask_for_user_name_if_missing()
    window.ask_for_user_name_if_missing()
    assert len(asked) == 1 and "signs the minutes" in asked[0]
    with store.session() as session:
        assert settings.get(session, settings.USER_NAME) == "Sam Okafor"


def test_settings_open_from_the_file_menu_and_rename_the_window(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.organisation.setText("Bradford Children's Partnership")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors = when_dialog_opens(rename)
    window.settings_action.trigger()
    assert not errors, errors
    assert window.windowTitle() == "LSCP Desktop: Bradford Children's Partnership"


def test_every_input_in_the_settings_has_an_accessible_name(qtbot: QtBot, store: Store) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_person(None)
    dialog.add_holiday(None)
    inputs = [
        widget
        for kind in (QLineEdit, QComboBox, QAbstractSpinBox)
        for widget in dialog.findChildren(kind)
        if not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox))
        # a table cell's transient editor is named by its column
        and not (
            isinstance(widget, QLineEdit)
            and widget.parent().objectName() == "qt_scrollarea_viewport"
        )
    ]
    assert len(inputs) > 15
    assert [type(w).__name__ for w in inputs if not w.accessibleName()] == []
    dialog.done(SettingsDialog.DialogCode.Rejected)


def test_names_to_keep_out_and_the_idle_lock_are_edited_in_settings(
    qtbot: QtBot, store: Store
) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.organisation.setText("Leeds Safeguarding Children Partnership (test)")
    dialog.names_to_keep_out.setPlainText("Kezia  Marsh\n\n  Dean Fletcher \n")
    dialog.idle_lock.setValue(5)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    with store.session() as session:
        assert settings.get(session, settings.NAMES_TO_KEEP_OUT) == "Kezia Marsh\nDean Fletcher"
        assert settings.get(session, settings.IDLE_LOCK_MINUTES) == "5"
    again = SettingsDialog(store)
    qtbot.addWidget(again)
    assert again.names_to_keep_out.toPlainText() == "Kezia Marsh\nDean Fletcher"
    assert again.idle_lock.value() == 5


def test_an_idle_lock_out_of_range_is_refused(store: Store) -> None:
    with store.session() as session:
        form = settings_form.load_form(session)
        form.idle_lock_minutes = 100_000
        with pytest.raises(settings_form.SettingsInvalid, match="idle lock"):
            settings_form.save_form(session, form)


def test_a_new_agency_is_chosen_for_a_person_at_once_and_return_never_saves_and_closes(
    qtbot: QtBot, store: Store
) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    row = dialog.add_agency(None)
    set_cell(dialog, "agencies", row, 0, "Leeds Youth Justice Service")
    dialog.tabs.setCurrentIndex(2)  # People: the new agency is there to choose, unsaved
    row = dialog.add_person(None)
    set_cell(dialog, "people", row, 0, "Jo Youth")
    agency = dialog.people.cellWidget(row, 2)
    assert isinstance(agency, QComboBox)
    assert agency.findText("Leeds Youth Justice Service") >= 0
    agency.setCurrentIndex(agency.findText("Leeds Youth Justice Service"))
    dialog.people.setFocus()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Return in the table did not save and close Settings
    qtbot.keyClick(dialog.people, Qt.Key.Key_Tab)  # Tab leaves the table
    assert not dialog.people.hasFocus()
    dialog.save_button.click()
    assert not dialog.problems.isVisible(), dialog.problems.text()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    with store.session() as session:
        form = settings_form.load_form(session)
        jo = next(p for p in form.people if p.name == "Jo Youth")
        youth = next(a for a in form.agencies if a.name == "Leeds Youth Justice Service")
        assert jo.agency_id == youth.id
