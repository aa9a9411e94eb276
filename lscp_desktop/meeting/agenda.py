"""The agenda of each kind of meeting: a fixed sequence of steps the chair walks through.

A step names the form that runs it (`form`), so the stepper only needs a table from form names
to widgets: a new kind of meeting (a Rapid Review) registers its own plan with `register_plan`
and, if it needs them, its own forms, without the stepper changing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lscp_desktop.deadlines.statutory import has_rapid_review
from lscp_desktop.models import Agency, Meeting
from lscp_desktop.models.enums import CaseKind, MeetingKind, PartnerRole

# The order safeguarding partners speak in: the Local Authority decides, so it is heard first.
PARTNER_ORDER: dict[PartnerRole, int] = {
    PartnerRole.LOCAL_AUTHORITY: 0,
    PartnerRole.POLICE: 1,
    PartnerRole.HEALTH: 2,
}

PARTNER_FORM = "partner"


@dataclass(frozen=True)
class Step:
    """One agenda item: `key` is stable (stored as Meeting.current_step), `title` is for people."""

    key: str
    title: str
    form: str
    guidance: str = ""
    agency_id: int | None = None


@dataclass(frozen=True)
class Contributor:
    """An agency heard in turn at the meeting."""

    agency_id: int
    label: str
    partner_role: PartnerRole | None


Plan = Callable[[Sequence[Contributor]], list[Step]]

_PLANS: dict[MeetingKind, Plan] = {}


def register_plan(kind: MeetingKind, plan: Plan) -> None:
    """Make `kind` of meeting runnable; `plan` turns the contributing agencies into steps."""
    _PLANS[kind] = plan


def _plans() -> dict[MeetingKind, Plan]:
    return _PLANS


def kinds() -> list[MeetingKind]:
    """The kinds of meeting that can be set up, in the order they were registered."""
    return list(_plans())


def kinds_for(case_kind: CaseKind) -> list[MeetingKind]:
    """The meetings a case of this kind can hold: a Rapid Review (and with it the CSPR
    decision) only for an SCSI; an Extra-Ordinary RAG for every kind."""
    return [
        kind
        for kind in kinds()
        if kind is not MeetingKind.RAPID_REVIEW or has_rapid_review(case_kind)
    ]


def contributors(meeting: Meeting, statutory_partners: Sequence[Agency]) -> list[Contributor]:
    """Who is heard in turn: every safeguarding partner, then invited professionals' agencies.

    Safeguarding partners are always on the agenda, present or not, because the Local Authority
    must be guided by all of their views (a partner who cannot come may send one in writing).
    """
    partners = sorted(
        (agency for agency in statutory_partners if agency.partner_role is not None),
        key=lambda agency: (PARTNER_ORDER[agency.partner_role], agency.name),  # type: ignore[index]
    )
    result = [Contributor(a.id, a.label, a.partner_role) for a in partners]
    seen = {a.id for a in partners}
    for attendance in meeting.attendees:
        agency = attendance.agency
        if attendance.invited_professional and agency is not None and agency.id not in seen:
            seen.add(agency.id)
            result.append(Contributor(agency.id, agency.label, agency.partner_role))
    return result


def steps_for(kind: MeetingKind, people: Sequence[Contributor]) -> list[Step]:
    try:
        plan = _plans()[kind]
    except KeyError:
        raise ValueError(f"No agenda is defined for a {kind.value} meeting.") from None
    return plan(people)


def find_step(steps: Sequence[Step], key: str) -> int:
    """The index of the step with `key`, or 0 (the start) for an unknown or empty key."""
    for index, step in enumerate(steps):
        if step.key == key:
            return index
    return 0


def partner_step_key(agency_id: int) -> str:
    return f"partner:{agency_id}"


def partner_title(contributor: Contributor) -> str:
    who = "invited professional" if contributor.partner_role is None else "safeguarding partner"
    return f"{contributor.label} ({who})"


def extraordinary_rag_plan(people: Sequence[Contributor]) -> list[Step]:
    opening = [
        Step(
            "welcome",
            "Welcome and attendance",
            "attendance",
            "Welcome everyone, take introductions and record who is present, apologies "
            "and deputies.",
        ),
        Step(
            "confidentiality",
            "Confidentiality and declarations of interest",
            "confidentiality",
            "Read the confidentiality statement; ask for declarations of interest.",
        ),
        Step(
            "purpose",
            "Purpose and the SCSI criteria",
            "purpose",
            "Explain why we are meeting and the two limbs a serious incident must meet.",
        ),
        Step(
            "referral",
            "Referral summary",
            "referral",
            "The referring agency summarises the incident and what is known so far.",
        ),
    ]
    partners = [
        Step(
            partner_step_key(person.agency_id),
            partner_title(person),
            PARTNER_FORM,
            "Information shared, then the professional opinion and the reasons for it.",
            person.agency_id,
        )
        for person in people
    ]
    closing = [
        Step(
            "discussion",
            "Multi-agency discussion",
            "discussion",
            "Explore differences of view; every partner has an equal opportunity to speak.",
        ),
        Step(
            "criteria",
            "Criteria assessed",
            "criteria",
            "Assess each limb of the criteria in turn and note the evidence for it.",
        ),
        Step(
            "decision",
            "Local Authority decision",
            "decision",
            "The Local Authority decides, informed and guided by the partners' views.",
        ),
        Step(
            "actions",
            "Immediate safeguarding and other actions",
            "actions",
            "Agree who does what, by when; mark immediate safeguarding actions.",
        ),
        Step(
            "next_steps",
            "Next steps and deadlines",
            "next_steps",
            "Confirm the notification and Rapid Review dates and when the rationale is shared.",
        ),
        Step(
            "close",
            "Close",
            "close",
            "Thank everyone; conclude the meeting, read the draft minutes through and approve.",
        ),
    ]
    return opening + partners + closing


# --- the Rapid Review ------------------------------------------------------------------------
# Its own steps' titles are the minute headings the learning sheet drafts from; generic steps
# (attendance, actions, close) reuse the decision meeting's forms.


@dataclass(frozen=True)
class RapidReviewStep:
    """One step of a Rapid Review meeting: a stable key, the heading, and what to cover."""

    key: str
    title: str
    guidance: str


RAPID_REVIEW_STEPS: tuple[RapidReviewStep, ...] = (
    RapidReviewStep(
        "agency_summaries",
        "Agency summaries and chronology",
        "Each agency summarises its involvement with the child and family. Gather the facts "
        "as far as they can readily be established, and agree a combined chronology.",
    ),
    RapidReviewStep(
        "immediate_action",
        "Immediate safeguarding action",
        "Is immediate action needed to keep this child, siblings or other children safe? "
        "Record each action with its owner and due date.",
    ),
    RapidReviewStep(
        "good_practice",
        "Good practice",
        "What went well: practice that helped the child, and that partners should keep doing.",
    ),
    RapidReviewStep(
        "learning",
        "Learning and areas for improvement",
        "What could have been done differently, by whom, and what would improve practice, "
        "including improvements identified before.",
    ),
    RapidReviewStep(
        "key_practice_episodes",
        "Key practice episodes",
        "The moments when practice could have changed the outcome: what happened, what was "
        "known, and what was decided.",
    ),
    RapidReviewStep(
        "racism_and_inequalities",
        "Impact of racism and other inequalities",
        "How race, culture, disability, poverty or other inequalities affected the child's "
        "experience and the services' response.",
    ),
    RapidReviewStep(
        "cspr_decision",
        "CSPR decision",
        "Consider each regulation 11 criterion with its evidence, then recommend: commission a "
        "local Child Safeguarding Practice Review, no CSPR, or another learning review. "
        "Meeting a criterion does not make a review automatic; record the rationale.",
    ),
    RapidReviewStep(
        "panel_submission",
        "Submission to the National Panel",
        "Record when the Rapid Review was sent to the Panel, and the Panel's response "
        "when it comes: agrees, disagrees, or awaited.",
    ),
)


def review_step(key: str) -> RapidReviewStep:
    """The Rapid Review step with `key`; KeyError for any other."""
    for candidate in RAPID_REVIEW_STEPS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


# Which form runs each review step; the review-only forms live in ui/meeting/steps/review.py.
REVIEW_FORMS: dict[str, str] = {
    "agency_summaries": "agency_summaries",
    "immediate_action": "actions",
    "good_practice": "review_topic",
    "learning": "review_topic",
    "key_practice_episodes": "review_topic",
    "racism_and_inequalities": "review_topic",
    "cspr_decision": "cspr_decision",
    "panel_submission": "panel_submission",
}

CSPR_DECISION_FORM = "cspr_decision"


def rapid_review_plan(people: Sequence[Contributor]) -> list[Step]:
    """Attendance, the review's eight steps in order, then close; `people` feed the summaries."""
    del people  # every contributor writes a summary inside the one summaries step
    opening = [
        Step(
            "welcome",
            "Welcome and attendance",
            "attendance",
            "Welcome everyone, take introductions and record who is present, apologies "
            "and deputies.",
        ),
        Step(
            "review_purpose",
            "Confidentiality and purpose of the Rapid Review",
            "review_purpose",
            "Read the confidentiality statement, ask for declarations of interest and set out "
            "what a Rapid Review must do.",
        ),
    ]
    review = [
        Step(step.key, step.title, REVIEW_FORMS[step.key], step.guidance)
        for step in RAPID_REVIEW_STEPS
    ]
    closing = [
        Step(
            "close",
            "Close",
            "close",
            "Thank everyone; conclude the meeting, read the draft minutes through and approve.",
        )
    ]
    return opening + review + closing


register_plan(MeetingKind.EXTRAORDINARY_RAG, extraordinary_rag_plan)
register_plan(MeetingKind.RAPID_REVIEW, rapid_review_plan)
