"""A plain, already-safe snapshot of one meeting: everything an export may print, nothing more.

Every export (Word, PDF, decision record, email) is made from this snapshot, never from the
models, so there is exactly one place that decides what leaves the app. The children's real
names (`Child.name`) are never read here: they cannot reach an export by accident. Every string is
passed through `safe_text` once, so the writers never see characters a file cannot hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.cases.children import age_words
from lscp_desktop.documents.errors import ExportError
from lscp_desktop.meeting.approved_deadlines import deadlines_for
from lscp_desktop.meeting.notification_criteria import criteria_met
from lscp_desktop.models import Meeting, Person
from lscp_desktop.models.enums import (
    CaseKind,
    MeetingKind,
    MeetingStatus,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.text_safety import safe_text
from lscp_desktop.vocabulary import (
    ABUSE,
    ACTION_STATUSES,
    ATTENDANCE,
    CSPR_CRITERIA,
    HARM,
    LEGAL,
    MEETING_KINDS_LONG,
    NATIONAL_REVIEW_VIEWS,
    PANEL_RESPONSES_LONG,
    PROCESSES,
    RECOMMENDATIONS_LONG,
    opinion_words,
    outcome_words,
)


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    role: str
    agency: str
    status: str
    deputy_for: str
    invited_professional: bool
    email: str


@dataclass(frozen=True)
class ContributionLine:
    agency: str
    representative: str
    statutory: bool
    opinion: str
    information: str
    reasons: str


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    agency: str
    due: dt.date | None
    status: str
    immediate: bool


@dataclass(frozen=True)
class DecisionFacts:
    outcome: str
    decided_by: str
    decided_on: dt.date
    rationale: str
    dissent: str
    dissent_considered: str
    escalated: bool
    escalation_notes: str
    deferral_reason: str
    post_meeting: bool
    recorded_by: str
    recorded_at: dt.datetime | None
    rationale_shared_on: dt.date | None


@dataclass(frozen=True)
class ChildLine:
    """One child, by pseudonym only, as the documents print them."""

    pseudonym: str
    age: str  # from the date of birth at the incident where known
    sex: str
    ethnicity: str
    disability: str
    legal_status: str
    home_authority: str


@dataclass(frozen=True)
class CriterionLine:
    criterion: str
    met: bool
    evidence: str


@dataclass(frozen=True)
class ReviewFacts:
    recommendation: str
    rationale: str
    decided_on: dt.date | None
    submitted_to_panel_on: dt.date | None
    panel_response: str
    panel_response_on: dt.date | None
    panel_comments: str
    cspr_published_on: dt.date | None
    criteria: tuple[CriterionLine, ...]
    resubmitted_to_panel_on: dt.date | None = None
    inequalities: str = ""
    good_practice: str = ""
    learning: str = ""
    immediate_action: str = ""
    national_review_view: str = ""
    national_review_rationale: str = ""
    episodes: tuple[EpisodeLine, ...] = ()
    sign_off: tuple[SignOffLine, ...] = ()


@dataclass(frozen=True)
class EpisodeLine:
    title: str
    period: str
    agencies: tuple[str, ...]
    description: str
    analysis: str


@dataclass(frozen=True)
class SignOffLine:
    agency: str
    name: str
    role: str
    signed_on: dt.date | None


@dataclass(frozen=True)
class AddendumLine:
    added_at: dt.datetime
    author: str
    text: str


@dataclass(frozen=True)
class MeetingRecord:
    meeting_id: str
    kind: MeetingKind
    title: str
    organisation: str
    held_at: dt.datetime
    location: str
    chair: str
    minute_taker: str
    approved: bool
    approved_by: str
    approved_at: dt.datetime | None
    # The case, by pseudonym only.
    case_reference: str
    pseudonym: str
    incident_date: dt.date | None
    la_aware: dt.date
    referral_received: dt.date
    referring_agency: str
    summary: str
    children: tuple[ChildLine, ...]
    parallel_processes: tuple[tuple[str, str], ...]
    abuse_or_neglect: str
    abuse_or_neglect_evidence: str
    harm: str
    harm_evidence: str
    criteria_met: bool | None  # None while either limb is not yet established
    # The meeting.
    attendees: tuple[AttendeeLine, ...]
    minute_items: tuple[tuple[str, str], ...]
    contributions: tuple[ContributionLine, ...]
    decision: DecisionFacts | None
    review: ReviewFacts | None
    actions: tuple[ActionLine, ...]
    notification_due: dt.date
    rapid_review_due: dt.date | None
    cspr_publication_due: dt.date | None
    distribution: tuple[tuple[str, str], ...]
    addenda: tuple[AddendumLine, ...]
    # The audit chain's latest hash and row count, printed under approval when given.
    record_seal: str | None
    # Why the meeting went ahead though a safeguarding partner was not heard (chair's words).
    quorum_reason: str = ""
    # The kind of notification: the death kinds have no Rapid Review (and say so).
    case_kind: CaseKind = CaseKind.SCSI
    partners_informed_due: dt.date | None = None
    partners_informed_on: dt.date | None = None
    # The notification, the case's (it may have been sent before this meeting).
    notified_on: dt.date | None = None
    panel_reference: str = ""
    incident_time: str = ""
    incident_location: str = ""
    incident_area: str = ""
    outside_england: bool = False


def _name(person: Person | None) -> str:
    return "" if person is None else safe_text(person.name)


def load_meeting_record(
    session: Session, meeting_id: str, *, record_seal: str | None = None
) -> MeetingRecord:
    """The snapshot of meeting `meeting_id`; ExportError naming it if there is no such meeting."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ExportError(f"There is no meeting with id {meeting_id!r}.")
    case = meeting.case
    deadlines = deadlines_for(session, meeting)  # those approved with the minutes, once approved
    day = case.incident_date or case.la_aware
    decision = meeting.decision
    outcome = meeting.review_outcome
    return MeetingRecord(
        meeting_id=meeting.id,
        kind=meeting.kind,
        title=MEETING_KINDS_LONG[meeting.kind],
        organisation=safe_text(settings.get(session, settings.ORGANISATION)),
        held_at=meeting.held_at,
        location=safe_text(meeting.location),
        chair=_name(meeting.chair),
        minute_taker=_name(meeting.minute_taker),
        approved=meeting.status is MeetingStatus.APPROVED and meeting.approved_at is not None,
        approved_by=safe_text(meeting.approved_by),
        approved_at=meeting.approved_at,
        case_reference=safe_text(case.reference),
        pseudonym=safe_text(case.child_pseudonym),
        incident_date=case.incident_date,
        la_aware=case.la_aware,
        referral_received=case.referral_received,
        referring_agency=safe_text(case.referring_agency.name),
        summary=safe_text(case.summary),
        children=tuple(
            ChildLine(
                pseudonym=safe_text(child.pseudonym),
                age=safe_text(age_words(child, day)),
                sex=safe_text(child.sex),
                ethnicity=safe_text(child.ethnicity),
                disability=safe_text(child.disability),
                legal_status=LEGAL[child.legal_status],
                home_authority=safe_text(child.home_authority),
            )
            for child in case.children
        ),
        parallel_processes=tuple(
            (PROCESSES[p.kind], safe_text(p.notes)) for p in case.parallel_processes
        ),
        abuse_or_neglect=ABUSE[case.abuse_or_neglect],
        abuse_or_neglect_evidence=safe_text(case.abuse_or_neglect_evidence),
        harm=HARM[case.harm],
        harm_evidence=safe_text(case.harm_evidence),
        criteria_met=criteria_met(case.abuse_or_neglect, case.harm),
        attendees=tuple(
            AttendeeLine(
                name=_name(a.person),
                role=safe_text(a.role),
                agency="" if a.agency is None else safe_text(a.agency.name),
                status=ATTENDANCE[a.status],
                deputy_for=safe_text(a.deputy_for),
                invited_professional=a.invited_professional,
                email=safe_text(a.person.email),
            )
            for a in meeting.attendees
        ),
        minute_items=tuple((safe_text(m.item), safe_text(m.text)) for m in meeting.minutes),
        contributions=tuple(
            ContributionLine(
                agency=safe_text(c.agency.name),
                representative=_name(c.representative),
                statutory=c.agency.is_statutory,
                opinion=opinion_words(c.opinion, case.kind),
                information=safe_text(c.information),
                reasons=safe_text(c.reasons),
            )
            for c in meeting.contributions
        ),
        decision=None
        if decision is None
        else DecisionFacts(
            outcome=outcome_words(decision.outcome, case.kind),
            decided_by=_name(decision.decided_by),
            decided_on=decision.decided_on,
            rationale=safe_text(decision.rationale),
            dissent=safe_text(decision.dissent),
            dissent_considered=safe_text(decision.dissent_considered),
            escalated=decision.escalated,
            escalation_notes=safe_text(decision.escalation_notes),
            deferral_reason=safe_text(decision.deferral_reason),
            post_meeting=decision.post_meeting,
            recorded_by=safe_text(decision.recorded_by),
            recorded_at=decision.recorded_at,
            rationale_shared_on=decision.rationale_shared_on,
        ),
        review=None
        if outcome is None
        else ReviewFacts(
            recommendation=""
            if outcome.recommendation is None
            else RECOMMENDATIONS_LONG[outcome.recommendation],
            rationale=safe_text(outcome.rationale),
            decided_on=outcome.decided_on,
            submitted_to_panel_on=outcome.submitted_to_panel_on,
            panel_response=PANEL_RESPONSES_LONG[outcome.panel_response],
            panel_response_on=outcome.panel_response_on,
            panel_comments=safe_text(outcome.panel_comments),
            cspr_published_on=(
                case.cspr.published_on if case.cspr is not None else outcome.cspr_published_on
            ),
            criteria=tuple(
                CriterionLine(CSPR_CRITERIA[c.criterion], c.met, safe_text(c.evidence))
                for c in outcome.criteria
            ),
            resubmitted_to_panel_on=outcome.resubmitted_to_panel_on,
            inequalities=safe_text(outcome.inequalities),
            good_practice=safe_text(outcome.good_practice),
            learning=safe_text(outcome.learning),
            immediate_action=safe_text(outcome.immediate_action),
            national_review_view=NATIONAL_REVIEW_VIEWS[outcome.national_review_view],
            national_review_rationale=safe_text(outcome.national_review_rationale),
            episodes=tuple(
                EpisodeLine(
                    safe_text(e.title),
                    safe_text(e.period),
                    tuple(safe_text(a) for a in e.agency_list),
                    safe_text(e.description),
                    safe_text(e.analysis),
                )
                for e in outcome.episodes
            ),
            sign_off=tuple(
                SignOffLine(safe_text(r.agency), safe_text(r.name), safe_text(r.role), r.signed_on)
                for r in outcome.sign_off
            ),
        ),
        actions=tuple(
            ActionLine(
                description=safe_text(a.description),
                owner=_name(a.owner),
                agency="" if a.agency is None else safe_text(a.agency.label),
                due=a.due,
                status=ACTION_STATUSES[a.status],
                immediate=a.immediate,
            )
            for a in meeting.actions
        ),
        notification_due=deadlines.notification_due,
        rapid_review_due=deadlines.rapid_review_due,
        cspr_publication_due=deadlines.cspr_publication_due,
        distribution=tuple((safe_text(r.name), safe_text(r.email)) for r in meeting.distribution),
        addenda=tuple(
            AddendumLine(a.added_at, safe_text(a.author), safe_text(a.text))
            for a in meeting.addenda
        ),
        record_seal=None if record_seal is None else safe_text(record_seal),
        quorum_reason=safe_text(meeting.quorum_reason),
        case_kind=case.kind,
        partners_informed_due=deadlines.partners_informed_due,
        notified_on=case.notified_on,
        panel_reference=safe_text(case.panel_reference),
        incident_time=safe_text(case.incident_time or ""),
        incident_location=safe_text(case.incident_location),
        incident_area=safe_text(case.incident_area),
        outside_england=case.outside_england,
        partners_informed_on=case.partners_informed_on,
    )
