"""Store → interchange document. Every field is always written, null or [] when empty."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.deadlines.rules import DeadlineRules
from lscp_desktop.deadlines.statutory import case_deadlines, cspr_commissioned_on
from lscp_desktop.interchange.document import (
    FORMAT,
    VERSION,
    date_text,
    minute_text,
    second_text,
)
from lscp_desktop.meeting.approved_deadlines import approved_deadlines_json
from lscp_desktop.models import (
    Action,
    Agency,
    Case,
    Child,
    Decision,
    JointReview,
    LearningSheet,
    Meeting,
    Person,
    ReviewOutcome,
)
from lscp_desktop.settings.stored import deadline_rules

Json = dict[str, Any]


def _name(entity: Person | Agency | None) -> str:
    return "" if entity is None else entity.name


def export_document(
    session: Session, *, reference: str | None = None, redact: bool = False
) -> Json:
    """All cases (or one) ordered by reference; `redact` leaves every child's real name null."""
    query = select(Case).order_by(Case.reference)
    if reference is not None:
        query = query.where(Case.reference == reference)
    rules = deadline_rules(session)
    cases = [export_case(case, rules, redact=redact) for case in session.scalars(query)]
    return {"format": FORMAT, "version": VERSION, "cases": cases}


def export_case(case: Case, rules: DeadlineRules, *, redact: bool = False) -> Json:
    deadlines = case_deadlines(case, rules)
    return {
        "reference": case.reference,
        "kind": case.kind.value,
        "children": [export_child(child, redact=redact) for child in case.children],
        "referring_agency": case.referring_agency.name,
        "referral_received": date_text(case.referral_received),
        "la_aware": date_text(case.la_aware),
        "incident_date": date_text(case.incident_date),
        "summary": case.summary,
        "criteria": {
            "abuse_or_neglect": case.abuse_or_neglect.value,
            "harm": case.harm.value,
            "abuse_or_neglect_evidence": case.abuse_or_neglect_evidence,
            "harm_evidence": case.harm_evidence,
        },
        "themes": [theme.name for theme in case.themes],
        "deadlines": {
            "notification_due": date_text(deadlines.notification_due),
            "partners_informed_due": date_text(deadlines.partners_informed_due),
            "rapid_review_due": date_text(deadlines.rapid_review_due),
            "cspr_publication_due": date_text(deadlines.cspr_publication_due),
        },
        "status": case.status.value,
        "retrospective": case.retrospective,
        "chair_and_business_unit_told_on": date_text(case.chair_and_business_unit_told_on),
        "incident_time": case.incident_time,
        "incident_location": case.incident_location,
        "incident_area": case.incident_area,
        "outside_england": case.outside_england,
        "notifier": {
            "name": case.notifier_name,
            "role": case.notifier_role,
            "email": case.notifier_email,
            "phone": case.notifier_phone,
        },
        "notified_on": date_text(case.notified_on),
        "panel_reference": case.panel_reference,
        "partners_informed_on": date_text(case.partners_informed_on),
        "linked_cases": [
            {"reference": link.linked_reference, "relation": link.relation} for link in case.links
        ],
        "parallel_processes": [
            {"kind": process.kind.value, "notes": process.notes}
            for process in case.parallel_processes
        ],
        "meetings": [export_meeting(meeting) for meeting in case.meetings],
        "cspr": export_cspr(case),
        "joint_reviews": [export_joint_review(review) for review in case.joint_reviews],
    }


def export_child(child: Child, *, redact: bool) -> Json:
    return {
        "pseudonym": child.pseudonym,
        "name": None if redact else child.name,
        "date_of_birth": date_text(child.date_of_birth),
        "age": child.age,
        "sex": child.sex,
        "ethnicity": child.ethnicity,
        "disability": child.disability,
        "legal_status": child.legal_status.value,
        "home_authority": child.home_authority,
        "health": child.health,
    }


def export_meeting(meeting: Meeting) -> Json:
    return {
        "id": meeting.id,
        "kind": meeting.kind.value,
        "held_at": minute_text(meeting.held_at),
        "location": meeting.location,
        "chair": _name(meeting.chair),
        "minute_taker": _name(meeting.minute_taker),
        "status": meeting.status.value,
        "current_step": meeting.current_step,
        "started_at": second_text(meeting.started_at),
        "concluded_at": second_text(meeting.concluded_at),
        "approved_by": meeting.approved_by,
        "approved_at": second_text(meeting.approved_at),
        "approved_deadlines": approved_deadlines_json(meeting),
        "attendees": [
            {
                "name": row.person.name,
                "role": row.role,
                "agency": _name(row.agency),
                "status": row.status.value,
                "deputy_for": row.deputy_for,
                "invited_professional": row.invited_professional,
            }
            for row in meeting.attendees
        ],
        "contributions": [
            {
                "agency": row.agency.name,
                "representative": _name(row.representative),
                "information": row.information,
                "opinion": row.opinion.value,
                "reasons": row.reasons,
            }
            for row in meeting.contributions
        ],
        "minutes": [{"item": row.item, "text": row.text} for row in meeting.minutes],
        "step_times": [{"step": row.step, "seconds": row.seconds} for row in meeting.step_times],
        "distribution": [{"name": row.name, "email": row.email} for row in meeting.distribution],
        "addenda": [
            {"added_at": second_text(row.added_at), "author": row.author, "text": row.text}
            for row in meeting.addenda
        ],
        "decision": export_decision(meeting.decision),
        "review_outcome": export_review_outcome(meeting.review_outcome),
        "learning_sheet": export_learning_sheet(meeting.learning_sheet),
        "actions": [export_action(action) for action in meeting.actions],
    }


