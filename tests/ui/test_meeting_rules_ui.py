"""The meeting screens keep the meeting's rules, driven through the real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.contributions import find_contribution
from lscp_desktop.models import Action, Case, Meeting
from lscp_desktop.models.enums import CaseStatus, DecisionOutcome, MeetingStatus
from lscp_desktop.store.database import Store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.meeting.fields import date_edit
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.meeting.steps.actions import ActionsForm
from lscp_desktop.ui.meeting.steps.closing import CloseForm
from lscp_desktop.ui.meeting.steps.decision import DecisionForm
from lscp_desktop.ui.meeting.steps.partner import PartnerForm
from lscp_desktop.ui.pages.action_plan_view import ActionPlanView
from lscp_desktop.ui.register.date_fields import date_edit as register_date_edit
from tests.meeting_data import Demo, build_case, build_meeting, mark_present
from tests.review_data import build_notified_case, build_rapid_review
from tests.ui.dialogs import when_dialog_opens


@pytest.fixture
def demo(store: Store) -> Demo:
    return build_case(store)


@pytest.fixture
def meeting_id(store: Store, demo: Demo) -> str:
    meeting_id = build_meeting(store, demo)
    with store.session() as session:
        meeting_record.start(session, meeting_id, dt.datetime(2026, 3, 4, 10, 0))
    return meeting_id


def open_view(qtbot: QtBot, store: Store, meeting_id: str, key: str) -> MeetingView:
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    view.show()
    view.index = next(i for i, step in enumerate(view.steps) if step.key == key)
    view._show_step()
    return view


def agreed_action(store: Store, demo: Demo) -> None:
    """An action the (approved) Extra-Ordinary RAG agreed: actions are not locked by approval."""
    with store.session() as session:
        meeting = next(
            m
            for m in session.get_one(Case, demo.case_id).meetings
            if m.status is MeetingStatus.APPROVED
        )
        meeting.actions.append(
            Action(
                description="Share the rationale with partners",
                owner_id=demo.people["Sam Okafor"],
                due=dt.date(2026, 3, 6),
            )
        )


# --- date fields ----------------------------------------------------------------------------


def test_date_fields_take_a_typed_date_over_a_selected_one_and_tab_leaves_them(
    qtbot: QtBot,
) -> None:
    box = QWidget()
    layout = QVBoxLayout(box)
    meeting_field = date_edit("Decision date", dt.date(2026, 3, 4), optional=False)
    register_field = register_date_edit("Referral received", dt.date(2026, 3, 4))
    after = QLineEdit()
    for widget in (meeting_field, register_field, after):
        layout.addWidget(widget)
    qtbot.addWidget(box)
    box.show()
    for field in (meeting_field, register_field):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, "17/12/2025")
        assert field.date() == QDate(2025, 12, 17)
    meeting_field.setFocus()
    qtbot.keyClick(meeting_field, Qt.Key.Key_Tab)
    assert box.focusWidget() is register_field
    qtbot.keyClick(register_field, Qt.Key.Key_Tab)
    assert box.focusWidget() is after


def test_an_empty_date_field_offers_today_not_the_year_2000(qtbot: QtBot) -> None:
    field = date_edit("Notification sent on", None)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == QDate.currentDate()
    empty = date_edit("Rationale shared on", None)
    qtbot.addWidget(empty)
    empty.show()
    empty.setFocus()
    qtbot.keyClicks(empty, "17/12/2025")  # typing into "not yet" works too
    assert empty.date() == QDate(2025, 12, 17)


# --- who decides ----------------------------------------------------------------------------


def test_the_decision_step_refuses_a_police_officer_as_decision_maker_with_the_reason(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo
) -> None:
    mark_present(store, meeting_id)
    view = open_view(qtbot, store, meeting_id, "decision")
    form = view.form
    assert isinstance(form, DecisionForm)
    form.outcome_group.buttons()[1].click()  # do not notify
    combo = form.decided_by
    assert combo.currentData() == demo.people["Priya Shah"]  # the present LA representative
    assert combo.itemData(1) == demo.people["Priya Shah"]  # first in the list, after "none"
    combo.setCurrentIndex(combo.findData(demo.people["Tom Hughes"]))
    assert combo.currentData() == demo.people["Priya Shah"]  # refused: back to the LA
    refusal = view.findChild(QLabel, "decisionMakerRefused")
    assert refusal is not None and refusal.isVisible()
    assert "only the Local Authority may decide whether to notify" in refusal.text()
    with store.session() as session:
        decision = session.get_one(Meeting, meeting_id).decision
        assert decision is not None and decision.decided_by_id == demo.people["Priya Shah"]
    view._finish()


# --- quorum and voices ----------------------------------------------------------------------


def test_concluding_asks_the_chair_why_a_partner_was_not_heard(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark_present(store, meeting_id, "Priya Shah")
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.DEFERRED,
            deferral_reason="Police checks are awaited.",
        )
    view = open_view(qtbot, store, meeting_id, "close")
    form = view.form
    assert isinstance(form, CloseForm)
    assert form.quorum_reason.isVisible()
    assert "Police was not represented" in form.unheard.text()
    assert not form.conclude_button.isEnabled()
    qtbot.keyClicks(form.quorum_reason, "Police and Health sent written views.")
    form.quorum_reason.clearFocus()
    view.flush()
    assert form.conclude_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    form.conclude_button.click()
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting.status is MeetingStatus.CONCLUDED
        assert meeting.quorum_reason == "Police and Health sent written views."
    view._finish()


# --- represented by -------------------------------------------------------------------------


def test_represented_by_saves_the_present_person_the_screen_shows(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo
) -> None:
    mark_present(store, meeting_id, "Tom Hughes")
    view = open_view(qtbot, store, meeting_id, f"partner:{demo.agencies['Police']}")
    form = view.form
    assert isinstance(form, PartnerForm)
    assert form.representative.currentData() == demo.people["Tom Hughes"]
    qtbot.keyClicks(form.information, "Two incidents at the address.")
    view.flush()
    with store.session() as session:
        found = find_contribution(session.get_one(Meeting, meeting_id), demo.agencies["Police"])
        assert found is not None and found.representative_id == demo.people["Tom Hughes"]
    view._finish()
    # Nobody present for Health: nobody is offered as speaking for it.
    view = open_view(qtbot, store, meeting_id, f"partner:{demo.agencies['Health (ICB)']}")
    assert isinstance(view.form, PartnerForm)
    assert [
        view.form.representative.itemData(i) for i in range(view.form.representative.count())
    ] == [None]
    view._finish()


# --- scheduled is not started ---------------------------------------------------------------


def test_opening_a_meeting_set_up_for_later_does_not_start_it_the_chair_does(
    qtbot: QtBot, store: Store, demo: Demo
) -> None:
    planned = build_meeting(store, demo)
    view = MeetingView(store, planned)
    qtbot.addWidget(view)
    view.show()
    with store.session() as session:
        assert session.get_one(Meeting, planned).status is MeetingStatus.PLANNED
    assert view.start_bar.isVisible()
    assert "Not started: set for 04/03/2026 at 10:00" in view.start_note.text()
    assert view.header.clock_label.text() == "Meeting not started"
    view.start_button.click()
    assert not view.start_bar.isVisible()
    assert view.header.clock_label.text().startswith("Meeting 0:0")
    with store.session() as session:
        meeting = session.get_one(Meeting, planned)
        assert meeting.status is MeetingStatus.IN_PROGRESS and meeting.started_at is not None
    view._finish()


# --- actions --------------------------------------------------------------------------------


def test_an_action_is_not_added_without_its_owner_and_due_date(
    qtbot: QtBot, store: Store, meeting_id: str
) -> None:
    view = open_view(qtbot, store, meeting_id, "actions")
    form = view.form
    assert isinstance(form, ActionsForm)
    qtbot.keyClicks(form.description, "Strategy discussion today")
    form.add_button.click()
    assert "owner and its due date" in form.error.text()
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).actions == []
    qtbot.keyClick(form.owner, Qt.Key.Key_Down)  # the user starts to put it right
    assert form.owner.currentIndex() == 1
    assert form.error.text() == ""  # no warning left red over a field now filled
    view._finish()


def test_enter_in_the_due_date_adds_the_action(qtbot: QtBot, store: Store, meeting_id: str) -> None:
    view = open_view(qtbot, store, meeting_id, "actions")
    form = view.form
    assert isinstance(form, ActionsForm)
    qtbot.keyClicks(form.description, "Strategy discussion today")
    form.owner.setCurrentIndex(1)
    form.due.setDate(form.due.minimumDate().addDays(3))
    line_edit = form.due.lineEdit()
    assert line_edit is not None
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    with store.session() as session:
        actions = session.get_one(Meeting, meeting_id).actions
        assert [a.description for a in actions] == ["Strategy discussion today"]
    view._finish()


def test_the_rapid_reviews_action_step_shows_what_the_extraordinary_rag_agreed(
    qtbot: QtBot, store: Store
) -> None:
    demo = build_notified_case(store)
    agreed_action(store, demo)
    review_id = build_rapid_review(store, demo)
    view = open_view(qtbot, store, review_id, "immediate_action")
    earlier = view.findChild(QWidget, "earlierActions")
    assert earlier is not None
    texts = [label.text() for label in earlier.findChildren(QLabel)]
    assert "Share the rationale with partners" in texts and "Sam Okafor" in texts
    view._finish()


def test_the_action_plan_changes_an_owner_and_due_date_after_approval_and_notes_it(
    qtbot: QtBot, store: Store
) -> None:
    demo = build_notified_case(store)
    agreed_action(store, demo)
    view = ActionPlanView(store, today=lambda: dt.date(2026, 3, 10))
    qtbot.addWidget(view)
    view.table.selectRow(0)
    dialog = view.open_change_dialog()
    assert dialog is not None
    dialog.owner.setCurrentIndex(dialog.owner.findData(demo.people["Priya Shah"]))
    dialog.due.setDate(QDate(2026, 3, 20))
    dialog.buttons.accepted.emit()
    assert "owner Sam Okafor → Priya Shah" in view.message.text()
    with store.session() as session:
        action = session.scalars(select(Action)).one()
        assert (action.owner_id, action.due) == (demo.people["Priya Shah"], dt.date(2026, 3, 20))


# --- nothing approved is erased -------------------------------------------------------------


def test_delete_case_on_approved_minutes_offers_close_or_archive_instead(
    qtbot: QtBot, store: Store
) -> None:
    demo = build_notified_case(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.register.refresh(select_case=demo.case_id)
    seen: list[str] = []

    def archive(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        assert dialog.defaultButton() is dialog.button(QMessageBox.StandardButton.Cancel)
        next(b for b in dialog.buttons() if b.text() == "&Archive case").click()

    errors = when_dialog_opens(archive)
    window.delete_case_action.trigger()
    assert not errors, errors
    assert "has approved minutes, so it cannot be deleted" in seen[0]
    with store.session() as session:
        case = session.get_one(Case, demo.case_id)
        assert case.archived_on is not None and case.status is not CaseStatus.CLOSED
    assert window.register.model.rowCount() == 0  # out of the open register
    window.register.status_filter.setCurrentIndex(
        window.register.status_filter.findData("archived")
    )
    assert window.register.model.rowCount() == 1
    # Chosen again from "Archived cases", the same command brings it back to the open register.
    window.register.select_case(demo.case_id)

    def unarchive(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        next(b for b in dialog.buttons() if b.text() == "&Unarchive case").click()

    errors = when_dialog_opens(unarchive)
    window.delete_case_action.trigger()
    assert not errors, errors
    with store.session() as session:
        assert session.get_one(Case, demo.case_id).archived_on is None


def test_an_action_shows_exactly_what_was_typed(
    qtbot: QtBot, store: Store, meeting_id: str
) -> None:
    view = open_view(qtbot, store, meeting_id, "actions")
    form = view.form
    assert isinstance(form, ActionsForm)
    qtbot.keyClicks(form.description, "Check <b>all</b> siblings & cousins")
    form.owner.setCurrentIndex(1)
    form.due.setDate(form.due.minimumDate().addDays(3))
    form.add_button.click()
    shown = [label.text() for label in form.findChildren(QLabel)]
    assert "Check &lt;b&gt;all&lt;/b&gt; siblings &amp; cousins" in shown  # as text, not markup
    view._finish()
