"""The Business Unit officer's case register, driven through the real widgets."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, insert, select

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.models import Case, Meeting
from lscp_desktop.models.enums import CaseKind, CaseStatus, MeetingKind, MeetingStatus
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.register.case_dialog import CaseDialog
from lscp_desktop.ui.register.register_model import Column
from lscp_desktop.ui.register.register_page import RegisterPage
from lscp_desktop.ui.safekeeping.unlock_dialog import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.ui.dialogs import when_dialog_opens

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    with store.session() as session:
        settings.put(session, settings.USER_NAME, "Sam Okafor")
    main = MainWindow(store)
    qtbot.addWidget(main)
    main.show()
    yield main


def add_case(store: Store, reference: str, pseudonym: str, aware: dt.date, **more: object) -> int:
    with store.session() as session:
        police = next(c.id for c in cases.agency_choices(session) if "Police" in c.label)
    form = cases.CaseForm(
        reference=reference,
        children=[ChildEntry(pseudonym=pseudonym)],
        referring_agency_id=police,
        referral_received=aware,
        la_aware=aware,
    )
    for name, value in more.items():
        setattr(form, name, value)
    with store.session() as session:
        return cases.create_case(session, form)


def shown(page: RegisterPage, column: Column = Column.REFERENCE) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def fill_new_case(dialog: QWidget, qtbot: QtBot, reference: str, pseudonym: str) -> None:
    assert isinstance(dialog, CaseDialog)
    qtbot.keyClicks(dialog.reference, reference)
    qtbot.keyClicks(dialog.children_editor.pseudonym, pseudonym)
    dialog.agency.setCurrentIndex(dialog.agency.findText("West Yorkshire Police"))


def test_officer_adds_a_case_and_sees_its_notification_deadline(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    today = dt.date.today()

    def fill(dialog: QWidget) -> None:
        fill_new_case(dialog, qtbot, "LSCP-2026-001", "Child A")
        assert isinstance(dialog, CaseDialog)
        qtbot.keyClicks(dialog.children_editor.name, "Jane Example")
        qtbot.keyClicks(dialog.summary, "Admitted to hospital with a head injury.")
        assert "Notification due" in dialog.due_hint.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors = when_dialog_opens(fill)
    window.new_case_action.trigger()
    assert not errors, errors

    page = window.register
    assert shown(page) == ["LSCP-2026-001"]
    assert shown(page, Column.PSEUDONYM) == ["Child A"]
    assert shown(page, Column.AGENCY) == ["Police"]
    with store.session() as session:
        due = cases.form_for(session, 1).la_aware
    deadline = page.model.index(0, Column.DEADLINE).data()
    assert deadline.startswith("Notification: ")
    assert deadline != "Notification: " + f"{due:%d/%m/%Y}"  # five working days on, not day 0
    assert page.model.index(0, Column.DAYS_LEFT).data().endswith("working days left")
    assert page.current_case_id() == 1  # the new case is chosen and shown beside the table
    assert page.detail.title.text() == "LSCP-2026-001: Child A"
    with store.session() as session:
        case = session.get(Case, 1)
        assert (
            case is not None and case.la_aware == today and case.children[0].name == "Jane Example"
        )


def test_a_looked_after_childs_death_is_entered_as_its_own_kind_and_kept(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    def fill(dialog: QWidget) -> None:
        fill_new_case(dialog, qtbot, "LSCP-2026-002", "Child B")
        assert isinstance(dialog, CaseDialog)
        assert dialog.kind.currentData() == CaseKind.SCSI  # the s16C duty unless said otherwise
        dialog.kind.setCurrentIndex(dialog.kind.findText("Death of a looked-after child"))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors = when_dialog_opens(fill)
    window.new_case_action.trigger()
    assert not errors, errors
    with store.session() as session:
        assert cases.form_for(session, 1).kind is CaseKind.LOOKED_AFTER_DEATH
    reopened = CaseDialog(store, 1)
    qtbot.addWidget(reopened)
    assert reopened.kind.currentText() == "Death of a looked-after child"
    # The case pane says which notification it is, and offers no CSPR for it.
    detail = window.register.detail
    assert detail.kind.text() == "Death of a looked-after child"
    row = window.register.model.index(0, Column.PSEUDONYM)  # the register says so too
    assert row.data(Qt.ItemDataRole.ToolTipRole) == "Child B: Death of a looked-after child"
    assert not detail.cspr_button.isEnabled()
    assert "No Rapid Review or CSPR follows" in detail.cspr_button.toolTip()


def test_duplicate_reference_and_missing_pseudonym_are_explained_and_nothing_is_lost(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    add_case(store, "LSCP-2026-001", "Child A", dt.date.today())
    window.register.refresh()
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseDialog)
        qtbot.keyClicks(dialog.reference, "lscp-2026-001")
        qtbot.keyClicks(dialog.summary, "Typed before the mistake")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["visible"] = dialog.isVisible()
        seen["problems"] = dialog.problems.text()
        seen["summary"] = dialog.summary.toPlainText()
        seen["reference"] = dialog.reference.text()
        seen["focus"] = dialog.focusWidget() is dialog.reference
        # Putting the reference right takes its message away; the other stays until fixed.
        qtbot.keyClicks(dialog.reference, "x")
        seen["after_reference"] = dialog.problems.text()
        qtbot.keyClicks(dialog.children_editor.pseudonym, "Child B")
        seen["after_pseudonym"] = dialog.problems.isVisibleTo(dialog)

    errors = when_dialog_opens(fill)
    window.new_case_action.trigger()
    assert not errors, errors
    assert seen["after_reference"] == (
        'Please fix before saving:\n• Enter a pseudonym for the child, such as "Child A".'
    )
    assert seen["after_pseudonym"] is False
    assert seen["visible"] is True
    assert seen["problems"] == (
        "Please fix before saving:\n"
        "• Another case already has the reference lscp-2026-001.\n"
        '• Enter a pseudonym for the child, such as "Child A".'
    )
    assert seen["summary"] == "Typed before the mistake"
    assert seen["reference"] == "lscp-2026-001"
    with store.session() as session:
        assert session.scalar(select(func.count(Case.id))) == 1


def test_editing_a_case_through_the_dialog(window: MainWindow, qtbot: QtBot, store: Store) -> None:
    case_id = add_case(store, "LSCP-2026-001", "Child A", dt.date.today())
    window.register.refresh(select_case=case_id)

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseDialog)
        assert dialog.reference.text() == "LSCP-2026-001"
        dialog.status.setCurrentIndex(dialog.status.findData(CaseStatus.CLOSED))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors = when_dialog_opens(edit)
    window.edit_case_action.trigger()
    assert not errors, errors
    with store.session() as session:
        assert cases.form_for(session, case_id).status is CaseStatus.CLOSED
    assert shown(window.register) == []  # closed cases leave the "Open cases" view
    window.register.status_filter.setCurrentIndex(window.register.status_filter.findData("all"))
    assert shown(window.register, Column.STATUS) == ["Closed"]


def test_filter_as_you_type_and_by_status(window: MainWindow, qtbot: QtBot, store: Store) -> None:
    today = dt.date.today()
    add_case(store, "LSCP-2026-001", "Child A", today)
    add_case(store, "LSCP-2026-002", "Child B", today - dt.timedelta(days=1))
    add_case(store, "LSCP-2025-090", "Child C", today, status=CaseStatus.CLOSED)
    page = window.register
    page.refresh()
    assert sorted(shown(page)) == ["LSCP-2026-001", "LSCP-2026-002"]
    assert page.count.text() == "2 of 3 cases"

    qtbot.keyClicks(page.search, "child b")
    assert shown(page) == ["LSCP-2026-002"]
    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findData(CaseStatus.CLOSED.value))
    assert shown(page) == ["LSCP-2025-090"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    qtbot.keyClicks(page.search, "2026")
    assert sorted(shown(page)) == ["LSCP-2026-001", "LSCP-2026-002"]


def test_overdue_deadline_is_red_and_bold(window: MainWindow, store: Store) -> None:
    add_case(store, "LSCP-2026-001", "Child A", dt.date.today() - dt.timedelta(days=30))
    window.register.refresh()
    index = window.register.model.index(0, Column.DAYS_LEFT)
    assert index.data().startswith("overdue by ")
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    assert index.data(Qt.ItemDataRole.FontRole).bold()


def test_every_column_fits_a_laptop_screen_without_a_scrollbar(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    add_case(store, "LSCP-2026-001", "Child A", dt.date.today() - dt.timedelta(days=300))
    page = window.register
    page.refresh()
    window.setCentralWidget(QWidget())  # the page alone, at the width a 1366 x 768 screen gives
    page.setParent(None)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.wait(1)
    header = page.table.horizontalHeader()
    assert page.table.horizontalScrollBar().maximum() == 0
    assert header.length() <= page.table.viewport().width()
    assert header.sectionSize(Column.PSEUDONYM) >= header.minimumSectionSize()
    titles = header.fontMetrics()
    for column in Column:  # no heading cut short
        title = page.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) > titles.horizontalAdvance(title), title
    overdue = page.model.index(0, Column.DAYS_LEFT)
    assert overdue.data().startswith("overdue by ")
    # A text wider than its column is there whole in its tooltip.
    status = page.model.index(0, Column.STATUS)
    assert status.data(Qt.ItemDataRole.ToolTipRole) == status.data()


def test_deleting_a_case_asks_first(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = add_case(store, "LSCP-2026-001", "Child A", dt.date.today())
    window.register.refresh(select_case=case_id)
    questions: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def ask(_parent: QWidget, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "warning", ask)
    window.delete_case_action.trigger()
    assert questions == ["Delete case LSCP-2026-001 (Child A)?\n\nThis cannot be undone."]
    assert shown(window.register) == ["LSCP-2026-001"]
    answer = QMessageBox.StandardButton.Yes
    window.delete_case_action.trigger()
    assert shown(window.register) == []
    with store.session() as session:
        assert session.get(Case, case_id) is None


@pytest.fixture
def flushes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real meeting screen, with each flush (commit of pending typing) noted."""
    calls: list[str] = []
    original = MeetingView.flush

    def noting(view: MeetingView) -> bool:
        calls.append(view.meeting_id)
        return original(view)

    monkeypatch.setattr(MeetingView, "flush", noting)
    return calls


