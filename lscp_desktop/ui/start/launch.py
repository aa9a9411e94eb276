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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from lscp_desktop import version
from lscp_desktop.files.resources import resource_path
from lscp_desktop.store.errors import DamagedDatabase, KeyFileDamaged, StoreError
from lscp_desktop.store.passphrase import ENVIRONMENT_VARIABLE, from_environment
from lscp_desktop.ui.widgets.sizing import show_fitted

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store
    from lscp_desktop.ui.start.start_ahead import StartAhead


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
        from lscp_desktop.deadlines.working_days import bank_holidays
        from lscp_desktop.store.database import load_orm

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
        from lscp_desktop.ui.safekeeping.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(path, creating=not path.exists())
        if dialog.exec() and dialog.store is not None:
            if dialog.recovery_key is not None:
                show_recovery_key(dialog.recovery_key, path)
            return dialog.store
        if dialog.failure is not None:
            show_store_error(dialog.failure)
            return EXIT_ERROR
        return 0
    from lscp_desktop.store.database import create_store, open_store

    try:
        if not interactive:  # the smoke test: timed, so the check is left to the window
            return open_store(path, passphrase, check=False)
        if not path.exists():
            store, recovery_key = create_store(path, passphrase)
            show_recovery_key(recovery_key, path)
            return store
        from lscp_desktop.ui.safekeeping.unlock_dialog import open_offering_backup

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
    from lscp_desktop.ui.safekeeping.recovery_key_dialog import show_recovery_key as show

    show(recovery_key, path)


