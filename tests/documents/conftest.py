"""A rich, clearly fictional meeting for the export tests: built with the models directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.models import (
    Action,
    Addendum,
    Agency,
    Attendance,
    Case,
    Child,
    Contribution,
    Decision,
    Meeting,
    MinuteItem,
    ParallelProcess,
    Person,
    Recipient,
    ReviewCriterion,
    ReviewOutcome,
)
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    ActionStatus,
    AttendanceStatus,
    CsprCriterion,
    DecisionOutcome,
    Harm,
    LegalStatus,
    MeetingKind,
    MeetingStatus,
    Opinion,
    PanelResponse,
    ParallelProcessKind,
    ReviewRecommendation,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store

REAL_NAME = "Jaydon Whitlock-Marsh"
SIBLING_NAME = "Kezia Marsh"
RAG_ID = "mtg-rag-0001"
REVIEW_ID = "mtg-rr-0001"

POLICE_REASONS = (
    "The injuries are consistent with non-accidental trauma and the explanation given by the "
    "carer is inconsistent with the injury pattern; both limbs of the definition are met."
)
HEALTH_REASONS = (
    "The paediatric assessment found healing fractures of different ages, indicating "
    "repeated harm; the child was seriously harmed."
)
LA_REASONS = (
    "Social work records show the family was known to Early Help; neglect is suspected but the "
    "Local Authority wished to hear partners before forming a view."
)
EDUCATION_REASONS = "School attendance fell to 61% in the autumn term; no disclosures were made."
RATIONALE = (
    "Having heard every partner, the Local Authority is satisfied that abuse is suspected and "
    "that Child A was seriously harmed. The incident meets the criteria and will be notified."
)
DISSENT = "Health considered that the harm may not be long-term and asked for more information."
DISSENT_CONSIDERED = (
    "The decision-maker noted that recovery does not mean the child was not seriously harmed."
)
ESCALATION = "Health accepted the decision at the meeting; no formal escalation."
ADDENDUM = "The date of the school referral in item 4 should read 3 March 2026, not 3 May 2026."
CSPR_RATIONALE = (
    "Concerns about information sharing between health and education meet criterion (c); a "
    "local CSPR is appropriate."
)


@dataclass(frozen=True)
class ExportCase:
    store: Store
    rag_id: str
    review_id: str


def _agency(session: Session, short: str) -> Agency:
    return session.scalars(select(Agency).where(Agency.short_name == short)).one()


def _person(session: Session, name: str, role: str, agency: Agency, email: str = "") -> Person:
    person = Person(name=name, role=role, agency=agency, email=email)
    session.add(person)
    return person


def build_meetings(session: Session, rag_status: MeetingStatus = MeetingStatus.APPROVED) -> None:
    la, police, health = (
        _agency(session, "CSWS"),
        _agency(session, "Police"),
        _agency(session, "Health (ICB)"),
    )
    education, bu = _agency(session, "Education"), _agency(session, "Business Unit")
    chair = _person(session, "Dr Miriam Achterberg", "Independent Chair", bu, "chair@example.org")
    minute_taker = _person(session, "Owen Pryce", "Business Support Officer", bu, "bu@example.org")
    head_la = _person(
        session, "Sunita Balasubramanian", "Head of Service", la, "sunita@example.org"
    )
    di = _person(session, "DI Gareth Lowe", "Detective Inspector", police, "gareth@example.org")
    nurse = _person(session, "Fiona Okafor", "Designated Nurse", health, "fiona@example.org")
    school = _person(session, "Tom Hardcastle", "Designated Safeguarding Lead", education)
    absent = _person(session, "Priya Nandakumar", "Named GP", health)

    case = Case(
        notified_on=dt.date(2026, 3, 12),
        panel_reference="NP-26-0441",
        reference="LSCP-2026-014",
        child_pseudonym="Child A",
        children=[
            Child(
                pseudonym="Child A",
                name=REAL_NAME,
                age="2 years",
                sex="Male",
                legal_status=LegalStatus.CHILD_IN_NEED,
            )
        ],
        referring_agency=police,
        referral_received=dt.date(2026, 3, 9),
        la_aware=dt.date(2026, 3, 9),
        incident_date=dt.date(2026, 3, 6),
        summary=(
            "Child A, aged 2, was brought to hospital with a head injury. Skeletal survey showed "
            "older fractures. The family was known to Early Help."
        ),
        abuse_or_neglect=AbuseOrNeglect.SUSPECTED,
        abuse_or_neglect_evidence="Unexplained fractures of different ages.",
        harm=Harm.SERIOUSLY_HARMED,
        harm_evidence="Intracranial bleed; long-term impairment likely.",
    )
    case.parallel_processes.append(
        ParallelProcess(kind=ParallelProcessKind.POLICE_INVESTIGATION, notes="Op Larch; ongoing.")
    )
    session.add(case)

    rag = Meeting(
        id=RAG_ID,
        kind=MeetingKind.EXTRAORDINARY_RAG,
        held_at=dt.datetime(2026, 3, 11, 14, 0),
        location="Civic Hall, Leeds, Room 3 and Teams",
        chair=chair,
        minute_taker=minute_taker,
        status=rag_status,
        approved_by="Dr Miriam Achterberg" if rag_status is MeetingStatus.APPROVED else None,
        approved_at=(
            dt.datetime(2026, 3, 13, 10, 30) if rag_status is MeetingStatus.APPROVED else None
        ),
    )
    case.meetings.append(rag)
    for person, role, agency, status, deputy in (
        (chair, "Independent Chair", bu, AttendanceStatus.PRESENT, None),
        (head_la, "Head of Service", la, AttendanceStatus.PRESENT, None),
        (di, "Detective Inspector", police, AttendanceStatus.PRESENT, "Det Supt Ahmed"),
        (nurse, "Designated Nurse", health, AttendanceStatus.PRESENT, None),
        (school, "Designated Safeguarding Lead", education, AttendanceStatus.PRESENT, None),
        (minute_taker, "Minute-taker", bu, AttendanceStatus.PRESENT, None),
        (absent, "Named GP", health, AttendanceStatus.APOLOGIES, None),
    ):
        rag.attendees.append(
            Attendance(
                person=person,
                role=role,
                agency=agency,
                status=status,
                deputy_for=deputy,
                invited_professional=person is school,
            )
        )
    rag.minutes.extend(
        [
            MinuteItem(item="Declarations of interest", text="None declared."),
            MinuteItem(
                item="Welcome and introductions",
                text="The chair welcomed members and reminded them of confidentiality.",
            ),
            MinuteItem(
                item="Multi-agency discussion",
                text=(
                    "Members discussed the family's history with Early Help.\n\n"
                    "Police confirmed the investigation is at an early stage."
                ),
            ),
        ]
    )
    for agency, rep, info, opinion, reasons in (
        (la, head_la, "Known to Early Help since 2024.", Opinion.NOTIFY, LA_REASONS),
        (police, di, "Both carers arrested and bailed.", Opinion.NOTIFY, POLICE_REASONS),
        (health, nurse, "Admitted to LGI PICU.", Opinion.DO_NOT_NOTIFY, HEALTH_REASONS),
        (education, school, "Attends nursery.", Opinion.UNDECIDED, EDUCATION_REASONS),
    ):
        rag.contributions.append(
            Contribution(
                agency=agency,
                representative=rep,
                information=info,
                opinion=opinion,
                reasons=reasons,
            )
        )
    rag.decision = Decision(
        outcome=DecisionOutcome.NOTIFY,
        decided_by=head_la,
        decided_on=dt.date(2026, 3, 11),
        rationale=RATIONALE,
        dissent=DISSENT,
        dissent_considered=DISSENT_CONSIDERED,
        escalated=False,
        escalation_notes=ESCALATION,
    )
    rag.actions.extend(
        [
            Action(
                description="Notify the Panel",
                owner=head_la,
                agency=la,
                due=dt.date(2026, 3, 16),
                status=ActionStatus.DONE,
            ),
            Action(
                description="Strategy discussion for the sibling",
                owner=di,
                agency=police,
                due=dt.date(2026, 3, 12),
                immediate=True,
            ),
            Action(
                description="Chronologies to the Business Unit",
                owner=nurse,
                agency=health,
                due=dt.date(2026, 3, 20),
            ),
        ]
    )
    rag.distribution.extend(
        [
            Recipient(name="LSCP Executive", email="executive@example.org"),
            Recipient(name="Child Safeguarding Practice Review Panel", email="panel@example.org"),
            Recipient(name="Fiona Okafor", email="fiona@example.org"),
        ]
    )
    rag.addenda.append(
        Addendum(added_at=dt.datetime(2026, 3, 20, 9, 15), author="Owen Pryce", text=ADDENDUM)
    )

    review = Meeting(
        id=REVIEW_ID,
        kind=MeetingKind.RAPID_REVIEW,
        held_at=dt.datetime(2026, 3, 27, 10, 0),
        location="Civic Hall, Leeds",
        chair=chair,
        minute_taker=minute_taker,
        status=MeetingStatus.CONCLUDED,
    )
    case.meetings.append(review)
    review.attendees.append(Attendance(person=chair, role="Independent Chair", agency=bu))
    review.attendees.append(Attendance(person=nurse, role="Designated Nurse", agency=health))
    review.contributions.append(
        Contribution(
            agency=health,
            representative=nurse,
            opinion=Opinion.NOTIFY,
            reasons="Health supports a CSPR.",
        )
    )
    review.minutes.append(MinuteItem(item="Key practice episodes", text="Three were identified."))
    outcome = ReviewOutcome(
        recommendation=ReviewRecommendation.CSPR,
        rationale=CSPR_RATIONALE,
        decided_on=dt.date(2026, 3, 27),
        submitted_to_panel_on=dt.date(2026, 3, 31),
        panel_response=PanelResponse.AGREES,
        panel_response_on=dt.date(2026, 4, 20),
        panel_comments="The Panel agrees a local review is appropriate.",
    )
    for criterion, met, evidence in (
        (CsprCriterion.IMPROVEMENTS_NEEDED, True, "Information sharing delays."),
        (CsprCriterion.RECURRENT_THEMES, False, ""),
        (CsprCriterion.AGENCIES_WORKING_TOGETHER, True, "Health and education did not share."),
        (CsprCriterion.PANEL_CONCLUDED_LOCAL_REVIEW, False, ""),
    ):
        outcome.criteria.append(ReviewCriterion(criterion=criterion, met=met, evidence=evidence))
    review.review_outcome = outcome
    review.actions.append(
        Action(
            description="Appoint a lead reviewer", owner=chair, agency=bu, due=dt.date(2026, 4, 30)
        )
    )
    review.distribution.append(Recipient(name="LSCP Executive", email="executive@example.org"))
    settings.put(session, settings.NAMES_TO_KEEP_OUT, f"{SIBLING_NAME}\n\n  ")


@pytest.fixture
def export_case(store: Store) -> ExportCase:
    with store.session() as session:
        build_meetings(session)
    return ExportCase(store, RAG_ID, REVIEW_ID)


@pytest.fixture
def draft_export_case(store: Store) -> ExportCase:
    """The same record before approval: what was minuted can still be corrected."""
    with store.session() as session:
        build_meetings(session, rag_status=MeetingStatus.CONCLUDED)
    return ExportCase(store, RAG_ID, REVIEW_ID)
