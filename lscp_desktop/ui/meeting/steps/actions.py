"""Immediate safeguarding actions and other actions: what, who, which agency, by when."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

from lscp_desktop.date_text import numeric_date, weekday_date
from lscp_desktop.meeting import actions as meeting_actions
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Agency, Meeting, Person
from lscp_desktop.models.enums import ActionStatus, MeetingKind
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import date_edit, date_value, heading, people_combo
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.ui.widgets.problem_label import ProblemLabel
from lscp_desktop.vocabulary import ACTION_STATUSES

# description, owner, agency, due, immediate, status
ActionLine = tuple[str, str, str, dt.date | None, bool, ActionStatus]


@register_form("actions")
class ActionsForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, ctx.meeting_id)
            earlier = [
                (
                    a.description,
                    a.owner.name if a.owner else "—",
                    a.agency.label if a.agency else "—",
                    a.due,
                    a.immediate,
                    a.status,
                )
                for a in meeting_actions.agreed_at_extraordinary_rag(meeting)
            ]
            review = meeting.kind is MeetingKind.RAPID_REVIEW
        if review:
            self._show_earlier(earlier)
        self.list_box = QWidget()
        self.grid = QGridLayout(self.list_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.list_box)
        self.layout_.addWidget(heading("Add an action", 1.05))
        with ctx.store.session() as session:
            people = [
                (p.id, p.name + (f" ({p.agency.label})" if p.agency else ""))
                for p in session.scalars(select(Person).order_by(Person.name))
            ]
            agencies = [
                (a.id, a.label) for a in session.scalars(select(Agency).order_by(Agency.name))
            ]
            self._person_agency = {p.id: p.agency_id for p in session.scalars(select(Person))}
            held_on = session.get_one(Meeting, ctx.meeting_id).held_at.date()
        form = QFormLayout()
        self.description = QLineEdit()
        self.description.setAccessibleName("Action description")
        self.description.setPlaceholderText("What must be done (Enter adds it)")
        self.description.returnPressed.connect(self._add)
        form.addRow("Action:", self.description)
        self.owner = people_combo("Action owner", people, None)
        self.owner.currentIndexChanged.connect(self._owner_chosen)
        form.addRow("Owner:", self.owner)
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency responsible for the action")
        self.agency.addItem("— not recorded —", None)
        for agency_id, label in agencies:
            self.agency.addItem(label, agency_id)
        form.addRow("Agency:", self.agency)
        self.due = date_edit("Action due date", None)
        self.due.setMinimumDate(QDate(held_on).addDays(-1))
        self.due.setDate(self.due.minimumDate())
        form.addRow("Due:", self.due)
        # Enter in the date adds the action, as it does in the description.
        line_edit = self.due.lineEdit()
        if line_edit is not None:
            line_edit.returnPressed.connect(self._add)
        self.immediate = QCheckBox("Immediate safeguarding action")
        self.immediate.setAccessibleName("Immediate safeguarding action")
        form.addRow("", self.immediate)
        self.add_button = QPushButton("&Add action")
        self.add_button.setAccessibleName("Add action")
        self.add_button.clicked.connect(self._add)
        form.addRow("", self.add_button)
        self.error = ProblemLabel()
        self.error.clear_on_change(self.description, self.owner, self.due)
        form.addRow("", self.error)
        self.layout_.addLayout(form)
        self.layout_.addStretch(1)
        for widget in (
            self.description,
            self.owner,
            self.agency,
            self.due,
            self.immediate,
            self.add_button,
        ):
            widget.setEnabled(not ctx.locked)
        self._build_list()

    def _show_earlier(
        self, rows: list[tuple[str, str, str, dt.date | None, bool, ActionStatus]]
    ) -> None:
        """A Rapid Review sees what the Extra-Ordinary RAG already agreed (read-only here)."""
        self.layout_.addWidget(heading("Agreed at the Extra-Ordinary RAG", 1.05))
        box = QWidget()
        box.setObjectName("earlierActions")
        box.setAccessibleName("Actions agreed at the Extra-Ordinary RAG")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        if not rows:
            grid.addWidget(QLabel("None."), 0, 0)
        for index, (text, owner, agency, due, immediate, status) in enumerate(rows):
            label = QLabel(("<b>Immediate:</b> " if immediate else "") + escape(text))
            label.setWordWrap(True)
            grid.addWidget(label, index, 0)
            grid.addWidget(QLabel(owner), index, 1)
            grid.addWidget(QLabel(agency), index, 2)
            grid.addWidget(QLabel(numeric_date(due)), index, 3)
            grid.addWidget(QLabel(ACTION_STATUSES[status]), index, 4)
        grid.setColumnStretch(0, 1)
        self.layout_.addWidget(box)
        self.layout_.addWidget(heading("Actions agreed at this meeting", 1.05))

    def first_input(self) -> QWidget | None:
        return self.description

    def _owner_chosen(self) -> None:
        agency_id = self._person_agency.get(self.owner.currentData())
        if agency_id is not None:
            self.agency.setCurrentIndex(self.agency.findData(agency_id))

    def _add(self) -> None:
        self.ctx.autosave.flush()
        due: dt.date | None = date_value(self.due)
        if self.description.text().strip() and (self.owner.currentData() is None or due is None):
            # Who does it, by when: an action without them keeps no child safe.
            self.error.setText("Choose the action's owner and its due date, then add it.")
            (self.owner if self.owner.currentData() is None else self.due).setFocus()
            return
        try:
            with self.ctx.store.session() as session:
                meeting_actions.add_action(
                    session,
                    self.ctx.meeting_id,
                    self.description.text(),
                    owner_id=self.owner.currentData(),
                    agency_id=self.agency.currentData(),
                    due=due,
                    immediate=self.immediate.isChecked(),
                )
        except MeetingRuleError as error:
            self.error.setText(str(error))
            self.description.setFocus()
            return
        self.error.clear()
        self.description.clear()
        self.owner.setCurrentIndex(0)
        self.agency.setCurrentIndex(0)
        self.due.setDate(self.due.minimumDate())
        self.immediate.setChecked(False)
        self._build_list()
        self.description.setFocus()

    def _remove(self, action_id: int) -> None:
        try:
            with self.ctx.store.session() as session:
                meeting_actions.remove_action(session, action_id)
        except MeetingRuleError as error:
            self.error.setText(str(error))
        self._build_list()

    def _set_status(self, action_id: int, status: ActionStatus) -> None:
        with self.ctx.store.session() as session:
            meeting_actions.set_action_status(session, action_id, status)

    def _build_list(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        with self.ctx.store.session() as session:
            rows = [
                (
                    a.id,
                    a.description,
                    a.owner.name if a.owner else "—",
                    a.agency.label if a.agency else "—",
                    a.due,
                    a.immediate,
                    a.status,
                )
                for a in session.get_one(Meeting, self.ctx.meeting_id).actions
            ]
        if not rows:
            self.grid.addWidget(QLabel("No actions agreed yet."), 0, 0)
            return
        for column, title in enumerate(["Action", "Owner", "Agency", "Due", "Status", ""]):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for index, (action_id, text, owner, agency, due, immediate, status) in enumerate(rows, 1):
            label = QLabel(("<b>Immediate:</b> " if immediate else "") + escape(text))
            label.setWordWrap(True)
            self.grid.addWidget(label, index, 0)
            for column, words in ((1, owner), (2, agency)):
                cell = QLabel(words)
                cell.setTextFormat(Qt.TextFormat.PlainText)
                cell.setWordWrap(True)  # a long name wraps rather than squeezing the action
                self.grid.addWidget(cell, index, column)
            self.grid.addWidget(QLabel(weekday_date(due)), index, 3)
            combo = QComboBox()
            combo.setAccessibleName(f"Progress of action {index}")
            for value, name in ACTION_STATUSES.items():
                combo.addItem(name, value)
            combo.setCurrentIndex(combo.findData(status))
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, a=action_id: self._set_status(a, c.currentData())
            )
            self.grid.addWidget(combo, index, 4)
            remove = QPushButton("Remove")
            remove.setAccessibleName(f"Remove action {index}")
            remove.setEnabled(not self.ctx.locked)
            remove.clicked.connect(lambda _c=False, a=action_id: self._remove(a))
            self.grid.addWidget(remove, index, 5)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 1)