def add_meeting(store: Store, case_id: int, status: MeetingStatus) -> str:
    meeting_id = uuid.uuid4().hex
    with store.session() as session:
        session.add(
            Meeting(
                id=meeting_id,
                case_id=case_id,
                kind=MeetingKind.EXTRAORDINARY_RAG,
                held_at=dt.datetime(2026, 1, 5, 10, 0),
                status=status,
                started_at=dt.datetime(2026, 1, 5, 10, 0),
            )
        )
    return meeting_id


def test_a_meeting_left_in_progress_reopens_at_start(
    window: MainWindow, store: Store, flushes: list[str]
) -> None:
    case_id = add_case(store, "LSCP-2026-001", "Child A", dt.date(2026, 1, 2))
    meeting_id = add_meeting(store, case_id, MeetingStatus.IN_PROGRESS)
    assert window.resume_meeting_in_progress()
    assert window.stack.currentWidget() is window.meeting_page
    assert isinstance(window.meeting_view, MeetingView)
    assert window.meeting_view.meeting_id == meeting_id

    window.register_action.trigger()  # leaving the meeting commits what was typed
    assert flushes == [meeting_id]
    assert window.stack.currentWidget() is window.register
    window.meeting_action.trigger()
    assert window.stack.currentWidget() is window.meeting_page
    window.close()  # and so does quitting
    assert len(flushes) > 1 and set(flushes) == {meeting_id}


