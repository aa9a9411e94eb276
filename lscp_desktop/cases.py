"""Adding, changing and deleting a case from the referral form, with the checks that keep it sane.

The form is a plain dataclass so the dialog, an import or a test can fill it the same way; every
problem found is reported at once, each with the field it belongs to, so the user fixes them in
one pass and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lscp_desktop.exports.text_safety import direction_controls_refusal
from lscp_desktop.models import Agency, Case, CaseLink, CaseTheme, ParallelProcess, Theme
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    CaseStatus,
    Harm,
    LegalStatus,
    ParallelProcessKind,
)

REFERENCE_MAX = 100
PSEUDONYM_MAX = 100


@dataclass
class LinkedCase:
    reference: str
    relation: str = ""


@dataclass
class ParallelProcessEntry:
    kind: ParallelProcessKind
    notes: str = ""


@dataclass
class CaseForm:
    """Everything the referral form holds, as the user typed it."""

    reference: str = ""
    child_pseudonym: str = ""
    child_name: str = ""
    referring_agency_id: int | None = None
    referral_received: dt.date | None = None
    la_aware: dt.date | None = None
    incident_date: dt.date | None = None
    summary: str = ""
    status: CaseStatus = CaseStatus.REFERRED
    retrospective: bool = False
    abuse_or_neglect: AbuseOrNeglect = AbuseOrNeglect.UNKNOWN
    abuse_or_neglect_evidence: str = ""
    harm: Harm = Harm.UNKNOWN
    harm_evidence: str = ""
    chair_and_business_unit_told_on: dt.date | None = None
    partners_informed_on: dt.date | None = None
    child_age: str = ""
    child_sex: str = ""
    child_ethnicity: str = ""
    child_disability: str = ""
    legal_status: LegalStatus = LegalStatus.UNKNOWN
    theme_ids: list[int] = field(default_factory=list)
    links: list[LinkedCase] = field(default_factory=list)
    parallel_processes: list[ParallelProcessEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    field: str  # the CaseForm attribute at fault, so a dialog can focus it
    message: str


class CaseInvalid(Exception):
    """The form cannot be saved as it stands; `problems` says why, field by field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.message for problem in problems))
        self.problems = problems


class CaseNotFound(Exception):
    pass


def problems_with(
    session: Session, form: CaseForm, *, case_id: int | None = None, today: dt.date | None = None
) -> list[Problem]:
    """Every reason the form cannot be saved; empty when it can. `case_id` is the case edited."""
    today = today or dt.date.today()
    problems: list[Problem] = []

    def problem(name: str, message: str) -> None:
        problems.append(Problem(name, message))

    reference = form.reference.strip()
    if not reference:
        problem("reference", "Enter the case reference.")
    elif len(reference) > REFERENCE_MAX:
        problem("reference", f"The reference must be at most {REFERENCE_MAX} characters.")
    elif (refusal := direction_controls_refusal("The reference", reference)) is not None:
        problem("reference", refusal)
    else:
        clash = session.scalar(
            select(Case.id).where(
                func.lower(Case.reference) == reference.lower(),
                Case.id != (case_id if case_id is not None else -1),
            )
        )
        if clash is not None:
            problem("reference", f"Another case already has the reference {reference}.")

    pseudonym = form.child_pseudonym.strip()
    if not pseudonym:
        problem("child_pseudonym", 'Enter a pseudonym for the child, such as "Child A".')
    elif len(pseudonym) > PSEUDONYM_MAX:
        problem("child_pseudonym", f"The pseudonym must be at most {PSEUDONYM_MAX} characters.")
    elif (refusal := direction_controls_refusal("The pseudonym", pseudonym)) is not None:
        problem("child_pseudonym", refusal)
    elif form.child_name.strip() and pseudonym.lower() == form.child_name.strip().lower():
        # The pseudonym is what leaves the app; it must never be the real name.
        problem("child_pseudonym", "The pseudonym must not be the child's real name.")

    if form.referring_agency_id is None:
        problem("referring_agency_id", "Choose the referring agency.")
    elif session.get(Agency, form.referring_agency_id) is None:
        problem("referring_agency_id", "The referring agency no longer exists; choose another.")

    if form.referral_received is None:
        problem("referral_received", "Enter the date the referral was received.")
    if form.la_aware is None:
        problem("la_aware", "Enter the date the Local Authority became aware (day 0).")

    dated = [
        ("incident_date", "The incident date", form.incident_date),
        ("la_aware", "The date the Local Authority became aware", form.la_aware),
        ("referral_received", "The date the referral was received", form.referral_received),
        (
            "chair_and_business_unit_told_on",
            "The date the Chair and Business Unit were told",
            form.chair_and_business_unit_told_on,
        ),
        ("partners_informed_on", "The date partners were informed", form.partners_informed_on),
    ]
    for name, label, day in dated:
        if day is not None and day > today:
            problem(name, f"{label} ({day:%d/%m/%Y}) is in the future.")
    if form.incident_date is not None:
        for name, label, day in dated[1:]:
            if day is not None and day < form.incident_date:
                problem(
                    name,
                    f"{label} ({day:%d/%m/%Y}) is before the incident "
                    f"({form.incident_date:%d/%m/%Y}).",
                )

    known_themes = set(session.scalars(select(Theme.id))) if form.theme_ids else set()
    if any(theme_id not in known_themes for theme_id in form.theme_ids):
        problem("theme_ids", "A chosen theme no longer exists; choose the themes again.")

    for link in form.links:
        linked = link.reference.strip()
        if not linked:
            problem("links", "Each linked case needs a reference.")
            break
        if linked.lower() == reference.lower():
            problem("links", "A case cannot be linked to itself.")
            break
    return problems


