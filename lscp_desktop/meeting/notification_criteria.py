"""The two limbs of the notification criteria, as the meeting assesses them.

A Serious Child Safeguarding Incident is one where abuse or neglect is known or suspected AND
the child has died or been seriously harmed. The assessment is recorded on the case.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lscp_desktop.meeting.lock import editable_meeting
from lscp_desktop.models import Case
from lscp_desktop.models.enums import AbuseOrNeglect, Harm


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
