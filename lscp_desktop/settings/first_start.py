"""Whether a database is new and nobody has said whose partnership it is (settings/first_run.py).

Plain SQL on the store's connection and no SQLAlchemy: the window asks this while it is drawn,
before the ORM loads.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.settings import stored as settings


def first_run_needed(connection: Any) -> bool:
    """A database nobody has set up yet: no partnership name stored and no case entered."""
    named = connection.execute(
        "SELECT 1 FROM settings WHERE key = ?", (settings.ORGANISATION,)
    ).fetchone()
    if named is not None:
        return False
    return connection.execute("SELECT 1 FROM cases LIMIT 1").fetchone() is None
