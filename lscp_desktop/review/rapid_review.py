"""A Rapid Review's rules: its steps, the CSPR decision (regulation 11) and the Panel's response.

Plain Python over the models; the stepper and dialogs call these and show `ReviewRuleError`
messages to the user as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines.statutory import CaseDeadlines, case_deadlines
from lscp_desktop.models import (
    Cspr,
    KeyPracticeEpisode,
    Meeting,
    ReviewCriterion,
    ReviewOutcome,
    SignOff,
)
from lscp_desktop.models.enums import (
    CaseStatus,
    CsprCriterion,
    MeetingKind,
    MeetingStatus,
    NationalReviewView,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.review.cspr import CsprRuleError, record_publication
from lscp_desktop.settings.stored import deadline_rules
from lscp_desktop.vocabulary import CSPR_CRITERIA


class ReviewRuleError(RuleRefused):
    """A Rapid Review record that breaks a rule; the message is meant for the user."""


def outcome_for(meeting: Meeting) -> ReviewOutcome:
    """The meeting's outcome, created with the four criteria unticked if it has none yet."""
    if meeting.kind is not MeetingKind.RAPID_REVIEW:
        raise ReviewRuleError("Only a Rapid Review meeting has a CSPR decision.")
    if meeting.review_outcome is None:
        meeting.review_outcome = ReviewOutcome(
            criteria=[ReviewCriterion(criterion=criterion) for criterion in CsprCriterion]
        )
    outcome = meeting.review_outcome
    if meeting.status is MeetingStatus.APPROVED:
        return outcome  # what was minuted is locked: follow-ups use the rows as they are
    present = {row.criterion for row in outcome.criteria}
    for criterion in CsprCriterion:
        if criterion not in present:
            outcome.criteria.append(ReviewCriterion(criterion=criterion))
    return outcome


def open_outcome(session: Session, meeting_id: str) -> ReviewOutcome:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ReviewRuleError(f"No meeting with id {meeting_id}.")
    return outcome_for(meeting)


def criterion_row(outcome: ReviewOutcome, criterion: CsprCriterion) -> ReviewCriterion:
    for row in outcome.criteria:
        if row.criterion is criterion:
            return row
    row = ReviewCriterion(criterion=criterion)
    outcome.criteria.append(row)
    return row


def assess_criterion(
    outcome: ReviewOutcome, criterion: CsprCriterion, met: bool, evidence: str
) -> None:
    """Tick (or untick) one regulation 11 criterion; a ticked one needs its evidence."""
    evidence = evidence.strip()
    if met and not evidence:
        raise ReviewRuleError(f"Say what shows the criterion is met: {CSPR_CRITERIA[criterion]}.")
    row = criterion_row(outcome, criterion)
    row.met = met
    row.evidence = evidence


def recommend(
    outcome: ReviewOutcome,
    recommendation: ReviewRecommendation,
    rationale: str,
    decided_on: dt.date,
) -> None:
    """Record the recommendation; the rationale is always required, as minutes must show it."""
    rationale = rationale.strip()
    if not rationale:
        raise ReviewRuleError("Record the rationale for the recommendation.")
    # Regulation 11's criteria "include" those listed: a CSPR may be recommended when none is
    # ticked, the rationale saying why (review_checks.outcome_warnings says so; no refusal).
    meeting = outcome.meeting
    if meeting is not None and decided_on < meeting.held_at.date():
        raise ReviewRuleError(
            f"The decision date {numeric_date(decided_on)} is before the Rapid Review meeting "
            f"({numeric_date(meeting.held_at)})."
        )
    outcome.recommendation = recommendation
    outcome.rationale = rationale
    outcome.decided_on = decided_on
    if recommendation is ReviewRecommendation.CSPR and meeting is not None:
        commission(meeting, decided_on)


# Statuses a case has reached before its Rapid Review recommends a CSPR.
BEFORE_CSPR = frozenset(
    {
        CaseStatus.REFERRED,
        CaseStatus.UNDER_CONSIDERATION,
        CaseStatus.NOTIFIED,
        CaseStatus.RAPID_REVIEW,
    }
)


