"""What happens to a meeting's record: set-up, attendance, contributions, minutes, sign-off.

Every change to what is minuted goes through `editable_meeting`, which refuses once the
minutes are approved; follow-ups (notification dates, action progress) do not, and a
correction after approval is an addendum with its own date and author.
The decision and its dissent live in `meeting_decision`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop import meeting_steps, settings
from lscp_desktop.meeting_steps import Contributor, Step
from lscp_desktop.models import (
    Addendum,
    Agency,
    Attendance,
    Case,
    Contribution,
    Meeting,
    MinuteItem,
    Person,
    Recipient,
    StepTime,
)
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    AttendanceStatus,
    CaseStatus,
    Harm,
    MeetingKind,
    MeetingStatus,
    Opinion,
    PartnerRole,
)


class MeetingRuleError(ValueError):
    """An operation the meeting's rules do not allow; the message is meant for the user."""


class MinutesLocked(MeetingRuleError):
    """The minutes are approved: what was minuted can no longer be changed."""


@dataclass(frozen=True)
class Invitee:
    person_id: int
    agency_id: int | None = None
    role: str = ""
    invited_professional: bool = False


def now_local() -> dt.datetime:
    """Wall-clock time to the second; the record keeps local (Europe/London) times."""
    return dt.datetime.now().replace(microsecond=0)


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise MeetingRuleError(f"There is no meeting {meeting_id} in this database.")
    return meeting


