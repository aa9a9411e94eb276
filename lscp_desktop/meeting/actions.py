"""Actions agreed at a meeting: what, who, which agency, by when, and whether immediate.

What was agreed is minuted and locks with the minutes; an action's progress (its status) is
follow-up the Business Unit keeps up to date, so it stays editable.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from lscp_desktop.meeting.lock import MeetingRuleError, editable_meeting, get_meeting
from lscp_desktop.models import Action, Meeting
from lscp_desktop.models.enums import ActionStatus, MeetingKind


def add_action(
    session: Session,
    meeting_id: str,
    description: str,
    *,
    owner_id: int | None = None,
    agency_id: int | None = None,
    due: dt.date | None = None,
    immediate: bool = False,
) -> Action:
    meeting = editable_meeting(session, meeting_id)
    if not description.strip():
        raise MeetingRuleError("Describe the action before adding it.")
    if due is not None and due < meeting.held_at.date():
        raise MeetingRuleError("An action cannot be due before the meeting it was agreed at.")
    action = Action(
        description=description.strip(),
        owner_id=owner_id,
        agency_id=agency_id,
        due=due,
        immediate=immediate,
    )
    meeting.actions.append(action)
    session.flush()
    return action


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise MeetingRuleError(f"There is no action {action_id}.")
    return action


def remove_action(session: Session, action_id: int) -> None:
    action = _action(session, action_id)
    meeting = editable_meeting(session, action.meeting_id)
    meeting.actions.remove(action)


def set_action_status(session: Session, action_id: int, status: ActionStatus) -> Action:
    action = _action(session, action_id)
    get_meeting(session, action.meeting_id)
    action.status = status
    return action


def action_problems(meeting: Meeting) -> list[str]:
    """Each action needs someone to own it and a date it is due by before the meeting ends.

    An immediate safeguarding action with nobody named to do it, by no date, keeps no child safe.
    """
    problems = []
    for action in meeting.actions:
        missing = [
            what
            for what, value in (("an owner", action.owner_id), ("a due date", action.due))
            if value is None
        ]
        if missing:
            kind = "immediate safeguarding action" if action.immediate else "action"
            problems.append(
                f'Give the {kind} "{_short(action.description)}" ' + " and ".join(missing) + "."
            )
    return problems


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def agreed_at_extraordinary_rag(meeting: Meeting) -> list[Action]:
    """The actions the case's Extra-Ordinary RAG meetings agreed, for the Rapid Review to see.

    A Rapid Review decides whether immediate action is needed: it starts from what the
    decision meeting already agreed, not from a blank list.
    """
    return [
        action
        for other in meeting.case.meetings
        if other.kind is MeetingKind.EXTRAORDINARY_RAG and other.id != meeting.id
        for action in other.actions
    ]
