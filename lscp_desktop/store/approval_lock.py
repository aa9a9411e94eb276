"""Approved minutes are locked: what the app may still do around the triggers of migration 0002.

The triggers refuse any change to what was minuted once a meeting is approved. Three things the
app legitimately does write such rows, each as a whole and audited: creating a meeting with its
minutes (an import of approved meetings), deleting a whole meeting or case (import --replace,
retention), and approving a meeting in the same flush as its last autosaved edits. For those
meetings, and for the length of one flush only, a row in `approval_lock_release` lets the
triggers through; it is deleted again before the flush ends, so it is never committed.
Changing an approved meeting's minutes, attendance, contributions or decision one row at a
time is refused, in the app and below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session

from lscp_desktop.models import Case, Meeting
from lscp_desktop.models.enums import MeetingStatus

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store

LOCKED_MESSAGE = "approved minutes are locked"

# The triggers migration 0002 creates (a test keeps the two lists equal); `check` reports any
# that has gone missing.
TRIGGER_NAMES = (
    "lock_attendance_insert",
    "lock_attendance_delete",
    "lock_attendance_update",
    "lock_contributions_insert",
    "lock_contributions_delete",
    "lock_contributions_update",
    "lock_minute_items_insert",
    "lock_minute_items_delete",
    "lock_minute_items_update",
    "lock_decisions_insert",
    "lock_decisions_delete",
    "lock_decisions_update",
    "lock_review_outcomes_update",
    "lock_review_outcomes_delete",
    "lock_review_criteria_insert",
    "lock_review_criteria_update",
    "lock_review_criteria_delete",
    "lock_meetings_update",
    "lock_meetings_unapprove",
    "lock_meetings_delete",
)


def install(store: Store) -> None:
    event.listen(store.sessions, "before_flush", _release_whole_meetings)
    event.listen(store.sessions, "after_flush", _relock)


def is_locked_error(error: BaseException) -> bool:
    """Whether a database error is the approval lock refusing a change (for a clear message)."""
    return LOCKED_MESSAGE in str(error)


def _release_whole_meetings(session: Session, _context: object, _instances: object) -> None:
    meeting_ids: set[str] = set()
    case_ids: list[int] = []
    for obj in session.new:
        if isinstance(obj, Meeting) and obj.id:
            meeting_ids.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, Meeting):
            meeting_ids.add(obj.id)
        elif isinstance(obj, Case) and obj.id is not None:
            case_ids.append(obj.id)
    for obj in session.dirty:
        if isinstance(obj, Meeting):
            history = inspect(obj).attrs.status.history
            if history.added and history.added[0] == MeetingStatus.APPROVED:
                meeting_ids.add(obj.id)
    if not meeting_ids and not case_ids:
        return
    connection = session.connection()
    for case_id in case_ids:
        meeting_ids.update(
            str(row[0])
            for row in connection.execute(
                text("SELECT id FROM meetings WHERE case_id = :case_id"), {"case_id": case_id}
            )
        )
    if not meeting_ids:  # a case with no meetings
        return
    connection.execute(
        # ON CONFLICT DO NOTHING, not SQLite's INSERT OR IGNORE: the same on PostgreSQL.
        text(
            "INSERT INTO approval_lock_release (meeting_id) VALUES (:meeting_id) "
            "ON CONFLICT DO NOTHING"
        ),
        [{"meeting_id": meeting_id} for meeting_id in sorted(meeting_ids)],
    )
    session.info["approval_lock_released"] = True


def _relock(session: Session, _context: object) -> None:
    if session.info.pop("approval_lock_released", False):
        session.connection().execute(text("DELETE FROM approval_lock_release"))
