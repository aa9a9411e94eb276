"""The floor for start-up: a bare PySide6 script that shows an empty QMainWindow and exits."""

from __future__ import annotations

import sys

from benchmarks.window_probe import install


def main() -> int:
    app = install(quit_after_first_paint=True)
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
