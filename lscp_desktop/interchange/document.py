"""The shape of the interchange document: its name, version, limits and value formats."""

from __future__ import annotations

import datetime as dt

FORMAT = "lscp-desktop"
VERSION = 1

# A long meeting's minutes run to about 2 MB; anything past 5 MB is a mistake, not minutes.
MAX_TEXT_BYTES = 5 * 1024 * 1024

DATE_FORMAT = "%Y-%m-%d"
MINUTE_FORMAT = "%Y-%m-%dT%H:%M"  # held_at: minute precision, local time
SECOND_FORMAT = "%Y-%m-%dT%H:%M:%S"  # record timestamps (approved_at, added_at, ...)


class InterchangeError(Exception):
    """A document that cannot be imported; the message names the place in the file."""


def date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.strftime(DATE_FORMAT)


def minute_text(value: dt.datetime) -> str:
    return value.strftime(MINUTE_FORMAT)


def second_text(value: dt.datetime | None) -> str | None:
    return None if value is None else value.strftime(SECOND_FORMAT)
