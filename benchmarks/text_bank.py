"""Phrase banks for fictional records: varied enough to index and search like real minutes."""

from __future__ import annotations

import random
import string

FIRST_NAMES = [
    "Alex", "Sam", "Jordan", "Morgan", "Priya", "Tariq", "Niamh", "Oluwaseun", "Hannah",
    "Declan", "Aisha", "Gareth", "Mei", "Kofi", "Zofia", "Imran", "Bethany", "Callum",
    "Rhiannon", "Yusuf", "Eleanor", "Marek", "Chidi", "Freya", "Hamza", "Isla",
]  # fmt: skip
SURNAMES = [
    "Ellis", "Okafor", "Price", "Carter", "Shah", "Hussain", "Byrne", "Adeyemi", "Walsh",
    "Kowalski", "Patel", "Hughes", "Chen", "Mensah", "Novak", "Akhtar", "Fletcher", "Reid",
    "Morgan", "Iqbal", "Thornton", "Nowak", "Eze", "Lindqvist", "Qureshi", "Barker",
]  # fmt: skip
ROLES = [
    "Head of Service, Safeguarding", "Detective Inspector, Safeguarding Unit",
    "Designated Nurse, Safeguarding Children", "Named Doctor", "Team Manager",
    "Education Safeguarding Lead", "Senior Probation Officer", "Legal Adviser",
    "Business Unit Officer", "Independent Scrutineer", "Social Worker",
]  # fmt: skip
LOCATIONS = [
    "Microsoft Teams", "Civic Hall, Room 3", "Merrion House, 4th floor",
    "Police HQ, Meeting Room B", "St James's, Education Centre",
]  # fmt: skip
AGENDA_ITEMS = [
    "Welcome, introductions and apologies",
    "Confidentiality and declarations of interest",
    "Purpose of the meeting and the criteria",
    "Information shared by each agency",
    "Multi-agency discussion",
    "Partners' views and reasons",
    "The Local Authority's decision and rationale",
    "Immediate safeguarding actions",
    "Actions and deadlines",
    "Any other business",
]
SUBJECTS = [
    "The social worker", "The health visitor", "The school", "The GP practice",
    "The police safeguarding unit", "The Emergency Department", "Early Help",
    "The family support worker", "The midwife", "The probation officer",
    "The designated nurse", "The child's mother", "The child's father", "The maternal grandmother",
]  # fmt: skip
VERBS = [
    "reported", "confirmed", "noted", "was concerned", "recorded", "explained",
    "could not confirm", "raised", "described", "had been told",
]  # fmt: skip
OBJECTS = [
    "that two health appointments were missed in the previous three months",
    "an unexplained bruise on the child's upper arm during a home visit",
    "that the family had moved address three times in the last year",
    "a history of domestic abuse incidents attended by police since 2021",
    "that the child had not been seen by any professional for six weeks",
    "concerns about the mother's mental health after the birth",
    "that the referral to Early Help was closed without the family engaging",
    "that school attendance had fallen to 62 per cent this term",
    "a disclosure made by an older sibling to a teaching assistant",
    "that the explanation given for the injury was not consistent with it",
    "that information was not shared between agencies at the time",
    "disguised compliance at the last two core group meetings",
    "that the child protection medical concluded the injury was likely non-accidental",
    "that a strategy discussion was held on the same day",
    "that the threshold for a Section 47 enquiry was met",
]  # fmt: skip
TAILS = [
    "", "", " and this was escalated to a manager", " which professional curiosity might have "
    "explored further", " as recorded in the chronology", " and the panel asked for the records",
    " but no referral followed", " and a safety plan is now in place",
]  # fmt: skip


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def pseudonym(number: int) -> str:
    """Child A, Child B, ... Child Z, Child AA, ...: unique for every case number."""
    letters = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."


def paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))
