"""Hidden temporary files left by a write that was killed half-way, removed later.

Every file the app writes goes through a hidden temporary beside its target (`.NAME.*.tmp`,
a backup's `.NAME.partial`, a restore's `.NAME.restoring`) renamed over it at the end. A
process killed before the rename leaves the temporary behind: part of an export or a copy of
the encrypted database, which nobody would think to delete. One that has not been touched for
an hour belongs to no write still under way.
"""

from __future__ import annotations

import contextlib
import stat
import time
from pathlib import Path

STALE_AFTER_SECONDS = 60 * 60
_PATTERNS = (".?*.tmp", ".?*.partial", ".?*.restoring")


def remove_stale(folder: Path, *, only_for: str | None = None, now: float | None = None) -> int:
    """Remove stale temporaries in `folder` (those of the file named `only_for`, if given);
    returns how many were removed. Nothing that cannot be removed stops the caller."""
    now = time.time() if now is None else now
    prefix = f".{only_for}." if only_for is not None else "."
    removed = 0
    for pattern in _PATTERNS:
        with contextlib.suppress(OSError):
            for path in folder.glob(pattern):
                if not path.name.startswith(prefix):
                    continue
                with contextlib.suppress(OSError):
                    status = path.lstat()
                    if stat.S_ISREG(status.st_mode) and now - status.st_mtime > STALE_AFTER_SECONDS:
                        path.unlink()
                        removed += 1
    return removed
