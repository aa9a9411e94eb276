"""The CSPR decision (regulation 11 criteria with evidence, recommendation, rationale) and the
submission to the Panel with its response, which stays editable after approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from lscp_desktop.date_text import weekday_date
from lscp_desktop.meeting import review_checks
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import CsprCriterion, PanelResponse, ReviewRecommendation
from lscp_desktop.review import rapid_review, review_record
from lscp_desktop.review.rapid_review import ReviewRuleError
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import (
    bind_text,
    checked_choice,
    date_edit,
    date_value,
    heading,
    note,
    radio_row,
    text_box,
)
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.vocabulary import (
    CSPR_CRITERIA,
    CSPR_CRITERIA_NOTE,
    PANEL_RESPONSES_SHORT,
    RECOMMENDATIONS_SHORT,
    with_accelerator,
)

RECOMMENDATION_CHOICES: list[tuple[str, ReviewRecommendation]] = [
    (with_accelerator(RECOMMENDATIONS_SHORT[recommendation], key), recommendation)
    for recommendation, key in (
        (ReviewRecommendation.CSPR, "R"),  # Alt+C: the Case menu; S: start; P: previous step
        (ReviewRecommendation.NO_CSPR, None),
        (ReviewRecommendation.OTHER_REVIEW, "l"),
    )
]
RESPONSE_CHOICES: list[tuple[str, PanelResponse]] = [
    (with_accelerator(PANEL_RESPONSES_SHORT[response], key), response)
    for response, key in (
        (PanelResponse.AGREES, "A"),
        (PanelResponse.DISAGREES, "D"),
        (PanelResponse.AWAITED, "w"),
    )
]

ERROR_STYLE = "color:#a4262c;font-weight:bold;"


def _criterion_writer(
    meeting_id: str, criterion: CsprCriterion, field: str
) -> Callable[[Session, Any], None]:
    def apply(session: Session, value: Any) -> None:
        review_record.set_criterion(session, meeting_id, criterion, **{field: value})

    return apply


@register_form("cspr_decision")
class CsprDecisionForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        meeting_id = ctx.meeting_id
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, meeting_id)
            outcome = meeting.review_outcome
            rows = (
                {row.criterion: (row.met, row.evidence) for row in outcome.criteria}
                if (outcome)
                else {}
            )
            recommendation = outcome.recommendation if outcome else None
            rationale = outcome.rationale if outcome else ""
            held_on = meeting.held_at.date()
            decided_on = (outcome.decided_on if outcome else None) or held_on

        self.layout_.addWidget(heading("Regulation 11: does the case highlight…", 1.05))
        self.layout_.addWidget(note(CSPR_CRITERIA_NOTE))
        self.criteria: dict[CsprCriterion, tuple[QCheckBox, QWidget]] = {}
        criteria_box = QVBoxLayout()
        criteria_box.setSpacing(2)
        for criterion in CsprCriterion:
            met, evidence = rows.get(criterion, (False, ""))
            label = CSPR_CRITERIA[criterion]
            check = QCheckBox(label)
            check.setAccessibleName(f"Criterion {label[:3]} met")
            check.setToolTip(label)
            check.setChecked(met)
            check.setEnabled(not ctx.locked)
            check.toggled.connect(
                lambda on, c=criterion: ctx.now(
                    ("cspr", c, "met"), on, _criterion_writer(meeting_id, c, "met")
                )
            )
            box = text_box(
                f"Evidence for criterion {label[:3]}",
                evidence,
                lines=2,
                placeholder="Evidence: what shows this is (or is not) highlighted.",
            )
            bind_text(
                ctx,
                box,
                ("cspr", criterion, "evidence"),
                _criterion_writer(meeting_id, criterion, "evidence"),
            )
            criteria_box.addWidget(check)
            criteria_box.addWidget(box)
            criteria_box.addSpacing(4)
            self.criteria[criterion] = (check, box)
        self.layout_.addLayout(criteria_box)

        self.layout_.addWidget(heading("Recommendation", 1.05))
        form = QFormLayout()
        self.recommendation_box, self.recommendation_group = radio_row(
            "Recommendation", RECOMMENDATION_CHOICES, recommendation
        )
        self.recommendation_box.setEnabled(not ctx.locked)
        self.recommendation_group.buttonToggled.connect(self._recommendation_toggled)
        form.addRow("Recommend:", self.recommendation_box)
        self.rationale = text_box(
            "Rationale for the recommendation",
            rationale,
            lines=4,
            placeholder="Required: why this recommendation, criterion by criterion.",
        )
        bind_text(ctx, self.rationale, ("cspr", "rationale"), self._write_rationale)
        form.addRow("Rationale (required):", self.rationale)
        self.decided_on = date_edit("Date of the CSPR decision", decided_on, optional=False)
        self.decided_on.setMinimumDate(QDate(held_on))
        self.decided_on.setEnabled(not ctx.locked)
        self.decided_on.setMaximumWidth(self.decided_on.sizeHint().width() + 40)
        self.decided_on.dateChanged.connect(
            lambda _d: ctx.save(
                ("cspr", "decided_on"), date_value(self.decided_on), self._write_decided_on
            )
        )
        form.addRow("Decided on:", self.decided_on)
        self.layout_.addLayout(form)
        self.problems = QLabel()
        self.problems.setObjectName("csprProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#a4262c;")
        self.layout_.addWidget(self.problems)
        self.warnings = QLabel()
        self.warnings.setObjectName("csprWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color:#8a5300;")
        self.layout_.addWidget(self.warnings)
        self.layout_.addStretch(1)
        self.refresh()

    def _write_rationale(self, session: Session, text: str) -> None:
        review_record.set_rationale(session, self.ctx.meeting_id, text)

    def _write_decided_on(self, session: Session, value: Any) -> None:
        review_record.set_decided_on(session, self.ctx.meeting_id, value)

    def _recommendation_toggled(self, _button: object, on: bool) -> None:
        if on:
            self._recommendation_chosen()

    def _recommendation_chosen(self) -> None:
        meeting_id = self.ctx.meeting_id

        def apply(session: Session, value: Any) -> None:
            review_record.set_recommendation(session, meeting_id, value)

        choice = ReviewRecommendation(checked_choice(self.recommendation_group))
        self.ctx.now(("cspr", "recommendation"), choice, apply)

    def first_input(self) -> QWidget | None:
        return self.criteria[CsprCriterion.IMPROVEMENTS_NEEDED][0]

    def refresh(self) -> None:
        """Show what is still missing once a recommendation is chosen (not before: no nagging)."""
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            outcome = meeting.review_outcome
            problems = (
                review_checks.outcome_problems(outcome)
                if outcome is not None and outcome.recommendation is not None
                else []
            )
            warnings = review_checks.outcome_warnings(outcome) if outcome is not None else []
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems) and not self.ctx.locked)
        self.warnings.setText("\n".join(f"• {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings) and not self.ctx.locked)


@register_form("panel_submission")
class PanelSubmissionForm(StepForm):
    """Deadlines, and the Panel's response: a follow-up, so recorded even after approval."""

    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, ctx.meeting_id)
            due = rapid_review.review_deadlines(session, meeting)
            outcome = meeting.review_outcome
            submitted = outcome.submitted_to_panel_on if outcome else None
            response = outcome.panel_response if outcome else PanelResponse.AWAITED
            responded = outcome.panel_response_on if outcome else None
            comments = outcome.panel_comments if outcome else ""
            held_on = meeting.held_at.date()
        self.layout_.addWidget(heading("Deadlines", 1.05))
        deadlines = QFormLayout()
        self.review_due = QLabel(
            weekday_date(due.rapid_review_due)
            if due.rapid_review_due
            else "Not known: the notification date is not recorded"
        )
        self.review_due.setObjectName("rapidReviewDue")
        self.review_due.setAccessibleName("Rapid Review due")
        late = due.rapid_review_due is not None and held_on > due.rapid_review_due
        if late:
            self.review_due.setText(self.review_due.text() + " — this meeting is after it")
            self.review_due.setStyleSheet(ERROR_STYLE)
        deadlines.addRow("Rapid Review due (15 working days):", self.review_due)
        self.cspr_due = QLabel()
        self.cspr_due.setObjectName("csprPublicationDue")
        self.cspr_due.setAccessibleName("CSPR publication due")
        deadlines.addRow("CSPR report to be published by:", self.cspr_due)
        self.layout_.addLayout(deadlines)

        self.layout_.addWidget(heading("The Panel", 1.05))
        form = QFormLayout()
        self.submitted = date_edit("Date the Rapid Review was sent to the Panel", submitted)
        form.addRow("Sent to the Panel on:", self.submitted)
        self.response_box, self.response_group = radio_row(
            "The Panel's response", RESPONSE_CHOICES, response
        )
        form.addRow("The Panel's response:", self.response_box)
        self.responded = date_edit("Date of the Panel's response", responded)
        form.addRow("Response dated:", self.responded)
        self.comments = text_box(
            "The Panel's comments",
            comments,
            lines=4,
            placeholder="What the Panel said (required when it disagrees).",
        )
        form.addRow("Comments:", self.comments)
        self.save_button = QPushButton("&Record the Panel submission and response")
        self.save_button.setAccessibleName("Record the Panel submission and response")
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form.addRow("", save_row)
        for edit in (self.submitted, self.responded):
            edit.setMaximumWidth(edit.sizeHint().width() + 40)
        self.message = QLabel()
        self.message.setObjectName("panelMessage")
        self.message.setWordWrap(True)
        form.addRow("", self.message)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            note(
                "This is a follow-up, not part of the minutes: it can be recorded after the "
                "minutes are approved, whenever the Panel replies."
            )
        )
        self.layout_.addWidget(heading("Sharing the learning", 1.05))
        self.sheet_button = QPushButton("&Learning sheet…")
        self.sheet_button.setAccessibleName("Open the learning sheet")
        self.sheet_button.clicked.connect(self.open_learning_sheet)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_button)
        sheet_row.addWidget(note("A one- or two-page summary for partners' training leads."), 1)
        self.layout_.addLayout(sheet_row)
        self.layout_.addStretch(1)
        self.refresh()

    def open_learning_sheet(self) -> None:
        from lscp_desktop.ui.documents.learning_sheet_dialog import LearningSheetDialog

        self.ctx.autosave.flush()  # the sheet is drafted from the minutes as they stand
        LearningSheetDialog(self.ctx.store, self.ctx.meeting_id, self).exec()

    def first_input(self) -> QWidget | None:
        return self.submitted

    def save(self) -> bool:
        """Check and record the submission and response together; say what is wrong if not."""
        # Qt hands an enum back as its plain string value.
        response = PanelResponse(checked_choice(self.response_group) or PanelResponse.AWAITED)
        self.ctx.autosave.flush()
        try:
            with self.ctx.store.session() as session:
                review_record.record_panel(
                    session,
                    self.ctx.meeting_id,
                    submitted_on=date_value(self.submitted),
                    response=response,
                    responded_on=date_value(self.responded),
                    comments=self.comments.toPlainText(),
                )
        except (ReviewRuleError, MeetingRuleError) as error:
            self.message.setText(str(error))
            self.message.setStyleSheet(ERROR_STYLE)
            return False
        self.message.setText("Recorded.")
        self.message.setStyleSheet("color:#2b6e35;")
        self.ctx.changed()
        return True

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            due = rapid_review.review_deadlines(session, meeting).cspr_publication_due
        self.cspr_due.setText(weekday_date(due) if due else "Not applicable: no CSPR commissioned")
