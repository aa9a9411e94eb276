"""Unwrapping the store's data key in a thread, beside the loading of the code that opens it.

The key file's scrypt (~50-100 ms) releases the GIL, so when the passphrase is already in the
environment it runs while the GUI thread imports the register and main window code, instead
of after. (Started any earlier, beside PySide6's import, its own imports delay the first
window more than the overlap gains.) No Qt here.
"""

from __future__ import annotations

import threading
from pathlib import Path


class EarlyUnlock:
    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        self._passphrase = passphrase
        self._key: str | None = None
        self._thread = threading.Thread(target=self._run, name="early-unlock", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # Only the key file's code (not the store's, nor sqlcipher3): this thread should reach
        # scrypt, which releases the GIL, before the GUI thread's imports get in its way.
        from lscp_desktop.trust import keys

        try:
            key_file = keys.key_file_path(self.path)
            if key_file.exists():  # a new store has no key to unwrap yet
                data_key = keys.read_key_file(key_file).unlock(self._passphrase)
                self._key = keys.sql_key(data_key)
        except (keys.WrongSecret, keys.KeyFileError, OSError):
            self._key = None  # the store's own opening says why, in the user's terms
        finally:
            self._passphrase = ""

    def key(self) -> str | None:
        """The PRAGMA key literal for `path`, once unwrapped; None if it could not be."""
        self._thread.join()
        return self._key
