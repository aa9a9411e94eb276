"""What a new database starts with: the Leeds safeguarding partners, common agencies, themes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from lscp_desktop.models import Agency, Setting, Theme
from lscp_desktop.models.enums import PartnerRole

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store

SEEDED_KEY = "seeded"

AGENCIES: list[tuple[str, str, PartnerRole | None]] = [
    ("Leeds Children's Social Work Service", "CSWS", PartnerRole.LOCAL_AUTHORITY),
    ("West Yorkshire Police", "Police", PartnerRole.POLICE),
    ("NHS West Yorkshire Integrated Care Board", "Health (ICB)", PartnerRole.HEALTH),
    ("Leeds Teaching Hospitals NHS Trust", "LTHT", None),
    ("Leeds Community Healthcare NHS Trust", "LCH", None),
    ("Leeds and York Partnership NHS Foundation Trust", "LYPFT", None),
    ("Yorkshire Ambulance Service NHS Trust", "YAS", None),
    ("Leeds City Council Education", "Education", None),
    ("Probation Service", "Probation", None),
    ("Leeds City Council Legal Services", "Legal", None),
    ("LSCP Business Unit", "Business Unit", None),
]

THEMES = [
    "Professional curiosity",
    "Disguised compliance",
    "Escalation processes",
    "Death of a significant family member",
    "Domestic abuse",
    "Different agencies' risk assessment processes",
    "Impact of the Covid pandemic",
    "Complex health needs",
    "Consistent application of safeguarding approaches",
    "Think Family Work Family",
    "Was Not Brought",
    "Early Help",
]


def seed_new_database(store: Store) -> None:
    """Seed once; a user who later deletes a seeded agency does not see it come back."""
    # A plain read first: a seeded database (every start but the first) needs no write lock.
    seeded = store.connection.execute(
        "SELECT 1 FROM settings WHERE key = ?", (SEEDED_KEY,)
    ).fetchone()
    if seeded is not None:
        return
    with store.session() as session:
        if session.get(Setting, SEEDED_KEY) is not None:
            return
        existing = set(session.scalars(select(Agency.name)))
        for name, short, role in AGENCIES:
            if name not in existing:
                session.add(Agency(name=name, short_name=short, partner_role=role))
        known_themes = set(session.scalars(select(Theme.name)))
        session.add_all(Theme(name=name) for name in THEMES if name not in known_themes)
        session.add(Setting(key=SEEDED_KEY, value="1"))
