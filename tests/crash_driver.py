"""Types into the real meeting window until it is killed; the crash test's child process.

    python -m tests.crash_driver DB MEETING_ID

Prints `TYPED <length>` after each burst of keystrokes and `COMMIT <length>` each time a
commit of the minutes lands, flushing stdout so the parent sees the lines at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lscp_desktop.meeting.autosave import CommitReport
from lscp_desktop.store.database import open_store
from tests.conftest import PASSPHRASE

TEXT = "".join(f"w{i:05d} " for i in range(20000))
BURST = 7
EVERY_MS = 35
GIVE_UP_MS = 30000  # never outlive a parent that forgot to kill us


def main() -> int:
    db, meeting_id = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(sys.argv)
    store = open_store(db, PASSPHRASE)
    from lscp_desktop.ui.meeting.meeting_view import MeetingView

    view = MeetingView(store, meeting_id)
    view.show()
    editor = view.minutes.editor
    editor.setFocus()
    key = ("minutes", view.step.title)
    typed = 0

    def committed(report: CommitReport) -> None:
        if key in report.values:
            print(f"COMMIT {len(report.values[key])}", flush=True)

    def burst() -> None:
        nonlocal typed
        QTest.keyClicks(editor, TEXT[typed : typed + BURST])
        typed += BURST
        print(f"TYPED {typed}", flush=True)

    view.autosave.committed.connect(committed)
    timer = QTimer()
    timer.timeout.connect(burst)
    timer.start(EVERY_MS)
    QTimer.singleShot(GIVE_UP_MS, app.quit)
    print(f"READY {view.step.key}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