def commission(meeting: Meeting, decided_on: dt.date) -> Cspr:
    """The decision to commission a CSPR: the case gains its CSPR record and moves to "CSPR"."""
    case = meeting.case
    if case.cspr is None:
        case.cspr = Cspr(commissioned_on=decided_on)
    elif case.cspr.published_on is None and not case.cspr.not_published_reason:
        case.cspr.commissioned_on = decided_on  # the decision was corrected before publication
    if case.status in BEFORE_CSPR:
        case.status = CaseStatus.CSPR
    return case.cspr


def _editable(outcome: ReviewOutcome) -> None:
    """The report as the three partners signed it is what the Panel received: locked.

    Not the minutes' approval: the report is often written after the minutes are approved, and
    the minutes do not print it. Clearing a partner's sign-off date reopens it.
    """
    if signed_off(outcome):
        raise ReviewRuleError(
            "The three safeguarding partners have signed this Rapid Review off: its content is "
            "locked. Clear a partner's sign-off date to change it, then sign it off again."
        )


def record_content(
    outcome: ReviewOutcome,
    *,
    inequalities: str,
    good_practice: str,
    learning: str,
    immediate_action: str,
) -> None:
    """The Rapid Review's analysis, as the Panel's guidance asks for it."""
    _editable(outcome)
    outcome.inequalities = inequalities.strip()
    outcome.good_practice = good_practice.strip()
    outcome.learning = learning.strip()
    outcome.immediate_action = immediate_action.strip()


def add_episode(
    outcome: ReviewOutcome,
    *,
    title: str,
    period: str,
    agencies: list[str],
    description: str,
    analysis: str,
) -> KeyPracticeEpisode:
    """One key practice episode; it needs a title and what happened."""
    _editable(outcome)
    title, description = title.strip(), description.strip()
    if not title:
        raise ReviewRuleError("Give the key practice episode a title.")
    if not description:
        raise ReviewRuleError(f"Say what happened in the key practice episode {title!r}.")
    episode = KeyPracticeEpisode(
        title=title,
        period=period.strip(),
        agencies="\n".join(a.strip() for a in agencies if a.strip()),
        description=description,
        analysis=analysis.strip(),
    )
    outcome.episodes.append(episode)
    return episode


def remove_episode(outcome: ReviewOutcome, episode: KeyPracticeEpisode) -> None:
    _editable(outcome)
    outcome.episodes.remove(episode)


def record_national_review_view(
    outcome: ReviewOutcome, view: NationalReviewView, rationale: str
) -> None:
    """The partners' view on a national review; recommending one or not needs the reasons."""
    _editable(outcome)
    rationale = rationale.strip()
    if view is not NationalReviewView.UNDECIDED and not rationale:
        raise ReviewRuleError("Give the reasons for the partners' view on a national review.")
    outcome.national_review_view = view
    outcome.national_review_rationale = rationale


# The three safeguarding partners who sign the Rapid Review off (Working Together 2023).
SAFEGUARDING_PARTNERS = ("Local Authority", "Integrated Care Board", "Police")


def sign_off(
    outcome: ReviewOutcome, agency: str, name: str, role: str, signed_on: dt.date | None
) -> SignOff:
    """One safeguarding partner's sign-off (replacing the agency's earlier one).

    Sign-off follows the meeting, so it stays open after the minutes are approved.
    """
    agency, name, role = agency.strip(), name.strip(), role.strip()
    if not agency:
        raise ReviewRuleError("Say which safeguarding partner signs the Rapid Review off.")
    if signed_on is not None and not name:
        raise ReviewRuleError(f"Give the name of the person who signed off for {agency}.")
    meeting = outcome.meeting
    if signed_on is not None and meeting is not None and signed_on < meeting.held_at.date():
        raise ReviewRuleError(
            f"The sign-off date {numeric_date(signed_on)} is before the Rapid Review meeting "
            f"({numeric_date(meeting.held_at)})."
        )
    for row in outcome.sign_off:
        if row.agency.casefold() == agency.casefold():
            row.agency, row.name, row.role, row.signed_on = agency, name, role, signed_on
            return row
    row = SignOff(agency=agency, name=name, role=role, signed_on=signed_on)
    outcome.sign_off.append(row)
    return row


