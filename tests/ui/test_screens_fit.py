"""The chair's screens as a new user finds them (issue 16): the agenda and the form never
disagree, and the window never grows past the screen whatever step it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.models.enums import Opinion
from lscp_desktop.store.database import Store, open_store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.widgets.sizing import keep_within_screen
from tests.conftest import PASSPHRASE
from tests.meeting_data import build_case, build_meeting
from tests.show_meeting import fill


def police_step_without_reasons(qtbot: QtBot, store: Store) -> tuple[MeetingView, int]:
    """A meeting shown at Police's step, whose opinion has no reasons: it cannot be left."""
    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    police = demo.agencies["Police"]
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    view.show()
    partner = next(i for i, s in enumerate(view.steps) if s.agency_id == police)
    view.go_to(partner)
    with store.session() as session:
        meeting_contributions.set_contribution(
            session, meeting_id, police, opinion=Opinion.NOTIFY, reasons=""
        )
    return view, partner


def test_clicking_a_later_step_while_reasons_are_missing_keeps_agenda_and_form_together(
    qtbot: QtBot, store: Store
) -> None:
    view, partner = police_step_without_reasons(qtbot, store)
    later = partner + 3
    item = view.step_list.item(later)
    rect = view.step_list.visualItemRect(item)
    qtbot.mouseClick(view.step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(50)  # the agenda is put back once the click's own event is done
    assert view.index == partner
    assert view.progress.text() == f"Step {partner + 1} of {len(view.steps)}"
    assert view.step_list.currentRow() == partner
    assert [view.step_list.row(i) for i in view.step_list.selectedItems()] == [partner]
    assert "reasons" in view.blockers.text()
    view._finish()


def test_the_main_window_never_grows_past_the_screen_on_any_step(
    qtbot: QtBot, db_path: Path
) -> None:
    store = open_store(db_path, PASSPHRASE)
    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    store.close()
    fill(db_path, meeting_id, demo)  # partners heard, the decision recorded: the widest steps
    store = open_store(db_path, PASSPHRASE)
    try:
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        available = window.screen().availableGeometry()
        window.open_meeting(meeting_id)
        view = window.meeting_view
        assert view is not None
        for index in range(len(view.steps)):
            view.index = index  # every step shown, whatever the rules say about leaving one
            view._show_step()
            qtbot.wait(1)
            assert window.width() <= available.width(), view.steps[index].key
            assert window.height() <= available.height(), view.steps[index].key
            assert window.maximumWidth() <= available.width()
        view._finish()
        window.close()
    finally:
        store.close()


def test_a_laptop_sized_screen_opens_the_window_maximised(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    small = keep_within_screen(window)
    assert small == (screen.width() < 1500 or screen.height() < 950)
    assert window.maximumSize() == screen.size()
    assert window.mapToGlobal(QPoint(0, 0)) is not None


def test_reopening_an_approved_meeting_at_its_close_step_keeps_the_export_button(
    qtbot: QtBot, store: Store
) -> None:
    from PySide6.QtWidgets import QPushButton

    from lscp_desktop.meeting import record as meeting_record

    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    with store.session() as session:
        meeting_record.set_current_step(session, meeting_id, "close")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)  # it opens where it was left: the close step
    view = window.meeting_view
    assert view is not None and view.step.key == "close"
    exports = [
        b for b in view.findChildren(QPushButton) if b.accessibleName() == "Export the minutes"
    ]
    assert len(exports) == 1 and exports[0].isVisible()
    view._finish()


def test_the_layout_does_not_jump_under_the_pointer(qtbot: QtBot, store: Store) -> None:
    """The quorum banner comes and goes below the form (the attendance rows stay put), and the
    agenda keeps its width as the opinion badges change."""
    from PySide6.QtWidgets import QCheckBox, QComboBox

    from lscp_desktop.meeting import attendance as meeting_attendance
    from lscp_desktop.models import Meeting
    from lscp_desktop.models.enums import AttendanceStatus

    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1300, 760)
    window.show()
    window.open_meeting(meeting_id)
    view = window.meeting_view
    assert view is not None
    qtbot.wait(10)
    assert view.quorum_banner.isVisible()  # nobody marked present yet

    def rows_at() -> list[int]:
        controls = [
            w
            for kind in (QComboBox, QCheckBox)
            for w in view.form_area.findChildren(kind)
            if w.isVisible()
        ]
        return [w.mapTo(window, QPoint(0, 0)).y() for w in controls]

    before, agenda_width = rows_at(), view.step_list.width()
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        for row in meeting.attendees:
            meeting_attendance.set_attendance(session, row.id, status=AttendanceStatus.PRESENT)
    view._refresh_matrix()
    with store.session() as session:
        meeting_contributions.set_contribution(
            session, meeting_id, demo.agencies["Police"], opinion=Opinion.DO_NOT_NOTIFY, reasons="R"
        )
    view._refresh_matrix()
    qtbot.wait(10)
    assert not view.quorum_banner.isVisible()
    assert rows_at() == before
    assert view.step_list.width() == agenda_width
    view._finish()


def test_the_projector_never_takes_the_keyboard_and_shows_each_steps_substance(
    qtbot: QtBot, store: Store
) -> None:
    from PySide6.QtWidgets import QApplication

    from lscp_desktop.meeting import decision as meeting_decision
    from lscp_desktop.models.enums import DecisionOutcome
    from lscp_desktop.ui.meeting.projector_view import ProjectorView
    from tests.meeting_data import mark_present

    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    mark_present(store, meeting_id)
    with store.session() as session:
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            rationale="Both limbs met.",
        )
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    view = window.meeting_view
    assert view is not None
    view.toggle_projector()
    projector = view.projector
    assert isinstance(projector, ProjectorView)
    assert projector.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert projector.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert projector.focusPolicy() == Qt.FocusPolicy.NoFocus
    focused = QApplication.focusWidget()
    assert focused is None or not isinstance(focused.window(), ProjectorView)
    partner = next(i for i, s in enumerate(view.steps) if s.agency_id is not None)
    for key, expected in (
        ("criteria", "Died or seriously harmed"),
        ("decision", "Decision: Notify"),
        ("next_steps", "Notification due"),
    ):
        view.index = next(i for i, s in enumerate(view.steps) if s.key == key)
        view._show_step()
        view._update_projector()
        assert expected in projector.substance.text(), key
        assert "Realname" not in projector.substance.text()
        assert projector.substance.isVisible() and not projector.matrix.isVisible()
    view.index = partner
    view._show_step()
    view._update_projector()
    assert projector.matrix.isVisible() and not projector.substance.isVisible()
    view.toggle_projector()
    view._finish()


def test_a_warning_goes_once_what_it_asked_for_is_typed(qtbot: QtBot, store: Store) -> None:
    view, partner = police_step_without_reasons(qtbot, store)
    assert not view.go_to(partner + 1)
    assert view.blockers.isVisible() and "reasons" in view.blockers.text()
    reasons = next(
        w
        for w in view.findChildren(QPlainTextEdit)
        if w.accessibleName() == "Reasons for the opinion of Police" and w.isVisible()
    )
    qtbot.keyClicks(reasons, "Two call-outs in a month.")
    assert view.flush()
    assert not view.blockers.isVisible()
    assert view.go_to(partner + 1)
    view._finish()
