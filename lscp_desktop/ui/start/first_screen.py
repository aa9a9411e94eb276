"""The main window's first screen, read beside the opening frame; SQLAlchemy, loaded beside
the main window once it is up.

Start-up order when the passphrase comes from the environment (see launch.run_gui):

1. the opening frame is painted (Qt only);
2. a thread (start_ahead.StartAhead) unwraps the key, then reads the case register with plain
   SQL on a connection of its own; meanwhile the GUI thread imports the store's code, opens
   the store *without* SQLAlchemy (open_without_orm, in a thread: the frame stays responsive),
   imports the main window's code, builds the window and draws it once off screen
   (main_window_beside);
3. the rows go in and the window is shown: the chair can read, filter and search;
4. a thread loads SQLAlchemy and the models (~0.4 s of imports), then the GUI thread attaches
   the ORM to the open connection. Anything that needs it sooner simply attaches it first.

Nothing in 1-3 imports SQLAlchemy (tests/ui/test_first_screen.py holds to that). Every wait
here keeps the GUI thread's event loop turning (beside_the_window), so the frame never hangs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from lscp_desktop.store.database import Store, load_orm, open_store
from lscp_desktop.store.errors import StoreError

if TYPE_CHECKING:
    from lscp_desktop.ui.main_window import MainWindow
    from lscp_desktop.ui.start.start_ahead import StartAhead

T = TypeVar("T")


def open_without_orm(path: Path, passphrase: str, *, check: bool, key: str | None = None) -> Store:
    """The store opened, SQLAlchemy not loaded. No Qt: for a thread.

    `key`: the PRAGMA key literal, if already unwrapped (see start_ahead). A file that needs
    migrating is migrated here (SQLAlchemy and Alembic load for that).
    """
    return open_store(path, passphrase, create=False, check=check, attach=False, key=key)


class _Finished(QObject):
    finished = Signal()


def beside_the_window(work: Callable[[], T], meanwhile: Callable[[], object] = lambda: None) -> T:
    """`work()` run in a thread while the GUI thread keeps painting and answering, its result
    (or its exception) handed back here. Only for pure Python work: no Qt in `work`.
    `meanwhile()` runs on the GUI thread once the work has started."""
    from PySide6.QtCore import Qt  # its first use costs ~30 ms: not before the first paint

    outcome: list[T] = []
    failure: list[BaseException] = []
    relay = _Finished()
    loop = QEventLoop()
    # Queued: the worker's signal reaches the loop through the GUI thread's event queue, so
    # it cannot be missed even when the work ends before the loop starts.
    relay.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # re-raised in the GUI thread, whatever it is
            failure.append(error)
        finally:
            relay.finished.emit()

    thread = threading.Thread(target=run, name="opening-store", daemon=True)
    thread.start()
    meanwhile()
    loop.exec()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def import_main_window() -> None:
    import lscp_desktop.ui.main_window  # noqa: F401


def main_window_beside(store: Store, ahead: StartAhead | None, size: QSize) -> MainWindow:
    """The main window on `store`, built (and drawn once off screen, at `size`, so that its
    first paint on screen is quicker) while `ahead` finishes reading the register; then the
    rows go in. Without `ahead`, or if it read nothing, the register page reads them itself.
    """
    from lscp_desktop.ui.main_window import MainWindow

    built: list[MainWindow] = []

    def build() -> None:
        window = MainWindow(store, rows=[])
        window.resize(size)
        window.grab()
        built.append(window)

    rows = beside_the_window(ahead.rows, meanwhile=build) if ahead is not None else None
    if not built:
        build()
    window = built[0]
    window.register.show_rows(rows)  # None: read now
    return window


def wait_for_first_paint(widget: QWidget) -> None:
    """Process events until `widget` (the register's rows) has been painted on screen."""
    from PySide6.QtCore import QEvent

    painted: list[bool] = []

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    watcher = Watcher()
    widget.installEventFilter(watcher)
    while not painted:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    widget.removeEventFilter(watcher)


class _Relay(QObject):
    finished = Signal()


_running: list[_Relay] = []  # each relay lives until its signal has been delivered


def attach_orm_beside_window(
    store: Store, then: Callable[[], None], failed: Callable[[StoreError], None]
) -> None:
    """Load SQLAlchemy and the models in a thread, then attach the ORM to `store` and call
    `then` (or `failed`, with why: the store stays open and a later use tries again), both on
    the GUI thread from its event loop. If the GUI needs the ORM first, it attaches it there
    and then (Python's import lock waits for the thread's imports)."""
    relay = _Relay()
    _running.append(relay)

    def done() -> None:
        _running.remove(relay)
        try:
            store.orm  # noqa: B018 - attaching is the point: the engine, seeding check, audit
        except StoreError as error:
            failed(error)
            return
        then()

    # Queued: delivered through the GUI thread's event queue, never run in the worker.
    relay.finished.connect(done, Qt.ConnectionType.QueuedConnection)

    def load() -> None:
        try:
            load_orm()
        finally:
            relay.finished.emit()

    threading.Thread(target=load, name="loading-orm", daemon=True).start()


def attach_orm_then(
    store: Store, then: Callable[[], None], failed: Callable[[StoreError], None]
) -> None:
    """SQLAlchemy attached to `store` beside the window (unless already), then `then()`."""
    if store.orm_attached:
        QTimer.singleShot(0, then)
        return
    attach_orm_beside_window(store, then, failed)
