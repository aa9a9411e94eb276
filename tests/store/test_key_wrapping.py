"""Key files: Argon2id + AES-GCM wraps, old files upgraded on unlock, and each fault in one line."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

import pytest

from lscp_desktop.store import backups, keys, recovery
from lscp_desktop.store.database import (
    KeyFileDamaged,
    StoreError,
    WrongPassphrase,
    create_store,
    open_store,
)
from tests.conftest import PASSPHRASE


def _version_1_wrap(data_key: bytes, secret: str, label: str) -> dict[str, str]:
    """Exactly what the hand-written version 1 wrote: scrypt N=2**14, XOR pad, HMAC tag."""
    salt = secrets.token_bytes(16)
    derived = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, maxmem=2**25, dklen=64)
    wrapped = bytes(a ^ b for a, b in zip(data_key, derived[:32], strict=True))
    tag = hmac.new(derived[32:], label.encode() + salt + wrapped, hashlib.sha256).hexdigest()
    return {"salt": salt.hex(), "wrapped": wrapped.hex(), "tag": tag}


def _write_version_1(db_path: Path, data_key: bytes, recovery_key: str) -> None:
    document = {
        "format": "lscp-desktop-keys",
        "version": 1,
        "kdf": {"name": "scrypt", "n": 2**14, "r": 8, "p": 1},
        "verifier": keys.verifier(data_key),
        "wraps": {
            "passphrase": _version_1_wrap(data_key, PASSPHRASE, "passphrase"),
            "recovery": _version_1_wrap(data_key, recovery_key, "recovery"),
        },
    }
    keys.key_file_path(db_path).write_text(json.dumps(document))


def test_new_key_file_wraps_with_argon2id_and_aes_gcm(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    document = json.loads(keys.key_file_path(db_path).read_text())
    assert document["version"] == 2
    for wrap in document["wraps"].values():
        assert wrap["scheme"] == "argon2id-aes256gcm"
        assert (wrap["memory_kib"], wrap["time_cost"], wrap["parallelism"]) >= (19456, 2, 1)
        assert len(bytes.fromhex(wrap["ciphertext"])) == 32 + 16  # the data key and GCM's tag


def test_old_key_file_still_unlocks_and_is_upgraded_on_unlock(db_path: Path) -> None:
    store, recovery_key = create_store(db_path, PASSPHRASE)
    store.close()
    data_key = keys.read_key_file(keys.key_file_path(db_path)).unlock(PASSPHRASE)
    _write_version_1(db_path, data_key, recovery_key)

    open_store(db_path, PASSPHRASE).close()

    upgraded = json.loads(keys.key_file_path(db_path).read_text())
    assert upgraded["version"] == 2
    assert upgraded["wraps"]["passphrase"]["scheme"] == "argon2id-aes256gcm"
    # The recovery key's wrap can only be rewritten by the recovery key itself: still version 1.
    assert upgraded["wraps"]["recovery"]["scheme"] == "scrypt-xor-hmac"
    open_store(db_path, PASSPHRASE).close()
    recovery.reset_passphrase(db_path, recovery_key, "a brand new passphrase")
    final = json.loads(keys.key_file_path(db_path).read_text())
    assert final["wraps"]["recovery"]["scheme"] == "argon2id-aes256gcm"
    open_store(db_path, "a brand new passphrase").close()


def test_passphrase_is_the_same_however_its_accents_were_typed(db_path: Path) -> None:
    composed = "caf\u00e9 au lait, s'il vous pla\u00eet"
    decomposed = "cafe\u0301 au lait, s'il vous plai\u0302t"
    create_store(db_path, composed)[0].close()
    open_store(db_path, decomposed).close()


def test_environment_passphrase_too_short_creates_nothing(db_path: Path) -> None:
    with pytest.raises(StoreError, match="at least 8 characters"):
        open_store(db_path, "short")
    assert not db_path.exists() and not keys.key_file_path(db_path).exists()


def test_deleted_key_file_is_not_called_a_wrong_passphrase(db_path: Path) -> None:
    store = open_store(db_path, PASSPHRASE)
    backups.backup_now(store, "manual")
    store.close()
    keys.key_file_path(db_path).unlink()
    with pytest.raises(KeyFileDamaged) as caught:
        open_store(db_path, PASSPHRASE)
    message = str(caught.value)
    assert "is missing" in message and "passphrase is wrong" not in message
    assert "holds the key material" in message and "\n" not in message
    assert caught.value.newest_backup is not None

    backups.take_key_material(db_path, caught.value.newest_backup)
    open_store(db_path, PASSPHRASE).close()


def test_changed_tag_says_the_key_file_was_altered_not_the_passphrase(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    path = keys.key_file_path(db_path)
    document = json.loads(path.read_text())
    ciphertext = bytearray.fromhex(document["wraps"]["passphrase"]["ciphertext"])
    ciphertext[-1] ^= 1  # one bit of GCM's tag
    document["wraps"]["passphrase"]["ciphertext"] = ciphertext.hex()
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileDamaged, match="has been altered") as caught:
        open_store(db_path, PASSPHRASE)
    assert "passphrase is wrong" not in str(caught.value)
    assert "No backup with key material" in str(caught.value)


def test_absurd_kdf_parameters_are_refused_before_any_derivation(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    path = keys.key_file_path(db_path)
    document = json.loads(path.read_text())
    document["wraps"]["passphrase"]["memory_kib"] = 2**40
    # The bounds are read before the checksum is compared: no derivation is ever attempted.
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileDamaged, match=r"memory \(KiB\) of 1099511627776, outside"):
        open_store(db_path, PASSPHRASE)


def test_absurd_version_1_scrypt_cost_is_refused(db_path: Path) -> None:
    store, recovery_key = create_store(db_path, PASSPHRASE)
    store.close()
    data_key = keys.read_key_file(keys.key_file_path(db_path)).unlock(PASSPHRASE)
    _write_version_1(db_path, data_key, recovery_key)
    path = keys.key_file_path(db_path)
    document = json.loads(path.read_text())
    document["kdf"]["n"] = 2**40
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileDamaged, match="cost N of 1099511627776"):
        open_store(db_path, PASSPHRASE)


def test_wrong_passphrase_still_says_so(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        open_store(db_path, "not the passphrase at all")


def test_oversized_key_file_is_refused_without_reading_it_all(db_path: Path) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    keys.key_file_path(db_path).write_bytes(b" " * (keys.MAX_KEY_FILE_BYTES + 10))
    with pytest.raises(KeyFileDamaged, match="far too large"):
        open_store(db_path, PASSPHRASE)


@pytest.mark.parametrize("checksum", [None, "\u00e9" * 64])
def test_a_missing_or_garbled_checksum_is_an_altered_key_file(
    db_path: Path, checksum: str | None
) -> None:
    create_store(db_path, PASSPHRASE)[0].close()
    path = keys.key_file_path(db_path)
    document = json.loads(path.read_text())
    document["checksum"] = checksum
    document["verifier"] = "\u00e9" + document["verifier"][1:]
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileDamaged, match="has been altered"):
        open_store(db_path, PASSPHRASE)
