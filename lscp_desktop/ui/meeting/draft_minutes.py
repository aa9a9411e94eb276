"""The draft minutes as the chair reads them through before approving (pseudonym only)."""

from __future__ import annotations

from html import escape

from sqlalchemy.orm import Session

from lscp_desktop.date_text import numeric_time, weekday_date
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.agenda import PARTNER_FORM
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import AttendanceStatus
from lscp_desktop.names.check import names_to_keep_out
from lscp_desktop.vocabulary import OPINIONS, OUTCOMES_LONG


def _para(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def draft_minutes_html(session: Session, meeting: Meeting) -> str:
    """The draft as HTML, with the pseudonym wherever a name to keep out was typed: the
    laptop is often on a projector while the chair reads the draft through."""
    names = names_to_keep_out(session, meeting.case)
    html = _draft_html(session, meeting)
    return names.redact(html, meeting.case.child_pseudonym)[0] if names else html


def _draft_html(session: Session, meeting: Meeting) -> str:
    case = meeting.case
    parts = [
        "<p><b>OFFICIAL-SENSITIVE</b></p>",
        f"<h3>{escape(case.child_pseudonym)} ({escape(case.reference)})</h3>",
        f"<p>{numeric_time(meeting.held_at)}, {escape(meeting.location or 'place not recorded')}"
        f"<br>Chair: {escape(meeting.chair.name if meeting.chair else '—')}; minutes: "
        f"{escape(meeting.minute_taker.name if meeting.minute_taker else '—')}</p>",
    ]
    for status, words in (
        (AttendanceStatus.PRESENT, "Present"),
        (AttendanceStatus.APOLOGIES, "Apologies"),
    ):
        names = [
            escape(
                a.person.name
                + (f" ({a.agency.label})" if a.agency else "")
                + (f", deputising for {a.deputy_for}" if a.deputy_for else "")
            )
            for a in meeting.attendees
            if a.status is status
        ]
        parts.append(f"<p><b>{words}:</b> {'; '.join(names) or 'none'}</p>")
    for number, step in enumerate(meeting_record.agenda(session, meeting), 1):
        parts.append(f"<h4>{number}. {escape(step.title)}</h4>")
        if step.form == PARTNER_FORM and step.agency_id is not None:
            found = meeting_contributions.find_contribution(meeting, step.agency_id)
            if found is not None:
                parts.append(_para(found.information))
                parts.append(
                    f"<p><b>Opinion:</b> {OPINIONS[found.opinion].lower()}. "
                    f"<b>Reasons:</b> {escape(found.reasons) or '—'}</p>"
                )
        if step.form == "decision" and meeting.decision is not None:
            d = meeting.decision
            parts.append(
                f"<p><b>Decision:</b> {OUTCOMES_LONG[d.outcome]}, by "
                f"{escape(d.decided_by.name if d.decided_by else '—')} "
                f"on {weekday_date(d.decided_on)}"
                + (
                    f" (recorded after the meeting by {escape(d.recorded_by)})"
                    if d.post_meeting
                    else ""
                )
                + "</p>"
            )
            parts.append(_para(d.rationale))
            if d.dissent:
                parts.append(f"<p><b>Differing views:</b></p>{_para(d.dissent)}")
                parts.append(
                    f"<p><b>How they were considered:</b></p>{_para(d.dissent_considered)}"
                )
        if step.form == "actions":
            for action in meeting.actions:
                parts.append(
                    f"<p>• {'<b>Immediate:</b> ' if action.immediate else ''}"
                    f"{escape(action.description)} — "
                    f"{escape(action.owner.name if action.owner else 'owner not recorded')}, "
                    f"due {weekday_date(action.due)}</p>"
                )
        item = meeting_record.minute_item(meeting, step.title)
        if item is not None:
            parts.append(_para(item.text))
    for addendum in meeting.addenda:
        parts.append(
            f"<h4>Addendum, {weekday_date(addendum.added_at.date())}, "
            f"{escape(addendum.author)}</h4>{_para(addendum.text)}"
        )
    return "".join(parts)