def test_double_clicking_a_meeting_in_the_detail_pane_opens_it(
    window: MainWindow, qtbot: QtBot, store: Store, flushes: list[str]
) -> None:
    case_id = add_case(store, "LSCP-2026-001", "Child A", dt.date(2026, 1, 2))
    meeting_id = add_meeting(store, case_id, MeetingStatus.APPROVED)
    window.register.refresh(select_case=case_id)
    meetings = window.register.detail.meetings
    assert meetings.count() == 1
    item = meetings.item(0)
    rect = meetings.visualItemRect(item)
    # Qt's double click arrives after a first press, as from a real mouse.
    qtbot.mouseClick(meetings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(meetings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.meeting_id == meeting_id
    assert isinstance(window.meeting_view, MeetingView)
    window.meeting_view.closed.emit()  # the meeting screen's own Close
    assert window.meeting_view is None
    assert window.stack.currentWidget() is window.register


def test_every_input_in_the_case_dialog_has_an_accessible_name(qtbot: QtBot, store: Store) -> None:
    dialog = CaseDialog(store)
    qtbot.addWidget(dialog)
    dialog.add_link()
    dialog.add_process()
    inputs = [
        widget
        for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QCheckBox, QListWidget)
        for widget in dialog.findChildren(kind)
        # a date field's or a list's own inner editor is named by its owner
        if not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox))
        and not (
            isinstance(widget, QLineEdit)
            and widget.parent().objectName() == "qt_scrollarea_viewport"
        )
    ]
    assert len(inputs) > 20
    unnamed = [type(widget).__name__ for widget in inputs if not widget.accessibleName()]
    assert unnamed == []


