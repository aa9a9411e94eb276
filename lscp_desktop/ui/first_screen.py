"""The main window's first screen, read beside the opening frame; SQLAlchemy, loaded beside
the main window once it is up.

Start-up order when the passphrase comes from the environment (see launch.run_gui):

1. the opening frame is painted (Qt only);
2. a thread (start_ahead.StartAhead) unwraps the key, then reads the case register with plain
   SQL on a connection of its own; meanwhile the GUI thread imports the store's code, opens
   the store *without* SQLAlchemy (in a thread, so the frame stays responsive), imports the
   main window's code and builds the window;
3. the rows go in and the window is shown: the chair can read, filter and search;
4. a thread loads SQLAlchemy and the models (~0.4 s of imports), then the GUI thread attaches
   the ORM to the open connection. Anything that needs it sooner simply attaches it first.

Nothing in 1-3 imports SQLAlchemy (tests/ui/test_first_screen.py holds to that).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from lscp_desktop.models.database import Store, load_orm, open_store


def open_without_orm(path: Path, passphrase: str, *, check: bool, key: str | None = None) -> Store:
    """The store opened, SQLAlchemy not loaded. No Qt: for a thread.

    `key`: the PRAGMA key literal, if already unwrapped (see start_ahead). A file that needs
    migrating is migrated here (SQLAlchemy and Alembic load for that).
    """
    return open_store(path, passphrase, create=False, check=check, attach=False, key=key)


class _Relay(QObject):
    finished = Signal()


_running: list[_Relay] = []  # each relay lives until its signal has been delivered


def attach_orm_beside_window(store: Store, then: Callable[[], None]) -> None:
    """Load SQLAlchemy and the models in a thread, then attach the ORM to `store` and call
    `then`, both on the GUI thread (from its event loop). If the GUI needs the ORM first, it
    attaches it there and then (Python's import lock waits for the thread's imports)."""
    relay = _Relay()
    _running.append(relay)

    def done() -> None:
        _running.remove(relay)
        store.orm  # noqa: B018 - attaching is the point: the engine, seeding check, audit
        then()

    # Queued: delivered through the GUI thread's event queue, never run in the worker.
    relay.finished.connect(done, Qt.ConnectionType.QueuedConnection)

    def load() -> None:
        try:
            load_orm()
        finally:
            relay.finished.emit()

    threading.Thread(target=load, name="loading-orm", daemon=True).start()