def withdraw_sign_off(outcome: ReviewOutcome, agency: str) -> None:
    """Remove the agency's sign-off row (nothing recorded for it any more)."""
    for row in list(outcome.sign_off):
        if row.agency.casefold() == agency.strip().casefold():
            outcome.sign_off.remove(row)


def signed_off(outcome: ReviewOutcome) -> bool:
    """All three safeguarding partners have signed, with a date."""
    dated = {row.agency.casefold() for row in outcome.sign_off if row.signed_on and row.name}
    return all(partner.casefold() in dated for partner in SAFEGUARDING_PARTNERS)


def record_submission(outcome: ReviewOutcome, submitted_on: dt.date) -> None:
    """The date the Rapid Review went to the Panel."""
    if outcome.recommendation is None or outcome.decided_on is None:
        raise ReviewRuleError("Record the recommendation before the submission to the Panel.")
    if submitted_on < outcome.decided_on:
        raise ReviewRuleError(
            f"The submission date {numeric_date(submitted_on)} is before the decision "
            f"({numeric_date(outcome.decided_on)})."
        )
    outcome.submitted_to_panel_on = submitted_on


def submission_reopened(outcome: ReviewOutcome) -> bool:
    """The Panel asked for more information: the Rapid Review goes back to it."""
    return outcome.panel_response is PanelResponse.MORE_INFORMATION


def record_resubmission(outcome: ReviewOutcome, resubmitted_on: dt.date) -> None:
    """The date the Rapid Review went back to the Panel with the information it asked for.

    The first submission date stays: timeliness is measured on it.
    """
    if not submission_reopened(outcome) or outcome.panel_response_on is None:
        raise ReviewRuleError(
            "A resubmission follows the Panel's request for more information: record that "
            "request first."
        )
    if resubmitted_on < outcome.panel_response_on:
        raise ReviewRuleError(
            f"The resubmission date {numeric_date(resubmitted_on)} is before the Panel asked for "
            f"more information ({numeric_date(outcome.panel_response_on)})."
        )
    outcome.resubmitted_to_panel_on = resubmitted_on


def record_panel_response(
    outcome: ReviewOutcome,
    response: PanelResponse,
    responded_on: dt.date | None,
    comments: str = "",
) -> None:
    """The Panel's response; a response that has come needs its date."""
    comments = comments.strip()
    if response is PanelResponse.AWAITED:
        outcome.panel_response = response
        outcome.panel_response_on = None
        outcome.panel_comments = comments
        return
    if outcome.submitted_to_panel_on is None:
        raise ReviewRuleError("Record the submission to the Panel before its response.")
    if responded_on is None:
        raise ReviewRuleError("Give the date of the Panel's response.")
    latest = outcome.resubmitted_to_panel_on or outcome.submitted_to_panel_on
    if responded_on < latest:
        what = "resubmission" if outcome.resubmitted_to_panel_on else "submission"
        raise ReviewRuleError(
            f"The Panel's response date {numeric_date(responded_on)} is before the {what} "
            f"({numeric_date(latest)})."
        )
    if response is PanelResponse.DISAGREES and not comments:
        raise ReviewRuleError("Record what the Panel said when it disagrees.")
    if response is PanelResponse.MORE_INFORMATION and not comments:
        raise ReviewRuleError("Record what information the Panel asked for.")
    if response is PanelResponse.MORE_INFORMATION:
        outcome.resubmitted_to_panel_on = None  # a new request: the next resubmission is due
    outcome.panel_response = response
    outcome.panel_response_on = responded_on
    outcome.panel_comments = comments


def record_cspr_publication(outcome: ReviewOutcome, published_on: dt.date) -> None:
    """The CSPR's publication, recorded on the case's CSPR (its own page)."""
    if outcome.recommendation is not ReviewRecommendation.CSPR or outcome.decided_on is None:
        raise ReviewRuleError("Only a commissioned CSPR has a publication date.")
    cspr = commission(outcome.meeting, outcome.decided_on)
    try:
        record_publication(cspr, published_on)
    except CsprRuleError as error:
        raise ReviewRuleError(str(error)) from None


