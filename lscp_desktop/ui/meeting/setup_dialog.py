"""Setting up a meeting for a case: when, where, who chairs, who minutes, who is invited."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from lscp_desktop.deadlines.statutory import latest_notify_decision
from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.attendance import Invitee
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Agency, Case, Person
from lscp_desktop.models.enums import MeetingKind
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.fields import DATE_FORMAT, heading, text_box
from lscp_desktop.ui.register.date_fields import DayEdit  # Tab leaves, no year-2000 default
from lscp_desktop.ui.widgets.form_dialog import FormDialog
from lscp_desktop.ui.widgets.problem_label import ProblemLabel
from lscp_desktop.vocabulary import MEETING_KINDS_SHORT

DEFAULT_DISTRIBUTION = "RAG members\nLSCP Executive"


def parse_recipient(line: str) -> tuple[str, str]:
    """'Name <email>', 'Name, email' or just 'Name'."""
    match = re.match(r"^\s*(.*?)\s*[<,]\s*([^<>,\s]+@[^<>,\s]+)\s*>?\s*$", line)
    if match:
        return match.group(1), match.group(2)
    return line.strip(), ""


class MeetingSetupDialog(FormDialog):
    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.case_id = case_id
        self.meeting_id: str | None = None
        with store.session() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise MeetingRuleError(f"There is no case {case_id} in this database.")
            self.setWindowTitle(f"Set up a meeting — {case.child_pseudonym} ({case.reference})")
            people = [
                (
                    p.id,
                    p.name,
                    p.role,
                    p.agency.label if p.agency else "",
                    bool(p.agency and p.agency.is_statutory),
                )
                for p in session.scalars(select(Person).order_by(Person.name))
            ]
            agencies = [
                (a.id, a.label) for a in session.scalars(select(Agency).order_by(Agency.name))
            ]
            default_chair = settings.get(session, settings.DEFAULT_CHAIR)
            default_minutes = settings.get(session, settings.DEFAULT_MINUTE_TAKER)
            # A case already decided for notification goes on to its Rapid Review.
            notified = latest_notify_decision(case) is not None
            case_kind = case.kind
        self._statutory = {person_id for person_id, *_rest, statutory in people if statutory}

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of meeting")
        for kind in meeting_steps.kinds_for(case_kind):
            self.kind.addItem(MEETING_KINDS_SHORT[kind], kind)
        if notified:
            self.kind.setCurrentIndex(max(0, self.kind.findData(MeetingKind.RAPID_REVIEW)))
        form.addRow("&Meeting:", self.kind)
        when = QHBoxLayout()
        self.date = DayEdit(QDate.currentDate())
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName("Meeting date")
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Meeting time")
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addStretch(1)
        when_label = QLabel("&Date and time:")  # a row of two fields: the label needs a buddy
        when_label.setBuddy(self.date)
        form.addRow(when_label, when)
        self.location = QLineEdit()
        self.location.setAccessibleName("Place or link")
        self.location.setPlaceholderText("Room, or the Teams link")
        form.addRow("&Place or link:", self.location)
        names = [name for _id, name, *_ in people]
        self.chair = self._person_combo("Chair", names, default_chair)
        form.addRow("&Chair:", self.chair)
        self.minute_taker = self._person_combo("Minute-taker", names, default_minutes)
        form.addRow("Minute-&taker:", self.minute_taker)
        layout.addLayout(form)

        layout.addWidget(heading("Invitees", 1.05))
        self.invitees = QListWidget()
        self.invitees.setAccessibleName("Invitees")
        for person_id, name, role, agency, statutory in people:
            self._add_invitee_item(person_id, name, role, agency, checked=statutory)
        layout.addWidget(self.invitees, 1)
        add = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("Name of another invitee")
        self.new_name.setPlaceholderText("Someone not listed: name")
        self.new_role = QLineEdit()
        self.new_role.setAccessibleName("Role of another invitee")
        self.new_role.setPlaceholderText("role")
        self.new_agency = QComboBox()
        self.new_agency.setAccessibleName("Agency of another invitee")
        for agency_id, label in agencies:
            self.new_agency.addItem(label, agency_id)
        add_button = QPushButton("&Add invitee")
        add_button.setAccessibleName("Add invitee")
        add_button.clicked.connect(self._add_person)
        for widget in (self.new_name, self.new_role, self.new_agency, add_button):
            add.addWidget(widget)
        layout.addLayout(add)

        layout.addWidget(heading("Distribution list", 1.05))
        self.distribution = text_box(
            "Distribution list",
            DEFAULT_DISTRIBUTION,
            lines=3,
            placeholder="One a line: Name <email>",
        )
        layout.addWidget(self.distribution)
        self.error = ProblemLabel()
        self.error.clear_on_change(
            self.kind,
            self.date,
            self.time,
            self.location,
            self.chair,
            self.minute_taker,
            self.new_name,
            self.new_role,
            self.new_agency,
            self.distribution,
        )
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Set up meeting")
        ok.setAccessibleName("Set up meeting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 640)

    def _person_combo(self, name: str, names: list[str], default: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setAccessibleName(name)
        combo.addItems(names)
        combo.setCurrentText(default)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo

    def _add_invitee_item(
        self, person_id: int, name: str, role: str, agency: str, *, checked: bool
    ) -> None:
        detail = ", ".join(part for part in (role, agency) if part)
        item = QListWidgetItem(name + (f" — {detail}" if detail else ""))
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.invitees.addItem(item)

    def _add_person(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.error.setText("Type the name of the person to invite.")
            return
        agency_id = self.new_agency.currentData()
        with self.store.session() as session:
            person = meeting_attendance.person_named(session, name, agency_id)
            assert person is not None
            if not person.role:
                person.role = self.new_role.text().strip()
            person_id, role = person.id, person.role
            agency = person.agency.label if person.agency else ""
            if person.agency is not None and person.agency.is_statutory:
                self._statutory.add(person_id)
        self._add_invitee_item(person_id, name, role, agency, checked=True)
        self.new_name.clear()
        self.new_role.clear()
        self.error.clear()

    def invited(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.invitees.item(i) for i in range(self.invitees.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        day, clock = self.date.date().toPython(), self.time.time().toPython()
        assert isinstance(day, dt.date) and isinstance(clock, dt.time)
        held_at = dt.datetime.combine(day, clock)
        recipients = [
            parse_recipient(line)
            for line in self.distribution.toPlainText().splitlines()
            if line.strip()
        ]
        try:
            with self.store.session() as session:
                chair = meeting_attendance.person_named(session, self.chair.currentText())
                minutes = meeting_attendance.person_named(session, self.minute_taker.currentText())
                invitees = [
                    Invitee(person_id, invited_professional=person_id not in self._statutory)
                    for person_id in self.invited()
                    if person_id not in {p.id for p in (chair, minutes) if p is not None}
                ]
                meeting = meeting_record.create_meeting(
                    session,
                    self.case_id,
                    held_at,
                    kind=MeetingKind(self.kind.currentData()),  # Qt hands back a str
                    location=self.location.text(),
                    chair_id=chair.id if chair else None,
                    minute_taker_id=minutes.id if minutes else None,
                    invitees=invitees,
                    distribution=recipients,
                )
                meeting_id = meeting.id
        except MeetingRuleError as error:
            self.error.setText(str(error))
            return
        self.meeting_id = meeting_id
        super().accept()