def test_register_of_ten_thousand_cases_pages_and_filters_as_one_types(
    qtbot: QtBot, store: Store
) -> None:
    with store.session() as session:
        agency = cases.agency_choices(session)[0].id
        session.execute(
            insert(Case),
            [
                {
                    "reference": f"LSCP-{n:05}",
                    "child_pseudonym": f"Child {n}",
                    "referring_agency_id": agency,
                    "referral_received": dt.date(2016, 1, 1) + dt.timedelta(days=n % 3650),
                    "la_aware": dt.date(2016, 1, 1) + dt.timedelta(days=n % 3650),
                    "status": CaseStatus.REFERRED if n % 100 == 0 else CaseStatus.CLOSED,
                }
                for n in range(10_000)
            ],
        )
    page = RegisterPage(store)  # warms caches (bank holidays) once, as the first start does
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))

    # Speed at this scale is measured in benchmarks/, not asserted here.
    assert page.model.rowCount() == 200  # one page shown; the rest fetched on scrolling
    assert page.model.total == 10_000
    for typed in ["L", "LS", "LSC", "LSCP-0", "LSCP-01"]:
        page.search.setText(typed)
    page.search.setText("LSCP-0123")
    assert sorted(shown(page)) == [f"LSCP-0123{n}" for n in range(10)]

    page.search.clear()
    assert page.model.rowCount() == 200 and page.model.canFetchMore(QModelIndex())
    page.table.scrollToBottom()  # scrolling down fetches the next page
    qtbot.waitUntil(lambda: page.model.rowCount() > 200)


