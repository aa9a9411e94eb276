"""Changing the passphrase, resetting a forgotten one with the recovery key, making a new key.

Only the key file changes: the data key that encrypts the database stays the same, so nothing
is re-encrypted and the database is not touched. Backups keep the key file they were taken
with: a backup opens with the passphrase (or recovery key) current when it was taken, and
`backups.restore` also accepts today's passphrase for it.
"""

from __future__ import annotations

from pathlib import Path

from lscp_desktop.store import keys
from lscp_desktop.store.database import (
    KeyFileDamaged,
    StoreError,
    WrongPassphrase,
    WrongRecoveryKey,
)
from lscp_desktop.store.passphrase import MIN_LENGTH, too_short

MIN_PASSPHRASE_LENGTH = MIN_LENGTH


def check_new_passphrase(passphrase: str) -> None:
    if too_short(passphrase) is not None:
        raise StoreError(f"The new passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters.")


def _key_file(db_path: Path) -> tuple[Path, keys.KeyFile]:
    path = keys.key_file_path(db_path)
    if not path.exists():
        raise KeyFileDamaged(
            f"{db_path} has no key file beside it ({path.name}): it was made before recovery "
            "keys existed, or the key file was lost. Restore the key file from a backup."
        )
    try:
        return path, keys.read_key_file(path)
    except keys.KeyFileError as error:
        raise KeyFileDamaged(str(error)) from None


def change_passphrase(db_path: Path, old: str, new: str) -> None:
    check_new_passphrase(new)
    path, key_file = _key_file(db_path)
    try:
        data_key = key_file.unlock(old)
    except keys.WrongSecret:
        raise WrongPassphrase("The current passphrase is wrong; nothing was changed.") from None
    key_file.set_passphrase(data_key, new)
    keys.write_key_file(path, key_file)


def reset_passphrase(db_path: Path, recovery_key: str, new: str) -> None:
    """Set a new passphrase with the recovery key shown when the database was set up."""
    check_new_passphrase(new)
    path, key_file = _key_file(db_path)
    try:
        data_key = key_file.unlock_with_recovery_key(recovery_key)
    except keys.WrongSecret:
        raise WrongRecoveryKey("The recovery key is wrong; nothing was changed.") from None
    except keys.KeyFileError as error:
        raise KeyFileDamaged(f"{error} The passphrase cannot be reset.") from None
    key_file.set_passphrase(data_key, new)
    keys.write_key_file(path, key_file)


def replace_recovery_key(db_path: Path, passphrase: str) -> str:
    """A new recovery key (the old one stops working); returned once, to be written down."""
    path, key_file = _key_file(db_path)
    try:
        data_key = key_file.unlock(passphrase)
    except keys.WrongSecret:
        raise WrongPassphrase("The passphrase is wrong; nothing was changed.") from None
    recovery_key = key_file.set_recovery_key(data_key)
    keys.write_key_file(path, key_file)
    return recovery_key


def has_recovery_key(db_path: Path) -> bool:
    return _key_file(db_path)[1].has_recovery_key