def editable_meeting(session: Session, meeting_id: str) -> Meeting:
    """The meeting, provided its minutes may still change."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.APPROVED:
        raise MinutesLocked(
            "These minutes were approved"
            + (f" by {meeting.approved_by}" if meeting.approved_by else "")
            + " and cannot be changed; add an addendum instead."
        )
    return meeting


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
        meeting.attendees.append(_attendance(session, invitee))
    for name, email in distribution:
        if name.strip():
            meeting.distribution.append(Recipient(name=name.strip(), email=email.strip()))
    session.flush()
    return meeting


def _attendance(session: Session, invitee: Invitee) -> Attendance:
    person = session.get(Person, invitee.person_id)
    if person is None:
        raise MeetingRuleError(f"There is no person {invitee.person_id} in this database.")
    return Attendance(
        person_id=person.id,
        role=invitee.role or person.role,
        agency_id=invitee.agency_id if invitee.agency_id is not None else person.agency_id,
        status=AttendanceStatus.ABSENT,
        invited_professional=invitee.invited_professional,
    )


def person_named(session: Session, name: str, agency_id: int | None = None) -> Person | None:
    """The person called `name`, added to the directory if new; None for a blank name."""
    name = " ".join(name.split())
    if not name:
        return None
    person = session.scalars(select(Person).where(Person.name == name)).first()
    if person is None:
        person = Person(name=name, agency_id=agency_id)
        session.add(person)
        session.flush()
    return person


def start(session: Session, meeting_id: str, at: dt.datetime | None = None) -> Meeting:
    """Open the meeting (idempotent): the clock starts the first time only."""
    meeting = editable_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting.started_at = at or now_local()
        if meeting.case.status is CaseStatus.REFERRED:
            meeting.case.status = CaseStatus.UNDER_CONSIDERATION
    return meeting


def meeting_to_resume(session: Session) -> str | None:
    """The meeting left in progress (after a crash or quit), most recently started first."""
    return session.scalars(
        select(Meeting.id)
        .where(Meeting.status == MeetingStatus.IN_PROGRESS)
        .order_by(Meeting.started_at.desc())
    ).first()


# --- the agenda ---------------------------------------------------------------------------


def statutory_partners(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).where(Agency.partner_role.is_not(None))))


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
        problem = None if contribution is None else contribution_problem(contribution)
        return [] if problem is None else [problem]
    if step.form == "decision":
        from lscp_desktop.meeting_decision import decision_problems

        return decision_problems(meeting)
    if step.form == "cspr_decision":
        from lscp_desktop.review_record import step_problems

        return step_problems(meeting)
    return []


# --- attendance and quorum ----------------------------------------------------------------


def add_attendee(session: Session, meeting_id: str, invitee: Invitee) -> Attendance:
    meeting = editable_meeting(session, meeting_id)
    if any(row.person_id == invitee.person_id for row in meeting.attendees):
        raise MeetingRuleError("That person is already on the attendance list.")
    row = _attendance(session, invitee)
    meeting.attendees.append(row)
    session.flush()
    return row


def set_attendance(
    session: Session,
    attendance_id: int,
    *,
    status: AttendanceStatus | None = None,
    deputy_for: str | None = None,
    invited_professional: bool | None = None,
    role: str | None = None,
) -> Attendance:
    row = session.get(Attendance, attendance_id)
    if row is None:
        raise MeetingRuleError(f"There is no attendance entry {attendance_id}.")
    editable_meeting(session, row.meeting_id)
    if status is not None:
        row.status = status
    if deputy_for is not None:
        row.deputy_for = deputy_for.strip() or None
    if invited_professional is not None:
        row.invited_professional = invited_professional
    if role is not None:
        row.role = role
    return row


@dataclass(frozen=True)
class Quorum:
    """Which statutory partners have nobody present (a deputy counts)."""

    missing: tuple[str, ...]

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def warning(self) -> str:
        if self.met:
            return ""
        return "Not quorate: no one present for " + ", ".join(self.missing) + "."


def quorum(session: Session, meeting: Meeting) -> Quorum:
    present_agencies = {
        row.agency_id for row in meeting.attendees if row.status is AttendanceStatus.PRESENT
    }
    partners = sorted(
        statutory_partners(session),
        key=lambda a: meeting_steps.PARTNER_ORDER[a.partner_role],  # type: ignore[index]
    )
    missing = tuple(a.label for a in partners if a.id not in present_agencies)
    roles = {a.partner_role for a in partners}
    # A partner missing from the directory altogether is missing from the meeting too.
    missing += tuple(
        _ROLE_NAMES[role] for role in PartnerRole if role not in roles and role in _ROLE_NAMES
    )
    return Quorum(missing)


_ROLE_NAMES = {
    PartnerRole.LOCAL_AUTHORITY: "the Local Authority",
    PartnerRole.POLICE: "the Police",
    PartnerRole.HEALTH: "Health",
}


# --- contributions ------------------------------------------------------------------------


def find_contribution(meeting: Meeting, agency_id: int) -> Contribution | None:
    return next((c for c in meeting.contributions if c.agency_id == agency_id), None)


def contribution(session: Session, meeting_id: str, agency_id: int) -> Contribution:
    """The agency's contribution to the meeting, started empty the first time it is needed."""
    meeting = editable_meeting(session, meeting_id)
    found = find_contribution(meeting, agency_id)
    if found is None:
        if session.get(Agency, agency_id) is None:
            raise MeetingRuleError(f"There is no agency {agency_id} in this database.")
        found = Contribution(agency_id=agency_id)
        meeting.contributions.append(found)
        session.flush()
    return found


def set_contribution(
    session: Session,
    meeting_id: str,
    agency_id: int,
    *,
    information: str | None = None,
    opinion: Opinion | None = None,
    reasons: str | None = None,
    representative_id: int | None = None,
) -> Contribution:
    """Change what a partner said; checked for reasons only when the chair moves on."""
    row = contribution(session, meeting_id, agency_id)
    if information is not None:
        row.information = information
    if opinion is not None:
        row.opinion = opinion
    if reasons is not None:
        row.reasons = reasons
    if representative_id is not None:
        row.representative_id = representative_id
    if opinion is not None or reasons is not None:
        from lscp_desktop.meeting_decision import refresh_dissent

        session.flush()
        refresh_dissent(session, meeting_id)
    return row


def contribution_problem(row: Contribution) -> str | None:
    """An opinion needs its reasons: a firm view always, 'undecided' once anything was said."""
    said_something = row.opinion is not Opinion.UNDECIDED or row.information.strip()
    if said_something and not row.reasons.strip():
        return f"Record the reasons for {row.agency.label}'s opinion before moving on."
    return None


