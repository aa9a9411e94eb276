"""Learning sheets: a Rapid Review turned into a short, pseudonymised summary for training leads.

Drafted from the Rapid Review's record, edited by the Business Unit, then exported to Word or
PDF. Every export is checked first, with the one name check every document uses
(`exports.name_check`): the child's real name (and any name listed in the settings to keep out)
must not appear anywhere on the sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.clock import london_now
from lscp_desktop.meeting.agenda import review_step
from lscp_desktop.models import LearningSheet, Meeting
from lscp_desktop.models.enums import MeetingKind
from lscp_desktop.names.check import NameMatcher, names_to_keep_out
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.settings import stored as settings
from lscp_desktop.vocabulary import RECOMMENDATIONS_LONG

FIELDS = ("title", "incident_summary", "good_practice", "learning", "do_differently")
FIELD_LABELS = {
    "title": "Title",
    "incident_summary": "What happened",
    "good_practice": "Good practice",
    "learning": "Learning",
    "do_differently": "What partners should do differently",
}


class LearningSheetError(RuleRefused):
    """The sheet cannot be exported as it stands; the message is meant for the user."""


@dataclass(frozen=True)
class LearningSheetContent:
    """Everything a writer needs; nothing else from the record reaches the file."""

    title: str
    organisation: str
    child_pseudonym: str
    case_reference: str
    review_date: dt.date
    recommendation: str
    incident_summary: str
    good_practice: str
    learning: str
    do_differently: str


def pseudonymise(text: str, names: NameMatcher, pseudonym: str) -> str:
    return names.redact(text, pseudonym)[0]


def real_names_found(texts: dict[str, str], names: NameMatcher) -> list[str]:
    """The labels of the fields in which a name to keep out still appears."""
    return [FIELD_LABELS.get(field, field) for field, text in texts.items() if names.spans(text)]


def _minutes_for(meeting: Meeting, *keys: str) -> str:
    wanted = {key.lower() for key in keys} | {review_step(key).title.lower() for key in keys}
    return "\n\n".join(
        minute.text.strip()
        for minute in meeting.minutes
        if minute.item.strip().lower() in wanted and minute.text.strip()
    )


def draft(meeting: Meeting, names: NameMatcher) -> dict[str, str]:
    """The sheet's text drafted from the Rapid Review's record, already pseudonymised."""
    case = meeting.case
    pseudonym = case.child_pseudonym
    summary_parts = [case.summary.strip(), _minutes_for(meeting, "agency_summaries")]
    learning_parts = [
        _minutes_for(meeting, "learning"),
        _minutes_for(meeting, "key_practice_episodes"),
        _minutes_for(meeting, "racism_and_inequalities"),
    ]
    follow_up = [action.description.strip() for action in meeting.actions if not action.immediate]
    text = {
        "title": f"Learning from a Rapid Review: {pseudonym}",
        "incident_summary": "\n\n".join(part for part in summary_parts if part),
        "good_practice": _minutes_for(meeting, "good_practice"),
        "learning": "\n\n".join(part for part in learning_parts if part),
        "do_differently": "\n".join(f"• {item}" for item in follow_up if item),
    }
    return {field: pseudonymise(value, names, pseudonym) for field, value in text.items()}


def _rapid_review(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise LearningSheetError(f"No meeting with id {meeting_id}.")
    if meeting.kind is not MeetingKind.RAPID_REVIEW:
        raise LearningSheetError("A learning sheet is made from a Rapid Review meeting.")
    return meeting


def open_learning_sheet(session: Session, meeting_id: str) -> LearningSheet:
    """The meeting's sheet, drafted from the record the first time it is opened."""
    meeting = _rapid_review(session, meeting_id)
    if meeting.learning_sheet is None:
        meeting.learning_sheet = LearningSheet(
            **draft(meeting, names_to_keep_out(session, meeting.case))
        )
    return meeting.learning_sheet


def save_learning_sheet(
    session: Session, meeting_id: str, texts: dict[str, str], now: dt.datetime | None = None
) -> LearningSheet:
    sheet = open_learning_sheet(session, meeting_id)
    for field in FIELDS:
        if field in texts:
            setattr(sheet, field, texts[field].strip())
    sheet.updated_at = now or london_now()
    return sheet


def redraft(session: Session, meeting_id: str) -> LearningSheet:
    """Replace the sheet's text with a fresh draft from the record (after the minutes changed)."""
    meeting = _rapid_review(session, meeting_id)
    return save_learning_sheet(
        session, meeting_id, draft(meeting, names_to_keep_out(session, meeting.case))
    )


def content_for_export(session: Session, meeting_id: str) -> LearningSheetContent:
    """The sheet ready to write, refused if a name to keep out is still on it."""
    meeting = _rapid_review(session, meeting_id)
    sheet = open_learning_sheet(session, meeting_id)
    texts = {field: getattr(sheet, field) or "" for field in FIELDS}
    leaks = real_names_found(texts, names_to_keep_out(session, meeting.case))
    if leaks:
        raise LearningSheetError(
            "The child's real name (or a name listed to keep out) appears in: "
            + ", ".join(leaks)
            + ". Replace it with the pseudonym before exporting."
        )
    outcome = meeting.review_outcome
    recommendation = (
        RECOMMENDATIONS_LONG[outcome.recommendation]
        if outcome is not None and outcome.recommendation is not None
        else "Not yet decided"
    )
    return LearningSheetContent(
        title=texts["title"] or f"Learning from a Rapid Review: {meeting.case.child_pseudonym}",
        organisation=settings.get(session, settings.ORGANISATION),
        child_pseudonym=meeting.case.child_pseudonym,
        case_reference=meeting.case.reference,
        review_date=meeting.held_at.date(),
        recommendation=recommendation,
        incident_summary=texts["incident_summary"],
        good_practice=texts["good_practice"],
        learning=texts["learning"],
        do_differently=texts["do_differently"],
    )
