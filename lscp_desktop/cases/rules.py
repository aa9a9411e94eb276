"""The rules a case's facts keep, on plain facts: one home that the case form and `import` share.

Before this module the form and the importer checked cases differently (a reference clash
case-sensitive in one, the pseudonym "equal to" vs "containing" the real name in the other,
future dates refused by one only), so a case the form accepted could not be imported back.
Where they disagreed the stricter answer won, because that is what the law and the user need:
- a reference clashes whatever its case ("lscp-1" and "LSCP-1" are one case to a person);
- the pseudonym goes into every export, so it must not *contain* the real name;
- no recorded date lies in the future, and nothing is dated before the incident;
- a decision cannot be dated before the Local Authority became aware (day 0), nor in the future.

Each check returns `Problem`s naming the field (the form's attribute, the interchange key), with
a message a person can act on; callers decide how to show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lscp_desktop.models.enums import CaseKind, DecisionOutcome, LegalStatus
from lscp_desktop.text_safety import direction_controls_refusal

if TYPE_CHECKING:
    from lscp_desktop.cases.children import ChildEntry

REFERENCE_MAX = 100
PSEUDONYM_MAX = 100


@dataclass(frozen=True)
class Problem:
    field: str  # the attribute or interchange key at fault, so a caller can point at it
    message: str


@dataclass(frozen=True)
class CaseDates:
    """The dates a case records, any of them possibly not known yet."""

    incident_date: dt.date | None = None
    la_aware: dt.date | None = None
    referral_received: dt.date | None = None
    chair_and_business_unit_told_on: dt.date | None = None
    partners_informed_on: dt.date | None = None


# (field, how a person says it), in the order the form shows them.
DATE_LABELS = {
    "incident_date": "The incident date",
    "la_aware": "The date the Local Authority became aware",
    "referral_received": "The date the referral was received",
    "chair_and_business_unit_told_on": "The date the Chair and Business Unit were told",
    "partners_informed_on": "The date partners were informed",
}


def same_reference(first: str, second: str) -> bool:
    """Whether two references name the same case: spacing at the ends and letter case ignored."""
    return first.strip().casefold() == second.strip().casefold()


def reference_problems(reference: str, taken: Iterable[str] = ()) -> list[Problem]:
    """The reference is required, short enough, and not another case's (whatever its case)."""
    reference = reference.strip()
    if not reference:
        return [Problem("reference", "Enter the case reference.")]
    if len(reference) > REFERENCE_MAX:
        return [Problem("reference", f"The reference must be at most {REFERENCE_MAX} characters.")]
    if (refusal := direction_controls_refusal("The reference", reference)) is not None:
        return [Problem("reference", refusal)]
    if any(same_reference(reference, other) for other in taken):
        return [Problem("reference", f"Another case already has the reference {reference}.")]
    return []


def pseudonym_problems(
    pseudonym: str, real_names: Iterable[str | None], *, field: str = "pseudonym"
) -> list[Problem]:
    """The pseudonym is what leaves the app: required, short, and holding no child's real name
    (a sibling's name in Child A's pseudonym leaks as surely as Child A's own)."""
    pseudonym = pseudonym.strip()
    if not pseudonym:
        return [Problem(field, 'Enter a pseudonym for the child, such as "Child A".')]
    if len(pseudonym) > PSEUDONYM_MAX:
        return [Problem(field, f"The pseudonym must be at most {PSEUDONYM_MAX} characters.")]
    if (refusal := direction_controls_refusal("The pseudonym", pseudonym)) is not None:
        return [Problem(field, refusal)]
    for real_name in real_names:
        name = (real_name or "").strip()
        if name and name.casefold() in pseudonym.casefold():
            return [Problem(field, "The pseudonym must not contain a child's real name.")]
    return []


