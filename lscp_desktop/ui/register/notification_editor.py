"""The notification record, in the case form: what the Panel's online form asks about the
incident and the notifier, and what came back (the date sent, the Panel's reference).

The notification is the case's: it may be sent before the Extra-Ordinary RAG can meet.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from lscp_desktop.cases.editing import NotificationRecord
from lscp_desktop.ui.register.date_fields import OptionalDate
from lscp_desktop.ui.register.form_widgets import line


class NotificationEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.incident_time = line("Time of the incident, HH:MM")
        self.incident_time.setPlaceholderText("HH:MM, if known")
        self.incident_time.setMaxLength(5)
        self.location = line("Where the incident happened")
        self.area = line("The area (local authority) where it happened")
        self.area.setPlaceholderText("e.g. another area, for an out-of-area placement")
        self.outside_england = QCheckBox("It happened &outside England")
        self.outside_england.setAccessibleName("The incident happened outside England")
        self.notifier_name = line("Notifier's name")
        self.notifier_role = line("Notifier's role")
        self.notifier_email = line("Notifier's email")
        self.notifier_phone = line("Notifier's phone")
        self.notified_on = OptionalDate("Date the notification was sent")
        self.panel_reference = line("Panel reference")

        note = QLabel(
            "A notification may be sent before the meeting when the 5-working-day deadline "
            "falls first; the meeting then records the partners' views."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Time (if &known):", self.incident_time)
        form.addRow("&Location:", self.location)
        form.addRow("&Area:", self.area)
        form.addRow("", self.outside_england)
        form.addRow("Notifier's na&me:", self.notifier_name)
        form.addRow("Notifier's rol&e:", self.notifier_role)
        form.addRow("Notifier's email:", self.notifier_email)
        form.addRow("Notifier's &phone:", self.notifier_phone)
        form.addRow("&Date sent to the Panel:", self.notified_on)
        form.addRow("Panel re&ference:", self.panel_reference)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addStretch(1)

        for edit in (
            self.incident_time,
            self.location,
            self.area,
            self.notifier_name,
            self.notifier_role,
            self.notifier_email,
            self.notifier_phone,
            self.panel_reference,
        ):
            edit.textChanged.connect(lambda _text: self.changed.emit())
        self.outside_england.toggled.connect(lambda _on: self.changed.emit())
        self.notified_on.changed.connect(self.changed.emit)

    def set_record(self, record: NotificationRecord) -> None:
        self.incident_time.setText(record.incident_time)
        self.location.setText(record.incident_location)
        self.area.setText(record.incident_area)
        self.outside_england.setChecked(record.outside_england)
        self.notifier_name.setText(record.notifier_name)
        self.notifier_role.setText(record.notifier_role)
        self.notifier_email.setText(record.notifier_email)
        self.notifier_phone.setText(record.notifier_phone)
        self.notified_on.set_value(record.notified_on)
        self.panel_reference.setText(record.panel_reference)

    def record(self) -> NotificationRecord:
        return NotificationRecord(
            incident_time=self.incident_time.text(),
            incident_location=self.location.text(),
            incident_area=self.area.text(),
            outside_england=self.outside_england.isChecked(),
            notifier_name=self.notifier_name.text(),
            notifier_role=self.notifier_role.text(),
            notifier_email=self.notifier_email.text(),
            notifier_phone=self.notifier_phone.text(),
            notified_on=self.notified_on.value(),
            panel_reference=self.panel_reference.text(),
        )
