"""A backup as ONE file, to carry to another machine: the encrypted database with its wrapped
key material and its audit seal inside, authenticated. Every backup is one such file: the
rolling backups in `backups/` and `backup -o FILE` alike.

Layout: the line `LSCP-DESKTOP-BACKUP`, an 8-byte big-endian header length, a JSON header
(the key file's text, the seal's text, the database's length and SHA-256, and a MAC), then the
SQLCipher database's bytes. The key file authenticates itself (AES-GCM tags, checksum); the
MAC — HMAC-SHA256 under a key derived from the data key — covers the seal and the database's
hash, so a changed seal or database is refused before anything is restored. Nothing in it
is readable without the passphrase (or recovery key) of the day the backup was taken.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp_desktop.files.writing import write_atomically
from lscp_desktop.store import audit, file_modes, keys
from lscp_desktop.store.database import Store, StoreError, WrongPassphrase
from lscp_desktop.store.database_copy import copy_database
from lscp_desktop.store.errors import WrongRecoveryKey

MAGIC = b"LSCP-DESKTOP-BACKUP\n"
FORMAT = "lscp-desktop-backup"
VERSION = 1
MAX_HEADER_BYTES = 1024 * 1024
_MAC_LABEL = b"lscp-desktop one-file backup mac v1"
_CHUNK = 1024 * 1024


def is_one_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _data_key(db_path: Path, key: str) -> bytes:
    """The data key behind a PRAGMA key literal ("x'…'"), for the backup's MAC."""
    if not key.startswith("\"x'"):
        raise StoreError(
            f"{db_path} is keyed by its passphrase (made before key files): set a new "
            "passphrase first, then back it up."
        )
    return bytes.fromhex(key[3:-2])


def _mac(data_key: bytes, content: dict[str, Any]) -> str:
    mac_key = hmac.new(data_key, _MAC_LABEL, hashlib.sha256).digest()
    message = json.dumps(content, sort_keys=True).encode("utf-8")
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


def write_one_file(store: Store, target: Path) -> Path:
    """The store's backup at `target` as one owner-only file (written whole or not at all)."""
    audit.settle(store)  # the backup carries the audit rows held back by coalescing
    return copy_to_one_file(store.path, store.key, target)


def copy_to_one_file(db_path: Path, key: str, target: Path) -> Path:
    """A consistent copy of the database at `db_path` (keyed by `key`) as one owner-only file
    at `target`, written whole or not at all. Safe on any thread: it touches no open store."""
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} already exists; choose another file name.")
    data_key = _data_key(db_path, key)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as folder:
        inner = copy_database(db_path, key, Path(folder) / "backup.db")
        database = inner.read_bytes()
        seal = audit.seal_path(inner)
        content: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "keys": keys.key_file_path(inner).read_text(encoding="utf-8"),
            "seal": seal.read_text(encoding="utf-8") if seal.exists() else None,
            "database_bytes": len(database),
            "database_sha256": hashlib.sha256(database).hexdigest(),
        }
        header = json.dumps({**content, "mac": _mac(data_key, content)}).encode("utf-8")
        try:
            write_atomically(target, MAGIC + len(header).to_bytes(8, "big") + header + database)
        except OSError as error:
            raise StoreError(f"The backup to {target} failed: {error.strerror or error}") from None
    return target


@dataclass(frozen=True)
class RecoveryKeyRestore:
    """Restoring with the recovery key instead of the passphrase: the restored database's key
    file is given `new_passphrase` (the backup itself is never changed)."""

    recovery_key: str
    new_passphrase: str


def _header(handle: Any, backup: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(content, header) of a one-file backup open at its start; StoreError if it is not one."""
    if handle.read(len(MAGIC)) != MAGIC:
        raise StoreError(f"{backup} is not an LSCP Desktop backup.")
    length = int.from_bytes(handle.read(8), "big")
    if not 0 < length <= MAX_HEADER_BYTES:
        raise StoreError(f"{backup} is damaged (its header is unreadable).")
    header = json.loads(handle.read(length).decode("utf-8"))
    content = {key: header[key] for key in header if key != "mac"}
    if content.get("format") != FORMAT or int(content["version"]) > VERSION:
        raise StoreError(f"{backup} was written by a newer version of LSCP Desktop.")
    return content, header


def _unlock(
    backup: Path,
    key_file: keys.KeyFile,
    passphrase: str,
    recovery: RecoveryKeyRestore | None,
    current: keys.KeyFile | None,
) -> tuple[bytes, keys.KeyFile]:
    """(data key, the key file to lay out): the backup's own; or, when today's passphrase opens
    the database's current key file over the same data key, that one (the passphrase changed
    since the backup was taken); or, with `recovery`, the backup's re-wrapped."""
    if recovery is None:
        try:
            return key_file.unlock(passphrase), key_file
        except keys.WrongSecret:
            if current is not None and current.verifier == key_file.verifier:
                with contextlib.suppress(keys.WrongSecret, keys.KeyFileError):
                    return current.unlock(passphrase), current
            raise WrongPassphrase(
                f"Cannot open {backup}: the passphrase is wrong for this backup (it opens "
                "with the passphrase of the day it was taken, or with the recovery key). "
                "Nothing was changed."
            ) from None
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
            f"Cannot open {backup}: the recovery key is wrong for this backup. Nothing was changed."
        ) from None
    key_file.set_passphrase(data_key, recovery.new_passphrase)
    return data_key, key_file


