"""A meeting's life and its minutes: set-up, start, the agenda, minutes, conclude, approve.

Every change to what is minuted goes through `meeting_lock.editable_meeting`, which refuses
once the minutes are approved; follow-ups (notification dates, action progress) do not, and a
correction after approval is an addendum with its own date and author.
Who attends is in `meeting_attendance`, what partners said in `meeting_contributions`, the
criteria in `notification_criteria`, the decision and its dissent in `meeting_decision`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.clock import london_now
from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting import approved_deadlines, review_checks
from lscp_desktop.meeting.actions import action_problems
from lscp_desktop.meeting.agenda import Contributor, Step
from lscp_desktop.meeting.attendance import Invitee, invitee_attendance, statutory_partners
from lscp_desktop.meeting.contributions import contribution_problem, find_contribution
from lscp_desktop.meeting.decision import decision_problems, on_concluded
from lscp_desktop.meeting.lock import MeetingRuleError, editable_meeting, get_meeting
from lscp_desktop.meeting.partner_voices import voices_problem
from lscp_desktop.models import Addendum, Case, Meeting, MinuteItem, Recipient, StepTime
from lscp_desktop.models.enums import CaseStatus, MeetingKind, MeetingStatus
from lscp_desktop.names.check import find_names, where
from lscp_desktop.settings import stored as settings
from lscp_desktop.store import audit
from lscp_desktop.vocabulary import CASE_KINDS


def now_local() -> dt.datetime:
    """Wall-clock time to the second; the record keeps England's (Europe/London) times."""
    return london_now()


# --- set-up -------------------------------------------------------------------------------


def create_meeting(
    session: Session,
    case_id: int,
    held_at: dt.datetime,
    *,
    kind: MeetingKind = MeetingKind.EXTRAORDINARY_RAG,
    location: str = "",
    chair_id: int | None = None,
    minute_taker_id: int | None = None,
    invitees: Sequence[Invitee] = (),
    distribution: Sequence[tuple[str, str]] = (),
) -> Meeting:
    """A planned meeting; invitees start as absent until the chair marks them present."""
    case = session.get(Case, case_id)
    if case is None:
        raise MeetingRuleError(f"There is no case {case_id} in this database.")
    if kind not in meeting_steps.kinds():
        raise MeetingRuleError(f"A {kind.value} meeting cannot be run in this version.")
    if kind not in meeting_steps.kinds_for(case.kind):
        raise MeetingRuleError(
            f"{CASE_KINDS[case.kind]}: no Rapid Review follows, so none can be set up."
        )
    meeting = Meeting(
        id=uuid.uuid4().hex,
        kind=kind,
        held_at=held_at.replace(second=0, microsecond=0),
        location=location.strip(),
        chair_id=chair_id,
        minute_taker_id=minute_taker_id,
    )
    case.meetings.append(meeting)
    for invitee in invitees:
        meeting.attendees.append(invitee_attendance(session, invitee))
    for name, email in distribution:
        if name.strip():
            meeting.distribution.append(Recipient(name=name.strip(), email=email.strip()))
    session.flush()
    return meeting


def start(session: Session, meeting_id: str, at: dt.datetime | None = None) -> Meeting:
    """The chair starts the meeting (idempotent): the clock starts the first time only.

    Setting a meeting up, or opening it to prepare, does not start it. Started before the day
    it was set up for, it is held now, so its date becomes today's.
    """
    meeting = editable_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.PLANNED:
        started = at or now_local()
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting.started_at = started
        if started.date() < meeting.held_at.date():
            meeting.held_at = started.replace(second=0, microsecond=0)
        if meeting.case.status is CaseStatus.REFERRED:
            meeting.case.status = CaseStatus.UNDER_CONSIDERATION
        elif (
            meeting.kind is MeetingKind.RAPID_REVIEW and meeting.case.status is CaseStatus.NOTIFIED
        ):
            meeting.case.status = CaseStatus.RAPID_REVIEW  # Notified → Rapid Review
    return meeting


# --- the agenda ---------------------------------------------------------------------------


def agenda(session: Session, meeting: Meeting) -> list[Step]:
    people: list[Contributor] = meeting_steps.contributors(meeting, statutory_partners(session))
    return meeting_steps.steps_for(meeting.kind, people)


def set_current_step(session: Session, meeting_id: str, key: str) -> None:
    meeting = get_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.APPROVED:
        meeting.current_step = key


def step_blockers(session: Session, meeting: Meeting, step: Step) -> list[str]:
    """Why the chair cannot move on from `step` yet (empty when they can)."""
    if step.form == meeting_steps.PARTNER_FORM and step.agency_id is not None:
        contribution = find_contribution(meeting, step.agency_id)
        problem = None if contribution is None else contribution_problem(contribution, meeting)
        return [] if problem is None else [problem]
    if step.form == "decision":
        return decision_problems(meeting)
    if step.form == "cspr_decision":
        return review_checks.step_problems(meeting)
    return []


# --- minutes and time ---------------------------------------------------------------------


def minute_item(meeting: Meeting, title: str) -> MinuteItem | None:
    return next((item for item in meeting.minutes if item.item == title), None)


