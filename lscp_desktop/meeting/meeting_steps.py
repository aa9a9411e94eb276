"""The agenda of each kind of meeting: a fixed sequence of steps the chair walks through.

A step names the form that runs it (`form`), so the stepper only needs a table from form names
to widgets: a new kind of meeting (a Rapid Review) registers its own plan with `register_plan`
and, if it needs them, its own forms, without the stepper changing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lscp_desktop.deadlines import has_rapid_review
from lscp_desktop.models import Agency, Meeting
from lscp_desktop.models.enums import CaseKind, MeetingKind, PartnerRole

# The order statutory partners speak in: the Local Authority decides, so it is heard first.
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
    """Every registered plan, the built-in Rapid Review's included.

    Its plan module imports this one (for `Step`), so it is registered on first use, not at
    import time, which keeps the two modules free of an import cycle.
    """
    if MeetingKind.RAPID_REVIEW not in _PLANS:
        from lscp_desktop.review.rapid_review_plan import rapid_review_plan

        register_plan(MeetingKind.RAPID_REVIEW, rapid_review_plan)
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
    """Who is heard in turn: every statutory partner, then invited professionals' agencies.

    Statutory partners are always on the agenda, present or not, because the Local Authority
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
    who = "invited professional" if contributor.partner_role is None else "statutory partner"
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


register_plan(MeetingKind.EXTRAORDINARY_RAG, extraordinary_rag_plan)
