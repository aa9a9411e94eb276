"""Before anything leaves: find the child's real name (and other names to keep out) in free text.

Every free-text field an export prints is searched, whole words, ignoring case. Each hit is
reported with its context so the user can replace it in the store or confirm it is fine (a
professional who shares a surname). No Qt here: the dialog and the CLI both use this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.documents.errors import ExportError
from lscp_desktop.models import (
    Action,
    Addendum,
    Attendance,
    Base,
    Case,
    Contribution,
    Decision,
    Meeting,
    MinuteItem,
    ParallelProcess,
    Recipient,
    ReviewCriterion,
    ReviewOutcome,
)
from lscp_desktop.settings import stored as settings

CONTEXT = 40  # characters shown either side of a hit
MIN_PART = 3  # a part of a name shorter than this ("Jo") would hit too many ordinary words

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
        Meeting,
        MinuteItem,
        ParallelProcess,
        Recipient,
        ReviewCriterion,
        ReviewOutcome,
    )
}


@dataclass(frozen=True)
class FieldRef:
    """Which stored field a piece of text came from, so a replacement can be written back."""

    entity: str
    row_id: int | str
    attribute: str
    label: str  # what the user calls it: "Police's reasons", "Rationale"


@dataclass(frozen=True)
class NameHit:
    field: FieldRef
    name: str  # the text matched, as written
    start: int
    end: int
    before: str
    after: str

    @property
    def context(self) -> str:
        return f"…{self.before}[{self.name}]{self.after}…"


def names_to_keep_out(session: Session, case: Case) -> list[str]:
    """The child's real name, each part of it, and the names listed in Settings."""
    names: list[str] = []
    if case.child_name and case.child_name.strip():
        full = " ".join(case.child_name.split())
        names.append(full)
        names.extend(part for part in re.split(r"[\s\-]+", full) if len(part) >= MIN_PART)
    for line in settings.get(session, settings.NAMES_TO_KEEP_OUT).splitlines():
        if line.strip():
            names.append(" ".join(line.split()))
    # Longest first, so a full name is one hit rather than a hit for each part.
    return sorted(set(names), key=lambda n: (-len(n), n))


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    # Spaces in a name match any run of whitespace: text wraps and people type two spaces.
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def free_text_fields(meeting: Meeting) -> Iterator[tuple[FieldRef, str]]:
    """Every free-text field of the meeting and its case that an export prints."""
    case = meeting.case

    def ref(row: Base, attribute: str, label: str) -> FieldRef:
        return FieldRef(type(row).__name__, row.id, attribute, label)  # type: ignore[attr-defined]

    yield ref(case, "child_pseudonym", "Child's pseudonym"), case.child_pseudonym
    yield ref(case, "summary", "Summary of the incident"), case.summary
    yield (
        ref(case, "abuse_or_neglect_evidence", "Evidence of abuse or neglect"),
        (case.abuse_or_neglect_evidence),
    )
    yield ref(case, "harm_evidence", "Evidence of harm"), case.harm_evidence
    for process in case.parallel_processes:
        yield ref(process, "notes", "Parallel process notes"), process.notes
    yield ref(meeting, "location", "Place of the meeting"), meeting.location
    for attendee in meeting.attendees:
        yield ref(attendee, "role", f"Role of {attendee.person.name}"), attendee.role
        yield (
            ref(attendee, "deputy_for", f"Deputy for ({attendee.person.name})"),
            (attendee.deputy_for or ""),
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
        yield ref(outcome, "panel_comments", "National Panel comments"), outcome.panel_comments
        for criterion in outcome.criteria:
            yield ref(criterion, "evidence", "Regulation 11 evidence"), criterion.evidence
    for number, action in enumerate(meeting.actions, start=1):
        yield ref(action, "description", f"Action {number}"), action.description
    for recipient in meeting.distribution:
        yield ref(recipient, "name", "Distribution list"), recipient.name
    for number, addendum in enumerate(meeting.addenda, start=1):
        yield ref(addendum, "text", f"Addendum {number}"), addendum.text


def _meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ExportError(f"There is no meeting with id {meeting_id!r}.")
    return meeting


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def find_names(session: Session, meeting_id: str) -> list[NameHit]:
    """Every place a name to keep out appears in what an export of the meeting would print."""
    meeting = _meeting(session, meeting_id)
    pattern = name_pattern(names_to_keep_out(session, meeting.case))
    if pattern is None:
        return []
    hits = []
    for field, text in free_text_fields(meeting):
        for match in pattern.finditer(text or ""):
            start, end = match.span()
            hits.append(
                NameHit(
                    field=field,
                    name=match.group(),
                    start=start,
                    end=end,
                    before=_flat(text[max(0, start - CONTEXT) : start]),
                    after=_flat(text[end : end + CONTEXT]),
                )
            )
    return hits


def replace_hit(session: Session, hit: NameHit, replacement: str) -> bool:
    """Replace one hit in the store; False (nothing changed) if the text has moved on since."""
    row = session.get(ENTITIES[hit.field.entity], hit.field.row_id)
    if row is None:
        return False
    text = getattr(row, hit.field.attribute) or ""
    if text[hit.start : hit.end] != hit.name:
        return False
    setattr(row, hit.field.attribute, text[: hit.start] + replacement + text[hit.end :])
    return True


def replace_all(session: Session, hits: list[NameHit], replacement: str) -> int:
    """Replace every hit; later offsets first so earlier ones stay valid. Returns how many."""
    ordered = sorted(
        hits, key=lambda h: (h.field.entity, str(h.field.row_id), h.field.attribute, -h.start)
    )
    return sum(replace_hit(session, hit, replacement) for hit in ordered)


def describe(hits: list[NameHit]) -> str:
    """The hits as lines of plain text, for the command line."""
    return "\n".join(f"  {hit.field.label}: {hit.context}" for hit in hits)
