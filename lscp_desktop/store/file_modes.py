"""Owner-only files: the database, its -wal and -shm, key file, seal and backups are 0600 and
their folders 0700, whatever the umask — set when made and tightened again at every start.

Records about children must not be readable by another account on a shared machine, even
encrypted (a copy can be attacked offline at leisure). POSIX only: on Windows the per-user
data folder's ACL already keeps other users out.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

OWNER_FILE = 0o600
OWNER_FOLDER = 0o700
_COMPANION_SUFFIXES = ("-wal", "-shm", ".keys", ".seal")


def applies() -> bool:
    return os.name == "posix"


def owner_only_folder(folder: Path) -> None:
    """0700 for a folder that is ours alone: never a shared one such as /tmp (sticky) or one
    owned by someone else, where the tightening would break other people's files."""
    if not applies():
        return
    with contextlib.suppress(OSError):
        status = folder.stat()
        if status.st_uid != os.getuid() or status.st_mode & stat.S_ISVTX:
            return
        if stat.S_IMODE(status.st_mode) != OWNER_FOLDER:
            folder.chmod(OWNER_FOLDER)


def owner_only_file(path: Path) -> None:
    """0600 for a regular file of ours; another account's file (a store opened read-only by
    someone else) is left as it is: only its owner may change its mode."""
    if not applies():
        return
    with contextlib.suppress(OSError):
        status = path.lstat()
        if status.st_uid != os.getuid() or not stat.S_ISREG(status.st_mode):
            return
        if stat.S_IMODE(status.st_mode) != OWNER_FILE:
            path.chmod(OWNER_FILE)


def tighten(db_path: Path) -> None:
    """The database's files, its folder, and its backups folder with everything in it."""
    if not applies():
        return
    owner_only_folder(db_path.parent)
    for path in (db_path, *(db_path.with_name(db_path.name + s) for s in _COMPANION_SUFFIXES)):
        owner_only_file(path)
    backups = db_path.parent / "backups"
    if backups.is_dir():
        owner_only_folder(backups)
        for path in backups.iterdir():
            owner_only_file(path)
