"""The statutory deadlines approved minutes print: those that held when they were approved.

Approved minutes do not change afterwards. The deadlines are computed from settings (day 0,
the partnership's extra bank holidays) and from later records (a later meeting's CSPR
decision), any of which may change after approval; so approval keeps the deadlines as they
stood (`Meeting.approved_deadlines`, locked with the minutes) and every document of an approved
meeting prints those. The register always shows today's computation.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from lscp_desktop.deadlines.statutory import CaseDeadlines, case_deadlines
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import MeetingStatus
from lscp_desktop.settings.stored import deadline_rules

KEYS = ("notification_due", "partners_informed_due", "rapid_review_due", "cspr_publication_due")
REQUIRED = ("notification_due", "partners_informed_due")


def as_they_stand(session: Session, meeting: Meeting) -> str:
    """The deadlines as they stand now, as the meeting being approved keeps them."""
    return to_text(case_deadlines(meeting.case, deadline_rules(session)))


def deadlines_for(session: Session, meeting: Meeting) -> CaseDeadlines:
    """What the meeting's documents print: the approved deadlines once approved (when kept;
    minutes approved before they were kept print today's computation), else today's."""
    if meeting.status is MeetingStatus.APPROVED and meeting.approved_deadlines:
        return from_text(meeting.approved_deadlines)
    return case_deadlines(meeting.case, deadline_rules(session))


def to_text(deadlines: CaseDeadlines) -> str:
    return json.dumps(to_json(deadlines), sort_keys=True)


def to_json(deadlines: CaseDeadlines) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for key in KEYS:
        day: dt.date | None = getattr(deadlines, key)
        values[key] = None if day is None else day.isoformat()
    return values


def from_json(values: dict[str, Any]) -> CaseDeadlines:
    """Raises ValueError (naming the key) on a missing or malformed date."""
    days: dict[str, dt.date | None] = {}
    for key in KEYS:
        value = values.get(key)
        if value is None:
            if key in REQUIRED:
                raise ValueError(f"{key}: is required")
            days[key] = None
            continue
        if not isinstance(value, str):
            raise ValueError(f"{key}: expected a date (YYYY-MM-DD)")
        try:
            days[key] = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{key}: {value!r} is not a date (YYYY-MM-DD)") from None
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ValueError(f"{unknown[0]}: not a field of the approved deadlines")
    notification_due = days["notification_due"]
    partners_informed_due = days["partners_informed_due"]
    assert notification_due is not None and partners_informed_due is not None
    return CaseDeadlines(
        notification_due=notification_due,
        partners_informed_due=partners_informed_due,
        rapid_review_due=days["rapid_review_due"],
        cspr_publication_due=days["cspr_publication_due"],
    )


def from_text(text: str) -> CaseDeadlines:
    return from_json(json.loads(text))


def approved_deadlines_json(meeting: Meeting) -> dict[str, str | None] | None:
    """The interchange form: null until the minutes are approved with their deadlines kept."""
    if not meeting.approved_deadlines:
        return None
    return to_json(from_text(meeting.approved_deadlines))
