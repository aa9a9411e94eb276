"""The meeting window's other promises: projector privacy, export hook, locking, deferral."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import DecisionOutcome, Opinion
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.meeting.post_meeting_dialog import PostMeetingDecisionDialog
from lscp_desktop.ui.meeting.projector_view import ProjectorView
from lscp_desktop.ui.meeting.setup_dialog import parse_recipient
from tests.meeting_data import (
    Demo,
    build_case,
    build_meeting,
    excuse_unheard_partners,
    mark_present,
)


@pytest.fixture
def demo(store: Store) -> Demo:
    return build_case(store)


@pytest.fixture
def meeting_id(store: Store, demo: Demo) -> str:
    return build_meeting(store, demo)


def open_view(qtbot: QtBot, store: Store, meeting_id: str) -> MeetingView:
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    return view


def step_index(view: MeetingView, key: str) -> int:
    return next(i for i, step in enumerate(view.steps) if step.key == key)


def test_projector_shows_step_matrix_and_clock_but_never_the_real_name(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo
) -> None:
    with store.session() as session:
        meeting_contributions.set_contribution(
            session, meeting_id, demo.agencies["Police"], opinion=Opinion.NOTIFY, reasons="R"
        )
    view = open_view(qtbot, store, meeting_id)
    view.show()
    view.toggle_projector()
    projector = view.projector
    assert isinstance(projector, ProjectorView)
    assert projector.isVisible()
    shown = " ".join(label.text() for label in projector.findChildren(QLabel))
    assert "Child A" in shown
    assert "Welcome and attendance" in shown
    assert "Notify" in shown
    assert "Realname" not in shown and "Realname" not in projector.windowTitle()
    view.go_to(3)
    assert "Referral summary" in projector.step.text()
    view.toggle_projector()
    assert not projector.isVisible()
    view._finish()


def test_export_button_appears_only_when_someone_listens(
    qtbot: QtBot, store: Store, meeting_id: str
) -> None:
    view = open_view(qtbot, store, meeting_id)
    view.go_to(len(view.steps) - 1)
    assert not [
        b for b in view.findChildren(QPushButton) if b.accessibleName().startswith("Export")
    ]
    view._finish()
    view = open_view(qtbot, store, meeting_id)
    view.export_requested.connect(lambda _id: None)
    view.go_to(0)
    view.go_to(len(view.steps) - 1)
    button = next(
        b for b in view.findChildren(QPushButton) if b.accessibleName() == "Export the minutes"
    )
    with qtbot.waitSignal(view.export_requested) as blocker:
        button.click()
    assert blocker.args == [meeting_id]
    view._finish()


def test_approved_minutes_are_read_only_but_follow_up_stays_editable(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo
) -> None:
    mark_present(store, meeting_id)
    excuse_unheard_partners(store, meeting_id)
    with store.session() as session:
        meeting_record.start(session, meeting_id)
        meeting_record.set_minutes(session, meeting_id, "Close", "Thanks all.")
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            rationale="Both limbs met.",
        )
        meeting_record.conclude(session, meeting_id)
        meeting_record.approve(session, meeting_id)
    view = open_view(qtbot, store, meeting_id)
    view.go_to(step_index(view, "decision"))
    assert view.minutes.editor.isReadOnly()
    rationale = next(
        w
        for w in view.findChildren(QPlainTextEdit)
        if w.accessibleName() == "Rationale for the decision"
    )
    assert rationale.isReadOnly()
    assert not any(b.isEnabled() for b in view.findChildren(QRadioButton))
    view.go_to(step_index(view, "next_steps"))
    assert view.form is not None
    notified = view.form.notified_on  # type: ignore[attr-defined]
    assert notified.isEnabled()
    notified.setDate(dt.date(2026, 3, 5))
    assert view.flush()
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        decision = meeting.decision
        assert meeting.case.notified_on == dt.date(2026, 3, 5)
        assert decision is not None and decision.rationale == "Both limbs met."
    assert "15 working days" not in view.form.review_due.text()  # type: ignore[attr-defined]
    view._finish()


def test_deferred_decision_is_recorded_after_the_meeting_in_its_dialog(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo
) -> None:
    excuse_unheard_partners(store, meeting_id)
    with store.session() as session:
        meeting_record.start(session, meeting_id)
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.DEFERRED,
            deferral_reason="The decision-maker was not present.",
        )
        meeting_record.conclude(session, meeting_id)
    dialog = PostMeetingDecisionDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    dialog._save()
    assert dialog.error.text() == "Choose the decision."
    dialog.outcome.buttons()[1].click()
    dialog.decided_by.setCurrentIndex(dialog.decided_by.findText("Priya Shah"))
    dialog._save()
    assert dialog.error.text() == "Record the rationale for the decision."
    dialog.rationale.setPlainText("Harm not serious on the surgeon's report.")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    with store.session() as session:
        decision = session.get_one(Meeting, meeting_id).decision
        assert decision is not None
        assert decision.outcome is DecisionOutcome.DO_NOT_NOTIFY
        assert decision.post_meeting and decision.recorded_by == "Morgan Ellis"


def test_leaving_with_unsaved_text_asks_before_losing_it(
    qtbot: QtBot, store: Store, meeting_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_view(qtbot, store, meeting_id)
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    monkeypatch.setattr(view.autosave.writes, "flush", lambda: False)
    view.autosave.writes.error = "the disk is full"
    closed: list[bool] = []
    view.closed.connect(lambda: closed.append(True))
    view.leave()
    assert asked and "the disk is full" in asked[0]
    assert closed == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("RAG members", ("RAG members", "")),
        ("Priya Shah <priya.shah@leeds.gov.uk>", ("Priya Shah", "priya.shah@leeds.gov.uk")),
        (
            "Tom Hughes, tom.hughes@westyorkshire.police.uk",
            ("Tom Hughes", "tom.hughes@westyorkshire.police.uk"),
        ),
    ],
)
def test_distribution_list_lines_are_read_as_name_and_email(
    line: str, expected: tuple[str, str]
) -> None:
    assert parse_recipient(line) == expected


def test_tab_goes_from_the_agenda_through_the_step_to_the_minutes(
    qtbot: QtBot, store: Store, meeting_id: str, demo: Demo
) -> None:
    view = open_view(qtbot, store, meeting_id)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    view.go_to(step_index(view, f"partner:{demo.agencies['Police']}"))
    view.step_list.setFocus()
    visited = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget().accessibleName())
        if QApplication.focusWidget() is view.minutes.editor:
            break
    assert visited[:2] == ["Police represented by", "Information shared by Police"]
    assert "Reasons for the opinion of Police" in visited
    assert visited[-3:] == [
        "Previous step",
        "Next step",
        "Minutes for Police (safeguarding partner)",
    ]
    view._finish()
