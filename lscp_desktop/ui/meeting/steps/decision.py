"""The Local Authority's decision: outcome, decision-maker, rationale, dissent, escalation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPushButton, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.date_text import weekday_date
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.meeting.decision_maker import (
    meeting_decision_maker_problem,
    present_la_representatives,
)
from lscp_desktop.models import Meeting, Person
from lscp_desktop.models.enums import (
    DecisionOutcome,
    MeetingStatus,
)
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import (
    bind_text,
    checked_choice,
    date_edit,
    date_value,
    note,
    people_combo,
    radio_row,
    text_box,
)
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.vocabulary import OUTCOMES_LONG, with_accelerator

# The minutes' words, so the button the chair presses says what the record will say.
OUTCOME_CHOICES = [
    (with_accelerator(OUTCOMES_LONG[outcome], key), outcome)
    for outcome, key in (
        (DecisionOutcome.NOTIFY, "t"),  # Alt+N is "Next step"
        (DecisionOutcome.DO_NOT_NOTIFY, "D"),
        (DecisionOutcome.DEFERRED, "r"),
    )
]


def _writer(meeting_id: str, field: str) -> Callable[[Session, Any], None]:
    def apply(session: Session, value: Any) -> None:
        meeting_decision.set_decision(session, meeting_id, **{field: value})

    return apply


@register_form("decision")
class DecisionForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        meeting_id = ctx.meeting_id
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, meeting_id)
            decision = meeting.decision
            la_present = present_la_representatives(meeting)
            # Those who may decide (the Local Authority's people present) come first; anyone
            # else chosen is refused with the reason.
            people = sorted(
                (
                    (p.id, p.name + (f" ({p.agency.label})" if p.agency else ""))
                    for p in session.scalars(select(Person).order_by(Person.name))
                ),
                key=lambda row: row[0] not in la_present,
            )
            outcome = decision.outcome if decision else None
            decided_by = decision.decided_by_id if decision else None
            held_on = meeting.held_at.date()
            la_aware = meeting.case.la_aware
            self._status = meeting.status
            values = {
                "rationale": decision.rationale if decision else "",
                "deferral_reason": decision.deferral_reason if decision else "",
                "dissent_considered": decision.dissent_considered if decision else "",
                "escalation_notes": decision.escalation_notes if decision else "",
            }
            escalated = decision.escalated if decision else False
            decided_on = decision.decided_on if decision else held_on
            post = (
                f"Decided after the meeting, on {weekday_date(decision.decided_on)}; recorded by "
                f"{decision.recorded_by} on {weekday_date(decision.recorded_at.date())}."
                if decision and decision.post_meeting and decision.recorded_at
                else ""
            )
        self._default_maker = la_present[0] if la_present else None

        form = QFormLayout()
        self.outcome_box, self.outcome_group = radio_row("Decision", OUTCOME_CHOICES, outcome)
        self.outcome_box.setEnabled(not ctx.locked)
        self.outcome_group.buttonToggled.connect(self._outcome_toggled)
        form.addRow("Decision:", self.outcome_box)
        self.decided_by = people_combo("Decision-maker (Local Authority)", people, decided_by)
        self._saved_maker = decided_by
        self.decided_by.currentIndexChanged.connect(lambda _i: self._maker_chosen())
        form.addRow("Decided by:", self.decided_by)
        # Why a choice of decision-maker was refused: the law gives the decision to the LA.
        self.maker_problem = QLabel()
        self.maker_problem.setObjectName("decisionMakerRefused")
        self.maker_problem.setWordWrap(True)
        self.maker_problem.setStyleSheet("color:#a4262c;")
        self.maker_problem.setVisible(False)
        form.addRow("", self.maker_problem)
        self.decided_on = date_edit("Date of the decision", decided_on, optional=False)
        # Between the day the LA became aware (day 0) and today: no other date is possible.
        self.decided_on.setDateRange(QDate(la_aware), max(QDate(la_aware), QDate.currentDate()))
        self.decided_on.dateChanged.connect(
            lambda _d: ctx.save(
                ("decision", "decided_on"),
                date_value(self.decided_on),
                _writer(meeting_id, "decided_on"),
            )
        )
        form.addRow("Date:", self.decided_on)
        self.texts = {}
        for field, label, name in [
            ("rationale", "Rationale (required):", "Rationale for the decision"),
            ("deferral_reason", "Why deferred:", "Why the decision was deferred"),
        ]:
            edit = text_box(name, values[field], lines=4 if field == "rationale" else 2)
            bind_text(ctx, edit, ("decision", field), _writer(meeting_id, field))
            self.texts[field] = edit
            form.addRow(label, edit)
        self.form = form
        self.dissent = QLabel()
        self.dissent.setObjectName("dissentList")
        self.dissent.setWordWrap(True)
        self.dissent.setAccessibleName("Partners whose opinion differs from the decision")
        form.addRow("Differing views:", self.dissent)
        considered = text_box(
            "How the differing views were considered", values["dissent_considered"], lines=3
        )
        bind_text(
            ctx,
            considered,
            ("decision", "dissent_considered"),
            _writer(meeting_id, "dissent_considered"),
        )
        self.texts["dissent_considered"] = considered
        form.addRow("How they were considered:", considered)
        self.escalated = QCheckBox("Escalated under the dispute-resolution procedure")
        self.escalated.setAccessibleName("Escalated")
        self.escalated.setChecked(escalated)
        self.escalated.toggled.connect(
            lambda on: ctx.now(("decision", "escalated"), on, _writer(meeting_id, "escalated"))
        )
        form.addRow("Escalation:", self.escalated)
        notes = text_box("Escalation notes", values["escalation_notes"], lines=2)
        bind_text(
            ctx, notes, ("decision", "escalation_notes"), _writer(meeting_id, "escalation_notes")
        )
        self.texts["escalation_notes"] = notes
        form.addRow("Escalation notes:", notes)
        self.layout_.addLayout(form)
        self.post_note = note(post)
        self.layout_.addWidget(self.post_note)
        self.post_button = QPushButton("Record the decision made &after the meeting…")
        self.post_button.setAccessibleName("Record the decision made after the meeting")
        self.post_button.clicked.connect(self._post_meeting)
        self.layout_.addWidget(self.post_button)
        self.layout_.addStretch(1)
        self._enable(outcome)
        self.refresh()

    def first_input(self) -> QWidget | None:
        button = self.outcome_group.checkedButton() or self.outcome_group.buttons()[0]
        return button

    def _maker_chosen(self) -> None:
        """Only a Local Authority representative who is present may decide; others refused."""
        chosen = self.decided_by.currentData()
        problem = None
        if chosen is not None:
            with self.ctx.store.session() as session:
                meeting = session.get_one(Meeting, self.ctx.meeting_id)
                problem = meeting_decision_maker_problem(meeting, session.get_one(Person, chosen))
        self.maker_problem.setText(problem or "")
        self.maker_problem.setVisible(problem is not None)
        if problem is not None:
            self.decided_by.blockSignals(True)  # back to the last accepted choice, unsaved
            self.decided_by.setCurrentIndex(max(self.decided_by.findData(self._saved_maker), 0))
            self.decided_by.blockSignals(False)
            return
        self._saved_maker = chosen
        self.ctx.now(
            ("decision", "decided_by_id"), chosen, _writer(self.ctx.meeting_id, "decided_by_id")
        )

    def _outcome_toggled(self, _button: object, on: bool) -> None:
        if on:
            self._outcome_chosen()

    def _outcome_chosen(self) -> None:
        outcome = checked_choice(self.outcome_group)
        self.ctx.now(("decision", "outcome"), outcome, _writer(self.ctx.meeting_id, "outcome"))
        if self.decided_by.currentData() is None and self._default_maker is not None:
            self.decided_by.setCurrentIndex(self.decided_by.findData(self._default_maker))
        self._enable(outcome)
        self.refresh()

    def _enable(self, outcome: DecisionOutcome | None) -> None:
        """Nothing but the outcome can be recorded until there is one."""
        editable = outcome is not None and not self.ctx.locked
        deferred = outcome is DecisionOutcome.DEFERRED
        self.decided_by.setEnabled(editable and not deferred)
        self.decided_on.setEnabled(editable)
        self.escalated.setEnabled(editable)
        for field, edit in self.texts.items():
            edit.setReadOnly(not editable)
            if field == "deferral_reason":
                self.form.setRowVisible(edit, deferred)
        self.post_button.setVisible(
            deferred and self._status in (MeetingStatus.CONCLUDED, MeetingStatus.APPROVED)
        )

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            text = meeting_decision.dissent_text(meeting)
            self._status = meeting.status
        self.dissent.setText(text or "None: no partner's opinion differs from the decision.")
        self.texts["dissent_considered"].setEnabled(bool(text))

    def _post_meeting(self) -> None:
        from lscp_desktop.ui.meeting.post_meeting_dialog import PostMeetingDecisionDialog

        self.ctx.autosave.flush()
        dialog = PostMeetingDecisionDialog(self.ctx.store, self.ctx.meeting_id, self)
        if dialog.exec():
            self.ctx.changed()
            self.ctx.rebuild()
