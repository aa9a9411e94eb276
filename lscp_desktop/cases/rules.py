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
from collections.abc import Iterable
from dataclasses import dataclass

from lscp_desktop.text_safety import direction_controls_refusal

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


def pseudonym_problems(pseudonym: str, real_name: str | None) -> list[Problem]:
    """The pseudonym is what leaves the app: required, short, and never holding the real name."""
    pseudonym = pseudonym.strip()
    name = (real_name or "").strip()
    if not pseudonym:
        return [Problem("child_pseudonym", 'Enter a pseudonym for the child, such as "Child A".')]
    if len(pseudonym) > PSEUDONYM_MAX:
        return [
            Problem("child_pseudonym", f"The pseudonym must be at most {PSEUDONYM_MAX} characters.")
        ]
    if (refusal := direction_controls_refusal("The pseudonym", pseudonym)) is not None:
        return [Problem("child_pseudonym", refusal)]
    if name and name.casefold() in pseudonym.casefold():
        return [Problem("child_pseudonym", "The pseudonym must not contain the child's real name.")]
    return []


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


def decision_date_problems(decided_on: dt.date, la_aware: dt.date, today: dt.date) -> list[Problem]:
    """The decision whether to notify is made on or after day 0, and not in the future."""
    return dated_after_awareness("decided_on", "The decision date", decided_on, la_aware, today)
