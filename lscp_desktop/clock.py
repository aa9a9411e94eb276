"""The one clock of the record: wall-clock time in England (Europe/London), to the second.

Every time the record keeps (a meeting started, minutes approved, an export generated) and every
"today" a deadline is counted from is England's, whatever the machine's own time zone says: a
laptop left on UTC, or set to the time zone of a trip abroad, must not move a statutory
deadline or print the wrong hour in the minutes. Times are naive, as the store keeps them.
(The audit log keeps UTC on purpose: its hashes must not depend on summer time.)
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

ZONE = "Europe/London"


@cache
def _london() -> Any:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(ZONE)
    except Exception:  # no time zone database (a bare Windows install): the machine's clock
        return None


def london_now() -> dt.datetime:
    """Now as England's wall-clock time, to the second (naive, like the store's times)."""
    zone = _london()
    if zone is None:
        return dt.datetime.now().replace(microsecond=0)
    return dt.datetime.now(zone).replace(tzinfo=None, microsecond=0)


def london_today() -> dt.date:
    """Today in England: the day deadlines are counted to."""
    return london_now().date()
