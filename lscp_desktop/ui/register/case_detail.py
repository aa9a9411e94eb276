"""The pane beside the register: the chosen case's meetings, decisions and actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.cases.detail import CaseDetail
from lscp_desktop.date_text import numeric_date
from lscp_desktop.models.enums import CaseKind
from lscp_desktop.vocabulary import ACTION_STATUSES, CASE_KINDS

CSPR_TOOLTIP = "The CSPR from commissioning to publication, and reviews run with other boards"


class CaseDetailPane(QWidget):
    meeting_activated = Signal(str)
    edit_requested = Signal(int)
    new_meeting_requested = Signal(int)
    notification_requested = Signal(int)
    cspr_requested = Signal(int)
    delete_requested = Signal(int)
    checkout_requested = Signal(int)
    checkin_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id: int | None = None
        # On a server: check out to a laptop copy, or check one in; in a copy: check in.
        self.on_server = False
        self.title = QLabel("No case chosen")
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.kind = QLabel()
        self.kind.setObjectName("detailKind")
        self.kind.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.meetings = QListWidget()
        self.meetings.setAccessibleName("Meetings about this case")
        self.meetings.itemActivated.connect(self._open_meeting)
        self.meetings.setWordWrap(True)
        self.meetings.setSpacing(3)
        self.actions_list = QListWidget()
        self.actions_list.setAccessibleName("Actions on this case")
        self.actions_list.setWordWrap(True)
        self.actions_list.setSpacing(3)

        self.edit_button = QPushButton("Ed&it case…")
        self.edit_button.clicked.connect(lambda: self._request(self.edit_requested))
        self.meeting_button = QPushButton("New &meeting…")
        self.meeting_button.clicked.connect(lambda: self._request(self.new_meeting_requested))
        self.notification_button = QPushButton("N&otification details…")
        self.notification_button.setToolTip(
            "The notification in the order the Panel's online form asks for it, to copy"
        )
        self.notification_button.clicked.connect(lambda: self._request(self.notification_requested))
        self.cspr_button = QPushButton("CSPR and &joint reviews…")
        self.cspr_button.setToolTip(CSPR_TOOLTIP)
        self.cspr_button.clicked.connect(lambda: self._request(self.cspr_requested))
        self.delete_button = QPushButton("&Delete case…")
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.checkout_note = QLabel()
        self.checkout_note.setObjectName("checkoutNote")
        self.checkout_note.setWordWrap(True)
        self.checkout_button = QPushButton("Chec&k out to a laptop…")
        self.checkout_button.setToolTip(
            "Copy the case, whole, into an encrypted file for an offline meeting; the server "
            "takes no change to it until it is checked in"
        )
        self.checkout_button.clicked.connect(lambda: self._request(self.checkout_requested))
        self.checkin_button = QPushButton("Check i&n…")
        self.checkin_button.setToolTip("Write the laptop copy's case back to the server")
        self.checkin_button.clicked.connect(lambda: self._request(self.checkin_requested))
        # Two short rows rather than one long one: the pane stays narrow, and the register
        # beside it keeps room for every column on a laptop screen.
        buttons = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.edit_button)
        first.addWidget(self.meeting_button)
        first.addStretch(1)
        second.addWidget(self.notification_button)
        second.addWidget(self.cspr_button)
        second.addStretch(1)
        second.addWidget(self.delete_button)
        third = QHBoxLayout()
        third.addWidget(self.checkout_button)
        third.addWidget(self.checkin_button)
        third.addStretch(1)
        buttons.addLayout(first)
        buttons.addLayout(second)
        buttons.addLayout(third)

        meetings_label = QLabel("Meetin&gs (double-click or Enter to open):")
        meetings_label.setBuddy(self.meetings)
        actions_label = QLabel("Ac&tions:")
        actions_label.setBuddy(self.actions_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.kind)
        layout.addWidget(self.summary)
        layout.addWidget(self.checkout_note)
        layout.addLayout(buttons)
        layout.addWidget(meetings_label)
        layout.addWidget(self.meetings, 1)
        layout.addWidget(actions_label)
        layout.addWidget(self.actions_list, 1)
        self.show_case(None)

    def _request(self, signal: SignalInstance) -> None:
        if self.case_id is not None:
            signal.emit(self.case_id)

    def _open_meeting(self, item: QListWidgetItem) -> None:
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        if meeting_id:
            self.meeting_activated.emit(meeting_id)

    def show_case(self, detail: CaseDetail | None, *, checkout_note: str | None = None) -> None:
        """The case (None: no case chosen); `checkout_note` says it is checked out."""
        self.checkout_note.setText(f"This case is {checkout_note}." if checkout_note else "")
        self.checkout_note.setVisible(bool(checkout_note))
        held_here = bool(checkout_note) and not self.on_server
        self.checkout_button.setVisible(self.on_server)
        self.checkout_button.setEnabled(detail is not None and not checkout_note)
        self.checkin_button.setVisible(self.on_server or held_here)
        self.checkin_button.setEnabled(detail is not None and bool(checkout_note))
        self.meetings.clear()
        self.actions_list.clear()
        self.case_id = None if detail is None else detail.case_id
        # On a server, a case checked out to a laptop takes no change until it is checked in.
        frozen = self.on_server and bool(checkout_note)
        for button in (
            self.edit_button,
            self.meeting_button,
            self.notification_button,
            self.cspr_button,
            self.delete_button,
        ):
            button.setEnabled(detail is not None and not frozen)
        if detail is None:
            self.kind.clear()
            self.title.setText("No case chosen")
            self.summary.setText("Choose a case in the register to see its meetings and actions.")
            return
        self.title.setText(f"{detail.reference}: {detail.pseudonym}")
        self.kind.setText(CASE_KINDS[detail.kind])
        # Only a serious child safeguarding incident goes on to a Rapid Review and a CSPR.
        has_cspr_path = detail.kind is CaseKind.SCSI
        self.cspr_button.setEnabled(has_cspr_path)
        self.cspr_button.setToolTip(
            CSPR_TOOLTIP
            if has_cspr_path
            else "No Rapid Review or CSPR follows this kind of notification. If the meeting "
            "finds abuse or neglect known or suspected, make it a serious child safeguarding "
            "incident (Edit case…)."
        )
        self.summary.setText(detail.summary or "No summary recorded.")
        for meeting in detail.meetings:
            item = QListWidgetItem(meeting.label)
            item.setData(Qt.ItemDataRole.UserRole, meeting.meeting_id)
            self.meetings.addItem(item)
        if not detail.meetings:
            self.meetings.addItem(QListWidgetItem("No meetings yet."))
        for action in detail.actions:
            who = ", ".join(part for part in (action.owner, action.agency) if part)
            due = f"due {numeric_date(action.due)}" if action.due else "no due date"
            prefix = "Immediate: " if action.immediate else ""
            status = ACTION_STATUSES[action.status].lower()
            text = f"{prefix}{action.description} ({who or 'no owner'}; {due}; {status})"
            self.actions_list.addItem(QListWidgetItem(text))
        if not detail.actions:
            self.actions_list.addItem(QListWidgetItem("No actions yet."))
