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
        from lscp_desktop.models.database import unlock_key
        from lscp_desktop.store_errors import StoreError
        from lscp_desktop.trust.keys import key_file_path

        try:
            # Only a store with a key file has a key to unwrap (a new one has nothing yet).
            if key_file_path(self.path).exists():
                self._key = unlock_key(self.path, self._passphrase)
        except StoreError:  # the store's own opening says why, in the user's terms
            self._key = None
        finally:
            self._passphrase = ""

    def key(self) -> str | None:
        """The PRAGMA key literal for `path`, once unwrapped; None if it could not be."""
        self._thread.join()
        return self._key