def set_minutes(session: Session, meeting_id: str, title: str, text: str) -> MinuteItem:
    """The minutes of one agenda item, created on first use, in agenda order."""
    meeting = editable_meeting(session, meeting_id)
    # The one item, by query: loading every item's text on each autosave costs more than the
    # commit itself once a long meeting's minutes run to hundreds of kilobytes.
    item = session.scalars(
        select(MinuteItem)
        .where(MinuteItem.meeting_id == meeting_id, MinuteItem.item == title)
        .order_by(MinuteItem.position)
        .limit(1)
    ).first()
    if item is None:
        item = MinuteItem(item=title, text=text)
        order = [step.title for step in agenda(session, meeting)]
        rank = _agenda_rank(order, title)
        before = sum(1 for other in meeting.minutes if _agenda_rank(order, other.item) <= rank)
        meeting.minutes.insert(before, item)
    else:
        item.text = text
    return item


def _agenda_rank(order: list[str], title: str) -> int:
    return order.index(title) if title in order else len(order)


def set_step_time(session: Session, meeting_id: str, title: str, seconds: int) -> None:
    """The total time spent on a step so far (a total, so a repeated write is harmless)."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.IN_PROGRESS:
        return  # the clock stops when the meeting is concluded
    row = next((t for t in meeting.step_times if t.step == title), None)
    if row is None:
        meeting.step_times.append(StepTime(step=title, seconds=max(0, seconds)))
    else:
        row.seconds = max(row.seconds, seconds)


def step_seconds(meeting: Meeting, title: str) -> int:
    return next((t.seconds for t in meeting.step_times if t.step == title), 0)


# --- conclude, approve, addenda -----------------------------------------------------------


def conclusion_blockers(session: Session, meeting: Meeting) -> list[str]:
    """What stops the meeting being concluded: missing reasons, no valid decision."""
    problems = []
    for step in agenda(session, meeting):
        if step.form == meeting_steps.PARTNER_FORM:
            problems += step_blockers(session, meeting, step)
    if meeting.kind is MeetingKind.RAPID_REVIEW:
        problems += review_checks.conclusion_problems(meeting)
    elif meeting.decision is None:
        problems.append("Record the Local Authority's decision (or that it was deferred).")
    else:
        problems += step_blockers(session, meeting, Step("decision", "", "decision"))
    voices = voices_problem(session, meeting)
    if voices is not None:
        problems.append(voices)
    problems += action_problems(meeting)
    return problems


def conclude(session: Session, meeting_id: str, at: dt.datetime | None = None) -> Meeting:
    """End the meeting: its minutes become a draft the chair reads through before approving."""
    meeting = editable_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.CONCLUDED:
        return meeting
    ended = at or now_local()
    if meeting.status is MeetingStatus.PLANNED and meeting.held_at.date() > ended.date():
        raise MeetingRuleError(
            f"This meeting is set for {meeting.held_at:%d/%m/%Y}: it cannot be concluded "
            "before it is held. Start it to hold it today."
        )
    problems = conclusion_blockers(session, meeting)
    if problems:
        raise MeetingRuleError("The meeting cannot be concluded yet: " + " ".join(problems))

    meeting.status = MeetingStatus.CONCLUDED
    meeting.concluded_at = ended
    on_concluded(meeting)
    if meeting.started_at is None:
        meeting.started_at = meeting.concluded_at
    return meeting


class NamesToResolve(MeetingRuleError):
    """Names to keep out are in the minutes: replace each, or confirm it is not the child."""


def approve(
    session: Session,
    meeting_id: str,
    at: dt.datetime | None = None,
    *,
    names_confirmed: bool = False,
) -> Meeting:
    """Sign the minutes off in the user's name; from now on they are locked.

    The name check runs first: once locked, a name can only be redacted in each copy, so
    every hit is resolved now, by replacing it or by confirming (recorded) it is not the child.
    """
    meeting = editable_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.CONCLUDED:
        raise MeetingRuleError("Conclude the meeting before approving its minutes.")
    signed = at or now_local()
    if signed.date() < meeting.held_at.date():
        raise MeetingRuleError(
            f"The minutes cannot be approved before the day the meeting is held "
            f"({meeting.held_at:%d/%m/%Y})."
        )
    name = settings.get(session, settings.USER_NAME).strip()
    if not name:
        raise MeetingRuleError(
            "Your name signs the approval: enter it in Settings before approving."
        )
    hits = find_names(session, meeting_id)
    if hits and not names_confirmed:
        raise NamesToResolve(
            f"{len(hits)} possible real name(s) are in the minutes ({where(hits)}): replace "
            "each with the pseudonym, or confirm it is not the child, before approving."
        )
    if hits:
        audit.record_event(
            session,
            "meeting",
            meeting_id,
            "names confirmed",
            f"{len(hits)} possible real name(s) confirmed as not the child by {name} before "
            f"approval ({where(hits)})",
        )
    # Computed before the status changes: reading the case may flush, and the approval's
    # own flush is the one the lock lets through.
    deadlines = approved_deadlines.as_they_stand(session, meeting)
    meeting.status = MeetingStatus.APPROVED
    meeting.approved_by = name
    meeting.approved_at = signed
    meeting.approved_deadlines = deadlines
    return meeting


def add_addendum(
    session: Session, meeting_id: str, text: str, at: dt.datetime | None = None
) -> Addendum:
    """A correction to approved minutes, signed with the user's name and dated."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.APPROVED:
        raise MeetingRuleError("Correct the minutes directly until they are approved.")
    if not text.strip():
        raise MeetingRuleError("An addendum needs some text.")
    author = settings.get(session, settings.USER_NAME).strip()
    if not author:
        raise MeetingRuleError("Your name signs the addendum: enter it in Settings first.")
    addendum = Addendum(added_at=at or now_local(), author=author, text=text.strip())
    meeting.addenda.append(addendum)
    return addendum
