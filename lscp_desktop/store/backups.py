"""Rolling encrypted backups of the store, and restoring one.

A backup is ONE file (backup_file.py): a consistent copy of the database (database_copy.py,
made on a connection of its own, so it can run off the GUI thread while the chair types) with
its wrapped key material and audit seal inside. Copied to a stick on its own, it restores on
another machine with the passphrase of its day or with the recovery key, and is just as
unreadable without. Backups live in `backups/` beside the database and are pruned like Anki's:
the most recent ones, then the newest of each of the last days, weeks and months. Backups made
by earlier versions (the database with its .keys and .seal beside it) are listed and restore
as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from lscp_desktop.clock import london_now
from lscp_desktop.files.writing import write_atomically
from lscp_desktop.store import (
    audit,
    backup_file,
    file_modes,
    interrupted_restore,
    keys,
    writer_lock,
)
from lscp_desktop.store.backup_file import RecoveryKeyRestore
from lscp_desktop.store.database import (
    NewerDatabase,
    Store,
    StoreError,
    WrongPassphrase,
    connect_keyed,
    known_revisions,
    schema_version,
    unlock_key,
)
from lscp_desktop.store.database_copy import BACKUP_DIR_NAME, backup_dir, companions
from lscp_desktop.store.errors import WrongRecoveryKey

__all__ = ["BACKUP_DIR_NAME", "RecoveryKeyRestore", "backup_dir", "companions"]
PERIODIC_MINUTES = 10
KEEP_RECENT = 12
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
_STAMP = "%Y%m%d-%H%M%S"
# A rolling backup's name: `<database stem>-<stamp>-<reason>.backup` (one file); `.db` for the
# three-file backups of earlier versions and the copies kept aside by a restore.
BACKUP_SUFFIX = ".backup"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+)(?P<suffix>\.db|\.backup)$"
)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # local time, from the file name
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class PendingBackup:
    """A backup decided on the store's thread, to be taken on any thread: it holds what the
    copy needs (paths and key), not the store."""

    db_path: Path
    key: str
    target: Path
    taken_at: dt.datetime
    changes: int  # the store's change count the backup covers

    def take(self) -> Path:
        return backup_file.copy_to_one_file(self.db_path, self.key, self.target)


def prepare_backup(store: Store, reason: str, *, now: dt.datetime | None = None) -> PendingBackup:
    """Settle the audit trail and choose the file of a backup into the rolling set (reason:
    e.g. "concluded", "quit", "periodic"); `take()` it, then call `backup_taken`."""
    if store.is_server:
        from lscp_desktop.store.server import NO_FILE_ON_SERVER

        raise StoreError(f"No backup file was written: {NO_FILE_ON_SERVER}")
    audit.settle(store)  # the backup carries the audit rows held back by coalescing
    now = now or london_now()
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    directory = backup_dir(store.path)
    stamp = now.strftime(_STAMP)
    target = directory / f"{store.path.stem}-{stamp}-{slug}{BACKUP_SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = directory / f"{store.path.stem}-{stamp}-{slug}-{counter}{BACKUP_SUFFIX}"
    directory.mkdir(parents=True, exist_ok=True)
    file_modes.owner_only_folder(directory)
    return PendingBackup(store.path, store.key, target, now, store.total_changes)


def backup_taken(store: Store, pending: PendingBackup) -> None:
    """After `pending` was taken: note it for the periodic rule, and prune the rolling set."""
    store.last_backup_at = pending.taken_at
    store.changes_at_last_backup = pending.changes
    prune(store.path, now=pending.taken_at)


def backup_now(store: Store, reason: str, *, now: dt.datetime | None = None) -> Path:
    """Take a backup into the rolling set now, on this thread."""
    pending = prepare_backup(store, reason, now=now)
    made = pending.take()
    backup_taken(store, pending)
    return made


def backup_due(store: Store, *, now: dt.datetime | None = None) -> bool:
    """Whether changes were made and the last backup is 10 minutes old (asked on a timer)."""
    now = now or london_now()
    if store.is_server or store.total_changes == store.changes_at_last_backup:
        return False
    if store.last_backup_at is None:
        newest = list_backups(store.path)
        store.last_backup_at = newest[0].taken_at if newest else dt.datetime.min
    return now - store.last_backup_at >= dt.timedelta(minutes=PERIODIC_MINUTES)


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of the database at `db_path`, newest first."""
    found = []
    directory = backup_dir(db_path)
    if not directory.is_dir():
        return []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != db_path.stem:
            continue
        taken_at = dt.datetime.strptime(match["stamp"], _STAMP)
        found.append(Backup(path, taken_at, match["reason"]))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def backups_to_keep(
    backups: list[Backup],
    *,
    recent: int = KEEP_RECENT,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[Path]:
    """Anki-like retention: the `recent` newest, then the newest of each of the last `daily`
    days, `weekly` ISO weeks and `monthly` months that have a backup."""
    ordered = sorted(backups, key=lambda backup: backup.taken_at, reverse=True)
    keep = {backup.path for backup in ordered[:recent]}
    for quota, bucket in (
        (daily, lambda moment: moment.date().isoformat()),
        (weekly, lambda moment: "{}-W{}".format(*moment.isocalendar()[:2])),
        (monthly, lambda moment: moment.strftime("%Y-%m")),
    ):
        seen: set[str] = set()
        for backup in ordered:
            label = bucket(backup.taken_at)
            if label in seen:
                continue
            if len(seen) == quota:
                break
            seen.add(label)
            keep.add(backup.path)
    return keep


def prune(db_path: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the retention scheme no longer keeps; returns what was deleted."""
    backups = list_backups(db_path)
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        # What was replaced by a restore is kept until the user deletes it.
        if backup.path in keep or backup.reason.startswith("before-"):
            continue
        for path in (backup.path, *companions(backup.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        removed.append(backup.path)
    return removed


def is_good(path: Path, key: str) -> bool:
    """Whether a backup is whole and opens with `key` (a one-file backup: its MAC and hash; an
    older three-file one: it decrypts and passes quick_check)."""
    if backup_file.is_one_file(path):
        return backup_file.is_good(path, key)
    try:
        connection = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlcipher.Error:
        return False
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {key}")
        return [row[0] for row in connection.execute("PRAGMA quick_check")] == ["ok"]
    except sqlcipher.Error:
        return False
    finally:
        connection.close()


def newest_good_backup(db_path: Path, key: str) -> Path | None:
    for backup in list_backups(db_path):
        if is_good(backup.path, key):
            return backup.path
    return None


def has_key_material(backup: Path) -> bool:
    return backup_file.is_one_file(backup) or keys.key_file_path(backup).is_file()


def newest_key_material(db_path: Path) -> Path | None:
    """The newest backup carrying key material (the same data key, wrapped as that day): every
    one-file backup does; an older one when its key file is beside it."""
    for backup in list_backups(db_path):
        if has_key_material(backup.path):
            return backup.path
    return None


def own_key_material(db_path: Path) -> Path | None:
    """The newest backup whose key material differs from the key file beside the database
    (another database's key file was put there), or None when they agree or none is known."""
    spare = newest_key_material(db_path)
    if spare is None:
        return None
    try:
        current = keys.read_key_file(keys.key_file_path(db_path)).verifier
        if backup_file.is_one_file(spare):
            theirs = keys.KeyFile.from_json(backup_file.key_material(spare)).verifier
        else:
            theirs = keys.read_key_file(keys.key_file_path(spare)).verifier
    except (keys.KeyFileError, StoreError, OSError):
        return None
    return spare if theirs != current else None


def take_key_material(db_path: Path, backup: Path) -> None:
    """Put `backup`'s key material beside the database; a faulty key file is kept aside."""
    if backup_file.is_one_file(backup):
        material = backup_file.key_material(backup).encode("utf-8")
    else:
        material = keys.key_file_path(backup).read_bytes()
    own = keys.key_file_path(db_path)
    if own.exists():
        stamp = dt.datetime.now().strftime(_STAMP)
        own.rename(own.with_name(f"{own.name}.faulty-{stamp}"))
    write_atomically(own, material)
    file_modes.owner_only_file(own)


def _backup_key(backup: Path, db_path: Path, passphrase: str) -> str:
    """The key that opens `backup`: through its own key file, or the database's when the
    passphrase has changed since (same data key, shown by equal verifiers)."""
    try:
        return unlock_key(backup, passphrase, upgrade=False)  # never rewrite a backup's keys
    except WrongPassphrase:
        current = keys.key_file_path(db_path)
        own = keys.key_file_path(backup)
        if current.exists() and own.exists():
            with contextlib.suppress(keys.KeyFileError):
                if keys.read_key_file(current).verifier == keys.read_key_file(own).verifier:
                    return unlock_key(db_path, passphrase, upgrade=False)
        raise


def restore(
    db_path: Path,
    backup: Path,
    passphrase: str,
    *,
    recovery: RecoveryKeyRestore | None = None,
) -> Path | None:
    """Replace the (closed) database at `db_path` by `backup`; returns where the replaced
    database was kept. The backup is checked first; on any refusal nothing is changed.

    Refused (DatabaseInUse) while the database is open for changes anywhere: an app still
    holding the replaced file would go on saving into it. The writer lock is held from the
    check to the audit entry, so nobody opens the database half-restored.
    The backup itself is only ever read: it is copied beside the database and the copy is
    checked (opening a file in WAL mode writes to it and needs its folder writable), so a
    backup on a read-only stick or share restores, and is the same afterwards.

    With `recovery` the recovery key opens the backup instead of a passphrase, and the restored
    database takes `recovery.new_passphrase` (`passphrase` is not used).
    """
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise StoreError(f"No backup at {backup}.")
    # A restore onto another machine names a folder that may not exist yet.
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if recovery is not None:
        passphrase = recovery.new_passphrase
    lock = writer_lock.acquire(db_path)
    try:
        if backup_file.is_one_file(backup):  # unpacked beside the database, then restored
            return backup_file.restore_one_file(
                db_path,
                backup,
                passphrase,
                lambda unpacked: _restore_locked(
                    db_path, unpacked, passphrase, lock, take_keys=recovery is not None
                ),
                recovery,
            )
        if recovery is not None:
            return _restore_with_recovery_key(db_path, backup, recovery, lock)
        return _restore_locked(db_path, backup, passphrase, lock)
    finally:
        lock.release()


def _restore_with_recovery_key(
    db_path: Path, backup: Path, recovery: RecoveryKeyRestore, lock: writer_lock.WriterLock
) -> Path | None:
    """An older three-file backup opened with the recovery key: restored from a private copy
    whose key file takes the new passphrase (the backup is only read)."""
    own_keys = keys.key_file_path(backup)
    if not own_keys.is_file():
        raise WrongRecoveryKey(
            f"{backup} has no key file beside it, so no recovery key opens it: restore it with "
            "the passphrase of its day. Nothing was changed."
        )
    folder = Path(tempfile.mkdtemp(dir=db_path.parent, prefix=f".{db_path.name}.unpacking-"))
    try:
        copy = folder / backup.name
        shutil.copyfile(backup, copy)
        file_modes.owner_only_file(copy)
        seal = audit.seal_path(backup)
        if seal.exists():
            shutil.copyfile(seal, audit.seal_path(copy))
        key_file = keys.read_key_file(own_keys)
        if not key_file.has_recovery_key:
            raise WrongRecoveryKey(
                f"{backup} has no recovery key (it was taken before one was set): restore it "
                "with the passphrase of its day. Nothing was changed."
            )
        try:
            data_key = key_file.unlock_with_recovery_key(
                keys.normalise_recovery_key(recovery.recovery_key)
            )
        except keys.WrongSecret:
            raise WrongRecoveryKey(
                f"Cannot open {backup}: the recovery key is wrong for this backup. Nothing was "
                "changed."
            ) from None
        key_file.set_passphrase(data_key, recovery.new_passphrase)
        keys.write_key_file(keys.key_file_path(copy), key_file)
        return _restore_locked(db_path, copy, recovery.new_passphrase, lock, take_keys=True)
    except keys.KeyFileError as error:
        raise StoreError(f"{backup}: {error} Nothing was restored.") from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


def _restore_locked(
    db_path: Path,
    backup: Path,
    passphrase: str,
    lock: writer_lock.WriterLock,
    *,
    take_keys: bool = False,
) -> Path | None:
    key = _backup_key(backup, db_path, passphrase)
    staging = db_path.with_name(f".{db_path.name}.restoring")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup, staging)
        file_modes.owner_only_file(staging)
        _check_restorable(staging, backup, key, keys.key_file_path(backup).exists())
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        for leftover in (staging, *(staging.with_name(staging.name + s) for s in ("-wal", "-shm"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    kept = _keep_current(db_path)
    # Written before the swap: a restore killed after it is finished and audited at next open.
    interrupted_restore.note_pending(db_path, backup, kept, staging)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + suffix).unlink()
    os.replace(staging, db_path)
    install_companions(db_path, backup, take_keys=take_keys)
    _record_restore(db_path, backup, kept, passphrase, lock)
    return kept


def install_companions(db_path: Path, backup: Path, *, take_keys: bool = False) -> None:
    """The restored database's key file (when the current one does not open it, or always with
    `take_keys`: a recovery-key restore set a new passphrase on it) and seal."""
    key_file = keys.key_file_path(db_path)
    backup_keys = keys.key_file_path(backup)
    if backup_keys.exists() and (take_keys or _backup_key_needed(key_file, backup_keys)):
        shutil.copy2(backup_keys, key_file)
    seal = audit.seal_path(backup)
    if seal.exists():
        shutil.copy2(seal, audit.seal_path(db_path))
    else:
        with contextlib.suppress(FileNotFoundError):
            audit.seal_path(db_path).unlink()


def _check_restorable(copy: Path, backup: Path, key: str, key_file_used: bool) -> None:
    connection: Any = connect_keyed(copy, key, key_file_used=key_file_used)
    try:
        if [row[0] for row in connection.execute("PRAGMA integrity_check")] != ["ok"]:
            raise StoreError(f"{backup} fails its integrity check; nothing was restored.")
        version = schema_version(connection)
        if version is not None and version not in known_revisions():
            raise NewerDatabase(
                f"{backup} was written by a newer version of LSCP Desktop (schema {version}); "
                "nothing was restored."
            )
    finally:
        connection.close()


def _record_restore(
    db_path: Path,
    backup: Path,
    kept: Path | None,
    passphrase: str,
    lock: writer_lock.WriterLock,
) -> None:
    """Open the restored database under the lock already held; opening records the restore
    (interrupted_restore.record_pending), as it would after a restore killed half-way."""
    from lscp_desktop.store.database import open_store

    store = open_store(db_path, passphrase, create=False, held_lock=lock)
    store.writer = None  # the lock stays the caller's to release
    store.close()


def _backup_key_needed(current: Path, from_backup: Path) -> bool:
    """Keep the current key file (and so the current passphrase) when it opens the backup."""
    try:
        return keys.read_key_file(current).verifier != keys.read_key_file(from_backup).verifier
    except keys.KeyFileError:
        return True


def _keep_current(db_path: Path) -> Path | None:
    """Byte copies of the current database, its -wal and companions, before a restore."""
    if not db_path.exists():
        return None
    directory = backup_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    file_modes.owner_only_folder(directory)
    stamp = london_now().strftime(_STAMP)
    kept = directory / f"{db_path.stem}-{stamp}-before-restore.db"
    counter = 1
    while kept.exists():
        counter += 1
        kept = directory / f"{db_path.stem}-{stamp}-before-restore-{counter}.db"
    shutil.copy2(db_path, kept)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, kept.with_name(kept.name + "-wal"))
    for source, destination in zip(companions(db_path), companions(kept), strict=True):
        if source.exists():
            shutil.copy2(source, destination)
    return kept
