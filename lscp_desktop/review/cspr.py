"""A local CSPR from commissioning to publication: the partners' regulation 14 monitoring.

The case's CSPR is made when a Rapid Review recommends one (`rapid_review.commission`). Here:
the reviewers, the terms of reference, dated progress notes with the next check, the final
report, its sending to the Panel and the Secretary of State, and publication (or the reason it
is not published), which closes the case. Plain Python over the models; `CsprRuleError`
messages are shown to the user as they are.
"""

from __future__ import annotations

import datetime as dt

from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines.statutory import cspr_publication_due
from lscp_desktop.models import Case, Cspr, CsprProgress, JointReview
from lscp_desktop.models.enums import CaseStatus, JointReviewKind
from lscp_desktop.refusals import RuleRefused


class CsprRuleError(RuleRefused):
    """A CSPR record that breaks a rule; the message is meant for the user."""


def _not_before(day: dt.date | None, earlier: dt.date, what: str, than: str) -> None:
    if day is not None and day < earlier:
        raise CsprRuleError(
            f"The {what} {numeric_date(day)} is before {than} ({numeric_date(earlier)})."
        )


def finished(cspr: Cspr) -> bool:
    """Published, or recorded as not to be published (with the reason)."""
    return cspr.published_on is not None or bool((cspr.not_published_reason or "").strip())


def publication_due(cspr: Cspr) -> dt.date:
    """6 calendar months from the decision to commission."""
    due = cspr_publication_due(cspr.commissioned_on)
    assert due is not None  # a CSPR always has its commissioning date
    return due


def record_commissioning(
    cspr: Cspr,
    *,
    reviewers: list[str],
    terms_of_reference_on: dt.date | None,
) -> None:
    """Who reviews, and when the terms of reference were agreed."""
    _not_before(
        terms_of_reference_on,
        cspr.commissioned_on,
        "terms of reference date",
        "the decision to commission",
    )
    cspr.reviewers = "\n".join(r.strip() for r in reviewers if r.strip())
    cspr.terms_of_reference_on = terms_of_reference_on


def add_progress(
    cspr: Cspr, noted_on: dt.date, author: str, text: str, next_check_on: dt.date | None
) -> CsprProgress:
    """A dated note of the review's progress and quality, with the date of the next check."""
    text = text.strip()
    if not text:
        raise CsprRuleError("Write what the progress check found.")
    _not_before(noted_on, cspr.commissioned_on, "progress note's date", "the commissioning")
    _not_before(next_check_on, noted_on, "next check date", "the note")
    note = CsprProgress(
        noted_on=noted_on, author=author.strip(), text=text, next_check_on=next_check_on
    )
    cspr.progress.append(note)
    return note


def next_check_on(cspr: Cspr) -> dt.date | None:
    """The next check the latest progress note set, while the review is unfinished."""
    if finished(cspr) or not cspr.progress:
        return None
    latest = max(cspr.progress, key=lambda note: (note.noted_on, note.position))
    return latest.next_check_on


def record_final_report(
    cspr: Cspr, received_on: dt.date | None, sent_to_panel_on: dt.date | None
) -> None:
    """The final report received, and sent to the Panel and the Secretary of State."""
    _not_before(received_on, cspr.commissioned_on, "final report date", "the commissioning")
    if sent_to_panel_on is not None and received_on is None:
        raise CsprRuleError("Record the final report as received before it is sent on.")
    if received_on is not None:
        _not_before(sent_to_panel_on, received_on, "date sent to the Panel", "its receipt")
    cspr.final_report_on = received_on
    cspr.sent_to_panel_on = sent_to_panel_on


def _close(case: Case | None) -> None:
    if case is not None and case.status is CaseStatus.CSPR:
        case.status = CaseStatus.CLOSED


def record_publication(cspr: Cspr, published_on: dt.date) -> None:
    """The CSPR is published: the publication deadline is met and the case closes."""
    _not_before(published_on, cspr.commissioned_on, "publication date", "the decision to review")
    if cspr.final_report_on is not None:
        _not_before(published_on, cspr.final_report_on, "publication date", "the final report")
    cspr.published_on = published_on
    cspr.not_published_reason = ""
    _close(cspr.case)


def record_not_published(cspr: Cspr, reason: str) -> None:
    """The partners decided not to publish (the Panel is told why); the case closes."""
    reason = reason.strip()
    if not reason:
        raise CsprRuleError("Give the reason the CSPR is not published.")
    cspr.published_on = None
    cspr.not_published_reason = reason
    _close(cspr.case)


def add_joint_review(
    case: Case,
    kind: JointReviewKind,
    partner_board: str,
    *,
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    notes: str = "",
) -> JointReview:
    """A SAR, a domestic abuse related death review or another review run jointly."""
    partner_board = partner_board.strip()
    if not partner_board:
        raise CsprRuleError("Name the board or partnership the review is run with.")
    if started_on is not None:
        _not_before(completed_on, started_on, "completion date", "the start")
    review = JointReview(
        kind=kind,
        partner_board=partner_board,
        started_on=started_on,
        completed_on=completed_on,
        notes=notes.strip(),
    )
    case.joint_reviews.append(review)
    return review
