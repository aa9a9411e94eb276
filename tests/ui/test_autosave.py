"""Autosave in the meeting window: nothing typed waits more than a second, nothing is lost."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from lscp_desktop.meeting.autosave import CommitReport
from lscp_desktop.models import Meeting
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting import autosave_timer
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from tests.meeting_data import build_case, build_meeting

WELCOME = "Welcome and attendance"


@pytest.fixture
def view(qtbot: QtBot, store: Store) -> Iterator[MeetingView]:
    meeting_id = build_meeting(store, build_case(store))
    shown = MeetingView(store, meeting_id)
    qtbot.addWidget(shown)
    shown.show()
    with qtbot.waitActive(shown):
        shown.activateWindow()
    shown.minutes.editor.setFocus()
    yield shown
    shown._finish()


def stored_minutes(store: Store, meeting_id: str, title: str = WELCOME) -> str:
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        return next((m.text for m in meeting.minutes if m.item == title), "")


def test_fast_typing_is_committed_at_least_every_second(qtbot: QtBot, view: MeetingView) -> None:
    commits: list[tuple[float, int, float]] = []
    view.autosave.committed.connect(
        lambda report: commits.append(
            (time.monotonic(), len(report.values.get(("minutes", WELCOME), "")), report.seconds)
        )
    )
    typed: list[tuple[float, int]] = []
    text = ""
    started = time.monotonic()
    while time.monotonic() - started < 2.6:  # a typist who never pauses for 300 ms
        qtbot.keyClicks(view.minutes.editor, "abcde ")
        text += "abcde "
        typed.append((time.monotonic(), len(text)))
        qtbot.wait(60)
    minute_commits = [c for c in commits if c[1]]
    assert len(minute_commits) >= 2, "continuous typing must not postpone saving"
    slack = 0.25  # the timer fires from the event loop, on a shared, loaded machine
    for at, length in typed:
        if at < typed[-1][0] - 1.0 - slack:
            assert any(
                c_at <= at + 1.0 + slack and c_len >= length for c_at, c_len, _ in commits
            ), f"{length} characters typed at {at - started:.2f}s were not committed within 1 s"
    assert view.flush()
    assert stored_minutes(view.store, view.meeting_id) == text


def test_typing_then_pausing_commits_after_the_debounce(qtbot: QtBot, view: MeetingView) -> None:
    qtbot.keyClicks(view.minutes.editor, "Apologies from Dr Adeyemi.")
    assert view.header.save_label.text() == "Saving…"
    qtbot.waitUntil(lambda: view.header.save_label.text() == "Saved", timeout=1500)
    assert stored_minutes(view.store, view.meeting_id) == "Apologies from Dr Adeyemi."


def test_changing_step_commits_at_once(qtbot: QtBot, view: MeetingView) -> None:
    qtbot.keyClicks(view.minutes.editor, "Introductions.")
    qtbot.keyClick(view.minutes.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.step.key == "confidentiality"
    assert stored_minutes(view.store, view.meeting_id) == "Introductions."
    with view.store.session() as session:
        assert session.get_one(Meeting, view.meeting_id).current_step == "confidentiality"


def test_leaving_a_field_commits_at_once(qtbot: QtBot, view: MeetingView) -> None:
    qtbot.keyClicks(view.minutes.editor, "All present.")
    other = next(w for w in view.findChildren(QLineEdit) if w.accessibleName().endswith("for"))
    other.setFocus()
    QApplication.processEvents()
    assert stored_minutes(view.store, view.meeting_id) == "All present."


def test_closing_the_window_commits_everything(qtbot: QtBot, view: MeetingView) -> None:
    qtbot.keyClicks(view.minutes.editor, "Closing words")
    view.close()
    assert stored_minutes(view.store, view.meeting_id) == "Closing words"


def test_a_failing_commit_keeps_the_text_says_why_and_retries(
    qtbot: QtBot, view: MeetingView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autosave_timer, "RETRY_MS", 400)
    disk_full = True

    def fail_commit(_session: Session) -> None:
        if disk_full:
            raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    event.listen(view.store.sessions, "before_commit", fail_commit)
    try:
        qtbot.keyClicks(view.minutes.editor, "The CT scan showed")
        qtbot.waitUntil(lambda: view.header.save_label.text().startswith("Not saved"), timeout=2000)
        assert view.header.save_label.text() == "Not saved: the disk is full"
        assert view.minutes.editor.toPlainText() == "The CT scan showed"
        # Moving on is refused rather than dropping the unsaved text off the screen.
        assert not view.next_step()
        assert view.step.title == WELCOME
        assert "Cannot change step until your changes are saved" in view.blockers.text()
        qtbot.keyClicks(view.minutes.editor, " two fractures.")
        qtbot.wait(900)  # retries keep failing while the disk is full
        assert view.header.save_label.text() == "Not saved: the disk is full"
        disk_full = False
        qtbot.waitUntil(lambda: view.header.save_label.text() == "Saved", timeout=2000)
    finally:
        event.remove(view.store.sessions, "before_commit", fail_commit)
    assert stored_minutes(view.store, view.meeting_id) == "The CT scan showed two fractures."


def test_commit_report_says_what_was_committed(qtbot: QtBot, view: MeetingView) -> None:
    with qtbot.waitSignal(view.autosave.committed, timeout=2000) as blocker:
        qtbot.keyClicks(view.minutes.editor, "abc")
    report = blocker.args[0]
    assert isinstance(report, CommitReport)
    assert report.values[("minutes", WELCOME)] == "abc"


def test_reopening_after_a_quit_returns_to_the_same_step(qtbot: QtBot, view: MeetingView) -> None:
    view.go_to(3)
    qtbot.keyClicks(view.minutes.editor, "Summary given by DI Hughes.")
    view.close()
    again = MeetingView(view.store, view.meeting_id)
    qtbot.addWidget(again)
    assert again.step.title == "Referral summary"
    assert again.minutes.editor.toPlainText() == "Summary given by DI Hughes."
    again._finish()
