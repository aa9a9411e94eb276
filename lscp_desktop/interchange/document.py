"""The shape of the interchange document: its name, version, limits and value formats."""

from __future__ import annotations

import datetime as dt

FORMAT = "lscp-desktop"
VERSION = 2
# Versions `import` reads: version 1 (one child on the case, the notification on a decision) is
# read into version 2's shape (interchange/version_one.py).
READABLE_VERSIONS = (1, 2)

# A long meeting's minutes run to about 2 MB; anything past 5 MB is a mistake, not minutes.
MAX_TEXT_BYTES = 5 * 1024 * 1024
# Ten thousand cases export to well under 100 MB; past this a file is refused before it is
# read into memory (and parsed, at several times its size).
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
# SQLite stores whole numbers up to 2**63 - 1; no count or duration here comes near 2**31.
MAX_WHOLE_NUMBER = 2**31 - 1
# Dates a safeguarding record can hold: anything outside is a typing slip (9999-12-31), and
# working-day arithmetic near the calendar's end would fail rather than refuse.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)

DATE_FORMAT = "%Y-%m-%d"
MINUTE_FORMAT = "%Y-%m-%dT%H:%M"  # held_at: minute precision, local time
SECOND_FORMAT = "%Y-%m-%dT%H:%M:%S"  # record timestamps (approved_at, added_at, ...)


class InterchangeError(Exception):
    """A document that cannot be imported; the message names the place in the file."""


def outside_sane_range(value: dt.date) -> str | None:
    """Why a date cannot be a real record's date, or None (one rule for every date read)."""
    if EARLIEST_DATE <= value <= LATEST_DATE:
        return None
    return f"{value.isoformat()} is outside {EARLIEST_DATE.year}-{LATEST_DATE.year}"


def date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.strftime(DATE_FORMAT)


def minute_text(value: dt.datetime) -> str:
    return value.strftime(MINUTE_FORMAT)


def second_text(value: dt.datetime | None) -> str | None:
    return None if value is None else value.strftime(SECOND_FORMAT)
