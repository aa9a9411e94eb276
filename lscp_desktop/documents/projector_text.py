"""What the shared screen shows of a step beyond its title, from the safe meeting snapshot
(pseudonyms only): the purpose and the criteria, the assessment, the decision, the deadlines.
"""

from __future__ import annotations

from lscp_desktop.date_text import weekday_date
from lscp_desktop.deadlines.statutory import has_rapid_review
from lscp_desktop.documents.meeting_record import MeetingRecord
from lscp_desktop.vocabulary import CASE_KINDS, NO_RAPID_REVIEW


def projector_substance(key: str, record: MeetingRecord) -> str:
    """A few lines for the step `key`; "" when the step has none beyond the opinions."""
    if key == "purpose":
        return (
            f"{CASE_KINDS[record.case_kind]}.\n"
            "A serious child safeguarding incident: abuse or neglect of a child is known or "
            "suspected, AND the child has died or been seriously harmed."
        )
    if key == "criteria":
        if record.criteria_met is None:
            conclusion = "Not yet established"
        else:
            conclusion = (
                "Both criteria are met" if record.criteria_met else "The criteria are not met"
            )
        return (
            f"Abuse or neglect known or suspected: {record.abuse_or_neglect}\n"
            f"Died or seriously harmed: {record.harm}\n{conclusion}"
        )
    if key == "decision":
        decision = record.decision
        if decision is None:
            return "The Local Authority's decision is not yet recorded."
        who = f" ({decision.decided_by})" if decision.decided_by else ""
        return f"Decision: {decision.outcome}{who}, {weekday_date(decision.decided_on)}"
    if key in ("next_steps", "close"):
        lines = [
            f"Notification due: {weekday_date(record.notification_due)}",
        ]
        if record.partners_informed_due is not None:
            lines.append(
                f"Safeguarding partners told by: {weekday_date(record.partners_informed_due)}"
            )
        if not has_rapid_review(record.case_kind):
            lines.append(NO_RAPID_REVIEW.get(record.case_kind, ""))
        elif record.rapid_review_due is not None:
            lines.append(f"Rapid Review due: {weekday_date(record.rapid_review_due)}")
        return "\n".join(line for line in lines if line)
    return ""
