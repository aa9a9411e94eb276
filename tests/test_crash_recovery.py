"""Killed mid-typing (kill -9), the meeting comes back with all but the last second of text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Meeting
from lscp_desktop.store.database import open_store
from tests.conftest import PASSPHRASE
from tests.crash_driver import TEXT
from tests.meeting_data import build_case, build_meeting

REPO = Path(__file__).resolve().parents[1]
STEP = "referral"
TITLE = "Referral summary"


@pytest.mark.slow
def test_minutes_typed_up_to_the_last_second_survive_a_kill_9(db_path: Path, qtbot: QtBot) -> None:
    store = open_store(db_path, PASSPHRASE)
    meeting_id = build_meeting(store, build_case(store))
    with store.session() as session:
        meeting_record.set_current_step(session, meeting_id, STEP)
    store.close()

    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_driver", str(db_path), meeting_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append((time.monotonic(), line.strip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        # Kill at a moment unrelated to the commits (5 s in), or as soon as 1.5 s pass with no
        # commit: an app that saved less often than every second is caught mid-gap.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            commits = [at for at, text in lines if text.startswith("COMMIT")]
            ready = [at for at, text in lines if text.startswith("READY")]
            now = time.monotonic()
            if ready and commits and (now - ready[0] > 5.0 or now - commits[-1] > 1.5):
                break
            assert child.poll() is None, "the driver died before it was killed"
            time.sleep(0.02)
        else:
            pytest.fail(f"the driver never got going: {lines[-5:]}")
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    reader.join(timeout=5)
    assert child.returncode == -signal.SIGKILL
    assert f"READY {STEP}" in [text for _at, text in lines]

    committed = max(int(text.split()[1]) for _at, text in lines if text.startswith("COMMIT"))
    typed_a_second_before = max(
        (
            int(text.split()[1])
            for at, text in lines
            if text.startswith("TYPED") and at <= killed_at - 1.0
        ),
        default=0,
    )
    typed_in_all = max(int(text.split()[1]) for _at, text in lines if text.startswith("TYPED"))
    assert typed_a_second_before > 0

    store = open_store(db_path, PASSPHRASE)
    try:
        with store.session() as session:
            meeting = session.get_one(Meeting, meeting_id)
            item = meeting_record.minute_item(meeting, TITLE)
            stored = item.text if item else ""
            assert meeting.current_step == STEP
        assert stored == TEXT[: len(stored)], "the stored text is not what was typed"
        assert len(stored) >= committed, "a commit the app reported did not survive"
        assert len(stored) >= typed_a_second_before, (
            f"lost more than the last second: {len(stored)} stored, "
            f"{typed_a_second_before} typed a second before the kill, {typed_in_all} in all"
        )

        # The next start reopens the meeting at the same step with the same text.
        from lscp_desktop.ui.meeting.meeting_view import MeetingView

        view = MeetingView(store, meeting_id)
        qtbot.addWidget(view)
        assert view.step.key == STEP
        assert view.minutes.editor.toPlainText() == stored
        view._finish()
    finally:
        store.close()
