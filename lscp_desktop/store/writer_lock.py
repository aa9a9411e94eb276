"""One writer per database: an OS lock on `<db>.lock`, which the kernel drops if the holder dies.

Every process that opens the store for writing takes it (open_store does), and so does
`restore`, which replaces the file: a second app window, a second writing command or a restore
while the database is open elsewhere is refused with a message naming who holds it.

The lock is `flock` on POSIX (per open file, so a second open in the same process is refused
too) and `msvcrt.locking` on Windows. The lock file also carries the holder's host, process id,
user and start time — for the message only: whether the database is in use is the kernel's
answer, never the file's content, so a crash leaves nothing stale behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lscp_desktop.store.errors import StorageFull, StorageReadOnly, StoreError

LOCK_SUFFIX = ".lock"
# Windows locks a byte range; the holder's details sit before it so others can still read them.
_WINDOWS_LOCK_OFFSET = 4096


class DatabaseInUse(StoreError):
    """Another process (or another open in this one) holds the database for writing."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


@dataclass
class WriterLock:
    """A held writer lock; `release()` (or the process ending) lets the next writer in."""

    path: Path
    _handle: IO[bytes] | None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock(handle)
        handle.close()


def acquire(db_path: Path) -> WriterLock:
    """Take the writer lock of `db_path` at once, or raise DatabaseInUse naming the holder."""
    path = lock_path(Path(db_path))
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StorageReadOnly(
                f"The data folder {path.parent} cannot be written to (read-only or no "
                "permission): the database is not opened. Nothing was changed."
            ) from None
        if error.errno == errno.ENOSPC:
            raise StorageFull(
                f"The disk holding {path.parent} is full: the database is not opened. "
                "Free some space and start again."
            ) from None
        raise StoreError(f"Cannot take the writer lock {path}: {error.strerror}.") from None
    handle = os.fdopen(descriptor, "r+b")
    try:
        _lock(handle)
    except OSError:
        handle.close()
        raise DatabaseInUse(
            f"{db_path} is open for changes elsewhere{_holder(path)}. Only one copy of "
            "LSCP Desktop may change a database at a time: close the other one first. "
            "Nothing was changed."
        ) from None
    with contextlib.suppress(OSError):  # the details are informative only
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(_details()).encode("utf-8"))
        handle.flush()
    return WriterLock(path, handle)


def _details() -> dict[str, object]:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        user = ""
    return {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "user": user,
        "since": dt.datetime.now().isoformat(timespec="seconds"),
    }


def _holder(path: Path) -> str:
    """ ", by USER on HOST (process PID, since TIME)" from the lock file, or "" if unreadable."""
    try:
        details = json.loads(path.read_bytes()[:_WINDOWS_LOCK_OFFSET].decode("utf-8"))
        since = dt.datetime.fromisoformat(str(details["since"])).strftime("%d %b %Y %H:%M")
        who = f" by {details['user']}" if details.get("user") else ""
        return f"{who} on {details['host']} (process {int(details['pid'])}, since {since})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