def key_material(backup: Path) -> str:
    """The key file text a one-file backup carries (for a database whose own is lost)."""
    try:
        with open(backup, "rb") as handle:
            content, _ = _header(handle, backup)
        return str(content["keys"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise StoreError(f"{backup} is damaged; its key material cannot be read.") from None
    except OSError as error:
        raise StoreError(f"Cannot read {backup}: {error.strerror or error}.") from None


def is_good(backup: Path, key: str) -> bool:
    """Whether a one-file backup is whole and was written under `key` (its MAC and the
    database's SHA-256 hold): what `newest_good_backup` asks, without unpacking it."""
    try:
        data_key = _data_key(backup, key)
        with open(backup, "rb") as handle:
            content, header = _header(handle, backup)
            if not hmac.compare_digest(
                _mac(data_key, content).encode(), str(header["mac"]).encode()
            ):
                return False
            digest = hashlib.sha256()
            remaining = int(content["database_bytes"])
            while remaining > 0:
                chunk = handle.read(min(_CHUNK, remaining))
                if not chunk:
                    return False
                digest.update(chunk)
                remaining -= len(chunk)
        return bool(digest.hexdigest() == content["database_sha256"])
    except (StoreError, OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return False


def unpack(
    backup: Path,
    folder: Path,
    passphrase: str,
    recovery: RecoveryKeyRestore | None = None,
    current_keys: Path | None = None,
) -> Path:
    """Check a one-file backup and lay it out in `folder` as a database with its key file and
    seal beside it (what `backups.restore` reads); the backup itself is only read. With
    `recovery`, the recovery key opens it and the laid-out key file takes the new passphrase."""
    try:
        with open(backup, "rb") as handle:
            content, header = _header(handle, backup)
            key_file = keys.KeyFile.from_json(str(content["keys"]))
            current = None
            if current_keys is not None and current_keys.is_file():
                with contextlib.suppress(keys.KeyFileError, OSError):
                    current = keys.read_key_file(current_keys)
            data_key, laid_out = _unlock(backup, key_file, passphrase, recovery, current)
            if not hmac.compare_digest(
                _mac(data_key, content).encode(), str(header["mac"]).encode()
            ):
                raise StoreError(
                    f"{backup} has been altered since it was written; nothing was restored."
                )
            target = folder / backup.name
            digest = hashlib.sha256()
            with open(target, "wb") as out:
                remaining = int(content["database_bytes"])
                while remaining > 0:
                    chunk = handle.read(min(_CHUNK, remaining))
                    if not chunk:
                        break
                    digest.update(chunk)
                    out.write(chunk)
                    remaining -= len(chunk)
            if remaining or digest.hexdigest() != content["database_sha256"]:
                raise StoreError(f"{backup} is damaged or cut short; nothing was restored.")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise StoreError(
            f"{backup} is damaged ({type(error).__name__}); nothing was restored."
        ) from None
    except keys.KeyFileError as error:
        raise StoreError(f"{backup}: {error} Nothing was restored.") from None
    except OSError as error:
        raise StoreError(f"Cannot read {backup}: {error.strerror or error}.") from None
    file_modes.owner_only_file(target)
    key_text = (
        str(content["keys"]) if laid_out is key_file and recovery is None else (laid_out.to_json())
    )
    keys.key_file_path(target).write_text(key_text, encoding="utf-8")
    if content.get("seal") is not None:
        audit.seal_path(target).write_text(str(content["seal"]), encoding="utf-8")
    return target


def restore_one_file(
    db_path: Path,
    backup: Path,
    passphrase: str,
    restore_unpacked: Callable[[Path], Path | None],
    recovery: RecoveryKeyRestore | None = None,
) -> Path | None:
    """`backups.restore` for a one-file backup: unpacked in a private folder beside the
    database (so the backup's own folder may be read-only), then `restore_unpacked` (the
    restore of a database with its key file and seal, under the writer lock already held);
    returns where the replaced database was kept."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=db_path.parent, prefix=f".{db_path.name}.unpacking-"))
    try:
        current_keys = keys.key_file_path(db_path)
        return restore_unpacked(unpack(backup, folder, passphrase, recovery, current_keys))
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
