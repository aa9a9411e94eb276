"""The floor for start-up: a bare PySide6 script that shows an empty QMainWindow and exits."""

from __future__ import annotations

import sys

from benchmarks.window_probe import install


def main() -> int:
    install(quit_after_first_paint=True)
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
