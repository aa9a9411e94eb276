"""The Local Authority's decision: outcome, decision-maker, rationale, and the dissent it met.

Only the Local Authority may notify and it cannot be overruled, but it must be guided by the
partners' views: a partner whose firm opinion differs from the decision is listed
automatically, and the record must say how that view was considered.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy.orm import Session, object_session

from lscp_desktop.cases import rules as case_rules
from lscp_desktop.cases.rules import notification_problems
from lscp_desktop.clock import london_now
from lscp_desktop.meeting.decision_maker import (
    meeting_decision_maker_problem,
    post_meeting_decision_maker_problem,
)
from lscp_desktop.meeting.lock import MeetingRuleError, editable_meeting, get_meeting
from lscp_desktop.models import Contribution, Decision, Meeting, Person
from lscp_desktop.models.enums import CaseKind, CaseStatus, DecisionOutcome, MeetingStatus, Opinion
from lscp_desktop.settings import stored as settings
from lscp_desktop.vocabulary import opinion_words


class _Unset:
    pass


UNSET: Final = _Unset()

OUTCOME_OPINION = {
    DecisionOutcome.NOTIFY: Opinion.NOTIFY,
    DecisionOutcome.DO_NOT_NOTIFY: Opinion.DO_NOT_NOTIFY,
}


def dissenters(meeting: Meeting) -> list[Contribution]:
    """Contributions whose firm opinion is the opposite of the decision.

    'Undecided' is not dissent, and nothing dissents from a deferral, nor from notifying a
    looked-after child's or a care leaver's death, which the law requires whatever the views
    (a partner's 'do not notify' there says it is not also an SCSI).
    """
    decision = meeting.decision
    if decision is None or decision.outcome not in OUTCOME_OPINION:
        return []
    if decision.outcome is DecisionOutcome.NOTIFY and meeting.case.kind is not CaseKind.SCSI:
        return []
    agreed = OUTCOME_OPINION[decision.outcome]
    return [
        c
        for c in meeting.contributions
        if c.opinion is not Opinion.UNDECIDED and c.opinion is not agreed
    ]


def dissent_text(meeting: Meeting) -> str:
    """One line a dissenting agency: who, what they advised, and why."""
    lines = []
    for row in dissenters(meeting):
        reasons = " ".join(row.reasons.split())
        lines.append(
            f"{row.agency.label} advised '{opinion_words(row.opinion, meeting.case.kind).lower()}'"
            + (f": {reasons}" if reasons else ".")
        )
    return "\n".join(lines)


def _sync_dissent(meeting: Meeting) -> None:
    if meeting.decision is not None:
        meeting.decision.dissent = dissent_text(meeting)


def set_decision(
    session: Session,
    meeting_id: str,
    *,
    outcome: DecisionOutcome | None = None,
    decided_by_id: int | _Unset | None = UNSET,
    decided_on: dt.date | None = None,
    rationale: str | None = None,
    dissent_considered: str | None = None,
    escalated: bool | None = None,
    escalation_notes: str | None = None,
    deferral_reason: str | None = None,
) -> Decision:
    """Change the decision as it is recorded in the meeting; checked when the chair moves on."""
    meeting = editable_meeting(session, meeting_id)
    if isinstance(decided_by_id, int):
        _refuse_decision_maker(session, meeting, decided_by_id)
    if decided_on is not None:
        _refuse_decision_date(meeting, decided_on)
    decision = meeting.decision
    if decision is None:
        if outcome is None:
            raise MeetingRuleError("Choose the outcome before the rest of the decision.")
        decision = Decision(outcome=outcome, decided_on=decided_on or meeting.held_at.date())
        meeting.decision = decision
    if outcome is not None:
        decision.outcome = outcome
    if not isinstance(decided_by_id, _Unset):
        decision.decided_by_id = decided_by_id
    if decided_on is not None:
        decision.decided_on = decided_on
    if rationale is not None:
        decision.rationale = rationale
    if dissent_considered is not None:
        decision.dissent_considered = dissent_considered
    if escalated is not None:
        decision.escalated = escalated
    if escalation_notes is not None:
        decision.escalation_notes = escalation_notes
    if deferral_reason is not None:
        decision.deferral_reason = deferral_reason
    session.flush()
    _sync_dissent(meeting)
    return decision


def _refuse_decision_maker(session: Session, meeting: Meeting, person_id: int) -> None:
    person = session.get(Person, person_id)
    if person is None:
        raise MeetingRuleError(f"There is no person {person_id} in this database.")
    problem = meeting_decision_maker_problem(meeting, person)
    if problem is not None:
        raise MeetingRuleError(problem)


def _refuse_decision_date(meeting: Meeting, decided_on: dt.date) -> None:
    problems = case_rules.decision_date_problems(decided_on, meeting.case.la_aware, _today())
    if problems:
        raise MeetingRuleError(problems[0].message)


def _today() -> dt.date:
    return london_now().date()


def refresh_dissent(session: Session, meeting_id: str) -> None:
    """Re-list the dissent after an opinion changed (the decision may already be recorded)."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.APPROVED:
        _sync_dissent(meeting)


def decision_problems(meeting: Meeting) -> list[str]:
    """What the recorded decision still lacks; empty when it is complete (or not made yet)."""
    decision = meeting.decision
    if decision is None:
        return []
    problems = []
    if decision.outcome is DecisionOutcome.DEFERRED:
        if not decision.deferral_reason.strip():
            problems.append("Say why the decision was deferred.")
        return problems
    session = object_session(decision)
    # By id: a relationship loaded before the id changed would still name the old person.
    maker = (
        None
        if decision.decided_by_id is None or session is None
        else session.get(Person, decision.decided_by_id)
    )
    if maker is None:
        problems.append("Name the Local Authority decision-maker.")
    elif not decision.post_meeting:
        # Attendance may have changed since the decision-maker was chosen.
        maker_problem = meeting_decision_maker_problem(meeting, maker)
        if maker_problem is not None:
            problems.append(maker_problem)
    problems += [
        p.message
        for p in case_rules.decision_date_problems(
            decision.decided_on, meeting.case.la_aware, _today()
        )
    ]
    kind_problem = case_rules.decision_kind_problem(meeting.case.kind, decision.outcome)
    if kind_problem is not None:
        problems.append(kind_problem)
    if not decision.rationale.strip():
        problems.append("Record the rationale for the decision.")
    if dissenters(meeting) and not decision.dissent_considered.strip():
        names = ", ".join(row.agency.label for row in dissenters(meeting))
        problems.append(f"Record how the differing view of {names} was considered.")
    return problems


def record_post_meeting_decision(
    session: Session,
    meeting_id: str,
    *,
    outcome: DecisionOutcome,
    decided_by_id: int | None,
    decided_on: dt.date,
    rationale: str,
    at: dt.datetime | None = None,
) -> Decision:
    """The Local Authority's decision on a deferred case, made after the meeting.

    Allowed on approved minutes too: it adds a new, separately dated and signed fact to the
    record rather than changing what was minuted (the deferral and its reason stay).
    """
    meeting = get_meeting(session, meeting_id)
    decision = meeting.decision
    if decision is None or decision.outcome is not DecisionOutcome.DEFERRED:
        raise MeetingRuleError("Only a deferred decision can be recorded after the meeting.")
    if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS):
        raise MeetingRuleError(
            "The meeting is still open: record the decision in the meeting itself."
        )
    if outcome is DecisionOutcome.DEFERRED:
        raise MeetingRuleError("A post-meeting decision must be to notify or not to notify.")
    kind_problem = case_rules.decision_kind_problem(meeting.case.kind, outcome)
    if kind_problem is not None:
        raise MeetingRuleError(kind_problem)
    if decided_by_id is None:
        raise MeetingRuleError("Name the Local Authority decision-maker.")
    maker = session.get(Person, decided_by_id)
    if maker is None:
        raise MeetingRuleError(f"There is no person {decided_by_id} in this database.")
    maker_problem = post_meeting_decision_maker_problem(maker)
    if maker_problem is not None:
        raise MeetingRuleError(maker_problem)
    if not rationale.strip():
        raise MeetingRuleError("Record the rationale for the decision.")
    if decided_on < meeting.held_at.date():
        raise MeetingRuleError("A post-meeting decision cannot be dated before the meeting.")
    _refuse_decision_date(meeting, decided_on)
    author = settings.get(session, settings.USER_NAME).strip()
    if not author:
        raise MeetingRuleError("Your name signs the decision record: enter it in Settings.")
    # One UPDATE for the whole decision: the approval lock lets a deferred decision become a
    # post-meeting one in a single step, so nothing may be flushed half-way (reading the
    # contributions for the dissent list would otherwise autoflush the outcome alone).
    with session.no_autoflush:
        decision.outcome = outcome
        decision.decided_by_id = decided_by_id
        decision.decided_on = decided_on
        decision.rationale = rationale.strip()
        decision.post_meeting = True
        decision.recorded_by = author
        decision.recorded_at = at or london_now()
        _sync_dissent(meeting)
        if outcome is DecisionOutcome.DO_NOT_NOTIFY:
            _mark_case(meeting, CaseStatus.NOT_NOTIFIED)
    return decision