def export_decision(decision: Decision | None) -> Json | None:
    if decision is None:
        return None
    return {
        "outcome": decision.outcome.value,
        "decided_by": _name(decision.decided_by),
        "decided_on": date_text(decision.decided_on),
        "rationale": decision.rationale,
        "dissent": decision.dissent,
        "dissent_considered": decision.dissent_considered,
        "escalated": decision.escalated,
        "escalation_notes": decision.escalation_notes,
        "deferral_reason": decision.deferral_reason,
        "post_meeting": decision.post_meeting,
        "recorded_by": decision.recorded_by,
        "recorded_at": second_text(decision.recorded_at),
        "notified_by": _name(decision.notified_by),
        "rationale_shared_on": date_text(decision.rationale_shared_on),
    }


def export_review_outcome(outcome: ReviewOutcome | None) -> Json | None:
    if outcome is None:
        return None
    return {
        "cspr_criteria": [criterion.value for criterion in outcome.criteria_met],
        "cspr_criteria_assessed": [
            {"criterion": row.criterion.value, "met": row.met, "evidence": row.evidence}
            for row in outcome.criteria
        ],
        "recommendation": None if outcome.recommendation is None else outcome.recommendation.value,
        "rationale": outcome.rationale,
        "decided_on": date_text(outcome.decided_on),
        "submitted_to_panel_on": date_text(outcome.submitted_to_panel_on),
        "panel_response": outcome.panel_response.value,
        "panel_response_on": date_text(outcome.panel_response_on),
        "panel_comments": outcome.panel_comments,
        "resubmitted_to_panel_on": date_text(outcome.resubmitted_to_panel_on),
        "key_practice_episodes": [
            {
                "title": episode.title,
                "period": episode.period,
                "agencies": episode.agency_list,
                "description": episode.description,
                "analysis": episode.analysis,
            }
            for episode in outcome.episodes
        ],
        "inequalities": outcome.inequalities,
        "good_practice": outcome.good_practice,
        "learning": outcome.learning,
        "immediate_action": outcome.immediate_action,
        "national_review_view": outcome.national_review_view.value,
        "national_review_rationale": outcome.national_review_rationale,
        "sign_off": [
            {
                "agency": row.agency,
                "name": row.name,
                "role": row.role,
                "signed_on": date_text(row.signed_on),
            }
            for row in outcome.sign_off
        ],
    }


def export_cspr(case: Case) -> Json | None:
    """The case's CSPR; an older record's publication on a review outcome is carried over."""
    cspr = case.cspr
    if cspr is None:
        commissioned = cspr_commissioned_on(case)
        published = [
            m.review_outcome.cspr_published_on
            for m in case.meetings
            if m.review_outcome is not None and m.review_outcome.cspr_published_on is not None
        ]
        if commissioned is None or not published:
            return None
        return {
            "commissioned_on": date_text(commissioned),
            "reviewers": [],
            "terms_of_reference_on": None,
            "progress": [],
            "final_report_on": None,
            "sent_to_panel_on": None,
            "published_on": date_text(max(published)),
            "not_published_reason": "",
        }
    return {
        "commissioned_on": date_text(cspr.commissioned_on),
        "reviewers": cspr.reviewer_list,
        "terms_of_reference_on": date_text(cspr.terms_of_reference_on),
        "progress": [
            {
                "noted_on": date_text(note.noted_on),
                "author": note.author,
                "text": note.text,
                "next_check_on": date_text(note.next_check_on),
            }
            for note in cspr.progress
        ],
        "final_report_on": date_text(cspr.final_report_on),
        "sent_to_panel_on": date_text(cspr.sent_to_panel_on),
        "published_on": date_text(cspr.published_on),
        "not_published_reason": cspr.not_published_reason,
    }


def export_joint_review(review: JointReview) -> Json:
    return {
        "kind": review.kind.value,
        "partner_board": review.partner_board,
        "started_on": date_text(review.started_on),
        "completed_on": date_text(review.completed_on),
        "notes": review.notes,
    }


def export_learning_sheet(sheet: LearningSheet | None) -> Json | None:
    if sheet is None:
        return None
    return {
        "title": sheet.title,
        "incident_summary": sheet.incident_summary,
        "good_practice": sheet.good_practice,
        "learning": sheet.learning,
        "do_differently": sheet.do_differently,
        "updated_at": second_text(sheet.updated_at),
    }


def export_action(action: Action) -> Json:
    return {
        "description": action.description,
        "owner": _name(action.owner),
        "agency": _name(action.agency),
        "due": date_text(action.due),
        "status": action.status.value,
        "immediate": action.immediate,
        "progress": [
            {"noted_on": date_text(note.noted_on), "author": note.author, "text": note.text}
            for note in action.notes
        ],
    }