def not_yet_attached(parent: QWidget, error: StoreError) -> None:
    """The ORM could not be put on the open store beside the window (e.g. another program
    held the database's write lock): say so; the next action that needs it tries again."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        parent,
        f"{APP_NAME}: the records are busy",
        f"{error}\n\nThe register on screen is up to date. Your next change tries again; if "
        "it keeps failing, close any other program using this database.",
    )


def show_store_error(error: StoreError) -> None:
    from PySide6.QtWidgets import QMessageBox  # its first use costs ~2 ms: not before a window

    from lscp_desktop.store.writer_lock import DatabaseInUse

    title = (
        "the database is open elsewhere"
        if isinstance(error, DatabaseInUse)
        else ("cannot open the database")
    )
    QMessageBox.critical(None, f"{APP_NAME}: {title}", str(error))


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
        from lscp_desktop.ui.start.start_ahead import StartAhead

        ahead = StartAhead(path, passphrase)  # first: every ms counts
        from lscp_desktop.ui.start.first_screen import (
            beside_the_window,
            import_main_window,
            open_without_orm,
        )
        from lscp_desktop.ui.start.start_check import check_before_opening, clear_failure

        # An earlier start's background check found a fault: check in full before opening,
        # and use no register read ahead of that check.
        check = interactive and check_before_opening(path)

        try:
            # Meanwhile the GUI thread loads the main window's code.
            store = beside_the_window(
                lambda: open_without_orm(path, passphrase, check=check, key=ahead.key()),
                meanwhile=import_main_window,
            )
        except (DamagedDatabase, KeyFileDamaged) as error:
            # Both offer a backup (its database, or its key material) below.
            if not interactive:
                return cannot_open(error, interactive=False)
            # Below, obtain_store opens it again and offers the newest good backup, which may
            # replace the file: the thread reading ahead must be done with it first.
            ahead.rows()
        except StoreError as error:
            return cannot_open(error, interactive=interactive)
        else:
            if check:
                clear_failure(path)
                return store, None
            return store, ahead
    obtained = obtain_store(path, interactive=interactive)
    return obtained if isinstance(obtained, int) else (obtained, None)


def run_server_gui(url: str, *, smoke_test: bool, started: float, remembered: bool = False) -> int:
    """The window on a PostgreSQL server: no passphrase (libpq's own authentication), no
    backups or start-up check of the app's (the server keeps its pages and pg_dump its copies).
    """
    from lscp_desktop.store.server_store import open_server_store

    app = make_application()
    try:
        store = open_server_store(url)
    except StoreError as error:
        if remembered:  # say how to reach the records another way
            from lscp_desktop.store.remembered_server import location

            error = StoreError(
                f"{error}\n\nThis server is remembered in {location()}; to open a file "
                "instead, start LSCP Desktop with --db FILE, then choose File > Shared server… "
                "and leave the URL empty."
            )
        return cannot_open(error, interactive=not smoke_test)
    try:
        from lscp_desktop.ui.main_window import MainWindow

        window = MainWindow(store)
        show_fitted(window)
        if smoke_test:
            from lscp_desktop.ui.start.first_screen import wait_for_first_paint

            wait_for_first_paint(window.register.table.viewport())
            print(f"ready_ms {process_age_ms(started)}", flush=True)
            window.close()
            return 0
        from lscp_desktop.ui.error_report import report_unexpected_errors

        report_unexpected_errors(APP_NAME)
        QTimer.singleShot(0, window.resume_meeting_in_progress)
        QTimer.singleShot(0, window.ask_for_user_name_if_missing)
        return app.exec()
    finally:
        store.close()


def run_gui(db_path: Path | str | None, *, smoke_test: bool) -> int:
    """The window on `db_path`: a file, a server URL (store.server.ServerUrl), or None for the
    server remembered on this computer, else the default file."""
    started = time.perf_counter()
    remembered_server = False
    if db_path is None:
        from lscp_desktop.store.remembered_server import remembered

        db_path = remembered()
        remembered_server = db_path is not None
    if isinstance(db_path, str):
        return run_server_gui(
            db_path, smoke_test=smoke_test, started=started, remembered=remembered_server
        )
    if db_path is None:
        from lscp_desktop.files.paths import default_db_path  # platformdirs: only when needed

        db_path = default_db_path()
    path = db_path
    opening = None
    ahead = None
    if from_environment() is not None:
        # The passphrase is known, so there is no prompt to show first: the app's own frame
        # goes up at once, the store opens and its register is read behind it, and SQLAlchemy
        # loads once the main window is up (see ui/first_screen.py).
        app = make_application()
        from lscp_desktop.ui.start.opening_window import OpeningWindow

        opening = OpeningWindow(path)
        show_fitted(opening)
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

        if opening is None:
            window = MainWindow(store)  # it reads its register itself
            show_fitted(window)
        else:
            from lscp_desktop.ui.start.first_screen import main_window_beside

            window = main_window_beside(store, ahead, opening.size())
            opening.hand_over_to(window)
        if smoke_test:
            from lscp_desktop.ui.start.first_screen import wait_for_first_paint

            wait_for_first_paint(window.register.table.viewport())
            print(f"ready_ms {process_age_ms(started)}", flush=True)
            from lscp_desktop.ui.start.first_screen import attach_orm_then

            def not_attached(error: StoreError) -> None:
                print(f"lscp-desktop: {error}", file=sys.stderr)
                app.exit(EXIT_ERROR)

            attach_orm_then(store, lambda: app.exit(0), not_attached)
            if app.exec() != 0:
                window.close()
                return EXIT_ERROR
            # The ORM works: one query through it, as the first action after start would.
            with store.session() as session:
                session.connection()
            print(f"orm_ready_ms {process_age_ms(started)}", flush=True)
            window.close()
            return 0
        from lscp_desktop.ui.error_report import report_unexpected_errors

        report_unexpected_errors(APP_NAME)
        window.check_database_in_background()
        # Before anything else can be done: reopen a meeting left running, then ask who the
        # user is. Both look with plain SQL; only what they then do needs the ORM, which
        # attaches there and then if it is not yet loaded.
        QTimer.singleShot(0, window.resume_meeting_in_progress)
        QTimer.singleShot(0, window.ask_for_user_name_if_missing)
        from lscp_desktop.ui.start.first_screen import attach_orm_then

        attach_orm_then(store, lambda: None, lambda error: not_yet_attached(window, error))
        return app.exec()
    finally:
        store.close()
