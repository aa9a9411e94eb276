"""When a notification may be dated: not before the Local Authority became aware, not ahead.

A notification may be sent before the Extra-Ordinary RAG meets (the Local Authority cannot wait
when the 5-working-day deadline falls first), so the meeting's date is no bound. One rule for
the meeting screens and the importer; the message names the field, `notified_on`.
"""

from __future__ import annotations

import datetime as dt


def notified_on_problem(
    notified_on: dt.date | None, la_aware: dt.date, today: dt.date
) -> str | None:
    """Why `notified_on` cannot be recorded, or None when it can (or is not given)."""
    if notified_on is None:
        return None
    if notified_on < la_aware:
        return (
            f"notified_on: the notification ({notified_on:%d/%m/%Y}) cannot be dated before "
            f"the Local Authority became aware ({la_aware:%d/%m/%Y})."
        )
    if notified_on > today:
        return (
            f"notified_on: the notification ({notified_on:%d/%m/%Y}) cannot be dated in the future."
        )
    return None
