"""The store's encryption keys: a random data key, wrapped by the passphrase and the recovery key.

SQLCipher has one key per database. To let a recovery key unlock the store (and reset a forgotten
passphrase) without re-encrypting it, the database is keyed with a random 32-byte *data key* used
as SQLCipher's raw key (`PRAGMA key = "x'…'"`, which also skips SQLCipher's own per-connection
key derivation). The data key is stored only *wrapped*, in a small JSON key file beside the
database (`<db>.keys`), once under the passphrase and once under the recovery key.

How a wrap works (version 2, written since key wrapping moved to the `cryptography` library):

- a 32-byte key-encryption key is derived from the secret (NFC-normalised, so the same
  passphrase typed on another keyboard gives the same bytes) with Argon2id at OWASP's minimum
  (19 MiB, 2 passes, 1 lane; about 80 ms) and a fresh random 16-byte salt, by `argon2-cffi`;
- the data key is encrypted under it with AES-256-GCM (`cryptography`), with a fresh 12-byte
  nonce, the wrap's label and the file's verifier as associated data. A wrong secret fails
  GCM's tag before SQLCipher is ever asked, which is how a wrong passphrase is told apart from
  a damaged database (both read as "file is not a database" to SQLCipher);
- a verifier, HMAC-SHA256(data key, fixed label), confirms that an unwrapped key is the
  database's data key, and lets two key files be compared without unwrapping them;
- a SHA-256 checksum over the file's content tells an altered or damaged key file (its own
  message) apart from a wrong passphrase.

Version 1 files (scrypt N=2**14, XOR pad, HMAC tag, hand-written) still unlock; a wrap is
rewritten in version 2 the first time its secret unlocks it. KDF parameters read from a file
are bounded, so an altered file cannot make the app ask for gigabytes of memory.

Nothing secret is in the file in clear: salts, nonces, ciphertexts, the verifier, the checksum.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lscp_desktop.files.writing import write_atomically

KEY_FILE_SUFFIX = ".keys"
FORMAT = "lscp-desktop-keys"
FORMAT_VERSION = 2
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, typed in 8 groups of 4
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
_VERIFIER_LABEL = b"lscp-desktop data key verifier v1"
ARGON2ID_AES_GCM = "argon2id-aes256gcm"
SCRYPT_XOR_HMAC = "scrypt-xor-hmac"  # version 1's wrap, read only
MAX_KEY_FILE_BYTES = 64 * 1024  # a real one is under 2 KB


class KeyFileError(Exception):
    """The key file is missing, unreadable or not one of ours."""


class WrongSecret(Exception):
    """The passphrase or recovery key does not unwrap the data key."""


def normalise_secret(secret: str) -> str:
    """NFC: "é" typed as one code point or as e + accent is the same passphrase."""
    return unicodedata.normalize("NFC", secret)


def _bounded(value: Any, low: int, high: int, what: str) -> int:
    number = int(value)
    if not low <= number <= high:
        raise KeyFileError(
            f"The key file asks for a key derivation {what} of {number}, outside "
            f"{low}-{high}: it has been altered or damaged. Nothing was tried."
        )
    return number


@dataclass(frozen=True)
class Argon2Wrap:
    """The data key under AES-256-GCM, keyed by Argon2id of the secret."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    memory_kib: int = 19 * 1024  # OWASP's minimum for Argon2id: m=19 MiB, t=2, p=1
    time_cost: int = 2
    parallelism: int = 1

    def _kek(self, secret: str) -> bytes:
        # argon2-cffi's own CFFI bindings, called as argon2.low_level.hash_secret_raw does:
        # importing them costs 2 ms at start-up, the `argon2` package around them 35 ms.
        # A CFFI call releases the GIL, so the GUI thread goes on while this runs.
        from _argon2_cffi_bindings import ffi, lib  # type: ignore[import-untyped]

        password = normalise_secret(secret).encode("utf-8")
        output = ffi.new("uint8_t[]", 32)
        result = lib.argon2_hash(
            self.time_cost,
            self.memory_kib,
            self.parallelism,
            ffi.new("uint8_t[]", password),
            len(password),
            ffi.new("uint8_t[]", self.salt),
            len(self.salt),
            output,
            32,
            ffi.NULL,
            0,
            lib.Argon2_id,
            lib.ARGON2_VERSION_NUMBER,
        )
        if result != lib.ARGON2_OK:
            message = ffi.string(lib.argon2_error_message(result)).decode("ascii", "replace")
            raise KeyFileError(f"The key file's key derivation failed ({message}).")
        return bytes(ffi.buffer(output, 32))

    @classmethod
    def make(cls, data_key: bytes, secret: str, associated: bytes) -> Argon2Wrap:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        blank = cls(salt=secrets.token_bytes(16), nonce=secrets.token_bytes(12), ciphertext=b"")
        ciphertext = AESGCM(blank._kek(secret)).encrypt(blank.nonce, data_key, associated)
        return cls(salt=blank.salt, nonce=blank.nonce, ciphertext=ciphertext)

    def unwrap(self, secret: str, associated: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(self._kek(secret)).decrypt(self.nonce, self.ciphertext, associated)
        except InvalidTag:
            raise WrongSecret from None

    def to_json(self) -> dict[str, Any]:
        return {
            "scheme": ARGON2ID_AES_GCM,
            "memory_kib": self.memory_kib,
            "time_cost": self.time_cost,
            "parallelism": self.parallelism,
            "salt": self.salt.hex(),
            "nonce": self.nonce.hex(),
            "ciphertext": self.ciphertext.hex(),
        }

    @classmethod
    def from_json(cls, wrap: dict[str, Any]) -> Argon2Wrap:
        return cls(
            salt=bytes.fromhex(wrap["salt"]),
            nonce=bytes.fromhex(wrap["nonce"]),
            ciphertext=bytes.fromhex(wrap["ciphertext"]),
            memory_kib=_bounded(wrap["memory_kib"], 8 * 1024, 1024 * 1024, "memory (KiB)"),
            time_cost=_bounded(wrap["time_cost"], 1, 16, "pass count"),
            parallelism=_bounded(wrap["parallelism"], 1, 16, "lane count"),
        )


@dataclass(frozen=True)
class ScryptWrap:
    """Version 1's wrap (read only): scrypt → 32-byte pad XOR data key, HMAC-SHA256 tag."""

    salt: bytes
    wrapped: bytes
    tag: str
    n: int = 2**14
    r: int = 8
    p: int = 1

    def unwrap(self, secret: str, label: str) -> bytes:
        derived = hashlib.scrypt(
            secret.encode("utf-8"),
            salt=self.salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=256 * self.n * self.r + 1024 * 1024,
            dklen=64,
        )
        tag = hmac.new(derived[32:], label.encode() + self.salt + self.wrapped, hashlib.sha256)
        if not hmac.compare_digest(tag.hexdigest().encode(), self.tag.encode()):
            raise WrongSecret(label)
        return bytes(a ^ b for a, b in zip(self.wrapped, derived[:32], strict=True))

    def to_json(self) -> dict[str, Any]:
        return {
            "scheme": SCRYPT_XOR_HMAC,
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": self.salt.hex(),
            "wrapped": self.wrapped.hex(),
            "tag": self.tag,
        }

    @classmethod
    def from_json(cls, wrap: dict[str, Any], kdf: dict[str, Any]) -> ScryptWrap:
        n = _bounded(kdf["n"], 2**10, 2**20, "cost N")
        if n & (n - 1):
            raise KeyFileError("The key file's scrypt cost N is not a power of two: it is damaged.")
        return cls(
            salt=bytes.fromhex(wrap["salt"]),
            wrapped=bytes.fromhex(wrap["wrapped"]),
            tag=str(wrap["tag"]),
            n=n,
            r=_bounded(kdf["r"], 1, 32, "block size r"),
            p=_bounded(kdf["p"], 1, 4, "parallelism p"),
        )


Wrap = Argon2Wrap | ScryptWrap


class KeyFileMissing(KeyFileError):
    """No key file beside the database."""


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


@dataclass
class KeyFile:
    """The contents of `<db>.keys`: the data key's wraps and its verifier.

    `upgraded` is set when an unlock rewrote an old wrap: the caller saves the file.
    """

    verifier: str
    wraps: dict[str, Wrap]
    upgraded: bool = field(default=False, compare=False)

    @property
    def has_recovery_key(self) -> bool:
        return RECOVERY in self.wraps

    @property
    def is_current(self) -> bool:
        return all(isinstance(wrap, Argon2Wrap) for wrap in self.wraps.values())

    def unlock(self, passphrase: str) -> bytes:
        return self._unlock(PASSPHRASE, passphrase)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        if not self.has_recovery_key:
            raise KeyFileError("This database has no recovery key.")
        return self._unlock(RECOVERY, normalise_recovery_key(recovery_key))

    def _associated(self, label: str) -> bytes:
        # Binds a wrap to its role and its file: moved to another label or file, it fails.
        return f"{FORMAT} {label} {self.verifier}".encode()

    def _unlock(self, label: str, secret: str) -> bytes:
        wrap = self.wraps[label]
        if isinstance(wrap, Argon2Wrap):
            data_key = wrap.unwrap(secret, self._associated(label))
        else:
            data_key = wrap.unwrap(secret, label)  # as typed: version 1 did not normalise
        if not hmac.compare_digest(verifier(data_key).encode(), self.verifier.encode()):
            raise KeyFileError("The key file is inconsistent: its verifier does not match.")
        if isinstance(wrap, ScryptWrap):
            self.wraps[label] = Argon2Wrap.make(data_key, secret, self._associated(label))
            self.upgraded = True
        return data_key

    def set_passphrase(self, data_key: bytes, passphrase: str) -> None:
        self.wraps[PASSPHRASE] = Argon2Wrap.make(data_key, passphrase, self._associated(PASSPHRASE))

    def set_recovery_key(self, data_key: bytes) -> str:
        """Wrap the data key under a new recovery key (replacing any old one) and return it."""
        recovery_key = new_recovery_key()
        self.wraps[RECOVERY] = Argon2Wrap.make(data_key, recovery_key, self._associated(RECOVERY))
        return recovery_key

    def _content(self) -> dict[str, Any]:
        return {
            "verifier": self.verifier,
            "wraps": {label: wrap.to_json() for label, wrap in self.wraps.items()},
        }

    def checksum(self) -> str:
        return hashlib.sha256(json.dumps(self._content(), sort_keys=True).encode()).hexdigest()

    def to_json(self) -> str:
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            **self._content(),
            "checksum": self.checksum(),
        }
        return json.dumps(document, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            document = json.loads(text)
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise KeyFileError("This is not an LSCP Desktop key file.")
            version = int(document["version"])
            if version > FORMAT_VERSION:
                raise KeyFileError("The key file was written by a newer version of LSCP Desktop.")
            wraps = {
                str(label): _wrap_from_json(wrap, document.get("kdf"))
                for label, wrap in document["wraps"].items()
            }
            if PASSPHRASE not in wraps:
                raise KeyFileError("The key file has no passphrase entry.")
            keys = cls(verifier=str(document["verifier"]), wraps=wraps)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise KeyFileError(f"The key file is damaged ({error}).") from None
        recorded = str(document.get("checksum", ""))
        if version >= 2 and not hmac.compare_digest(keys.checksum().encode(), recorded.encode()):
            raise KeyFileError(
                "The key file has been altered since LSCP Desktop wrote it (its checksum does "
                "not match), so the passphrase cannot be checked against it."
            )
        return keys


def _wrap_from_json(wrap: dict[str, Any], version_1_kdf: Any) -> Wrap:
    scheme = wrap.get("scheme", SCRYPT_XOR_HMAC)
    if scheme == ARGON2ID_AES_GCM:
        return Argon2Wrap.from_json(wrap)
    if scheme == SCRYPT_XOR_HMAC:
        # Version 1 kept scrypt's parameters once for the file; version 2 in each wrap.
        return ScryptWrap.from_json(wrap, version_1_kdf if "n" not in wrap else wrap)
    raise KeyFileError(f"The key file uses an unknown wrapping ({scheme}).")


def create_key_file(
    data_key: bytes, passphrase: str, *, with_recovery_key: bool
) -> tuple[KeyFile, str | None]:
    keys = KeyFile(verifier=verifier(data_key), wraps={})
    keys.set_passphrase(data_key, passphrase)
    recovery_key = keys.set_recovery_key(data_key) if with_recovery_key else None
    return keys, recovery_key


def read_key_file(path: Path) -> KeyFile:
    try:
        with open(path, "rb") as handle:
            content = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing(f"The key file {path.name} beside the database is missing.") from None
    except OSError as error:
        raise KeyFileError(f"The key file {path} cannot be read ({error.strerror}).") from None
    if len(content) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(f"The key file {path.name} is far too large to be one: it is damaged.")
    try:
        return KeyFile.from_json(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise KeyFileError(f"The key file {path.name} is damaged (not text).") from None


def unlock_key_file(path: Path, passphrase: str) -> bytes:
    """The data key from the key file at `path`; an old-format wrap it unlocked is saved
    upgraded (atomically; a read-only folder just keeps the old file, which still works)."""
    key_file = read_key_file(path)
    data_key = key_file.unlock(passphrase)
    if key_file.upgraded:
        with contextlib.suppress(OSError):
            write_key_file(path, key_file)
    return data_key


def write_key_file(path: Path, keys: KeyFile) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    write_atomically(path, keys.to_json().encode("utf-8"))
