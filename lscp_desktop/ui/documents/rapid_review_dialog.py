"""The Rapid Review for the Panel: its structured content, sign-off, the Panel's response and
the report.

One dialog per Rapid Review meeting. Save applies every field through the review's rules in one
transaction (a broken rule is shown and nothing is saved); "Save and write the report" then
writes the Word report through the same name check as every export.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import NationalReviewView, PanelResponse
from lscp_desktop.review import rapid_review
from lscp_desktop.review.rapid_review import (
    SAFEGUARDING_PARTNERS,
    EpisodeForm,
    RapidReviewForm,
    ReviewRuleError,
    SignOffForm,
)
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.fields import note, text_box
from lscp_desktop.ui.register.date_fields import OptionalDate
from lscp_desktop.vocabulary import NATIONAL_REVIEW_VIEWS, PANEL_RESPONSES_LONG

EPISODE_COLUMNS = ("Title", "Date or period", "Agencies (one a line)", "What happened", "Analysis")


class RapidReviewDialog(QDialog):
    """Content, key practice episodes, national review, the Panel, sign-off; then the report."""

    def __init__(self, store: Store, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = meeting_id
        self.written: object = None  # the report's path once written
        with store.session() as session:
            outcome = rapid_review.open_outcome(session, meeting_id)
            meeting = session.get_one(Meeting, meeting_id)
            case = meeting.case
            self.setWindowTitle(f"Rapid Review — {case.child_pseudonym} ({case.reference})")
            children = [
                (child.pseudonym, child.ethnicity, child.disability) for child in case.children
            ]
            texts = {
                "inequalities": outcome.inequalities,
                "good_practice": outcome.good_practice,
                "learning": outcome.learning,
                "immediate_action": outcome.immediate_action,
                "national_review_rationale": outcome.national_review_rationale,
                "panel_comments": outcome.panel_comments,
            }
            episodes = [
                (e.title, e.period, e.agencies, e.description, e.analysis) for e in outcome.episodes
            ]
            view = outcome.national_review_view
            response = outcome.panel_response
            response_on = outcome.panel_response_on
            resubmitted = outcome.resubmitted_to_panel_on
            signed = {row.agency.casefold(): row for row in outcome.sign_off}
            sign_off = [
                (
                    partner,
                    signed[partner.casefold()].name if partner.casefold() in signed else "",
                    signed[partner.casefold()].role if partner.casefold() in signed else "",
                    signed[partner.casefold()].signed_on if partner.casefold() in signed else None,
                )
                for partner in SAFEGUARDING_PARTNERS
            ]
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "What the Panel receives. Name the child and family by pseudonym only: "
                "the report is OFFICIAL-SENSITIVE and goes through the name check."
            )
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # Analysis
        analysis = QWidget()
        form = QFormLayout(analysis)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        beside = "; ".join(
            f"{name}: ethnicity {eth or 'not recorded'}, disability {dis or 'none recorded'}"
            for name, eth, dis in children
        )
        self.children_note = note(
            f"The children as recorded on the case — {beside or 'none recorded'}."
        )
        form.addRow(self.children_note)
        self.inequalities = text_box(
            "The impact of racism and other inequalities", texts["inequalities"], lines=4
        )
        form.addRow("The impact of &racism and other inequalities:", self.inequalities)
        self.good_practice = text_box("Good practice", texts["good_practice"], lines=3)
        form.addRow("&Good practice:", self.good_practice)
        self.learning = text_box("Learning and areas for improvement", texts["learning"], lines=3)
        form.addRow("&Learning and areas for improvement:", self.learning)
        self.immediate_action = text_box(
            "Immediate safeguarding action", texts["immediate_action"], lines=3
        )
        form.addRow("&Immediate safeguarding action:", self.immediate_action)
        self.tabs.addTab(analysis, "&Analysis")

        # Key practice episodes
        episodes_page = QWidget()
        episodes_layout = QVBoxLayout(episodes_page)
        self.episodes = QTableWidget(0, len(EPISODE_COLUMNS))
        self.episodes.setAccessibleName("Key practice episodes")
        self.episodes.setHorizontalHeaderLabels(EPISODE_COLUMNS)
        self.episodes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.episodes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.episodes.setWordWrap(True)
        for episode in episodes:
            self.add_episode(*episode)
        episodes_layout.addWidget(self.episodes, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add &episode")
        # Not connected directly: clicked(bool) would arrive as the title.
        self.add_button.clicked.connect(lambda: self.add_episode())  # noqa: PLW0108
        self.remove_button = QPushButton("Re&move episode")
        self.remove_button.clicked.connect(self.remove_episode)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        episodes_layout.addLayout(buttons)
        self.tabs.addTab(episodes_page, "&Key practice episodes")

        # Outcome: national review view, the Panel's response
        outcome_page = QWidget()
        outcome_form = QFormLayout(outcome_page)
        outcome_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.view = QComboBox()
        self.view.setAccessibleName("View on a national review")
        for view_member, label in NATIONAL_REVIEW_VIEWS.items():
            self.view.addItem(label, view_member.value)
        self.view.setCurrentIndex(self.view.findData(view.value))
        outcome_form.addRow("&View on a national review:", self.view)
        self.view_rationale = text_box(
            "Reasons for the view on a national review",
            texts["national_review_rationale"],
            lines=3,
        )
        outcome_form.addRow("Reasons for the &view:", self.view_rationale)
        self.response = QComboBox()
        self.response.setAccessibleName("The Panel's response")
        for response_member, label in PANEL_RESPONSES_LONG.items():
            self.response.addItem(label, response_member.value)
        self.response.setCurrentIndex(self.response.findData(response.value))
        outcome_form.addRow("The &Panel's response:", self.response)
        self.response_on = OptionalDate("Date of the Panel's response")
        self.response_on.set_value(response_on)
        outcome_form.addRow("Date of the response:", self.response_on)
        self.comments = text_box("The Panel's comments", texts["panel_comments"], lines=3)
        outcome_form.addRow("The Panel's &comments:", self.comments)
        self.resubmitted = OptionalDate("Sent again with the information asked for")
        self.resubmitted.set_value(resubmitted)
        outcome_form.addRow("Sent again with the information asked for:", self.resubmitted)
        self.tabs.addTab(outcome_page, "&Outcome and the Panel")

        # Sign-off
        sign_page = QWidget()
        sign_form = QFormLayout(sign_page)
        self.sign_rows: list[tuple[str, QLineEdit, QLineEdit, OptionalDate]] = []
        for partner, name, role, signed_on in sign_off:
            name_edit = QLineEdit(name)
            name_edit.setAccessibleName(f"{partner}: name")
            role_edit = QLineEdit(role)
            role_edit.setAccessibleName(f"{partner}: role")
            date = OptionalDate(f"{partner}: date signed")
            date.set_value(signed_on)
            line = QHBoxLayout()
            line.addWidget(name_edit, 2)
            line.addWidget(role_edit, 2)
            line.addWidget(date, 1)
            sign_form.addRow(f"{partner} (name, role, date):", line)
            self.sign_rows.append((partner, name_edit, role_edit, date))
        self.tabs.addTab(sign_page, "&Sign-off")

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = box.addButton("Sa&ve", QDialogButtonBox.ButtonRole.AcceptRole)
        self.report_button = box.addButton(
            "Save and &write the report…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.report_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_and_close)
        self.report_button.clicked.connect(self.save_and_write)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(900, 640)

    # --- key practice episodes ------------------------------------------------------------
    def add_episode(
        self,
        title: str = "",
        period: str = "",
        agencies: str = "",
        description: str = "",
        analysis: str = "",
    ) -> None:
        row = self.episodes.rowCount()
        self.episodes.insertRow(row)
        for column, text in enumerate((title, period, agencies, description, analysis)):
            self.episodes.setItem(row, column, QTableWidgetItem(text))
        self.episodes.setCurrentCell(row, 0)

    def remove_episode(self) -> None:
        row = self.episodes.currentRow()
        if row >= 0:
            self.episodes.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.episodes.item(row, column)
        return "" if item is None else item.text()

    # --- saving ----------------------------------------------------------------------------
    def form(self) -> RapidReviewForm:
        def text(edit: QPlainTextEdit) -> str:
            return edit.toPlainText()

        return RapidReviewForm(
            inequalities=text(self.inequalities),
            good_practice=text(self.good_practice),
            learning=text(self.learning),
            immediate_action=text(self.immediate_action),
            episodes=[
                EpisodeForm(
                    self._cell(row, 0),
                    self._cell(row, 1),
                    self._cell(row, 2).replace(";", "\n").splitlines(),
                    self._cell(row, 3),
                    self._cell(row, 4),
                )
                for row in range(self.episodes.rowCount())
                if any(self._cell(row, column).strip() for column in range(5))
            ],
            national_review_view=NationalReviewView(self.view.currentData()),
            national_review_rationale=text(self.view_rationale),
            sign_off=[
                SignOffForm(partner, name.text(), role.text(), date.value())
                for partner, name, role, date in self.sign_rows
            ],
            panel_response=PanelResponse(self.response.currentData()),
            panel_response_on=self.response_on.value(),
            panel_comments=text(self.comments),
            resubmitted_to_panel_on=self.resubmitted.value(),
        )

    def save(self) -> bool:
        form = self.form()
        try:
            with self.store.session() as session:
                outcome = rapid_review.open_outcome(session, self.meeting_id)
                rapid_review.apply_form(outcome, form)
        except ReviewRuleError as error:
            QMessageBox.warning(self, "Rapid Review not saved", str(error))
            return False
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def save_and_write(self) -> None:
        from lscp_desktop.ui.documents import exporting

        if not self.save():
            return
        self.written = exporting.export_rapid_review_report(self, self.store, self.meeting_id)
        if self.written is not None:
            self.accept()
