"""The minutes as the chair reads them through before approving (pseudonym only).

The very document the Word and PDF exports write (documents/minutes_content.py), rendered as
HTML, so the preview shows everything the export prints and nothing else. Any name to keep out
reads as the pseudonym: the laptop is often on a projector while the chair reads the draft.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lscp_desktop.clock import london_now
from lscp_desktop.documents.meeting_record import load_meeting_record
from lscp_desktop.documents.minutes_content import build_minutes
from lscp_desktop.documents.minutes_html import render_html
from lscp_desktop.documents.redaction import redact_record
from lscp_desktop.models import Meeting
from lscp_desktop.names.check import names_to_keep_out


def draft_minutes_html(session: Session, meeting: Meeting) -> str:
    """The minutes as HTML, names to keep out replaced by the pseudonym."""
    record = load_meeting_record(session, meeting.id)
    names = names_to_keep_out(session, meeting.case)
    if names:
        record = redact_record(record, names)[0]
    return render_html(build_minutes(record, generated_at=london_now()))
