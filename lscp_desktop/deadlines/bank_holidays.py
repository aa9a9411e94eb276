"""The bank holiday cache file: England's bank holidays as last computed by `holidays`.

Computing them means importing the `holidays` package, which loads every country's calendar
(~150 ms), on the start-up path. The file keeps the answers between runs. `holidays` stays
the only source: the file is keyed by the installed package's version and the holiday rule,
so a new release or a changed rule makes the file be ignored and written afresh.

Bank holiday dates are public data, not case data: that is why this file, unlike the store,
is not encrypted.

Nothing here raises: a missing, damaged or unwritable file only means computing again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from lscp_desktop.files.paths import cache_dir
from lscp_desktop.files.writing import write_atomically

CACHE_FILE_NAME = "bank-holidays.json"
# Bumped whenever the layout of the file changes, so an older layout is never misread.
FILE_FORMAT = "1"
_DIST_PREFIX = "holidays-"
_DIST_SUFFIX = ".dist-info"

CacheKey = dict[str, str]
YearHolidays = Mapping[int, frozenset[dt.date]]


def cache_path() -> Path:
    return cache_dir() / CACHE_FILE_NAME


def installed_holidays_version() -> str | None:
    """The version of the `holidays` distribution on sys.path, or None if it cannot be told.

    Read from the name of its `holidays-<version>.dist-info` folder, the first one in sys.path
    order (the order imports use). Neither `import holidays` nor importlib.metadata: those cost
    more than the cache saves. PyInstaller bundles carry the folder too, because holidays
    itself asks importlib.metadata for its version. Two such folders in one sys.path entry
    (a botched upgrade) make the answer uncertain, so that gives None.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or os.curdir)
        except OSError:  # a zip file, a path hook, a folder that does not exist
            continue
        versions = [
            name[len(_DIST_PREFIX) : -len(_DIST_SUFFIX)]
            for name in names
            if name.lower().startswith(_DIST_PREFIX) and name.lower().endswith(_DIST_SUFFIX)
        ]
        if versions:
            return versions[0] if len(versions) == 1 and versions[0] else None
    return None


def cache_key(rule: str) -> CacheKey | None:
    """What a cache file must match to be used; None (no caching) without a known version."""
    version = installed_holidays_version()
    if version is None:
        return None
    return {"format": FILE_FORMAT, "holidays": version, "rule": rule}


def read_cache(key: CacheKey) -> dict[int, frozenset[dt.date]]:
    """The years stored under `key`; empty if the file is missing, damaged or has another key."""
    try:
        document = json.loads(cache_path().read_bytes())
    except (OSError, ValueError):  # ValueError covers bad JSON and bad UTF-8
        return {}
    if not isinstance(document, dict) or document.get("key") != key:
        return {}
    try:
        return _parse_years(document.get("years"))
    except ValueError:
        return {}


def _parse_years(stored: object) -> dict[int, frozenset[dt.date]]:
    """{"2025": ["2025-01-01", ...]} back into dates; ValueError on anything unexpected."""
    if not isinstance(stored, dict):
        raise ValueError("years is not an object")
    years: dict[int, frozenset[dt.date]] = {}
    for year_text, days in stored.items():
        year = int(year_text)
        if not isinstance(days, list) or not all(isinstance(day, str) for day in days):
            raise ValueError(f"{year}: not a list of dates")
        dates = frozenset(dt.date.fromisoformat(day) for day in days)
        if any(day.year != year for day in dates):
            raise ValueError(f"{year}: a date from another year")
        years[year] = dates
    return years


def write_cache(key: CacheKey, years: YearHolidays) -> None:
    """Replace the file with `years` under `key`, atomically; a failure is silently skipped."""
    document = {
        "key": key,
        "years": {
            str(year): sorted(day.isoformat() for day in days)
            for year, days in sorted(years.items())
        },
    }
    path = cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, (json.dumps(document, indent=1) + "\n").encode("utf-8"))
    except OSError:
        return
