"""An unexpected error, shown as a person can read it and logged for whoever supports the app.

An error of the store's (StoreError: its message is meant for the user, e.g. a case checked out
to a laptop, the server out of reach) is shown as it is, not as a bug. A bug reaching the event
loop does not end the app mid-meeting: a message says what failed,
that everything saved before it is safe (the autosave commits every second), and where the log
is. The log (owner-only, in the user log directory) holds the traceback: the error's type and
where it was raised, never its message, which could quote a record (an SQL statement's
parameters, a child's name) into a file nobody encrypts.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1024 * 1024  # the log starts again past this: it never fills the disk


def log_path() -> Path:
    from lscp_desktop.files.paths import log_dir

    return log_dir() / LOG_NAME


def log_error(kind: type[BaseException], trace: TracebackType | None, path: Path) -> None:
    """Append the traceback (frames and the error's type, no message) to the owner-only log."""
    frames = "".join(
        f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
        for frame in traceback.extract_tb(trace)
    )
    entry = (
        f"--- {dt.datetime.now().isoformat(timespec='seconds')} "
        f"{kind.__module__}.{kind.__qualname__}\nTraceback (most recent call last):\n{frames}"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    mode = "w" if path.exists() and path.stat().st_size > MAX_LOG_BYTES else "a"
    descriptor = os.open(
        path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else 0), 0o600
    )
    with os.fdopen(descriptor, mode, encoding="utf-8") as handle:
        if mode == "w":
            handle.truncate(0)
        handle.write(entry)
    os.chmod(path, 0o600)


def message_for(error: BaseException, logged: Path | None) -> str:
    what = str(error).strip() or "no details were given"
    where = (
        f"The details are in {logged} for whoever supports the app."
        if logged is not None
        else "The details could not be written to the log."
    )
    return (
        f"That action did not finish: an unexpected error ({type(error).__name__}: "
        f"{what}).\n\nNothing saved before it is lost: what you typed is saved every second. "
        f"You can carry on; if it happens again, note what you were doing.\n\n{where}"
    )


def report_unexpected_errors(app_name: str) -> None:
    """Install the hook: a readable message box, and the traceback in the log."""

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        from PySide6.QtWidgets import QMessageBox

        from lscp_desktop.store.errors import StoreError

        if isinstance(error, StoreError):
            # Not a bug: the store said no in words meant for the user (a case checked out to
            # a laptop, the server out of reach, a full disk), so only those words are shown.
            QMessageBox.warning(None, f"{app_name}: not saved", str(error))
            return
        traceback.print_exception(kind, error, trace, file=sys.stderr)
        logged: Path | None = log_path()
        try:
            log_error(kind, trace, log_path())
        except OSError:
            logged = None
        QMessageBox.critical(None, f"{app_name}: something went wrong", message_for(error, logged))

    sys.excepthook = report