def _check(session: Session, form: CaseForm, case_id: int | None, today: dt.date | None) -> None:
    problems = problems_with(session, form, case_id=case_id, today=today)
    if problems:
        raise CaseInvalid(problems)


def _apply(case: Case, form: CaseForm) -> None:
    assert form.referring_agency_id is not None and form.la_aware is not None
    assert form.referral_received is not None
    case.reference = form.reference.strip()
    case.child_pseudonym = form.child_pseudonym.strip()
    case.child_name = form.child_name.strip() or None
    case.referring_agency_id = form.referring_agency_id
    case.referral_received = form.referral_received
    case.la_aware = form.la_aware
    case.incident_date = form.incident_date
    case.summary = form.summary
    case.status = form.status
    case.retrospective = form.retrospective
    case.abuse_or_neglect = form.abuse_or_neglect
    case.abuse_or_neglect_evidence = form.abuse_or_neglect_evidence
    case.harm = form.harm
    case.harm_evidence = form.harm_evidence
    case.chair_and_business_unit_told_on = form.chair_and_business_unit_told_on
    case.partners_informed_on = form.partners_informed_on
    case.child_age = form.child_age.strip()
    case.child_sex = form.child_sex.strip()
    case.child_ethnicity = form.child_ethnicity.strip()
    case.child_disability = form.child_disability
    case.legal_status = form.legal_status
    # Replace the lists wholesale: the form is the whole truth about them.
    # Themes are keyed by (case, theme): keep the rows still chosen rather than delete and
    # re-insert the same key in one flush.
    existing = {link.theme_id: link for link in case.case_themes}
    chosen = [
        existing.get(theme_id) or CaseTheme(theme_id=theme_id)
        for theme_id in dict.fromkeys(form.theme_ids)  # keep order, drop repeats
    ]
    case.case_themes.clear()
    for theme_link in chosen:
        case.case_themes.append(theme_link)  # the ordering list renumbers positions as it appends
    case.links.clear()
    for link in form.links:
        case.links.append(
            CaseLink(linked_reference=link.reference.strip(), relation=link.relation.strip())
        )
    case.parallel_processes.clear()
    for process in form.parallel_processes:
        case.parallel_processes.append(ParallelProcess(kind=process.kind, notes=process.notes))


def create_case(session: Session, form: CaseForm, *, today: dt.date | None = None) -> int:
    """Add the case the form describes; returns its id. Raises CaseInvalid."""
    _check(session, form, None, today)
    case = Case()
    session.add(case)
    _apply(case, form)
    session.flush()
    return case.id


def update_case(
    session: Session, case_id: int, form: CaseForm, *, today: dt.date | None = None
) -> None:
    """Change the case to match the form. Raises CaseInvalid or CaseNotFound."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(f"The case (id {case_id}) no longer exists.")
    _check(session, form, case_id, today)
    _apply(case, form)
    session.flush()


def delete_case(session: Session, case_id: int) -> None:
    """Delete the case with its meetings, minutes and actions (the caller confirms first)."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(f"The case (id {case_id}) no longer exists.")
    session.delete(case)
    session.flush()


def form_for(session: Session, case_id: int) -> CaseForm:
    """The form filled in from a stored case, for editing."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(f"The case (id {case_id}) no longer exists.")
    return CaseForm(
        reference=case.reference,
        child_pseudonym=case.child_pseudonym,
        child_name=case.child_name or "",
        referring_agency_id=case.referring_agency_id,
        referral_received=case.referral_received,
        la_aware=case.la_aware,
        incident_date=case.incident_date,
        summary=case.summary,
        status=case.status,
        retrospective=case.retrospective,
        abuse_or_neglect=case.abuse_or_neglect,
        abuse_or_neglect_evidence=case.abuse_or_neglect_evidence,
        harm=case.harm,
        harm_evidence=case.harm_evidence,
        chair_and_business_unit_told_on=case.chair_and_business_unit_told_on,
        partners_informed_on=case.partners_informed_on,
        child_age=case.child_age,
        child_sex=case.child_sex,
        child_ethnicity=case.child_ethnicity,
        child_disability=case.child_disability,
        legal_status=case.legal_status,
        theme_ids=[link.theme_id for link in case.case_themes],
        links=[LinkedCase(link.linked_reference, link.relation) for link in case.links],
        parallel_processes=[
            ParallelProcessEntry(process.kind, process.notes) for process in case.parallel_processes
        ],
    )


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


def agency_choices(session: Session) -> list[Choice]:
    """Agencies for the referring-agency list: statutory partners first, then by name."""
    agencies = session.scalars(select(Agency).order_by(Agency.name)).all()
    ordered = sorted(agencies, key=lambda agency: (not agency.is_statutory, agency.name.lower()))
    return [Choice(agency.id, agency.name) for agency in ordered]


def theme_choices(session: Session) -> list[Choice]:
    themes = session.scalars(select(Theme).order_by(Theme.name))
    return [Choice(theme.id, theme.name) for theme in themes]
