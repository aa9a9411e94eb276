"""Which stored free-text fields each document prints, so the name check looks at those only.

A false alarm teaches people to click past the check: the decision record must not be refused
for a name that is only in the minutes, which it does not print. Keep `DECISION_RECORD_FIELDS`
in step with what `decision_record.py` writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from lscp_desktop.models import (
    Action,
    Addendum,
    Attendance,
    Base,
    Case,
    Contribution,
    Decision,
    KeyPracticeEpisode,
    Meeting,
    MinuteItem,
    ParallelProcess,
    Recipient,
    ReviewCriterion,
    ReviewOutcome,
    SignOff,
)


class Document(StrEnum):
    MINUTES = "minutes"
    DECISION_RECORD = "decision record"
    # The email draft carries the minutes and the decision record: it prints what the minutes do.
    EMAIL_DRAFT = "email draft"
    # The Rapid Review report prints what the minutes do and the review's structured content.
    RAPID_REVIEW_REPORT = "Rapid Review report"


# The model classes whose rows a hit can point at, by the name used in `FieldRef.entity`.
ENTITIES: dict[str, type[Base]] = {
    cls.__name__: cls
    for cls in (
        Action,
        Addendum,
        Attendance,
        Case,
        Contribution,
        Decision,
        KeyPracticeEpisode,
        Meeting,
        MinuteItem,
        ParallelProcess,
        Recipient,
        ReviewCriterion,
        ReviewOutcome,
        SignOff,
    )
}

# (entity, attribute) pairs only the Rapid Review report prints (not the minutes).
REPORT_ONLY_FIELDS = frozenset(
    {
        ("ReviewOutcome", "inequalities"),
        ("ReviewOutcome", "good_practice"),
        ("ReviewOutcome", "learning"),
        ("ReviewOutcome", "immediate_action"),
        ("ReviewOutcome", "national_review_rationale"),
        ("KeyPracticeEpisode", "title"),
        ("KeyPracticeEpisode", "period"),
        ("KeyPracticeEpisode", "agencies"),
        ("KeyPracticeEpisode", "description"),
        ("KeyPracticeEpisode", "analysis"),
        ("SignOff", "name"),
        ("SignOff", "role"),
    }
)

# (entity, attribute) pairs the one- or two-page decision record prints.
DECISION_RECORD_FIELDS = frozenset(
    {
        ("Case", "child_pseudonym"),
        ("Case", "abuse_or_neglect_evidence"),
        ("Case", "harm_evidence"),
        ("Meeting", "location"),
        ("Contribution", "reasons"),
        ("Decision", "rationale"),
        ("Decision", "dissent"),
        ("Decision", "dissent_considered"),
        ("Decision", "escalation_notes"),
        ("Decision", "deferral_reason"),
        ("ReviewOutcome", "rationale"),
        ("ReviewOutcome", "panel_comments"),
        ("ReviewOutcome", "national_review_rationale"),
        ("ReviewCriterion", "evidence"),
        ("SignOff", "name"),
        ("Action", "description"),
    }
)


@dataclass(frozen=True)
class FieldRef:
    """Which stored field a piece of text came from, so a replacement can be written back."""

    entity: str
    row_id: int | str
    attribute: str
    label: str  # what the user calls it: "Police's reasons", "Rationale"


def _all_fields(meeting: Meeting) -> Iterator[tuple[FieldRef, str | None]]:
    """Every free-text field of the meeting and its case that the minutes print."""
    case = meeting.case

    def ref(row: Base, attribute: str, label: str) -> FieldRef:
        return FieldRef(type(row).__name__, row.id, attribute, label)  # type: ignore[attr-defined]

    yield ref(case, "child_pseudonym", "Child's pseudonym"), case.child_pseudonym
    yield ref(case, "summary", "Summary of the incident"), case.summary
    yield (
        ref(case, "abuse_or_neglect_evidence", "Evidence of abuse or neglect"),
        case.abuse_or_neglect_evidence,
    )
    yield ref(case, "harm_evidence", "Evidence of harm"), case.harm_evidence
    for process in case.parallel_processes:
        yield ref(process, "notes", "Parallel process notes"), process.notes
    yield ref(meeting, "location", "Place of the meeting"), meeting.location
    for attendee in meeting.attendees:
        yield ref(attendee, "role", f"Role of {attendee.person.name}"), attendee.role
        yield (
            ref(attendee, "deputy_for", f"Deputy for ({attendee.person.name})"),
            attendee.deputy_for or "",
        )
    for item in meeting.minutes:
        yield ref(item, "item", "Agenda item title"), item.item
        yield ref(item, "text", f"Minutes: {item.item}"), item.text
    for c in meeting.contributions:
        yield ref(c, "information", f"{c.agency.label}'s information"), c.information
        yield ref(c, "reasons", f"{c.agency.label}'s reasons"), c.reasons
    if meeting.decision is not None:
        d = meeting.decision
        for attribute, label in (
            ("rationale", "Rationale"),
            ("dissent", "Dissent"),
            ("dissent_considered", "How dissent was considered"),
            ("escalation_notes", "Escalation notes"),
            ("deferral_reason", "Why the decision was deferred"),
        ):
            yield ref(d, attribute, label), getattr(d, attribute)
    if meeting.review_outcome is not None:
        outcome = meeting.review_outcome
        yield ref(outcome, "rationale", "CSPR rationale"), outcome.rationale
        yield ref(outcome, "panel_comments", "The Panel's comments"), outcome.panel_comments
        for criterion in outcome.criteria:
            yield ref(criterion, "evidence", "Regulation 11 evidence"), criterion.evidence
        for attribute, label in (
            ("inequalities", "Racism and other inequalities"),
            ("good_practice", "Good practice"),
            ("learning", "Learning and areas for improvement"),
            ("immediate_action", "Immediate safeguarding action"),
            ("national_review_rationale", "Reasons for the view on a national review"),
        ):
            yield ref(outcome, attribute, label), getattr(outcome, attribute)
        for number, episode in enumerate(outcome.episodes, start=1):
            for attribute, label in (
                ("title", "title"),
                ("period", "date or period"),
                ("agencies", "agencies"),
                ("description", "what happened"),
                ("analysis", "analysis"),
            ):
                yield (
                    ref(episode, attribute, f"Key practice episode {number}: {label}"),
                    getattr(episode, attribute),
                )
        for row in outcome.sign_off:
            yield ref(row, "name", f"Sign-off for {row.agency}"), row.name
            yield ref(row, "role", f"Role of the sign-off for {row.agency}"), row.role
    for number, action in enumerate(meeting.actions, start=1):
        yield ref(action, "description", f"Action {number}"), action.description
    for recipient in meeting.distribution:
        yield ref(recipient, "name", "Distribution list"), recipient.name
    for number, addendum in enumerate(meeting.addenda, start=1):
        yield ref(addendum, "text", f"Addendum {number}"), addendum.text


def free_text_fields(
    meeting: Meeting, document: Document = Document.MINUTES
) -> Iterator[tuple[FieldRef, str | None]]:
    """The free-text fields `document` prints, with their text as stored."""
    for field, text in _all_fields(meeting):
        key = (field.entity, field.attribute)
        if document is Document.DECISION_RECORD:
            if key in DECISION_RECORD_FIELDS:
                yield field, text
        elif document is Document.RAPID_REVIEW_REPORT or key not in REPORT_ONLY_FIELDS:
            yield field, text
