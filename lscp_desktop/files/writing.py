"""Writing a file so that a failure never leaves a half-written one or spoils an earlier copy.

The one place the app writes a file atomically: exports, the key file, the audit seal, the bank
holiday cache. The file is synced before the rename and the folder after it, so that once this
returns a power cut leaves the new file, whole, under its name.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from lscp_desktop.files.stale_temporaries import remove_stale


def refuse_special_file(path: Path) -> None:
    """Only a regular file or a new name may be written: renaming over a pipe, socket or
    device node (/dev/sda, as root) would replace it, and writing into one would hang or
    destroy. Raised as an OSError so every caller's disk-error message applies."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself says what is wrong with the folder
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "that is a folder, not a file name", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(
            errno.EINVAL, "that is a device, pipe or socket, not a file to write", str(path)
        )


def write_via_temporary(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` on a temporary file in the target's folder, sync it, then rename it over.

    The rename is atomic on one file system, so readers see the old file or the new one.
    """
    path = Path(path)
    refuse_special_file(path)
    # An earlier write of this same file that was killed half-way left its temporary here.
    remove_stale(path.parent, only_for=path.name)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); Windows cannot open a folder to sync it."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes) -> None:
    """Put `data` at `path` all at once: the old file or the new one, never half of either."""

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_via_temporary(path, write)
