"""Changing who owns an action, for which agency, and by when, after the meeting agreed it.

Owners move on and dates slip: the action plan must say who does it now. The change is noted
on the action (and audited); the minutes keep what was agreed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from lscp_desktop.models import Action, Agency, Person
from lscp_desktop.review.action_plan import ActionPlanError, change_action
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.fields import date_edit, date_value, people_combo


class ActionChangeDialog(QDialog):
    """Owner, agency and due date of one action; OK saves and closes only if it worked."""

    def __init__(
        self, store: Store, action_id: int, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change owner, agency or due date")
        self._store, self._action_id, self._today = store, action_id, today
        with store.session() as session:
            action = session.get_one(Action, action_id)
            description = action.description
            owner_id, agency_id, due = action.owner_id, action.agency_id, action.due
            held_on = action.meeting.held_at.date()
            people = [
                (p.id, p.name + (f" ({p.agency.label})" if p.agency else ""))
                for p in session.scalars(select(Person).order_by(Person.name))
            ]
            agencies = [
                (a.id, a.label) for a in session.scalars(select(Agency).order_by(Agency.name))
            ]
        self.owner = people_combo("Action owner", people, owner_id)
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency responsible for the action")
        self.agency.addItem("— not recorded —", None)
        for choice_id, label in agencies:
            self.agency.addItem(label, choice_id)
        self.agency.setCurrentIndex(max(0, self.agency.findData(agency_id)))
        self.due = date_edit("Action due date", due)
        self.due.setMinimumDate(QDate(held_on).addDays(-1))  # the day before is "not yet"
        if due is None:
            self.due.setDate(self.due.minimumDate())
        self.error_label = QLabel()
        self.error_label.setObjectName("actionChangeError")
        self.error_label.setStyleSheet("color: #8B0000")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        what = QLabel(description)
        what.setWordWrap(True)
        form.addRow("Action", what)
        form.addRow("&Owner", self.owner)
        form.addRow("A&gency", self.agency)
        form.addRow("&Due", self.due)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save change")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.note = ""

    def save(self) -> None:
        try:
            with self._store.session() as session:
                note = change_action(
                    session,
                    self._action_id,
                    owner_id=self.owner.currentData(),
                    agency_id=self.agency.currentData(),
                    due=date_value(self.due),
                    author=settings.get(session, settings.USER_NAME),
                    today=self._today,
                )
                self.note = note.text if note is not None else ""
        except ActionPlanError as error:
            self.error_label.setText(str(error))
            return
        self.accept()
