"""Starting the desktop app: the Qt application, the passphrase, the store, the main window.

Start-up is kept lean: only what the first window needs is imported here; Word, PDF and
migration libraries load when first used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lscp_desktop import version
from lscp_desktop.passphrase import ENVIRONMENT_VARIABLE, from_environment
from lscp_desktop.resources import resource_path
from lscp_desktop.store_errors import DamagedDatabase, StoreError

if TYPE_CHECKING:
    from lscp_desktop.models.database import Store
    from lscp_desktop.start_ahead import StartAhead

T = TypeVar("T")

APP_NAME = "LSCP Desktop"
EXIT_ERROR = 1
EXIT_NO_PASSPHRASE = 2


def process_age_ms(fallback_start: float) -> int:
    """Milliseconds since this process started (Linux /proc), else since `fallback_start`."""
    try:
        stat = Path("/proc/self/stat").read_text()
        # Field 22 (start time in clock ticks since boot) comes after the ")" closing field 2.
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return round((uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000)
    except (OSError, ValueError, IndexError):
        return round((time.perf_counter() - fallback_start) * 1000)


def warm_up() -> threading.Thread:
    """Load the store's ORM and England's bank holidays in the background, while the unlock
    prompt waits for the passphrase.

    SQLAlchemy with the models (~0.4 s) and the bank holidays (~150 ms of the `holidays`
    package on a first start, the cache file after) are needed once the store opens; loading
    them here overlaps them with the typing instead of queueing them after. Pure Python, no
    Qt: safe in a thread (Python's import lock, and working_days' own lock, make the main
    thread wait if it gets there first).
    """

    def load() -> None:
        from lscp_desktop.models.database import load_orm
        from lscp_desktop.working_days import bank_holidays

        load_orm()
        year = dt.date.today().year
        for one in (year - 1, year, year + 1):
            bank_holidays(one)

    thread = threading.Thread(target=load, name="warm-up", daemon=True)
    thread.start()
    return thread


def make_application() -> QApplication:
    """The QApplication with the app's name, en-GB locale, Fusion style and calm stylesheet."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("LSCP")
    # The version (read from pyproject.toml) is set once the first window is up.
    QTimer.singleShot(0, lambda: app.setApplicationVersion(version()))
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if app.style().name().lower() != "fusion":  # often it already is: a new one costs ~7 ms
        app.setStyle("Fusion")
    with contextlib.suppress(FileNotFoundError):  # an unstyled app is still usable
        app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    return app


def obtain_store(path: Path, *, interactive: bool) -> Store | int:
    """The open store, asking for the passphrase if the environment has none.

    A new database gets a recovery key, shown once (not in the non-interactive smoke test,
    which prints nothing extra); a damaged one is offered its newest good backup.
    Returns an exit code instead when there is no store: 0 if the user cancelled, otherwise
    non-zero after saying why (in a message box, or on stderr when not interactive).
    """
    passphrase = from_environment()
    if passphrase is None:
        if not interactive:
            print(
                f"lscp-desktop: the database is encrypted and {ENVIRONMENT_VARIABLE} is not set.",
                file=sys.stderr,
            )
            return EXIT_NO_PASSPHRASE
        from lscp_desktop.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(path, creating=not path.exists())
        if dialog.exec() and dialog.store is not None:
            if dialog.recovery_key is not None:
                show_recovery_key(dialog.recovery_key, path)
            return dialog.store
        if dialog.failure is not None:
            show_store_error(dialog.failure)
            return EXIT_ERROR
        return 0
    from lscp_desktop.models.database import create_store, open_store

    try:
        if not interactive:  # the smoke test: timed, so the check is left to the window
            return open_store(path, passphrase, check=False)
        if not path.exists():
            store, recovery_key = create_store(path, passphrase)
            show_recovery_key(recovery_key, path)
            return store
        from lscp_desktop.ui.unlock_dialog import open_offering_backup

        return open_offering_backup(path, passphrase)
    except StoreError as error:
        return cannot_open(error, interactive=interactive)


def cannot_open(error: StoreError, *, interactive: bool) -> int:
    """Say why the store cannot be opened (a message, or stderr); the exit code."""
    if interactive:
        show_store_error(error)
    else:
        print(f"lscp-desktop: {error}", file=sys.stderr)
    return EXIT_ERROR


def show_recovery_key(recovery_key: str, path: Path) -> None:
    from lscp_desktop.ui.recovery_key_dialog import show_recovery_key as show

    show(recovery_key, path)


def report_unexpected_errors() -> None:
    """A bug reaching the event loop is shown as a message (and its traceback logged to
    stderr for whoever supports the app), rather than ending the app mid-meeting."""

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        traceback.print_exception(kind, error, trace, file=sys.stderr)
        QMessageBox.critical(
            None,
            f"{APP_NAME}: something went wrong",
            "Something went wrong and that action did not finish:\n\n"
            f"{error}\n\nEverything saved before it is safe. If it happens again, note what "
            "you were doing and tell whoever supports the app.",
        )

    sys.excepthook = report


