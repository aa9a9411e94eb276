"""Reports on stdout the moment the first top-level window of the process is painted.

Used the same way by the app (`python -m benchmarks.window_probe -- ARGS`, which runs the
`lscp-desktop` command line) and by the bare-window floor, so both are measured alike: from
process start to the first paint of a window, seen by the parent as a line on stdout.
"""

from __future__ import annotations

import sys
from typing import Any

FIRST_WINDOW = "first-window"
_kept: list[Any] = []  # the watcher must outlive install(); Qt does not own it


def install(*, quit_after_first_paint: bool = False) -> Any:
    """Create the QApplication now, watching for the first paint of a top-level window.

    The app reuses an existing QApplication (Qt allows only one), so no subclass is needed:
    a Python subclass of QApplication costs ~300 ms of start-up in override checks on every
    event. The filter removes itself after the first paint.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])

    class FirstPaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: Any) -> bool:  # Qt's name
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                print(f"{FIRST_WINDOW} {type(watched).__name__}", flush=True)
                app.removeEventFilter(self)
                if quit_after_first_paint:
                    QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaintWatcher()
    app.installEventFilter(watcher)
    _kept.append(watcher)
    return app


def main() -> int:
    install()
    from lscp_desktop.cli import main as app_main

    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    return app_main(arguments)


if __name__ == "__main__":
    sys.exit(main())
