"""Which cases are checked out, for the register: plain SQL on the store's connection, like the
register itself (no SQLAlchemy before the window is up).

On a server, the leases of `checkouts` (models/checkout.py): "checked out to Pat on LAPTOP-7
since ...". In a laptop copy, the leases the copy holds (its `checkout/REF` settings, written by
interchange/checkout.py): "checked out of the server to this copy".
"""

from __future__ import annotations

import json
from typing import Any

from lscp_desktop.store.raw_sql import as_datetime

LEASE_PREFIX = "checkout/"


def checkout_notes(connection: Any) -> dict[str, str]:
    """A short note per checked-out case, by reference; {} when none is."""
    notes: dict[str, str] = {}
    for reference, holder, machine, since in connection.execute(
        "SELECT reference, holder, machine, since FROM checkouts"
    ):
        when = as_datetime(since)
        notes[str(reference)] = (
            f"checked out to {holder} on {machine} since {when:%d/%m/%Y %H:%M} UTC"
        )
    for key, value in connection.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'checkout/%'"
    ):
        try:
            lease = json.loads(value)
            notes[str(key).removeprefix(LEASE_PREFIX)] = (
                f"checked out of {lease['server']} to this copy; check it in when back"
            )
        except (ValueError, KeyError, TypeError):
            continue
    return notes