def review_deadlines(session: Session, meeting: Meeting) -> CaseDeadlines:
    """Rapid Review due and CSPR publication due for the meeting's case, by the current rules."""
    return case_deadlines(meeting.case, deadline_rules(session))


@dataclass(frozen=True)
class EpisodeForm:
    title: str
    period: str
    agencies: list[str]
    description: str
    analysis: str


@dataclass(frozen=True)
class SignOffForm:
    agency: str
    name: str
    role: str
    signed_on: dt.date | None


@dataclass(frozen=True)
class RapidReviewForm:
    """Everything the Rapid Review report dialog edits, applied in one transaction."""

    inequalities: str
    good_practice: str
    learning: str
    immediate_action: str
    episodes: list[EpisodeForm]
    national_review_view: NationalReviewView
    national_review_rationale: str
    sign_off: list[SignOffForm]
    panel_response: PanelResponse
    panel_response_on: dt.date | None
    panel_comments: str
    resubmitted_to_panel_on: dt.date | None


def apply_form(outcome: ReviewOutcome, form: RapidReviewForm) -> None:
    """Apply the dialog's values through the rules; the first broken rule is raised.

    The content is rewritten only when it changed, and is locked while all three partners have
    signed it off; the Panel's response can always be recorded.
    """
    # Signed before this save: the sign-off changes first, so clearing a date reopens the
    # content in the same save. Not yet signed: the content first, then the signatures on it.
    if signed_off(outcome):
        _apply_sign_off(outcome, form.sign_off)
        _apply_content(outcome, form)
    else:
        _apply_content(outcome, form)
        _apply_sign_off(outcome, form.sign_off)
    if (
        form.panel_response is not outcome.panel_response
        or form.panel_response_on != outcome.panel_response_on
        or form.panel_comments.strip() != outcome.panel_comments
    ):
        record_panel_response(
            outcome, form.panel_response, form.panel_response_on, form.panel_comments
        )
    if form.resubmitted_to_panel_on != outcome.resubmitted_to_panel_on:
        if form.resubmitted_to_panel_on is None:
            outcome.resubmitted_to_panel_on = None
        else:
            record_resubmission(outcome, form.resubmitted_to_panel_on)


def _apply_sign_off(outcome: ReviewOutcome, rows: list[SignOffForm]) -> None:
    for row in rows:
        if row.name.strip() or row.role.strip() or row.signed_on is not None:
            sign_off(outcome, row.agency, row.name, row.role, row.signed_on)
        else:
            withdraw_sign_off(outcome, row.agency)


def _apply_content(outcome: ReviewOutcome, form: RapidReviewForm) -> None:
    current = [
        EpisodeForm(e.title, e.period, e.agency_list, e.description, e.analysis)
        for e in outcome.episodes
    ]
    cleaned = [
        EpisodeForm(
            e.title.strip(),
            e.period.strip(),
            [a.strip() for a in e.agencies if a.strip()],
            e.description.strip(),
            e.analysis.strip(),
        )
        for e in form.episodes
    ]
    content_changed = (
        cleaned != current
        or form.inequalities.strip() != outcome.inequalities
        or form.good_practice.strip() != outcome.good_practice
        or form.learning.strip() != outcome.learning
        or form.immediate_action.strip() != outcome.immediate_action
        or form.national_review_view is not outcome.national_review_view
        or form.national_review_rationale.strip() != outcome.national_review_rationale
    )
    if content_changed:
        record_content(
            outcome,
            inequalities=form.inequalities,
            good_practice=form.good_practice,
            learning=form.learning,
            immediate_action=form.immediate_action,
        )
        outcome.episodes.clear()
        for number, episode in enumerate(form.episodes, start=1):
            try:
                add_episode(
                    outcome,
                    title=episode.title,
                    period=episode.period,
                    agencies=episode.agencies,
                    description=episode.description,
                    analysis=episode.analysis,
                )
            except ReviewRuleError as error:
                raise ReviewRuleError(f"Key practice episode {number}: {error}") from None
        record_national_review_view(
            outcome, form.national_review_view, form.national_review_rationale
        )
