"""The opening steps: attendance (live, with the quorum check), confidentiality, purpose."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.documents.minutes_content import DEATH_PURPOSE
from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.meeting.attendance import Invitee
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Agency, Meeting
from lscp_desktop.models.enums import AttendanceStatus
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import heading, note
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.ui.widgets.problem_label import ProblemLabel
from lscp_desktop.vocabulary import ATTENDANCE

CONFIDENTIALITY_STATEMENT = (
    "The information shared in this meeting is confidential and is shared for the purpose of "
    "deciding whether this incident must be notified to the Child Safeguarding "
    "Practice Review Panel. It must not be shared outside this meeting except as agreed. "
    "The minutes are OFFICIAL-SENSITIVE and name the child by pseudonym only."
)

PURPOSE = (
    "To decide whether this incident is a serious child safeguarding incident that the Local "
    "Authority must notify to the Child Safeguarding Practice Review Panel within 5 working "
    "days of becoming aware of it. The Local Authority decides, informed and guided by the "
    "views of the safeguarding partners; any differing view is recorded, not hidden."
)

CRITERIA = (
    "<ol><li><b>Abuse or neglect</b> of the child is known or suspected; <b>and</b></li>"
    "<li>the child has <b>died or been seriously harmed</b> (serious and/or long-term "
    "impairment of physical or mental health or development; a child who recovers may still "
    "have been seriously harmed).</li></ol>"
    "<p>Both limbs must hold. The duty also covers a child normally resident here who dies "
    "or is seriously harmed outside England.</p>"
)


def statement_box(text: str) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet("QFrame{background:palette(alternate-base);border-radius:4px;}")
    layout = QHBoxLayout(frame)
    label = note(text)
    label.setTextFormat(Qt.TextFormat.RichText if text.startswith("<") else Qt.TextFormat.PlainText)
    layout.addWidget(label)
    return frame


@register_form("attendance")
class AttendanceForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("attendanceQuorum")
        self.quorum_label.setWordWrap(True)
        self.layout_.addWidget(self.quorum_label)
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.rows)
        self.layout_.addWidget(heading("Someone else has joined", 1.0))
        add_row = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("Name of the person joining")
        self.new_name.setPlaceholderText("Name")
        self.new_agency = QComboBox()
        self.new_agency.setAccessibleName("Agency of the person joining")
        self.add_button = QPushButton("&Add to attendance")
        self.add_button.setAccessibleName("Add to attendance")
        self.add_button.clicked.connect(self._add_person)
        self.new_name.returnPressed.connect(self._add_person)
        for widget in (self.new_name, self.new_agency, self.add_button):
            add_row.addWidget(widget)
            widget.setEnabled(not ctx.locked)
        self.layout_.addLayout(add_row)
        self.add_error = ProblemLabel()
        self.add_error.clear_on_change(self.new_name, self.new_agency)
        self.layout_.addWidget(self.add_error)
        self.layout_.addStretch(1)
        with ctx.store.session() as session:
            for agency in session.scalars(select(Agency).order_by(Agency.name)):
                self.new_agency.addItem(agency.label, agency.id)
        self._inputs: list[QWidget] = []
        self._build_rows()

    def first_input(self) -> QWidget | None:
        return self._inputs[0] if self._inputs else self.new_name

    def _build_rows(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self._inputs = []
        headings = ["Name", "Agency", "Attendance", "Deputy for", "Invited<br>professional"]
        for column, title in enumerate(headings):
            label = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(label, 0, column)
        label.setToolTip(
            "An invited professional shares information and a view, and is heard after the "
            "safeguarding partners; the partners' own people are not invited professionals."
        )
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            rows = [
                (
                    a.id,
                    a.person.name,
                    a.role,
                    a.agency.label if a.agency else "",
                    a.status,
                    a.deputy_for or "",
                    a.invited_professional,
                )
                for a in meeting.attendees
            ]
        for index, (row_id, name, role, agency, status, deputy, invited) in enumerate(rows, 1):
            who = QLabel(escape(name) + (f"<br><small>{escape(role)}</small>" if role else ""))
            self.grid.addWidget(who, index, 0)
            self.grid.addWidget(QLabel(agency), index, 1)
            combo = QComboBox()
            combo.setAccessibleName(f"Attendance of {name}")
            for value, words in ATTENDANCE.items():
                combo.addItem(words, value)
            combo.setCurrentIndex(combo.findData(status))
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, r=row_id: self._set_status(r, c.currentData())
            )
            deputy_edit = QLineEdit(deputy)
            deputy_edit.setAccessibleName(f"{name} is deputising for")
            deputy_edit.setPlaceholderText("(not a deputy)")
            deputy_edit.textChanged.connect(
                lambda text, r=row_id: self.ctx.save(
                    ("attendance", r, "deputy"), text, _setter(r, "deputy_for")
                )
            )
            check = QCheckBox()
            check.setAccessibleName(f"{name} is an invited professional")
            check.setChecked(invited)
            check.toggled.connect(
                lambda on, r=row_id: self.ctx.now(
                    ("attendance", r, "invited"), on, _setter(r, "invited_professional")
                )
            )
            for column, widget in ((2, combo), (3, deputy_edit), (4, check)):
                widget.setEnabled(not self.ctx.locked)
                self.grid.addWidget(widget, index, column)
                self._inputs.append(widget)
        self.grid.setColumnStretch(3, 1)
        self.refresh()

    def _set_status(self, row_id: int, status: AttendanceStatus) -> None:
        self.ctx.now(("attendance", row_id, "status"), status, _setter(row_id, "status"))

    def _add_person(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.add_error.setText("Type the name of the person joining.")
            self.new_name.setFocus()
            return
        self.ctx.autosave.flush()
        agency_id = self.new_agency.currentData()
        try:
            with self.ctx.store.session() as session:
                person = meeting_attendance.person_named(session, name, agency_id)
                assert person is not None
                row = meeting_attendance.add_attendee(
                    session, self.ctx.meeting_id, Invitee(person.id, agency_id=agency_id)
                )
                row.status = AttendanceStatus.PRESENT
        except MeetingRuleError as error:
            self.add_error.setText(str(error))
            return
        self.add_error.clear()
        self.new_name.clear()
        self._build_rows()
        self.ctx.changed()
        self.new_name.setFocus()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            quorum = meeting_attendance.quorum(
                session, session.get_one(Meeting, self.ctx.meeting_id)
            )
        if quorum.met:
            self.quorum_label.setText("Quorate: every safeguarding partner is represented.")
            self.quorum_label.setStyleSheet("color:#2b6e35;")
        else:
            self.quorum_label.setText(quorum.warning)
            self.quorum_label.setStyleSheet("color:#a4262c;font-weight:bold;")


def _setter(row_id: int, field: str):  # type: ignore[no-untyped-def]
    def apply(session: Session, value: object) -> None:
        meeting_attendance.set_attendance(session, row_id, **{field: value})  # type: ignore[arg-type]

    return apply


@register_form("confidentiality")
class ConfidentialityForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        self.layout_.addWidget(heading("Read aloud", 1.05))
        self.layout_.addWidget(statement_box(CONFIDENTIALITY_STATEMENT))
        self.layout_.addWidget(heading("Declarations of interest", 1.05))
        self.layout_.addWidget(
            note(
                "Ask whether anyone has a personal or professional interest in this case. "
                "Record each declaration, or 'None declared', in the minutes."
            )
        )
        self.layout_.addStretch(1)


@register_form("purpose")
class PurposeForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        with ctx.store.session() as session:
            case_kind = session.get_one(Meeting, ctx.meeting_id).case.kind
        self.layout_.addWidget(heading("Why we are meeting", 1.05))
        # A death of a looked-after child or a care leaver is notified whatever the criteria
        # say: the screen says so, as the minutes do.
        self.layout_.addWidget(statement_box(DEATH_PURPOSE.get(case_kind, PURPOSE)))
        self.layout_.addWidget(heading("A serious child safeguarding incident", 1.05))
        self.layout_.addWidget(statement_box(CRITERIA))
        self.layout_.addStretch(1)
