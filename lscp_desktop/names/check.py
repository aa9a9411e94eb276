"""Before anything leaves: find the child's real name (and other names to keep out) in free text.

The one name check for every document. Both the names and the text are normalised before they
are compared (compatibility forms, case, accents, zero-width and control characters), so "Zoë"
typed with a combining accent, "Zoe" without it and "Zo\u200bë" with a zero-width space are all
found; each hit still points at the text exactly as written, so it can be replaced or redacted.
No Qt here: the dialogs, the command line, approval and the learning sheet all use this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.models import (
    Case,
    Meeting,
)
from lscp_desktop.names.fields import ENTITIES, Document, FieldRef, free_text_fields
from lscp_desktop.settings import stored as settings

CONTEXT = 40  # characters shown either side of a hit
MIN_PART = 3  # a part of a name shorter than this ("Jo") would hit too many ordinary words

__all__ = [
    "Document",
    "FieldRef",
    "NameHit",
    "NameMatcher",
    "describe",
    "find_names",
    "matcher_for",
    "names_to_keep_out",
    "replace_all",
    "replace_hit",
]


def _fold_char(char: str) -> str:
    """One character as matching sees it: "" for marks, zero-width and control characters."""
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in ("Cf", "Cc", "Co", "Cn", "Cs"):
        return ""  # zero-width spaces, joiners, bidi marks, control characters
    if category == "Pd":
        return "-"  # every kind of dash joins a double-barrelled name
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    return "".join(piece for piece in decomposed if not unicodedata.combining(piece))


def fold(text: str) -> tuple[str, list[int]]:
    """`text` normalised for matching, and for each of its characters the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _folded_name(name: str) -> str:
    # Words with no letter (stray punctuation, pasted control characters) are not part of it.
    return " ".join(word for word in fold(name)[0].split() if _has_letter(word))


def _alternative(name: str) -> str:
    # Spaces match any run of whitespace (text wraps, people type two spaces); a hyphen also
    # matches a space, as people write "Whitlock Marsh" for "Whitlock-Marsh".
    words = [w for w in re.split(r"\s+", name) if w]
    return r"\s+".join(
        r"[\s\-]*".join(re.escape(p) for p in word.split("-") if p) for word in words
    )


class NameMatcher:
    """Finds names in text. `names` are real names, searched whole and part by part (a surname
    alone identifies a child); `listed` names (from Settings) are searched as written."""

    def __init__(self, names: Iterable[str], *, listed: Iterable[str] = ()) -> None:
        wanted: set[str] = set()
        for name in names:
            full = _folded_name(name)
            wanted.add(full)
            wanted.update(full.split())  # "whitlock-marsh" whole
            wanted.update(re.split(r"[\s\-]+", full))  # and "whitlock", "marsh"
        wanted.update(_folded_name(name) for name in listed)
        # A part with no letter (stray punctuation, control characters) would match noise.
        kept = [n for n in wanted if _has_letter(n) and len(n) >= MIN_PART]
        # Longest first, so a full name is one hit rather than a hit for each part.
        self.names = sorted(kept, key=lambda n: (-len(n), n))
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{'|'.join(_alternative(n) for n in self.names)})(?!\w)")
            if self.names
            else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where names are in `text`, as (start, end) offsets into `text` as written."""
        if self._pattern is None or not text:
            return []
        folded, origin = fold(text)
        found = []
        for match in self._pattern.finditer(folded):
            start = origin[match.start()]
            end = origin[match.end() - 1] + 1
            # Take in what folded away just after the name (a combining accent, say).
            while end < len(text) and not _fold_char(text[end]):
                end += 1
            found.append((start, end))
        return found

    def redact(self, text: str, replacement: str) -> tuple[str, int]:
        """`text` with every name replaced by `replacement`, and how many were replaced."""
        spans = self.spans(text)
        for start, end in reversed(spans):
            text = text[:start] + replacement + text[end:]
        return text, len(spans)


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


def child_names(case: Case) -> list[str]:
    """The real names of the children a case is about."""
    return [child.name for child in case.children if child.name and child.name.strip()]


def names_to_keep_out(session: Session, case: Case) -> NameMatcher:
    """The children's real names (and their parts), and the names listed in Settings."""
    listed = settings.get(session, settings.NAMES_TO_KEEP_OUT).splitlines()
    return NameMatcher(child_names(case), listed=[line for line in listed if line.strip()])


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def find_in_fields(
    fields: Iterable[tuple[FieldRef, str | None]], matcher: NameMatcher
) -> list[NameHit]:
    """Every hit of `matcher` in the given fields, in order."""
    hits = []
    for field, value in fields:
        text = value or ""
        for start, end in matcher.spans(text):
            hits.append(
                NameHit(
                    field=field,
                    name=text[start:end],
                    start=start,
                    end=end,
                    before=_flat(text[max(0, start - CONTEXT) : start]),
                    after=_flat(text[end : end + CONTEXT]),
                )
            )
    return hits


def _meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise LookupError(f"There is no meeting with id {meeting_id!r}.")
    return meeting


def matcher_for(session: Session, meeting_id: str) -> NameMatcher:
    return names_to_keep_out(session, _meeting(session, meeting_id).case)


def find_names(
    session: Session, meeting_id: str, document: Document = Document.MINUTES
) -> list[NameHit]:
    """Every place a name to keep out appears in the text `document` prints of the meeting."""
    meeting = _meeting(session, meeting_id)
    matcher = names_to_keep_out(session, meeting.case)
    if not matcher:
        return []
    return find_in_fields(free_text_fields(meeting, document), matcher)


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


def describe(hits: Iterable[NameHit]) -> str:
    """The hits as lines of plain text, for the command line."""
    return "\n".join(f"  {hit.field.label}: {hit.context}" for hit in hits)


def where(hits: Iterable[NameHit]) -> str:
    """The fields the hits are in, once each, without the names: for the audit log."""
    return "; ".join(dict.fromkeys(hit.field.label for hit in hits))
