"""Writing an export so that a failure never leaves a half-written or lost file behind.

The document is made in memory first (a broken template fails before the disk is touched),
then written to a temporary file in the target folder and renamed over the target: the rename
is atomic on one file system, so the earlier file is either wholly replaced or left intact.
"""

from __future__ import annotations

import errno
from pathlib import Path

from lscp_desktop.documents.errors import ExportError
from lscp_desktop.files.writing import write_atomically


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return (
            "permission was refused (is the file open in another program, or the folder read-only?)"
        )
    if error.errno == errno.EROFS:
        return "the folder is on a read-only disk"
    if error.errno == errno.ENOENT:
        return "the folder does not exist"
    return error.strerror or str(error)


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Put `data` at `target` all at once, or raise ExportError leaving `target` as it was."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"Could not save {target}: that is a folder, not a file name.")
    try:
        write_atomically(target, data)
    except OSError as error:
        raise ExportError(
            f"Could not save {target}: {_reason(error)}. Any earlier copy is unchanged."
        ) from error