@dataclass(frozen=True)
class OpinionRow:
    agency_id: int
    label: str
    statutory: bool
    opinion: Opinion | None  # None: not heard yet
    has_reasons: bool


def opinion_matrix(meeting: Meeting, people: Sequence[Contributor]) -> list[OpinionRow]:
    """Each contributor's opinion at a glance, statutory partners first."""
    rows = []
    for person in people:
        found = find_contribution(meeting, person.agency_id)
        heard = found is not None and bool(
            found.opinion is not Opinion.UNDECIDED or found.information.strip() or found.reasons
        )
        rows.append(
            OpinionRow(
                person.agency_id,
                person.label,
                person.partner_role is not None,
                found.opinion if heard and found is not None else None,
                bool(found is not None and found.reasons.strip()),
            )
        )
    return rows


# --- the criteria -------------------------------------------------------------------------


def set_criteria(
    session: Session,
    meeting_id: str,
    *,
    abuse_or_neglect: AbuseOrNeglect | None = None,
    abuse_or_neglect_evidence: str | None = None,
    harm: Harm | None = None,
    harm_evidence: str | None = None,
) -> Case:
    """The two limbs as assessed at the meeting; they live on the case, as its record."""
    case = editable_meeting(session, meeting_id).case
    if abuse_or_neglect is not None:
        case.abuse_or_neglect = abuse_or_neglect
    if abuse_or_neglect_evidence is not None:
        case.abuse_or_neglect_evidence = abuse_or_neglect_evidence
    if harm is not None:
        case.harm = harm
    if harm_evidence is not None:
        case.harm_evidence = harm_evidence
    return case


def criteria_met(abuse_or_neglect: AbuseOrNeglect, harm: Harm) -> bool | None:
    """True when both limbs hold, False when either clearly does not, None while unknown."""
    abuse = {
        AbuseOrNeglect.KNOWN: True,
        AbuseOrNeglect.SUSPECTED: True,
        AbuseOrNeglect.NOT_SUSPECTED: False,
    }.get(abuse_or_neglect)
    harmed = {Harm.DIED: True, Harm.SERIOUSLY_HARMED: True, Harm.NEITHER: False}.get(harm)
    if abuse is False or harmed is False:
        return False
    if abuse is None or harmed is None:
        return None
    return True


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
        from lscp_desktop.review_record import conclusion_problems

        problems += conclusion_problems(meeting)
    elif meeting.decision is None:
        problems.append("Record the Local Authority's decision (or that it was deferred).")
    else:
        problems += step_blockers(session, meeting, Step("decision", "", "decision"))
    return problems


def conclude(session: Session, meeting_id: str, at: dt.datetime | None = None) -> Meeting:
    """End the meeting: its minutes become a draft the chair reads through before approving."""
    meeting = editable_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.CONCLUDED:
        return meeting
    problems = conclusion_blockers(session, meeting)
    if problems:
        raise MeetingRuleError("The meeting cannot be concluded yet: " + " ".join(problems))
    from lscp_desktop.meeting_decision import on_concluded

    meeting.status = MeetingStatus.CONCLUDED
    meeting.concluded_at = at or now_local()
    on_concluded(meeting)
    if meeting.started_at is None:
        meeting.started_at = meeting.concluded_at
    return meeting


def approve(session: Session, meeting_id: str, at: dt.datetime | None = None) -> Meeting:
    """Sign the minutes off in the user's name; from now on they are locked."""
    meeting = editable_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.CONCLUDED:
        raise MeetingRuleError("Conclude the meeting before approving its minutes.")
    name = settings.get(session, settings.USER_NAME).strip()
    if not name:
        raise MeetingRuleError(
            "Your name signs the approval: enter it in Settings before approving."
        )
    meeting.status = MeetingStatus.APPROVED
    meeting.approved_by = name
    meeting.approved_at = at or now_local()
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
