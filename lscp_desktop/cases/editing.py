"""Adding, changing and deleting a case from the referral form, with the checks that keep it sane.

The form is a plain dataclass so the dialog, an import or a test can fill it the same way; every
problem found is reported at once, each with the field it belongs to, so the user fixes them in
one pass and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.cases import rules as case_rules
from lscp_desktop.cases.children import ChildEntry, apply_children, entries_of
from lscp_desktop.cases.rules import Problem
from lscp_desktop.clock import london_today
from lscp_desktop.models import (
    Agency,
    Case,
    CaseLink,
    CaseTheme,
    Meeting,
    ParallelProcess,
    Theme,
)
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    CaseKind,
    CaseStatus,
    Harm,
    MeetingStatus,
    ParallelProcessKind,
)
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.store import audit, versions

REFERENCE_MAX = case_rules.REFERENCE_MAX
PSEUDONYM_MAX = case_rules.PSEUDONYM_MAX


@dataclass
class LinkedCase:
    reference: str
    relation: str = ""


@dataclass
class ParallelProcessEntry:
    kind: ParallelProcessKind
    notes: str = ""


@dataclass
class NotificationRecord:
    """What the Panel's online notification form asks about the incident and the notifier,
    with what came back: the date it was sent and the Panel's reference."""

    incident_time: str = ""  # "HH:MM", or "" when not known
    incident_location: str = ""
    incident_area: str = ""
    outside_england: bool = False
    notifier_name: str = ""
    notifier_role: str = ""
    notifier_email: str = ""
    notifier_phone: str = ""
    notified_on: dt.date | None = None
    panel_reference: str = ""


@dataclass
class CaseForm:
    """Everything the referral form holds, as the user typed it."""

    reference: str = ""
    kind: CaseKind = CaseKind.SCSI
    children: list[ChildEntry] = field(default_factory=list)
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
    notification: NotificationRecord = field(default_factory=NotificationRecord)
    theme_ids: list[int] = field(default_factory=list)
    links: list[LinkedCase] = field(default_factory=list)
    parallel_processes: list[ParallelProcessEntry] = field(default_factory=list)


