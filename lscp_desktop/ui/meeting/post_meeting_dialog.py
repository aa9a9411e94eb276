"""Recording the Local Authority's decision on a deferred case, made after the meeting."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lscp_desktop.clock import london_today
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Person
from lscp_desktop.models.enums import DecisionOutcome
from lscp_desktop.store.approval_lock import is_locked_error
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.fields import (
    checked_choice,
    date_edit,
    date_value,
    note,
    people_combo,
    radio_row,
    text_box,
)
from lscp_desktop.ui.widgets.form_dialog import FormDialog
from lscp_desktop.ui.widgets.problem_label import ProblemLabel


class PostMeetingDecisionDialog(FormDialog):
    def __init__(self, store: Store, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Decision made after the meeting")
        self.store = store
        self.meeting_id = meeting_id
        with store.session() as session:
            people = [(p.id, p.name) for p in session.scalars(select(Person).order_by(Person.name))]
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "The minutes will show this as a post-meeting decision, with its own date "
                "and your name as the person who recorded it."
            )
        )
        form = QFormLayout()
        self.outcome_box, self.outcome = radio_row(
            "Decision",
            [
                ("No&tify", DecisionOutcome.NOTIFY),
                ("&Do not notify", DecisionOutcome.DO_NOT_NOTIFY),
            ],
            None,
        )
        form.addRow("Decision:", self.outcome_box)
        self.decided_by = people_combo("Decision-maker (Local Authority)", people, None)
        form.addRow("Decided by:", self.decided_by)
        self.decided_on = date_edit("Date of the decision", london_today(), optional=False)
        form.addRow("Decided on:", self.decided_on)
        self.rationale = text_box("Rationale for the decision", lines=5)
        form.addRow("Rationale:", self.rationale)
        layout.addLayout(form)
        self.error = ProblemLabel()
        self.error.clear_on_change(
            *self.outcome.buttons(), self.decided_by, self.decided_on, self.rationale
        )
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save(self) -> None:
        outcome = checked_choice(self.outcome)
        if outcome is None:
            self.error.setText("Choose the decision.")
            return
        decided_on = date_value(self.decided_on)
        assert decided_on is not None
        try:
            with self.store.session() as session:
                meeting_decision.record_post_meeting_decision(
                    session,
                    self.meeting_id,
                    outcome=outcome,
                    decided_by_id=self.decided_by.currentData(),
                    decided_on=decided_on,
                    rationale=self.rationale.toPlainText(),
                )
        except MeetingRuleError as error:
            self.error.setText(str(error))
            return
        except IntegrityError as error:
            if not is_locked_error(error):
                raise
            # Below the app, the approval lock had the last word: say so, keep what was typed.
            self.error.setText(
                "These minutes are approved and this part of the record is locked; "
                "add an addendum instead."
            )
            return
        self.accept()
