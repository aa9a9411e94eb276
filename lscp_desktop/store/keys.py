"""The store's encryption keys: a random data key, wrapped by the passphrase and the recovery key.

SQLCipher has one key per database. To let a recovery key unlock the store (and reset a forgotten
passphrase) without re-encrypting it, the database is keyed with a random 32-byte *data key* used
as SQLCipher's raw key (`PRAGMA key = "x'…'"`, which also skips SQLCipher's own per-connection
key derivation). The data key is stored only *wrapped*, in a small JSON key file beside the
database (`<db>.keys`), once under the passphrase and once under the recovery key.

How a wrap works (stdlib only, so nothing new to ship):

- a key-encryption key of 64 bytes is derived from the secret with scrypt (N=2**14, r=8, p=1,
  about 100 ms on a laptop, 16 MiB of memory) and a fresh random 16-byte salt;
- its first 32 bytes are a one-time pad: wrapped = data key XOR pad. The data key is uniformly
  random and a new salt (so a new pad) is drawn for every wrap, so the wrapped value says nothing
  about the data key without the secret — the one-time-pad argument, with scrypt as the PRF;
- its last 32 bytes key an HMAC-SHA256 tag over the wrap's label, salt and wrapped value. A wrong
  secret fails the tag before SQLCipher is ever asked, which is how a wrong passphrase is told
  apart from a damaged database (both read as "file is not a database" to SQLCipher);
- a verifier, HMAC-SHA256(data key, fixed label), confirms that an unwrapped key is the
  database's data key, and lets two key files be compared without unwrapping them.

Nothing secret is in the file in clear: salts, wrapped values, tags and the verifier only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp_desktop.files.writing import write_atomically

KEY_FILE_SUFFIX = ".keys"
FORMAT = "lscp-desktop-keys"
FORMAT_VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, typed in 8 groups of 4
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
_VERIFIER_LABEL = b"lscp-desktop data key verifier v1"


@dataclass(frozen=True)
class KdfParameters:
    n: int = 2**14
    r: int = 8
    p: int = 1

    def derive(self, secret: str, salt: bytes) -> bytes:
        return hashlib.scrypt(
            secret.encode("utf-8"),
            salt=salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=256 * self.n * self.r + 1024 * 1024,
            dklen=64,
        )


class KeyFileError(Exception):
    """The key file is missing, unreadable or not one of ours."""


class WrongSecret(Exception):
    """The passphrase or recovery key does not unwrap the data key."""


def key_file_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEY_FILE_SUFFIX)


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_key() -> str:
    """A recovery key to write down: 32 base32 characters in groups of 4."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(typed: str) -> str:
    """What people type (lower case, spaces, dashes, O for 0) read as the key that was shown."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def sql_key(data_key: bytes) -> str:
    """The data key as SQLCipher's raw-key literal for PRAGMA key."""
    return "\"x'" + data_key.hex() + "'\""


def verifier(data_key: bytes) -> str:
    return hmac.new(data_key, _VERIFIER_LABEL, hashlib.sha256).hexdigest()


def _wrap(data_key: bytes, secret: str, label: str, kdf: KdfParameters) -> dict[str, str]:
    salt = secrets.token_bytes(16)
    derived = kdf.derive(secret, salt)
    wrapped = bytes(a ^ b for a, b in zip(data_key, derived[:32], strict=True))
    tag = hmac.new(derived[32:], label.encode() + salt + wrapped, hashlib.sha256).hexdigest()
    return {"salt": salt.hex(), "wrapped": wrapped.hex(), "tag": tag}


def _unwrap(wrap: dict[str, str], secret: str, label: str, kdf: KdfParameters) -> bytes:
    salt = bytes.fromhex(wrap["salt"])
    wrapped = bytes.fromhex(wrap["wrapped"])
    derived = kdf.derive(secret, salt)
    tag = hmac.new(derived[32:], label.encode() + salt + wrapped, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(tag, wrap["tag"]):
        raise WrongSecret(label)
    return bytes(a ^ b for a, b in zip(wrapped, derived[:32], strict=True))


@dataclass
class KeyFile:
    """The contents of `<db>.keys`: the data key's wraps and its verifier."""

    verifier: str
    wraps: dict[str, dict[str, str]]
    kdf: KdfParameters

    @property
    def has_recovery_key(self) -> bool:
        return RECOVERY in self.wraps

    def unlock(self, passphrase: str) -> bytes:
        return self._unlock(PASSPHRASE, passphrase)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        if not self.has_recovery_key:
            raise KeyFileError("This database has no recovery key.")
        return self._unlock(RECOVERY, normalise_recovery_key(recovery_key))

    def _unlock(self, label: str, secret: str) -> bytes:
        data_key = _unwrap(self.wraps[label], secret, label, self.kdf)
        if not hmac.compare_digest(verifier(data_key), self.verifier):
            raise KeyFileError("The key file is inconsistent: its verifier does not match.")
        return data_key

    def set_passphrase(self, data_key: bytes, passphrase: str) -> None:
        self.wraps[PASSPHRASE] = _wrap(data_key, passphrase, PASSPHRASE, self.kdf)

    def set_recovery_key(self, data_key: bytes) -> str:
        """Wrap the data key under a new recovery key (replacing any old one) and return it."""
        recovery_key = new_recovery_key()
        self.wraps[RECOVERY] = _wrap(data_key, recovery_key, RECOVERY, self.kdf)
        return recovery_key

    def to_json(self) -> str:
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "kdf": {"name": "scrypt", "n": self.kdf.n, "r": self.kdf.r, "p": self.kdf.p},
            "verifier": self.verifier,
            "wraps": self.wraps,
        }
        return json.dumps(document, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            document = json.loads(text)
            if document.get("format") != FORMAT:
                raise KeyFileError("This is not an LSCP Desktop key file.")
            if int(document["version"]) > FORMAT_VERSION:
                raise KeyFileError("The key file was written by a newer version of LSCP Desktop.")
            kdf = document["kdf"]
            wraps = {
                str(label): {k: str(wrap[k]) for k in ("salt", "wrapped", "tag")}
                for label, wrap in document["wraps"].items()
            }
            if PASSPHRASE not in wraps:
                raise KeyFileError("The key file has no passphrase entry.")
            return cls(
                verifier=str(document["verifier"]),
                wraps=wraps,
                kdf=KdfParameters(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise KeyFileError(f"The key file is damaged ({error}).") from None


def create_key_file(
    data_key: bytes, passphrase: str, *, with_recovery_key: bool
) -> tuple[KeyFile, str | None]:
    keys = KeyFile(verifier=verifier(data_key), wraps={}, kdf=KdfParameters())
    keys.set_passphrase(data_key, passphrase)
    recovery_key = keys.set_recovery_key(data_key) if with_recovery_key else None
    return keys, recovery_key


def read_key_file(path: Path) -> KeyFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileError(f"The key file {path} is missing.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"The key file {path} cannot be read ({error}).") from None
    return KeyFile.from_json(text)


def write_key_file(path: Path, keys: KeyFile) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    write_atomically(path, keys.to_json().encode("utf-8"))
