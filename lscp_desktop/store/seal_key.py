"""The audit seal's key: an HMAC key derived from the database's data key with HKDF.

Whoever can rewrite the database and its seal file without the data key cannot make a seal
that verifies, so cutting the audit log short and writing a matching seal shows at the next
open and in `check`. Derived, never stored: the data key is unwrapped at every open anyway.
"""

from __future__ import annotations

import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hmac import HMAC
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"lscp-desktop audit seal v1"
_RAW_KEY = re.compile(r"^\"x'([0-9a-fA-F]+)'\"$")


def seal_key(data_key: bytes) -> bytes:
    """The seal's HMAC key for a database whose data key is `data_key`."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(data_key)


def seal_key_for(sql_key: str) -> bytes:
    """The seal key from the PRAGMA key literal a store is opened with: the raw data key
    (keys.sql_key), or for databases keyed directly by the passphrase, that literal itself."""
    raw = _RAW_KEY.match(sql_key)
    return seal_key(bytes.fromhex(raw.group(1)) if raw else sql_key.encode("utf-8"))


def _hmac(key: bytes, entries: int, last_id: int, last_hash: str) -> HMAC:
    mac = HMAC(key, hashes.SHA256())
    mac.update(f"lscp-desktop-seal:{entries}:{last_id}:{last_hash}".encode())
    return mac


def seal_mac(key: bytes, entries: int, last_id: int, last_hash: str) -> str:
    """The HMAC-SHA256 a seal carries over what it states."""
    return _hmac(key, entries, last_id, last_hash).finalize().hex()


def mac_matches(key: bytes, entries: int, last_id: int, last_hash: str, mac: str) -> bool:
    """Whether `mac` is the seal's HMAC (compared in constant time)."""
    try:
        _hmac(key, entries, last_id, last_hash).verify(bytes.fromhex(mac))
    except (InvalidSignature, ValueError):
        return False
    return True