def _mark_case(meeting: Meeting, status: CaseStatus) -> None:
    if meeting.case.status in (CaseStatus.REFERRED, CaseStatus.UNDER_CONSIDERATION):
        meeting.case.status = status


def on_concluded(meeting: Meeting) -> None:
    """A decision not to notify settles the case's status; a notification waits to be sent."""
    if meeting.decision is not None and meeting.decision.outcome is DecisionOutcome.DO_NOT_NOTIFY:
        _mark_case(meeting, CaseStatus.NOT_NOTIFIED)


def set_follow_up(
    session: Session,
    meeting_id: str,
    *,
    notified_on: dt.date | _Unset | None = UNSET,
    rationale_shared_on: dt.date | _Unset | None = UNSET,
    panel_reference: str | None = None,
) -> Decision:
    """What happened after the decision; editable after approval, as it is not minuted.

    The notification (its date, the Panel's reference) is the case's: it may have been sent
    before the meeting, and it is the same whichever meeting's screen records it.
    """
    meeting = get_meeting(session, meeting_id)
    decision = meeting.decision
    if decision is None:
        raise MeetingRuleError("Record the decision before its follow-up.")
    if not isinstance(notified_on, _Unset):
        if notified_on is not None and decision.outcome is not DecisionOutcome.NOTIFY:
            raise MeetingRuleError("Only a decision to notify has a notification date.")
        # Sent before the meeting is allowed (the deadline may fall first); before the LA
        # became aware, or in the future, is not.
        problems = notification_problems(notified_on, meeting.case.la_aware, _today())
        if problems:
            raise MeetingRuleError(problems[0].message)
        meeting.case.notified_on = notified_on
        if notified_on is not None:
            _mark_case(meeting, CaseStatus.NOTIFIED)
    if not isinstance(rationale_shared_on, _Unset):
        decision.rationale_shared_on = rationale_shared_on
    if panel_reference is not None:
        meeting.case.panel_reference = panel_reference.strip()
    return decision
