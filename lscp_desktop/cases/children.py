"""The children of one incident: how documents name them together, and what each child holds.

One notification per incident, however many children it affected. Every register row and every
document names the incident by its children's pseudonyms ("Child A", "Child A and Child B",
"Child A, Child B and Child C"); `children_label` is the one place that wording is made, and
the case keeps the result (`Case.child_pseudonym`) so the register reads it without a join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lscp_desktop.cases.rules import age_in_years
from lscp_desktop.models import Case, Child
from lscp_desktop.models.enums import LegalStatus

# The Panel's online form takes details of up to four children; further children go in the
# outline of the incident.
FORM_CHILDREN = 4


@dataclass
class ChildEntry:
    """One child as the case form or an import gives it."""

    pseudonym: str = ""
    name: str = ""
    date_of_birth: dt.date | None = None
    age: str = ""
    sex: str = ""
    ethnicity: str = ""
    disability: str = ""
    legal_status: LegalStatus = LegalStatus.UNKNOWN
    home_authority: str = ""
    health: str = ""


def children_label(pseudonyms: Iterable[str]) -> str:
    """The incident's name from its children's pseudonyms: "Child A and Child B"."""
    names = [pseudonym.strip() for pseudonym in pseudonyms if pseudonym.strip()]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def entries_of(case: Case) -> list[ChildEntry]:
    return [
        ChildEntry(
            pseudonym=child.pseudonym,
            name=child.name or "",
            date_of_birth=child.date_of_birth,
            age=child.age,
            sex=child.sex,
            ethnicity=child.ethnicity,
            disability=child.disability,
            legal_status=child.legal_status,
            home_authority=child.home_authority,
            health=child.health,
        )
        for child in case.children
    ]


def apply_children(case: Case, entries: Sequence[ChildEntry]) -> None:
    """Make the case's children match `entries` (in order), and its label theirs.

    Rows are kept and updated in place where they line up, so a child's audit history follows
    the child rather than being deleted and re-created at every save.
    """
    existing = list(case.children)
    for index, entry in enumerate(entries):
        child = existing[index] if index < len(existing) else Child()
        child.pseudonym = entry.pseudonym.strip()
        child.name = entry.name.strip() or None
        child.date_of_birth = entry.date_of_birth
        child.age = entry.age.strip()
        child.sex = entry.sex.strip()
        child.ethnicity = entry.ethnicity.strip()
        child.disability = entry.disability
        child.legal_status = entry.legal_status
        child.home_authority = entry.home_authority.strip()
        child.health = entry.health
        if index >= len(existing):
            case.children.append(child)
    for child in existing[len(entries) :]:
        case.children.remove(child)
    case.child_pseudonym = children_label(entry.pseudonym for entry in entries)


def age_words(child: ChildEntry | Child, on: dt.date | None) -> str:
    """The child's age as a document prints it: from the date of birth where known."""
    born = child.date_of_birth
    if born is not None and on is not None and on >= born:
        years = age_in_years(born, on)
        if years >= 1:
            return f"{years} year{'s' if years != 1 else ''}"
        months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
        return f"{months} month{'s' if months != 1 else ''}"
    return child.age.strip()