def age_in_years(born: dt.date, on: dt.date) -> int:
    """Whole years from `born` to `on`."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# A care leaver's death is notified up to and including the age of 24.
CARE_LEAVER_AGE_LIMIT = 24


def children_problems(
    children: Sequence[ChildEntry],
    *,
    kind: CaseKind,
    on: dt.date | None,
    today: dt.date,
) -> list[Problem]:
    """At least one child; each with a pseudonym of its own that holds no child's real name; no
    date of birth in the future or after the incident (`on`); a care leaver's death within the
    age the law gives. Fields are `children[i].<key>`, as the interchange names them."""
    if not children:
        return [Problem("children", "Add the child (or children) the incident affected.")]
    problems: list[Problem] = []
    names = [child.name for child in children]
    seen: set[str] = set()
    for index, child in enumerate(children):
        where = f"children[{index}]"
        problems += pseudonym_problems(child.pseudonym, names, field=f"{where}.pseudonym")
        key = child.pseudonym.strip().casefold()
        if key and key in seen:
            problems.append(
                Problem(
                    f"{where}.pseudonym", f"Two children share the pseudonym {child.pseudonym}."
                )
            )
        seen.add(key)
        born = child.date_of_birth
        if born is not None:
            if born > today:
                problems.append(
                    Problem(
                        f"{where}.date_of_birth",
                        f"The date of birth ({born:%d/%m/%Y}) is in the future.",
                    )
                )
            elif on is not None and born > on:
                problems.append(
                    Problem(
                        f"{where}.date_of_birth",
                        f"The date of birth ({born:%d/%m/%Y}) is after the incident "
                        f"({on:%d/%m/%Y}).",
                    )
                )
            elif kind is CaseKind.CARE_LEAVER_DEATH and on is not None:
                years = age_in_years(born, on)
                if years > CARE_LEAVER_AGE_LIMIT:
                    problems.append(
                        Problem(
                            f"{where}.date_of_birth",
                            f"A care leaver's death is notified up to and including age "
                            f"{CARE_LEAVER_AGE_LIMIT}; {child.pseudonym.strip() or 'this child'} "
                            f"was {years}.",
                        )
                    )
        if child.legal_status not in LegalStatus:
            problems.append(Problem(f"{where}.legal_status", "Choose the child's legal status."))
    return problems


def date_problems(dates: CaseDates, today: dt.date) -> list[Problem]:
    """No date in the future; nothing the case records happens before the incident."""
    problems: list[Problem] = []
    for name, label in DATE_LABELS.items():
        day: dt.date | None = getattr(dates, name)
        if day is not None and day > today:
            problems.append(Problem(name, f"{label} ({day:%d/%m/%Y}) is in the future."))
    incident = dates.incident_date
    if incident is not None:
        for name, label in DATE_LABELS.items():
            day = getattr(dates, name)
            if name != "incident_date" and day is not None and day < incident:
                problems.append(
                    Problem(
                        name,
                        f"{label} ({day:%d/%m/%Y}) is before the incident ({incident:%d/%m/%Y}).",
                    )
                )
    return problems


def dated_after_awareness(
    name: str, label: str, day: dt.date, la_aware: dt.date, today: dt.date
) -> list[Problem]:
    """A date that follows from the LA becoming aware (a decision, a notification).

    Shared: `decided_on` uses it here; the notification date (on the case) uses it too.
    """
    if day < la_aware:
        return [
            Problem(
                name,
                f"{label} ({day:%d/%m/%Y}) is before the Local Authority became aware "
                f"({la_aware:%d/%m/%Y}).",
            )
        ]
    if day > today:
        return [Problem(name, f"{label} ({day:%d/%m/%Y}) is in the future.")]
    return []


def decision_kind_problem(kind: CaseKind, outcome: DecisionOutcome) -> str | None:
    """A looked-after child's or a care leaver's death is notified whatever the criteria say:
    the meeting may find it is not also an SCSI, but it cannot decide not to notify it."""
    if outcome is not DecisionOutcome.DO_NOT_NOTIFY:
        return None
    if kind is CaseKind.LOOKED_AFTER_DEATH:
        return (
            "The death of a looked-after child must be notified whether or not abuse or neglect "
            "is known or suspected: record 'Notify'. The criteria decide only whether it is also "
            "a serious child safeguarding incident (then make the case that kind)."
        )
    if kind is CaseKind.CARE_LEAVER_DEATH:
        return (
            "The death of a care leaver up to and including age 24 must be notified to the "
            "Secretary of State and Ofsted: record 'Notify'."
        )
    return None


def notification_problems(
    notified_on: dt.date | None, la_aware: dt.date | None, today: dt.date
) -> list[Problem]:
    """A notification may precede the meeting, never the Local Authority's awareness or today."""
    if notified_on is None or la_aware is None:
        return []
    return dated_after_awareness(
        "notified_on", "The notification date", notified_on, la_aware, today
    )


INCIDENT_TIME_FORMAT = "%H:%M"


def incident_time_problems(incident_time: str | None) -> list[Problem]:
    """The incident's time, where known, as HH:MM on the 24-hour clock."""
    if incident_time is None or not incident_time.strip():
        return []
    try:
        dt.datetime.strptime(incident_time.strip(), INCIDENT_TIME_FORMAT)
    except ValueError:
        return [
            Problem(
                "incident_time",
                f"The incident time ({incident_time.strip()}) must be HH:MM, e.g. 14:30.",
            )
        ]
    if len(incident_time.strip()) != 5:
        return [Problem("incident_time", "The incident time must be HH:MM, e.g. 09:05.")]
    return []


def decision_date_problems(decided_on: dt.date, la_aware: dt.date, today: dt.date) -> list[Problem]:
    """The decision whether to notify is made on or after day 0, and not in the future."""
    return dated_after_awareness("decided_on", "The decision date", decided_on, la_aware, today)
