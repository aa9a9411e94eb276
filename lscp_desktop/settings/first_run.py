"""A new database's first start: the partnership's own name and safeguarding partners.

A new database is seeded with Leeds's partners and agencies as a worked example (store/seed.py);
the first start asks whose partnership this is, so nothing is titled or minuted as Leeds unless
the user takes the example. The three safeguarding partners keep their roles (the quorum and
who decides depend on them) and take the names typed; the example's other agencies go unless
the user keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from lscp_desktop.models import Action, Agency, Attendance, Case, Contribution, Person
from lscp_desktop.models.enums import PartnerRole
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.settings import stored as settings

# The worked example a new database is seeded with, offered again on the first start.
EXAMPLE_ORGANISATION = "Leeds Safeguarding Children Partnership"
KEPT_EXAMPLE = "Business Unit"  # the partnership's own Business Unit is everyone's
NAME_MAX = 200
SHORT_MAX = 40


class FirstRunRefused(RuleRefused):
    """What the first-run answers still lack, in words for the user."""


@dataclass(frozen=True)
class PartnerName:
    role: PartnerRole
    name: str
    short_name: str


def current_partners(session: Session) -> dict[PartnerRole, PartnerName]:
    """The safeguarding partners as the database holds them (the example, until changed)."""
    found = {}
    for agency in session.scalars(select(Agency).where(Agency.partner_role.is_not(None))):
        assert agency.partner_role is not None
        found[agency.partner_role] = PartnerName(
            agency.partner_role, agency.name, agency.short_name or ""
        )
    return found


def set_up_partnership(
    session: Session,
    organisation: str,
    partners: list[PartnerName],
    *,
    user_name: str,
    keep_other_examples: bool,
) -> None:
    """Store the answers, or refuse naming every problem (nothing is changed then)."""
    problems = []
    organisation = " ".join(organisation.split())
    if not organisation:
        problems.append("Type the partnership's name, as its documents should carry it.")
    elif len(organisation) > NAME_MAX:
        problems.append(f"The partnership's name is longer than {NAME_MAX} characters.")
    roles = {partner.role for partner in partners}
    if roles != {PartnerRole.LOCAL_AUTHORITY, PartnerRole.POLICE, PartnerRole.HEALTH}:
        problems.append("Name each of the three safeguarding partners.")
    cleaned = []
    for partner in partners:
        name, short = " ".join(partner.name.split()), " ".join(partner.short_name.split())
        if not name:
            problems.append(f"Type the name of the {ROLE_WORDS[partner.role]}.")
        elif len(name) > NAME_MAX or len(short) > SHORT_MAX:
            problems.append(f"The {ROLE_WORDS[partner.role]}'s name is too long.")
        cleaned.append(PartnerName(partner.role, name, short or name))
    if problems:
        raise FirstRunRefused(" ".join(problems))

    settings.put(session, settings.ORGANISATION, organisation)
    if user_name.strip():
        settings.put(session, settings.USER_NAME, " ".join(user_name.split()))
    for partner in cleaned:
        agency = session.scalars(select(Agency).where(Agency.partner_role == partner.role)).first()
        if agency is None:
            session.add(
                Agency(name=partner.name, short_name=partner.short_name, partner_role=partner.role)
            )
        else:
            agency.name, agency.short_name = partner.name, partner.short_name
    if not keep_other_examples:
        _remove_unused_examples(session)


ROLE_WORDS = {
    PartnerRole.LOCAL_AUTHORITY: "Local Authority (children's social care)",
    PartnerRole.POLICE: "police force",
    PartnerRole.HEALTH: "Integrated Care Board (health)",
}


def _remove_unused_examples(session: Session) -> None:
    """The example's other agencies, unless something already refers to one."""
    for agency in session.scalars(select(Agency).where(Agency.partner_role.is_(None))).all():
        if agency.short_name == KEPT_EXAMPLE:
            continue
        used = sum(
            session.scalar(select(func.count()).where(column == agency.id)) or 0
            for column in (
                Person.agency_id,
                Attendance.agency_id,
                Contribution.agency_id,
                Action.agency_id,
                Case.referring_agency_id,
            )
        )
        if not used:
            session.execute(delete(Agency).where(Agency.id == agency.id))
