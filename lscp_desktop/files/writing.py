"""Writing a file so that a failure never leaves a half-written one or spoils an earlier copy."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_via_temporary(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` on a temporary file in the target's folder, sync it, then rename it over.

    The rename is atomic on one file system, so readers see the old file or the new one.
    """
    path = Path(path)
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


def write_atomically(path: Path, data: bytes) -> None:
    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_via_temporary(path, write)
