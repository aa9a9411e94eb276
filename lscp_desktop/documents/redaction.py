"""Redact in the exported copy: every name to keep out replaced by the pseudonym in what leaves.

Works on the `MeetingRecord` snapshot a document is written from, never on the store: the
record stays as minuted (approved minutes cannot change), only the copy that leaves differs.
Every string in the snapshot is redacted, not just the fields the check looked at, so nothing
the writers print can carry a name past it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from lscp_desktop.documents.meeting_record import MeetingRecord
from lscp_desktop.names.check import NameMatcher

# Identifiers and the replacement itself are not prose a name could hide in.
_KEEP = frozenset({"meeting_id", "pseudonym", "case_reference", "record_seal"})


def _redact(value: Any, matcher: NameMatcher, pseudonym: str, counter: list[int]) -> Any:
    if isinstance(value, str):
        text, count = matcher.redact(value, pseudonym)
        counter[0] += count
        return text
    if isinstance(value, tuple):
        return tuple(_redact(item, matcher, pseudonym, counter) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _redact(getattr(value, f.name), matcher, pseudonym, counter)
            for f in dataclasses.fields(value)
            if f.name not in _KEEP
        }
        return dataclasses.replace(value, **changes)
    return value  # dates, numbers, enums


def redact_record(record: MeetingRecord, matcher: NameMatcher) -> tuple[MeetingRecord, int]:
    """A copy of `record` with every name replaced by its pseudonym, and how many were."""
    counter = [0]
    redacted = _redact(record, matcher, record.pseudonym, counter)
    assert isinstance(redacted, MeetingRecord)
    return redacted, counter[0]