class CaseInvalid(RuleRefused):
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
    today = today or london_today()
    problems: list[Problem] = []

    def problem(name: str, message: str) -> None:
        problems.append(Problem(name, message))

    reference = form.reference.strip()
    # Every other reference, compared in Python: SQLite's lower() folds ASCII letters only.
    taken = session.scalars(
        select(Case.reference).where(Case.id != (case_id if case_id is not None else -1))
    ).all()
    problems += case_rules.reference_problems(reference, taken)
    problems += case_rules.children_problems(
        form.children,
        kind=form.kind,
        on=form.incident_date or form.la_aware,
        today=today,
    )
    problems += case_rules.incident_time_problems(form.notification.incident_time)
    problems += case_rules.notification_problems(
        form.notification.notified_on, form.la_aware, today
    )

    if form.referring_agency_id is None:
        problem("referring_agency_id", "Choose the referring agency.")
    elif session.get(Agency, form.referring_agency_id) is None:
        problem("referring_agency_id", "The referring agency no longer exists; choose another.")

    if form.referral_received is None:
        problem("referral_received", "Enter the date the referral was received.")
    if form.la_aware is None:
        problem("la_aware", "Enter the date the Local Authority became aware (day 0).")

    problems += case_rules.date_problems(
        case_rules.CaseDates(
            incident_date=form.incident_date,
            la_aware=form.la_aware,
            referral_received=form.referral_received,
            chair_and_business_unit_told_on=form.chair_and_business_unit_told_on,
            partners_informed_on=form.partners_informed_on,
        ),
        today,
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
    case.kind = form.kind
    apply_children(case, form.children)
    case.referring_agency_id = form.referring_agency_id
    case.referral_received = form.referral_received
    case.la_aware = form.la_aware
    case.incident_date = form.incident_date
    case.summary = form.summary
    case.status = form.status
    if form.notification.notified_on is not None and form.status in (
        CaseStatus.REFERRED,
        CaseStatus.UNDER_CONSIDERATION,
    ):
        case.status = CaseStatus.NOTIFIED  # a notification sent moves the case on
    case.retrospective = form.retrospective
    case.abuse_or_neglect = form.abuse_or_neglect
    case.abuse_or_neglect_evidence = form.abuse_or_neglect_evidence
    case.harm = form.harm
    case.harm_evidence = form.harm_evidence
    case.chair_and_business_unit_told_on = form.chair_and_business_unit_told_on
    case.partners_informed_on = form.partners_informed_on
    apply_notification(case, form.notification)
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


def apply_notification(case: Case, record: NotificationRecord) -> None:
    case.incident_time = record.incident_time.strip() or None
    case.incident_location = record.incident_location.strip()
    case.incident_area = record.incident_area.strip()
    case.outside_england = record.outside_england
    case.notifier_name = record.notifier_name.strip()
    case.notifier_role = record.notifier_role.strip()
    case.notifier_email = record.notifier_email.strip()
    case.notifier_phone = record.notifier_phone.strip()
    case.notified_on = record.notified_on
    case.panel_reference = record.panel_reference.strip()


def notification_of(case: Case) -> NotificationRecord:
    return NotificationRecord(
        incident_time=case.incident_time or "",
        incident_location=case.incident_location,
        incident_area=case.incident_area,
        outside_england=case.outside_england,
        notifier_name=case.notifier_name,
        notifier_role=case.notifier_role,
        notifier_email=case.notifier_email,
        notifier_phone=case.notifier_phone,
        notified_on=case.notified_on,
        panel_reference=case.panel_reference,
    )


def create_case(session: Session, form: CaseForm, *, today: dt.date | None = None) -> int:
    """Add the case the form describes; returns its id. Raises CaseInvalid."""
    _check(session, form, None, today)
    case = Case()
    session.add(case)
    _apply(case, form)
    session.flush()
    return case.id


def update_case(
    session: Session,
    case_id: int,
    form: CaseForm,
    *,
    today: dt.date | None = None,
    seen: versions.Seen | None = None,
) -> None:
    """Change the case to match the form. Raises CaseInvalid or CaseNotFound, or EditConflict
    when `seen` (the version the form was filled from) is no longer the stored one."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(f"The case (id {case_id}) no longer exists.")
    if seen is not None:
        versions.expect(session, ("case", case_id), seen)
    _check(session, form, case_id, today)
    _apply(case, form)
    session.flush()


class CaseHasApprovedRecords(Exception):
    """The case holds approved minutes: it may be closed or archived, never deleted here."""


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(f"The case (id {case_id}) no longer exists.")
    return case


def has_approved_records(session: Session, case_id: int) -> bool:
    """Whether any of the case's meetings has approved minutes (and so a decision on record)."""
    approved = select(Meeting.id).where(
        Meeting.case_id == case_id, Meeting.status == MeetingStatus.APPROVED
    )
    return session.scalar(approved.limit(1)) is not None


def delete_case(session: Session, case_id: int) -> None:
    """Delete a case that has nothing approved, with its draft meetings; audited.

    Approved records are never erased from the app: removing them is retention and disposal,
    a separate procedure. Such a case is closed or archived instead.
    """
    case = _case(session, case_id)
    if has_approved_records(session, case_id):
        raise CaseHasApprovedRecords(
            f"Case {case.reference} has approved minutes, so it cannot be deleted. Close or "
            "archive it instead: it leaves the open register and stays searchable."
        )
    reference, meetings = case.reference, len(case.meetings)
    session.delete(case)
    session.flush()
    audit.record_event(
        session,
        "case",
        reference,
        "deleted",
        f"nothing approved; {meetings} draft meeting(s) deleted with it",
    )


def close_case(session: Session, case_id: int) -> None:
    """Close the case: nothing more is due on it; it stays whole and can be reopened by editing."""
    _case(session, case_id).status = CaseStatus.CLOSED


def archive_case(session: Session, case_id: int, *, today: dt.date | None = None) -> None:
    """Archive the case: out of the open register, kept whole, still searchable and exportable."""
    case = _case(session, case_id)
    if case.archived_on is None:
        case.archived_on = today or dt.date.today()


def unarchive_case(session: Session, case_id: int) -> None:
    _case(session, case_id).archived_on = None


def form_for(session: Session, case_id: int) -> CaseForm:
    """The form filled in from a stored case, for editing."""
    case = _case(session, case_id)
    return CaseForm(
        reference=case.reference,
        kind=case.kind,
        children=entries_of(case),
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
        notification=notification_of(case),
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


# PREFIX-YEAR-NUMBER, as most partnerships number their cases (LSCP-2026-014).
REFERENCE_PATTERN = re.compile(
    r"^(?P<prefix>[A-Za-z][A-Za-z0-9]*)-(?P<year>\d{4})-(?P<number>\d+)$"
)


def suggested_reference(session: Session, year: int) -> str:
    """The next reference in the partnership's own pattern: the prefix of its latest case so
    numbered, `year`, and one more than the highest number that year (at least three digits).
    A suggestion only: the officer may type any reference; the clash rule still applies."""
    prefix, highest, width = "LSCP", 0, 3
    latest_id = -1
    for case_id, reference in session.execute(select(Case.id, Case.reference)):
        found = REFERENCE_PATTERN.match(reference.strip())
        if found is None:
            continue
        if case_id > latest_id:
            latest_id, prefix = case_id, found["prefix"]
        if int(found["year"]) == year:
            highest = max(highest, int(found["number"]))
            width = max(width, len(found["number"]))
    return f"{prefix}-{year}-{highest + 1:0{width}d}"


def agency_choices(session: Session) -> list[Choice]:
    """Agencies for the referring-agency list: safeguarding partners first, then by name."""
    agencies = session.scalars(select(Agency).order_by(Agency.name)).all()
    ordered = sorted(agencies, key=lambda agency: (not agency.is_statutory, agency.name.lower()))
    return [Choice(agency.id, agency.name) for agency in ordered]


def theme_choices(session: Session) -> list[Choice]:
    themes = session.scalars(select(Theme).order_by(Theme.name))
    return [Choice(theme.id, theme.name) for theme in themes]
