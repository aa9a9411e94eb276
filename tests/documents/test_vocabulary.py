"""One vocabulary: the meeting's screens, the minutes and the learning sheet word each value
of the record the same way (labels.py), so what the chair clicks is what the record says."""

from __future__ import annotations

from lscp_desktop.documents import files
from lscp_desktop.models.enums import (
    ActionStatus,
    AttendanceStatus,
    DecisionOutcome,
    Opinion,
    ReviewRecommendation,
)
from lscp_desktop.review.learning_sheet import content_for_export
from lscp_desktop.ui.meeting.steps.decision import OUTCOME_CHOICES
from lscp_desktop.ui.meeting.steps.partner import OPINION_CHOICES
from lscp_desktop.vocabulary import OUTCOMES_LONG, RECOMMENDATIONS_LONG
from tests.documents.conftest import ExportCase
from tests.documents.reading import docx_text


def on_screen(choices: list[tuple[str, object]], value: object) -> str:
    """A radio button's words as the chair reads them (without the keyboard accelerator)."""
    return next(text.replace("&", "") for text, choice in choices if choice == value)


def test_the_decision_and_opinions_read_the_same_on_screen_and_in_the_minutes(
    export_case: ExportCase,
) -> None:
    minutes = files.prepare_minutes(export_case.store, export_case.rag_id, export_case.store.path)
    text = docx_text(minutes.render())
    # The exported case: the LA decided to notify; partners said notify, do not, undecided.
    assert f"Decision: {on_screen(OUTCOME_CHOICES, DecisionOutcome.NOTIFY)}" in text
    for opinion in Opinion:
        assert on_screen(OPINION_CHOICES, opinion) in text, opinion
    for choice in DecisionOutcome:  # each outcome's button says exactly the minutes' words
        assert on_screen(OUTCOME_CHOICES, choice) == OUTCOMES_LONG[choice]


def test_attendance_and_action_status_read_the_same_on_screen_and_in_the_minutes(
    export_case: ExportCase,
) -> None:
    from lscp_desktop.ui.meeting.steps import actions, opening
    from lscp_desktop.vocabulary import ACTION_STATUSES, ATTENDANCE

    minutes = files.prepare_minutes(export_case.store, export_case.rag_id, export_case.store.path)
    text = docx_text(minutes.render())
    assert ATTENDANCE[AttendanceStatus.APOLOGIES] in text
    assert ACTION_STATUSES[ActionStatus.DONE] in text
    assert opening.ATTENDANCE is ATTENDANCE and actions.ACTION_STATUSES is ACTION_STATUSES


def test_the_learning_sheet_words_the_recommendation_as_the_minutes_do(
    export_case: ExportCase,
) -> None:
    review = files.prepare_minutes(export_case.store, export_case.review_id, export_case.store.path)
    minutes = docx_text(review.render())
    with export_case.store.session() as session:
        sheet = content_for_export(session, export_case.review_id)
    assert sheet.recommendation == RECOMMENDATIONS_LONG[ReviewRecommendation.CSPR]
    assert f"Recommendation: {sheet.recommendation}" in minutes


def test_the_limbs_read_the_same_on_screen_as_in_the_minutes_and_are_judged_once() -> None:
    from lscp_desktop.documents import meeting_record
    from lscp_desktop.meeting.notification_criteria import criteria_met
    from lscp_desktop.models.enums import AbuseOrNeglect, Harm
    from lscp_desktop.ui.meeting.steps.discussion import ABUSE_CHOICES, HARM_CHOICES
    from lscp_desktop.vocabulary import ABUSE, HARM_SHORT

    assert dict(ABUSE_CHOICES) == ABUSE  # the minutes' words, "Not yet established" included
    assert dict(HARM_CHOICES) == HARM_SHORT
    # One two-limb test: the minutes ask the meeting's rule, they keep no copy of it.
    assert meeting_record.criteria_met is criteria_met
    assert criteria_met(AbuseOrNeglect.SUSPECTED, Harm.SERIOUSLY_HARMED) is True
    assert criteria_met(AbuseOrNeglect.KNOWN, Harm.NEITHER) is False
    assert criteria_met(AbuseOrNeglect.NOT_SUSPECTED, Harm.UNKNOWN) is False
    assert criteria_met(AbuseOrNeglect.UNKNOWN, Harm.DIED) is None


def test_counts_read_as_english() -> None:
    from lscp_desktop.vocabulary import counted

    assert counted(1, "referral") == "1 referral"
    assert counted(0, "Rapid Review") == "0 Rapid Reviews"
    assert counted(2, "child", "children") == "2 children"