def test_unlock_dialog_retries_a_wrong_passphrase(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    store.close()
    dialog = UnlockDialog(db_path, creating=False)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    dialog.try_open()
    assert dialog.message.text() == (
        "That passphrase does not open this database. Check Caps Lock and try again."
    )
    assert dialog.passphrase.text() == "" and dialog.store is None
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.try_open()
    assert dialog.store is not None and dialog.result() == UnlockDialog.DialogCode.Accepted
    dialog.store.close()


def test_a_new_database_needs_a_long_passphrase_typed_twice(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    dialog = UnlockDialog(path, creating=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, "short")
    dialog.try_open()
    assert dialog.message.text() == "The passphrase must be at least 8 characters."
    dialog.passphrase.setText("long enough phrase")
    dialog.confirmation.setText("long enough phrasx")
    dialog.try_open()
    assert dialog.message.text() == "The two passphrases differ. Type them again."
    assert not path.exists()
    dialog.confirmation.setText("long enough phrase")
    dialog.try_open()
    assert dialog.store is not None and path.exists()
    dialog.store.close()


def test_shortcuts_help_lists_the_menu_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    from lscp_desktop.ui.help_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(window.menu_actions(), window)
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(row, 1).text(): dialog.table.item(row, 0).text()
        for row in range(dialog.table.rowCount())
    }
    assert rows["New case"] == "Ctrl+N"
    assert rows["Find a case"] == "Ctrl+F"
    assert rows["Case register"] == "Ctrl+1"
    assert rows["Keyboard shortcuts"] == "F1"


@pytest.mark.slow
def test_smoke_test_prints_the_time_to_ready_and_exits_0(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "lscp_desktop", "--smoke-test", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["ready_ms", "orm_ready_ms"]
    ready, orm_ready = (int(line.split()[1]) for line in lines)
    assert 0 < ready <= orm_ready < 60_000
    assert db_path.exists()


@pytest.mark.slow
def test_smoke_test_without_a_passphrase_says_so_and_exits_2(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LSCP_DESKTOP_PASSPHRASE")
    result = subprocess.run(
        [sys.executable, "-m", "lscp_desktop", "--smoke-test", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "LSCP_DESKTOP_PASSPHRASE is not set" in result.stderr


def test_escape_with_typed_text_asks_before_discarding_it(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def ask(_parent: QWidget, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", ask)
    dialog = CaseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    suggested = f"LSCP-{dt.date.today().year}-001"  # the next reference, ready to type over
    assert dialog.reference.text() == dialog.reference.selectedText() == suggested
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert questions == [] and not dialog.isVisible()

    dialog = CaseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reference, "LSCP-2026-099")  # over the suggested reference
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert questions == ["Discard the changes to this case? What you typed will be lost."]
    assert dialog.isVisible() and dialog.reference.text() == "LSCP-2026-099"
    answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_quitting_while_the_minutes_cannot_be_saved_asks_first_and_keeps_them(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = add_case(store, "LSCP-2026-001", "Child A", dt.date(2026, 1, 2))
    add_meeting(store, case_id, MeetingStatus.IN_PROGRESS)
    assert window.resume_meeting_in_progress()
    monkeypatch.setattr(MeetingView, "flush", lambda _view: False)  # e.g. the disk is full
    asked: list[str] = []

    def say_no(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", say_no)
    window.show()
    assert not window.close()
    assert asked and "could not be saved" in asked[0]
    assert window.isVisible() and window.meeting_view is not None


def test_add_process_and_add_linked_case_buttons_add_a_usable_focused_row(
    qtbot: QtBot, store: Store
) -> None:
    """The buttons' clicked(bool) must not reach add_process/add_link as their row argument:
    it crashed "Add process" ('bool' object has no attribute 'kind') and left the new linked
    case's row without focus."""
    dialog = CaseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_new_case(dialog, qtbot, "LSCP-2026-077", "Child A")
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    tabs.setCurrentIndex(  # the user opens the tab the buttons are on
        next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(dialog.link_table))
    )
    buttons = {button.text(): button for button in dialog.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Add process"], Qt.MouseButton.LeftButton)
    assert dialog.process_table.rowCount() == 1
    assert isinstance(dialog.process_table.cellWidget(0, 0), QComboBox)
    qtbot.mouseClick(buttons["Add linked case"], Qt.MouseButton.LeftButton)
    assert dialog.link_table.rowCount() == 1
    assert dialog.link_table.currentRow() == 0 and dialog.focusWidget() is dialog.link_table
    dialog.link_table.item(0, 0).setText("LSCP-2026-001")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        case = session.scalars(select(Case).where(Case.reference == "LSCP-2026-077")).one()
        assert len(case.parallel_processes) == 1
        assert [link.linked_reference for link in case.links] == ["LSCP-2026-001"]


def test_the_export_menu_still_works_after_leaving_a_meeting(
    window: MainWindow,
    qtbot: QtBot,
    store: Store,
    flushes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Leaving a meeting used to leave the Export menu's actions dead ("Internal C++ object
    (PySide6.QtGui.QAction) already deleted"): the menu did nothing but its shortcuts."""
    from lscp_desktop.ui.documents import exporting

    exported: list[str] = []
    monkeypatch.setattr(
        exporting, "export_minutes", lambda _parent, _store, meeting_id, fmt: exported.append(fmt)
    )
    case_id = add_case(store, "LSCP-2026-001", "Child A", dt.date(2026, 1, 2))
    meeting_id = add_meeting(store, case_id, MeetingStatus.APPROVED)
    window.register.refresh(select_case=case_id)
    for _ in range(2):  # leave it, then reopen it and leave again
        window.open_meeting(meeting_id)
        assert window.meeting_view is not None
        window.meeting_view.closed.emit()
        qtbot.wait(20)  # the meeting screen's deleteLater runs
    window.export_menu.aboutToShow.emit()
    assert window.export_menu.word.isEnabled() and window.export_menu.pdf.isEnabled()
    window.export_menu.word.trigger()
    window.export_menu.pdf.trigger()
    assert exported == ["docx", "pdf"]