def show_store_error(error: StoreError) -> None:
    QMessageBox.critical(None, f"{APP_NAME}: cannot open the database", str(error))


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


def open_behind_frame(path: Path, *, interactive: bool) -> tuple[Store, StartAhead | None] | int:
    """The store, opened in a thread while the app's frame stays responsive (the passphrase
    is in the environment, so nobody is asked for it), without SQLAlchemy if it can be; and
    the start-up work under way ahead of the window (the register being read), if any.

    A new database (a recovery key to show) or a damaged one (a backup to offer) goes the
    long way, through obtain_store on the GUI thread. The Store is used only from the GUI
    thread afterwards; its sqlcipher3 connection is made with check_same_thread=False.
    """
    passphrase = from_environment()
    if passphrase is not None and path.exists():
        from lscp_desktop.start_ahead import StartAhead

        ahead = StartAhead(path, passphrase)  # first: every ms counts
        from lscp_desktop.ui.first_screen import open_without_orm
        from lscp_desktop.ui.start_check import check_before_opening, clear_failure

        # An earlier start's background check found a fault: check in full before opening,
        # and use no register read ahead of that check.
        check = interactive and check_before_opening(path)

        try:
            # Meanwhile the GUI thread loads the main window's code.
            store = beside_the_window(
                lambda: open_without_orm(path, passphrase, check=check, key=ahead.key()),
                meanwhile=import_main_window,
            )
        except DamagedDatabase as error:
            if not interactive:
                return cannot_open(error, interactive=False)
            # Below, obtain_store opens it again and offers the newest good backup.
        except StoreError as error:
            return cannot_open(error, interactive=interactive)
        else:
            if check:
                clear_failure(path)
                return store, None
            return store, ahead
    obtained = obtain_store(path, interactive=interactive)
    return obtained if isinstance(obtained, int) else (obtained, None)


def import_main_window() -> None:
    import lscp_desktop.ui.main_window  # noqa: F401


def run_gui(db_path: Path | None, *, smoke_test: bool) -> int:
    started = time.perf_counter()
    if db_path is None:
        from lscp_desktop.paths import default_db_path  # platformdirs: only when needed

        db_path = default_db_path()
    path = db_path
    opening = None
    ahead = None
    if from_environment() is not None:
        # The passphrase is known, so there is no prompt to show first: the app's own frame
        # goes up at once, the store opens and its register is read behind it, and SQLAlchemy
        # loads once the main window is up (see ui/first_screen.py).
        app = make_application()
        from lscp_desktop.ui.opening_window import OpeningWindow

        opening = OpeningWindow(path)
        opening.show()
        app.processEvents()
        opened = open_behind_frame(path, interactive=not smoke_test)
        if isinstance(opened, int):
            opening.close()
            return opened
        store, ahead = opened
    else:
        warm_up()
        app = make_application()
        obtained = obtain_store(path, interactive=not smoke_test)
        if isinstance(obtained, int):
            return obtained
        store = obtained
    try:
        from lscp_desktop.ui.main_window import MainWindow

        if ahead is None:
            window = MainWindow(store)  # it reads its register itself
        else:
            # The register is being read ahead (start_ahead) while the window is built.
            built: list[MainWindow] = []

            def build() -> None:
                made = MainWindow(store, rows=[])
                made.ensurePolished()  # the style sheet applied now, not at show
                built.append(made)

            rows = beside_the_window(ahead.rows, meanwhile=build)
            window = built[0]
            window.register.show_rows(rows)  # None: not read ahead, so read now
        if opening is not None:
            opening.hand_over_to(window)
        else:
            window.show()
        if smoke_test:
            wait_for_first_paint(window.register.table.viewport())
            print(f"ready_ms {process_age_ms(started)}", flush=True)
            attach_orm_then(store, lambda: app.exit(0))
            app.exec()
            # The ORM works: one query through it, as the first action after start would.
            with store.session() as session:
                session.connection()
            print(f"orm_ready_ms {process_age_ms(started)}", flush=True)
            window.close()
            return 0
        report_unexpected_errors()
        window.check_database_in_background()

        def after_orm() -> None:
            # Reopen a meeting left running, then ask who the user is.
            window.resume_meeting_in_progress()
            window.ask_for_user_name_if_missing()

        attach_orm_then(store, after_orm)
        return app.exec()
    finally:
        store.close()


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


def attach_orm_then(store: Store, then: Callable[[], None]) -> None:
    """SQLAlchemy attached to `store` beside the window (unless already), then `then()`."""
    if store.orm_attached:
        QTimer.singleShot(0, then)
        return
    from lscp_desktop.ui.first_screen import attach_orm_beside_window

    attach_orm_beside_window(store, then)
