"""The start-up work that needs no window, done in a thread ahead of the GUI thread: unwrap
the store's data key, then read the case register on a connection of its own.

The key file's Argon2id (~80 ms; an old file's scrypt, and its upgrade, once) releases the
GIL, so when the passphrase is already in the environment it runs while the GUI thread
imports the register and main window code. The
register (four reads, each one JSON array built by SQLite with the GIL released) is then read
while the GUI thread opens the store and builds the window. Started any earlier, beside
PySide6's import, this thread's own imports delayed the first window more than it gained.
No Qt here.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.clock import london_today

if TYPE_CHECKING:
    from lscp_desktop.cases.register import RegisterRow


class StartAhead:
    """`key()` and `rows()` wait for the thread; either is None when it could not be had
    (a wrong passphrase, a new store, a schema to migrate...): the GUI thread then does that
    step itself, and says why if it fails."""

    def __init__(self, path: Path, passphrase: str) -> None:
        # The key file's code is imported here, in the caller's thread, so that the new thread
        # goes straight into the KDF (which releases the GIL) instead of importing its way
        # there a few statements at a time between the GUI thread's imports.
        import lscp_desktop.store.keys  # noqa: F401

        self.path = path
        self._passphrase = passphrase
        self._key: str | None = None
        self._rows: list[RegisterRow] | None = None
        self._key_known = threading.Event()
        self._thread = threading.Thread(target=self._run, name="start-ahead", daemon=True)
        self._thread.start()

    def key(self) -> str | None:
        """The PRAGMA key literal for `path`, once unwrapped."""
        self._key_known.wait()
        return self._key

    def rows(self) -> list[RegisterRow] | None:
        """The case register, read ahead (None when it was not)."""
        self._thread.join()
        return self._rows

    def _run(self) -> None:
        try:
            self._key = self._unwrap()
        finally:
            self._passphrase = ""
            self._key_known.set()
        if self._key is not None:
            self._rows = self._register(self._key)

    def _unwrap(self) -> str | None:
        from lscp_desktop.store import keys

        try:
            key_file = keys.key_file_path(self.path)
            if not key_file.exists():  # a new store has no key to unwrap yet
                return None
            return keys.sql_key(keys.unlock_key_file(key_file, self._passphrase))
        except (keys.WrongSecret, keys.KeyFileError, OSError):
            return None  # the store's own opening says why, in the user's terms

    def _register(self, key: str) -> list[RegisterRow] | None:
        from lscp_desktop.cases.register import register_rows
        from lscp_desktop.deadlines.rules import read_deadline_rules
        from lscp_desktop.store.database import connect_keyed, is_current, is_sqlite_error
        from lscp_desktop.store.errors import StoreError

        try:
            connection = connect_keyed(self.path, key, key_file_used=True)
        except StoreError:
            return None
        try:
            if not is_current(connection):  # to be migrated first, by the store's opening
                return None
            return register_rows(connection, read_deadline_rules(connection), london_today())
        except Exception as error:
            if is_sqlite_error(error):  # e.g. a damaged file: the store's opening says so
                return None
            raise
        finally:
            connection.close()
