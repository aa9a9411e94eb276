"""The meeting window when another officer changed the same meeting: told who and what, the
typed text kept, re-applied or discarded as the user chooses; never written over silently."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lscp_desktop.models import Meeting
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.server_store import ServerStore, open_server_store
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from tests.meeting_data import build_case, build_meeting

WELCOME = "Welcome and attendance"


def _minutes(store: ServerStore, meeting_id: str) -> str:
    with store.reading() as session:
        meeting = session.get_one(Meeting, meeting_id)
        return next((m.text for m in meeting.minutes if m.item == WELCOME), "")


@pytest.fixture
def other_officer(server_store: ServerStore, postgres_url: str) -> Iterator[ServerStore]:
    store = open_server_store(postgres_url)
    yield store
    store.close()


@pytest.mark.parametrize("reapply", [True, False])
def test_a_conflict_is_told_and_the_typing_kept(
    qtbot: QtBot,
    server_store: ServerStore,
    other_officer: ServerStore,
    monkeypatch: pytest.MonkeyPatch,
    reapply: bool,
) -> None:
    meeting_id = build_meeting(server_store, build_case(server_store))
    view = MeetingView(server_store, meeting_id)
    qtbot.addWidget(view)
    view.show()
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    if not reapply:  # "Discard mine and show theirs"
        monkeypatch.setattr(
            QMessageBox,
            "clickedButton",
            lambda box: (
                box.buttons()[-1]
                if box.buttons()[-1] is not box.defaultButton()
                else box.buttons()[0]
            ),
        )
    else:
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.defaultButton())

    with other_officer.session() as session:  # Sam, on another machine, writes first
        settings.put(session, settings.USER_NAME, "Sam Chair")
        session.get_one(Meeting, meeting_id).location = "Room 2, Civic Hall"
    view.minutes.editor.setFocus()
    qtbot.keyClicks(view.minutes.editor, "Pat's note.")
    view.autosave.flush()

    assert len(shown) == 1
    assert "was changed by Sam Chair since you opened it" in shown[0]
    assert "meeting (location)" in shown[0]
    if reapply:
        assert _minutes(server_store, meeting_id) == "Pat's note."
    else:
        assert _minutes(server_store, meeting_id) == ""
        assert view.minutes.editor.toPlainText() == ""  # the stored record shown now
    assert not view.autosave.writes.has_pending
    view._finish()
