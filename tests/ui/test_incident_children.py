"""The case form's Children and Notification tabs and the Notification details dialog, driven
through the real widgets: two siblings entered as one incident, a notification sent before the
meeting, real names hidden until asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.models import AuditEntry, Case
from lscp_desktop.models.enums import LegalStatus
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.register.case_dialog import CaseDialog
from lscp_desktop.ui.register.children_editor import next_pseudonym
from lscp_desktop.ui.register.notification_details import HIDDEN, NotificationDetailsDialog
from tests.ui.dialogs import when_dialog_opens
from tests.ui.test_register import fill_new_case


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    with store.session() as session:
        settings.put(session, settings.USER_NAME, "Sam Okafor")
    main = MainWindow(store)
    qtbot.addWidget(main)
    main.show()
    yield main


def labels(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_next_pseudonym_skips_those_taken() -> None:
    assert next_pseudonym([]) == "Child A"
    assert next_pseudonym(["Child A", "child b"]) == "Child C"
    assert next_pseudonym([f"Child {chr(65 + n)}" for n in range(26)]) == "Child AA"


def test_two_siblings_are_entered_as_one_incident_with_a_notification_sent_before_the_meeting(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    today = dt.date.today()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseDialog)
        fill_new_case(dialog, qtbot, "LSCP-2026-002", "Child A")
        children = dialog.children_editor
        qtbot.keyClicks(children.name, "Jordan Realname")
        children.legal_status.setCurrentIndex(
            children.legal_status.findData(LegalStatus.CHILD_IN_NEED)
        )
        qtbot.mouseClick(children.add_button, Qt.MouseButton.LeftButton)
        assert children.pseudonym.text() == "Child B"  # suggested, and selected to type over
        assert children.name.text() == ""  # the new child's details, not a copy of the first
        qtbot.keyClicks(children.name, "Casey Realname")
        qtbot.keyClicks(children.sex, "Female")
        children.list.setCurrentRow(0)  # back to the first child: what was typed is kept
        assert children.name.text() == "Jordan Realname"
        notification = dialog.notification
        qtbot.keyClicks(notification.incident_time, "19:45")
        qtbot.keyClicks(notification.location, "The family home")
        notification.notified_on.set_value(today)
        qtbot.keyClicks(notification.panel_reference, "NP-26-0200")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    errors = when_dialog_opens(fill)
    window.new_case_action.trigger()
    assert not errors, errors
    with store.session() as session:
        case = session.scalars(select(Case)).one()
        assert case.child_pseudonym == "Child A and Child B"
        assert [(c.pseudonym, c.name, c.sex) for c in case.children] == [
            ("Child A", "Jordan Realname", ""),
            ("Child B", "Casey Realname", "Female"),
        ]
        assert case.children[0].legal_status is LegalStatus.CHILD_IN_NEED
        assert (case.incident_time, case.notified_on) == ("19:45", today)
    assert window.register.detail.title.text() == "LSCP-2026-002: Child A and Child B"


def test_a_bad_child_takes_the_user_to_that_child_with_everything_kept(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseDialog)
        fill_new_case(dialog, qtbot, "LSCP-2026-003", "Child A")
        children = dialog.children_editor
        qtbot.keyClicks(children.name, "Jordan Realname")
        qtbot.mouseClick(children.add_button, Qt.MouseButton.LeftButton)
        children.pseudonym.setText("Jordan Realname's sibling")
        children.list.setCurrentRow(0)
        dialog.tabs.setCurrentIndex(0)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # not saved: the dialog stays with what was typed
        seen.append(dialog.problems.text())
        assert dialog.tabs.currentWidget() is children
        assert children.list.currentRow() == 1  # the child at fault is shown
        assert children.pseudonym.text() == "Jordan Realname's sibling"
        dialog.done(0)

    errors = when_dialog_opens(fill)
    window.new_case_action.trigger()
    assert not errors, errors
    assert "must not contain a child's real name" in seen[0]
    with store.session() as session:
        assert session.scalars(select(Case)).all() == []


def test_an_incident_keeps_at_least_one_child(qtbot: QtBot, store: Store) -> None:
    dialog = CaseDialog(store)
    qtbot.addWidget(dialog)
    children = dialog.children_editor
    assert not children.remove_button.isEnabled()
    qtbot.mouseClick(children.add_button, Qt.MouseButton.LeftButton)
    assert children.remove_button.isEnabled()
    qtbot.mouseClick(children.remove_button, Qt.MouseButton.LeftButton)
    assert len(children.entries()) == 1 and not children.remove_button.isEnabled()
    for _ in range(4):
        qtbot.mouseClick(children.add_button, Qt.MouseButton.LeftButton)
    assert "give the others in the outline" in children.count_note.text()


def test_notification_details_hide_real_names_until_asked_and_enter_closes(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    from tests.ui.test_register import add_case

    case_id = add_case(store, "LSCP-2026-004", "Child A", dt.date.today())
    with store.session() as session:
        case = session.get_one(Case, case_id)
        case.children[0].name = "Jordan Realname"
    dialog = NotificationDetailsDialog(store, case_id, window)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "OFFICIAL-SENSITIVE" in shown
    assert "Jordan Realname" not in shown and HIDDEN in shown
    copy_name = next(
        b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Copy Child 1: Name"
    )
    assert not copy_name.isEnabled()
    QGuiApplication.clipboard().setText("")
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter closes; it never reveals a name
    assert not dialog.isVisible()
    assert "Jordan Realname" not in labels(dialog)
    assert QGuiApplication.clipboard().text() == ""  # and it copied nothing
    dialog.reveal_button.click()
    assert "Jordan Realname" in labels(dialog)
    copy_name.click()
    assert QGuiApplication.clipboard().text() == "Jordan Realname"
    with store.session() as session:
        shown_events = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "real names shown")
        ).all()
        assert [e.detail for e in shown_events] == ["notification details of LSCP-2026-004"]


def test_the_purpose_step_of_a_looked_after_death_says_it_is_notified_whatever_the_criteria(
    qtbot: QtBot, store: Store
) -> None:
    from lscp_desktop.models.enums import CaseKind
    from lscp_desktop.ui.meeting.meeting_view import MeetingView
    from tests.meeting_data import build_case, build_meeting

    demo = build_case(store)
    with store.session() as session:
        session.get_one(Case, demo.case_id).kind = CaseKind.LOOKED_AFTER_DEATH
    view = MeetingView(store, build_meeting(store, demo))
    qtbot.addWidget(view)
    view.go_to(next(i for i, s in enumerate(view.steps) if s.form == "purpose"))
    text = labels(view.form_area)
    assert "whether or not abuse or neglect is known or suspected" in text
    assert "no Rapid Review follows" in text
    view._finish()


def test_at_a_looked_after_death_partners_say_whether_it_is_also_an_scsi(
    qtbot: QtBot, store: Store
) -> None:
    from PySide6.QtWidgets import QRadioButton

    from lscp_desktop.documents.meeting_record import load_meeting_record
    from lscp_desktop.models import Meeting
    from lscp_desktop.models.enums import CaseKind
    from lscp_desktop.ui.meeting.meeting_view import MeetingView
    from tests.meeting_data import build_case, build_meeting, mark_present

    demo = build_case(store)
    with store.session() as session:
        session.get_one(Case, demo.case_id).kind = CaseKind.LOOKED_AFTER_DEATH
    meeting_id = build_meeting(store, demo)
    mark_present(store, meeting_id)
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    police = demo.agencies["Police"]
    view.go_to(next(i for i, s in enumerate(view.steps) if s.agency_id == police))
    assert "Also a serious child\nsafeguarding incident?" in labels(view.form_area)
    choices = [b.text() for b in view.form_area.findChildren(QRadioButton)]
    assert choices == ["A&lso an SCSI", "No&t an SCSI", "&Undecided"]
    view.form_area.findChildren(QRadioButton)[1].click()
    assert view.flush()
    assert view.matrix.opinion_text(police).startswith("Not an SCSI")
    with store.session() as session:
        record = load_meeting_record(session, meeting_id)
        assert [c.opinion for c in record.contributions] == ["Not an SCSI"]
        assert session.get_one(Meeting, meeting_id).contributions
    view._finish()
