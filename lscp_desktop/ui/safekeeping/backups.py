"""Keeping the open records safe while the main window runs: auto-lock, rolling backups,
the audit trail settled in time, and restoring a backup.

The main window makes one `Safekeeping(self, store, flush=self.flush_meeting, jobs=...)` and
calls `on_quit()` from its closeEvent before the store is closed. Backups taken while the window
runs (periodic, after a meeting is concluded, "Back up now") are copied by the background job
runner on a connection of their own: on a large store the copy takes seconds, during which the
chair goes on typing. The quit backup waits for them and runs in the foreground: the app is
closing, and the store must not close under a copy.

It is made with the window, before SQLAlchemy has loaded (the auto-lock guards the records
from the first moment), so the audit and backup code, which need the ORM, load when first used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store, verify_passphrase
from lscp_desktop.ui.jobs import Job, JobRunner
from lscp_desktop.ui.safekeeping.auto_lock import AutoLock
from lscp_desktop.ui.safekeeping.session_events import SessionEventSource

# backup_due decides whether a backup is due (changes made, 10 minutes since the last);
# the timer only asks often enough that none is late by much.
CHECK_EVERY_MS = 60_000
STATUS_MS = 10_000


def _unlocking(store: Store) -> Callable[[str], bool]:
    """What unlocks the idle lock: the file's passphrase, or on a server the user's server
    password (the server is asked; the app keeps no secret of its own there)."""
    if store.is_server:
        from lscp_desktop.store.server_store import ServerStore, password_unlocks

        assert isinstance(store, ServerStore)
        url = store.url
        return lambda typed: password_unlocks(url, typed)
    return lambda typed: verify_passphrase(store.path, typed)


class Safekeeping(QObject):
    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        *,
        flush: Callable[[], None],
        sources: Sequence[SessionEventSource] | None = None,
        check_every_ms: int = CHECK_EVERY_MS,
        jobs: JobRunner | None = None,
    ) -> None:
        """`sources` overrides the platform's suspend and screen-lock sources (tests); `jobs`
        is the window's background job runner (one of its own if none is given)."""
        super().__init__(window)
        self._window = window
        self.store = store
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._backup_queued = False
        self._flush = flush
        self._closed = False
        if sources is None:
            from lscp_desktop.ui.safekeeping import session_watch

            sources = session_watch.platform_sources(int(window.winId()))
        self.auto_lock = AutoLock(
            window,
            idle_minutes=self._idle_minutes(),
            flush=flush,
            verify=_unlocking(store),
            sources=sources,
        )
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.keep_up)
        self._timer.start(check_every_ms)

    # --- the setting -----------------------------------------------------------------

    def _idle_minutes(self) -> float:
        text = settings.read(self.store.connection, settings.IDLE_LOCK_MINUTES)
        try:
            minutes = float(text)
        except ValueError:  # a hand-edited setting must not stop the app locking
            minutes = float(settings.DEFAULTS[settings.IDLE_LOCK_MINUTES])
        return max(0.0, minutes)

    def idle_minutes_changed(self) -> None:
        """Call after the settings are saved: the idle lock follows the new setting."""
        self.auto_lock.set_idle_minutes(self._idle_minutes())

    # --- locking ---------------------------------------------------------------------

    def lock_now(self) -> None:
        self.auto_lock.lock("manual")

    # --- backups ---------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)

    def keep_up(self) -> None:
        """On the timer: write held audit rows, and start a periodic backup when one is due.

        Never raises: a failing backup (disk full, unplugged drive) is told in the status
        bar and tried again next time, and must not end a meeting.
        """
        if self._closed:
            return
        from lscp_desktop.store import audit, backups

        try:
            audit.settle(self.store)
            due = not self._backup_queued and backups.backup_due(self.store)
        except Exception as error:
            self._status(f"The automatic backup did not work: {error} It is tried again soon.")
            return
        if due:
            self.back_up_in_background("periodic")

    def back_up_in_background(self, reason: str = "manual") -> bool:
        """Start a backup into the rolling set as a background job; the status bar says how it
        went. False (after saying why) if it could not even be started."""
        if self._closed:
            return False
        from lscp_desktop.store import backups

        try:
            pending = backups.prepare_backup(self.store, reason)
        except Exception as error:
            self._status(f"The backup did not work: {error} It is tried again soon.")
            return False
        self._backup_queued = True

        def taken(made: Path) -> None:
            self._backup_queued = False
            backups.backup_taken(self.store, pending)
            self._status(f"Backed up ({made.name}).")

        def failed(error: Exception) -> None:
            self._backup_queued = False
            self._status(f"The backup did not work: {error} It is tried again soon.")

        self.jobs.run(Job("Backing up", lambda _progress: pending.take(), taken, failed))
        return True

    def backup_now(self, reason: str = "manual") -> Path | None:
        """A backup into the rolling set, taken now on this thread (at quit, or when the caller
        needs the file before going on); returns its path, or None after saying why not."""
        if self._closed:
            return None
        from lscp_desktop.store import backups

        self.jobs.wait()  # one backup at a time, and none left running under this one
        try:
            made = backups.backup_now(self.store, reason)
        except Exception as error:
            self._status(f"The backup did not work: {error}")
            QMessageBox.warning(
                self._window,
                "Backup failed",
                f"The backup did not work:\n\n{error}\n\nThe records themselves are saved.",
            )
            return None
        self._status(f"Backed up to {made}.")
        return made

    def on_meeting_concluded(self, _meeting_id: str = "") -> None:
        self.back_up_in_background("concluded")

    def on_quit(self) -> None:
        """Save, settle the audit trail and take the quit backup if anything changed; call it
        from the window's closeEvent, before store.close()."""
        if self._closed:
            return
        self.stop()
        self.jobs.wait()  # a backup or export still running finishes before the store closes
        from lscp_desktop.store import audit

        try:
            self._flush()
        except Exception as error:  # the backup still holds everything committed
            self._status(f"The latest changes could not be saved: {error}")
        try:
            audit.settle(self.store)
        except Exception as error:
            self._status(f"The audit trail could not be brought up to date: {error}")
        # Nothing changed since opening (or since the last backup): the newest backup or the
        # database itself already holds it, and open-and-close must not push out older backups.
        if self.store.total_changes != self.store.changes_at_last_backup:
            self.backup_now("quit")
        self._closed = True

    def stop(self) -> None:
        self._timer.stop()
        self.auto_lock.stop()

    # --- restoring -------------------------------------------------------------------

    def restore_from_backup(self, parent: QWidget | None = None) -> bool:
        """Choose a backup, confirm, restore it and close the app (start it again to open the
        restored records: every screen holds the old store, so a clean restart is simplest).
        The restore runs as a background job; returns whether it was started."""
        from lscp_desktop.store import backups
        from lscp_desktop.ui.safekeeping.restore_backup_dialog import RestoreBackupDialog, describe

        parent = parent or self._window
        if self.store.is_server:
            from lscp_desktop.store.server import NO_FILE_ON_SERVER

            QMessageBox.information(
                parent, "Restore from a backup", f"On a server, {NO_FILE_ON_SERVER}"
            )
            return False
        dialog = RestoreBackupDialog(self.store.path, backups.list_backups(self.store.path), parent)
        if not dialog.exec() or dialog.chosen is None:
            return False
        backup, passphrase = dialog.chosen, dialog.passphrase.text()
        dialog.passphrase.clear()
        answer = QMessageBox.question(
            parent,
            "Restore from a backup",
            f"Replace the current database by the backup of {describe(backup)}?\n\n"
            "Changes made since that backup are not in it. The current database is kept as "
            f"{self.store.path.stem}-…-before-restore.db in {backups.backup_dir(self.store.path)}."
            "\n\nLSCP Desktop closes after the restore; start it again to open the records.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self._flush()
        except Exception as error:
            QMessageBox.warning(
                parent,
                "Nothing restored",
                f"Your latest changes could not be saved ({error}), so nothing was restored.",
            )
            return False
        self.stop()
        self.jobs.wait()
        self._closed = True
        self.store.close()  # restore replaces the file: the store must not hold it open
        # The copy back runs as a background job (a large store takes seconds): the window
        # shows progress meanwhile, but takes no input, its store being closed.
        self._window.setEnabled(False)

        def restored(kept: Path | None) -> None:
            QMessageBox.information(
                parent,
                "Backup restored",
                f"The backup of {describe(backup)} is restored."
                + (f"\n\nThe replaced database is kept as {kept}." if kept else "")
                + "\n\nLSCP Desktop closes now; start it again to open the restored records.",
            )
            self._close_window()

        def failed(error: Exception) -> None:
            QMessageBox.warning(
                parent,
                "Nothing restored",
                f"The backup could not be restored:\n\n{error}\n\nThe database is unchanged. "
                "LSCP Desktop closes now; start it again.",
            )
            self._close_window()

        db_path = self.store.path
        self.jobs.run(
            Job(
                "Restoring the backup",
                lambda _progress: backups.restore(db_path, backup.path, passphrase),
                restored,
                failed,
            )
        )
        return True

    def _close_window(self) -> None:
        self._window.setEnabled(True)
        self._window.close()
        if self._window.isVisible():  # the window refused to close: the store is gone
            QApplication.quit()
