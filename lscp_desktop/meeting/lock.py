"""Finding a meeting, and refusing changes to what was minuted once its minutes are approved.

Every change to what is minuted goes through `editable_meeting`; follow-ups (notification
dates, action progress) use `get_meeting` instead. The same lock is enforced below the app by
the database triggers in `approval_lock`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import MeetingStatus
from lscp_desktop.refusals import RuleRefused


class MeetingRuleError(RuleRefused):
    """An operation the meeting's rules do not allow; the message is meant for the user."""


class MinutesLocked(MeetingRuleError):
    """The minutes are approved: what was minuted can no longer be changed."""


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise MeetingRuleError(f"There is no meeting {meeting_id} in this database.")
    return meeting


def editable_meeting(session: Session, meeting_id: str) -> Meeting:
    """The meeting, provided its minutes may still change."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.APPROVED:
        raise MinutesLocked(
            "These minutes were approved"
            + (f" by {meeting.approved_by}" if meeting.approved_by else "")
            + " and cannot be changed; add an addendum instead."
        )
    return meeting
