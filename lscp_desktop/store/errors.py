"""What can go wrong opening or using the store, each with a message meant for the user.

Apart from the store itself so that the unlock prompt can name them without importing
SQLAlchemy and the models, which it loads while the user types.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store cannot be opened or used; the message is meant for the user."""


class WrongPassphrase(StoreError):
    pass


class WrongRecoveryKey(StoreError):
    pass


class NewerDatabase(StoreError):
    pass


class KeyFileDamaged(StoreError):
    """The key file beside the database is missing or unreadable; the database is untouched.

    `newest_backup` is the newest backup carrying key material, for the GUI to offer.
    """

    def __init__(self, message: str, newest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.newest_backup = newest_backup


class DamagedDatabase(StoreError):
    """The key is right but the file fails to decrypt or fails its check at start.

    `newest_backup` is the newest backup that passed its own check, for the GUI to offer.
    """

    def __init__(self, message: str, newest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.newest_backup = newest_backup


class AuditEntriesMissing(DamagedDatabase):
    """The audit log lacks entries its seal vouches for: committed changes were lost (e.g. a
    damaged WAL) or removed. Offered the newest good backup, like a damaged file."""


class StorageFull(StoreError):
    pass


class StorageReadOnly(StoreError):
    pass


class StoreBusy(StoreError):
    """Another connection held the write lock for longer than the busy timeout."""
