"""The action plan across all cases: what is outstanding, with whom, since when.

Rows are plain frozen data so the Qt table, the PDF and tests share one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lscp_desktop.clock import london_today
from lscp_desktop.date_text import numeric_date
from lscp_desktop.models import Action, ActionNote, Agency, Case, Meeting, Person
from lscp_desktop.models.enums import ActionStatus
from lscp_desktop.refusals import RuleRefused


class ActionPlanError(RuleRefused):
    """A change to an action that cannot be made; the message is meant for the user."""


@dataclass(frozen=True)
class ActionRow:
    action_id: int
    description: str
    owner: str
    agency_id: int | None
    agency: str
    due: dt.date | None
    status: ActionStatus
    immediate: bool
    case_id: int
    case_reference: str
    child_pseudonym: str
    meeting_id: str
    open_since: dt.date  # the date of the meeting that agreed the action
    days_overdue: int  # 0 unless open and past due
    last_note: str
    last_note_on: dt.date | None

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass(frozen=True)
class ActionFilter:
    """None means "any"; statuses empty means every status."""

    agency_id: int | None = None
    case_id: int | None = None
    statuses: frozenset[ActionStatus] = frozenset()
    overdue_only: bool = False


def days_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> int:
    if status is not ActionStatus.OPEN or due is None or due >= today:
        return 0
    return (today - due).days


def _row(action: Action, meeting: Meeting, case: Case, today: dt.date) -> ActionRow:
    agency = action.agency or (action.owner.agency if action.owner is not None else None)
    last = action.notes[-1] if action.notes else None
    return ActionRow(
        action_id=action.id,
        description=action.description,
        owner=action.owner.name if action.owner is not None else "",
        agency_id=agency.id if agency is not None else None,
        agency=agency.label if agency is not None else "",
        due=action.due,
        status=action.status,
        immediate=action.immediate,
        case_id=case.id,
        case_reference=case.reference,
        child_pseudonym=case.child_pseudonym,
        meeting_id=meeting.id,
        open_since=meeting.held_at.date(),
        days_overdue=days_overdue(action.status, action.due, today),
        last_note=last.text if last is not None else "",
        last_note_on=last.noted_on if last is not None else None,
    )


def action_rows(
    session: Session, today: dt.date, chosen: ActionFilter | None = None
) -> list[ActionRow]:
    """Every action matching the filter: overdue first (most overdue first), then by due date."""
    chosen = chosen or ActionFilter()
    query = (
        select(Action, Meeting, Case)
        .join(Meeting, Action.meeting_id == Meeting.id)
        .join(Case, Meeting.case_id == Case.id)
        .options(selectinload(Action.notes))
    )
    if chosen.case_id is not None:
        query = query.where(Case.id == chosen.case_id)
    if chosen.statuses:
        query = query.where(Action.status.in_(sorted(chosen.statuses)))
    rows = [_row(action, meeting, case, today) for action, meeting, case in session.execute(query)]
    if chosen.agency_id is not None:
        # Filtered after the query: an action's agency may come from its owner's agency.
        rows = [row for row in rows if row.agency_id == chosen.agency_id]
    if chosen.overdue_only:
        rows = [row for row in rows if row.overdue]
    return sorted(rows, key=_order)


def _order(row: ActionRow) -> tuple[int, int, dt.date, str, int]:
    open_first = 0 if row.status is ActionStatus.OPEN else 1
    return (
        open_first,
        -row.days_overdue,
        row.due or dt.date.max,
        row.case_reference,
        row.action_id,
    )


def outstanding(session: Session, today: dt.date) -> list[ActionRow]:
    """The assurance question's answer: every open action."""
    return action_rows(session, today, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))


def agencies_with_actions(session: Session) -> list[Agency]:
    ids = {row.agency_id for row in action_rows(session, london_today()) if row.agency_id}
    return list(session.scalars(select(Agency).where(Agency.id.in_(ids)).order_by(Agency.name)))


def cases_with_actions(session: Session) -> list[Case]:
    return list(
        session.scalars(
            select(Case)
            .where(Case.id.in_(select(Meeting.case_id).join(Action)))
            .order_by(Case.reference)
        )
    )


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise ActionPlanError("That action no longer exists.")
    return action


def add_progress_note(
    session: Session, action_id: int, noted_on: dt.date, text: str, author: str = ""
) -> ActionNote:
    text = text.strip()
    if not text:
        raise ActionPlanError("Write the progress to record.")
    if noted_on > london_today():
        raise ActionPlanError(
            f"A progress note cannot be dated in the future ({numeric_date(noted_on)})."
        )
    action = _action(session, action_id)
    note = ActionNote(noted_on=noted_on, text=text, author=author.strip())
    # Notes stay in date order so "latest progress" is the last one.
    position = sum(1 for existing in action.notes if existing.noted_on <= noted_on)
    action.notes.insert(position, note)
    return note


def change_action(
    session: Session,
    action_id: int,
    *,
    owner_id: int | None,
    agency_id: int | None,
    due: dt.date | None,
    author: str = "",
    today: dt.date | None = None,
) -> ActionNote | None:
    """Change who owns an action, for which agency, by when; the change is noted on the action.

    Allowed after the minutes are approved: owners move on and dates slip, and the action plan
    must say who does it now. What was agreed stays in the minutes; the note (and the audit log)
    says what changed, when and by whom. Returns the note, or None when nothing changed.
    """
    today = today or dt.date.today()
    action = _action(session, action_id)
    if owner_id is None or due is None:
        raise ActionPlanError("An action needs an owner and a due date.")
    if due < action.meeting.held_at.date():
        raise ActionPlanError(
            f"An action cannot be due ({due:%d/%m/%Y}) before the meeting that agreed it."
        )
    owner = session.get(Person, owner_id)
    agency = None if agency_id is None else session.get(Agency, agency_id)
    if owner is None or (agency_id is not None and agency is None):
        raise ActionPlanError("That person or agency no longer exists; choose again.")
    changes = []
    if owner_id != action.owner_id:
        before = action.owner.name if action.owner is not None else "nobody"
        changes.append(f"owner {before} → {owner.name}")
    if agency_id != action.agency_id:
        before = action.agency.label if action.agency is not None else "none"
        changes.append(f"agency {before} → {agency.label if agency is not None else 'none'}")
    if due != action.due:
        before = f"{action.due:%d/%m/%Y}" if action.due is not None else "none"
        changes.append(f"due {before} → {due:%d/%m/%Y}")
    if not changes:
        return None
    action.owner_id, action.agency_id, action.due = owner_id, agency_id, due
    # Relationships loaded before the ids changed would still show the old names.
    session.flush()
    session.expire(action, ["owner", "agency"])
    return add_progress_note(
        session, action_id, today, "Changed: " + "; ".join(changes) + ".", author
    )


def set_status(session: Session, action_id: int, status: ActionStatus) -> None:
    _action(session, action_id).status = status


def count_by_status(rows: Iterable[ActionRow]) -> dict[str, int]:
    """open / overdue / done / cancelled; overdue actions are also counted as open."""
    counts = {"open": 0, "overdue": 0, "done": 0, "cancelled": 0}
    for row in rows:
        counts[row.status.value] += 1
        if row.overdue:
            counts["overdue"] += 1
    return counts
