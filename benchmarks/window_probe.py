"""Reports on stdout the moment the first top-level window of the process is painted.

Used the same way by the app (`python -m benchmarks.window_probe -- ARGS`, which runs the
`lscp-desktop` command line) and by the bare-window floor, so both are measured alike: from
process start to the first paint of a window, seen by the parent as a line on stdout.
"""

from __future__ import annotations

import sys
from typing import Any

FIRST_WINDOW = "first-window"


def install(*, quit_after_first_paint: bool = False) -> None:
    """Make every QApplication created from now on report its first window paint."""
    from PySide6 import QtWidgets
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaintWatcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: Any) -> bool:
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QtWidgets.QWidget)
                and watched.isWindow()
            ):
                self.seen = True
                print(f"{FIRST_WINDOW} {type(watched).__name__}", flush=True)
                if quit_after_first_paint:
                    QTimer.singleShot(0, QtWidgets.QApplication.quit)
            return False

    base = QtWidgets.QApplication

    class ProbedApplication(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._first_paint_watcher = FirstPaintWatcher()
            self.installEventFilter(self._first_paint_watcher)

    QtWidgets.QApplication = ProbedApplication  # type: ignore[misc]


def main() -> int:
    install()
    from lscp_desktop.cli import main as app_main

    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    return app_main(arguments)


if __name__ == "__main__":
    sys.exit(main())
