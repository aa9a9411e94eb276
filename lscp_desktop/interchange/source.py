"""Reading an interchange file from disk: a regular file, of a bounded size, as UTF-8."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lscp_desktop.interchange.document import MAX_DOCUMENT_BYTES, InterchangeError


def read_document_text(path: Path) -> str:
    """The file's text; a pipe or device (which could block or never end), a file past
    MAX_DOCUMENT_BYTES or one that is not UTF-8 is refused in one line, before parsing."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InterchangeError(str(error.strerror or error)) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise InterchangeError("it is not a regular file (a folder, pipe or device)")
    with open(descriptor, "rb") as handle:
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        if status.st_size > MAX_DOCUMENT_BYTES:
            raise InterchangeError(
                f"it is {status.st_size / (1024 * 1024):,.0f} MB; an interchange file may be "
                f"at most {limit} MB"
            )
        try:
            content = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            raise InterchangeError(str(error.strerror or error)) from None
    if len(content) > MAX_DOCUMENT_BYTES:  # it grew while being read
        raise InterchangeError(f"it is larger than {limit} MB, the most an interchange file may be")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InterchangeError(f"it is not UTF-8 text (byte {error.start:,})") from None
