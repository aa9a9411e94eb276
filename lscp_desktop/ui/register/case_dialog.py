"""Adding or editing a case: the referral form's fields, in five tabs.

The dialog only lays the form out and reads it back into a CaseForm; cases.editing checks
and saves it. When the checks fail the dialog stays open with everything typed still there.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.rules import Problem
from lscp_desktop.clock import london_today
from lscp_desktop.date_text import weekday_date
from lscp_desktop.deadlines.statutory import notification_due
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    CaseKind,
    CaseStatus,
    Harm,
)
from lscp_desktop.settings.stored import deadline_rules
from lscp_desktop.store.database import Store
from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.versions import EditConflict, seen_now
from lscp_desktop.ui.register.children_editor import ChildrenEditor
from lscp_desktop.ui.register.date_fields import OptionalDate, date_edit, from_qdate, to_qdate
from lscp_desktop.ui.register.form_widgets import (
    confirm_discard,
    enum_combo,
    line,
    select_data,
    text_box,
)
from lscp_desktop.ui.register.notification_editor import NotificationEditor
from lscp_desktop.ui.widgets.problem_label import on_change
from lscp_desktop.ui.widgets.row_buttons import row_buttons
from lscp_desktop.ui.widgets.sizing import fit_to_screen
from lscp_desktop.vocabulary import ABUSE, CASE_KINDS, CASE_STATUSES, HARM, PROCESSES


class CaseDialog(QDialog):
    """`case_id` None adds a case; after an accepted exec(), `saved_case_id` is the case."""

    def __init__(self, store: Store, case_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.case_id = case_id
        self.saved_case_id: int | None = None
        with store.session() as session:
            self.agencies = cases.agency_choices(session)
            self.themes = cases.theme_choices(session)
            self.rules = deadline_rules(session)
            if case_id is None:  # a new case starts from the next reference in the pattern
                form = cases.CaseForm(
                    reference=cases.suggested_reference(session, london_today().year)
                )
            else:
                form = cases.form_for(session, case_id)
            # The version the form shows: saving over a newer one is refused, never silent.
            self.seen = None if case_id is None else seen_now(session, ("case", case_id))
        self.setWindowTitle("New case" if case_id is None else f"Edit case {form.reference}")

        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems to fix")
        self.problems.hide()
        self._problems: list[Problem] = []
        self._watched: set[QWidget] = set()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._referral_tab(), "&Referral")
        self.tabs.addTab(self._criteria_tab(), "&Criteria")
        self.children_editor = ChildrenEditor()
        self.tabs.addTab(self.children_editor, "C&hildren")
        self.notification = NotificationEditor()
        self.tabs.addTab(self.notification, "&Notification")
        self.tabs.addTab(self._themes_tab(), "&Themes and links")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("&Save case")
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 150, 34)

        self.fill(form)
        self.initial = self.read()
        self.reference.setFocus()
        self.reference.selectAll()  # the suggestion: typing replaces it, Tab keeps it

    # --- layout ---

    def _referral_tab(self) -> QWidget:
        self.reference = line("Case reference")
        self.reference.setPlaceholderText("e.g. LSCP-2026-014")
        # The kind decides the path: only an SCSI has a Rapid Review and a CSPR decision.
        self.kind = enum_combo(dict(CASE_KINDS), "Kind of notification")  # type: ignore[arg-type]
        self.agency = QComboBox()
        self.agency.setAccessibleName("Referring agency")
        for choice in self.agencies:
            self.agency.addItem(choice.label, choice.id)
        self.received = date_edit("Date the referral was received")
        self.la_aware = date_edit("Date the Local Authority became aware (day 0)")
        self.due_hint = QLabel()
        self.due_hint.setObjectName("hint")
        self.la_aware.dateChanged.connect(self._show_notification_due)
        self.incident = OptionalDate("Incident date")
        self.status = enum_combo(dict(CASE_STATUSES), "Case status")  # type: ignore[arg-type]
        self.retrospective = QCheckBox("Retrospective notification")
        self.retrospective.setAccessibleName("Retrospective notification")
        self.summary = text_box("Summary of the incident", 5)

        aware = QWidget()
        aware_row = QHBoxLayout(aware)
        aware_row.setContentsMargins(0, 0, 0, 0)
        aware_row.addWidget(self.la_aware)
        aware_row.addWidget(self.due_hint, 1)

        form = QFormLayout()
        form.addRow("Re&ference: *", self.reference)
        form.addRow("&Kind:", self.kind)
        form.addRow("Referring &agency: *", self.agency)
        form.addRow("Referral recei&ved: *", self.received)
        form.addRow("LA a&ware (day 0): *", aware)
        form.addRow("&Incident date:", self.incident)
        form.addRow("Stat&us:", self.status)
        form.addRow("", self.retrospective)
        form.addRow("Su&mmary:", self.summary)
        return self._page(form)

    def _criteria_tab(self) -> QWidget:
        self.abuse = enum_combo(dict(ABUSE), "Abuse or neglect")  # type: ignore[arg-type]
        self.abuse_evidence = text_box("Evidence of abuse or neglect")
        self.harm = enum_combo(dict(HARM), "Death or serious harm")  # type: ignore[arg-type]
        self.harm_evidence = text_box("Evidence of death or serious harm")
        self.chair_told = OptionalDate("Date the Chair and Business Unit were told")
        self.partners_told = OptionalDate("Date the safeguarding partners were informed")

        first = QGroupBox("Abuse or neglect known or suspected")
        first_form = QFormLayout(first)
        first_form.addRow("&Abuse or neglect:", self.abuse)
        first_form.addRow("&Evidence:", self.abuse_evidence)
        second = QGroupBox("The child died or was seriously harmed")
        second_form = QFormLayout(second)
        second_form.addRow("Har&m:", self.harm)
        second_form.addRow("E&vidence:", self.harm_evidence)
        told = QFormLayout()
        told.addRow("Chair and Business &Unit told:", self.chair_told)
        told.addRow("&Partners informed:", self.partners_told)

        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel("Both limbs must hold for a serious child safeguarding incident.")
        note.setObjectName("hint")
        layout.addWidget(note)
        layout.addWidget(first)
        layout.addWidget(second)
        layout.addLayout(told)
        layout.addStretch(1)
        return page

    def _themes_tab(self) -> QWidget:
        self.theme_list = QListWidget()
        self.theme_list.setAccessibleName("Learning themes")
        for choice in self.themes:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.theme_list.addItem(item)

        self.link_table = QTableWidget(0, 2)
        self.link_table.setAccessibleName("Linked cases")
        self.link_table.setHorizontalHeaderLabels(["Reference", "Relation"])
        self.link_table.horizontalHeader().setStretchLastSection(True)
        self.process_table = QTableWidget(0, 2)
        self.process_table.setAccessibleName("Parallel processes")
        self.process_table.setHorizontalHeaderLabels(["Process", "Notes"])
        self.process_table.horizontalHeader().setStretchLastSection(True)
        widest = max(self.fontMetrics().horizontalAdvance(label) for label in PROCESSES.values())
        self.process_table.horizontalHeader().resizeSection(0, widest + 48)  # room for the arrow
        self.link_table.horizontalHeader().resizeSection(
            0, self.fontMetrics().horizontalAdvance("LSCP-2026-0000") + 24
        )
        for table in (self.link_table, self.process_table):
            table.verticalHeader().hide()
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it

        themes = QGroupBox("Learning themes")
        QVBoxLayout(themes).addWidget(self.theme_list)
        links = QGroupBox("Linked cases")
        links_layout = QVBoxLayout(links)
        links_layout.addWidget(self.link_table)
        links_layout.addLayout(row_buttons(self.link_table, "linked case", self.add_link))
        processes = QGroupBox("Parallel processes")
        processes_layout = QVBoxLayout(processes)
        processes_layout.addWidget(self.process_table)
        processes_layout.addLayout(row_buttons(self.process_table, "process", self.add_process))
        right = QVBoxLayout()
        right.addWidget(links)
        right.addWidget(processes)
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.addWidget(themes, 1)
        layout.addLayout(right, 1)
        return page

    def _page(self, form: QFormLayout) -> QWidget:
        page = QWidget()
        page.setLayout(form)
        return page

    def add_link(self, link: cases.LinkedCase | None = None) -> None:
        row = self.link_table.rowCount()
        self.link_table.insertRow(row)
        self.link_table.setItem(row, 0, QTableWidgetItem(link.reference if link else ""))
        self.link_table.setItem(row, 1, QTableWidgetItem(link.relation if link else ""))
        if link is None:
            self.link_table.setCurrentCell(row, 0)
            self.link_table.setFocus()

    def add_process(self, process: cases.ParallelProcessEntry | None = None) -> None:
        row = self.process_table.rowCount()
        self.process_table.insertRow(row)
        kind = enum_combo(dict(PROCESSES), "Kind of process")  # type: ignore[arg-type]
        if process is not None:
            select_data(kind, process.kind)
        self.process_table.setCellWidget(row, 0, kind)
        self.process_table.setItem(row, 1, QTableWidgetItem(process.notes if process else ""))
        if process is None:
            kind.setFocus()

    def _show_notification_due(self) -> None:
        due = notification_due(from_qdate(self.la_aware.date()), self.rules)
        self.due_hint.setText(f"Notification due {weekday_date(due)} (5 working days)")

    # --- form in and out ---

    def fill(self, form: cases.CaseForm) -> None:
        self.reference.setText(form.reference)
        select_data(self.kind, form.kind)
        self.children_editor.set_entries(form.children)
        self.notification.set_record(form.notification)
        if form.referring_agency_id is not None:
            select_data(self.agency, form.referring_agency_id)
        today = london_today()
        self.received.setDate(to_qdate(form.referral_received or today))
        self.la_aware.setDate(to_qdate(form.la_aware or today))
        self._show_notification_due()
        self.incident.set_value(form.incident_date)
        select_data(self.status, form.status)
        self.retrospective.setChecked(form.retrospective)
        self.summary.setPlainText(form.summary)
        select_data(self.abuse, form.abuse_or_neglect)
        self.abuse_evidence.setPlainText(form.abuse_or_neglect_evidence)
        select_data(self.harm, form.harm)
        self.harm_evidence.setPlainText(form.harm_evidence)
        self.chair_told.set_value(form.chair_and_business_unit_told_on)
        self.partners_told.set_value(form.partners_informed_on)
        chosen = set(form.theme_ids)
        for position in range(self.theme_list.count()):
            item = self.theme_list.item(position)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for link in form.links:
            self.add_link(link)
        for process in form.parallel_processes:
            self.add_process(process)

    def read(self) -> cases.CaseForm:
        def cell(table: QTableWidget, row: int, column: int) -> str:
            item = table.item(row, column)
            return item.text() if item is not None else ""

        links = [
            cases.LinkedCase(cell(self.link_table, row, 0), cell(self.link_table, row, 1))
            for row in range(self.link_table.rowCount())
            if cell(self.link_table, row, 0).strip() or cell(self.link_table, row, 1).strip()
        ]
        processes = []
        for row in range(self.process_table.rowCount()):
            kind = self.process_table.cellWidget(row, 0)
            assert isinstance(kind, QComboBox)
            processes.append(
                cases.ParallelProcessEntry(kind.currentData(), cell(self.process_table, row, 1))
            )
        return cases.CaseForm(
            reference=self.reference.text(),
            kind=CaseKind(self.kind.currentData()),
            children=self.children_editor.entries(),
            referring_agency_id=self.agency.currentData(),
            referral_received=from_qdate(self.received.date()),
            la_aware=from_qdate(self.la_aware.date()),
            incident_date=self.incident.value(),
            summary=self.summary.toPlainText(),
            status=CaseStatus(self.status.currentData()),
            retrospective=self.retrospective.isChecked(),
            abuse_or_neglect=AbuseOrNeglect(self.abuse.currentData()),
            abuse_or_neglect_evidence=self.abuse_evidence.toPlainText(),
            harm=Harm(self.harm.currentData()),
            harm_evidence=self.harm_evidence.toPlainText(),
            chair_and_business_unit_told_on=self.chair_told.value(),
            partners_informed_on=self.partners_told.value(),
            notification=self.notification.record(),
            theme_ids=[
                self.theme_list.item(position).data(Qt.ItemDataRole.UserRole)
                for position in range(self.theme_list.count())
                if self.theme_list.item(position).checkState() is Qt.CheckState.Checked
            ],
            links=links,
            parallel_processes=processes,
        )

    def _show_problem_list(self) -> None:
        problems = self._problems
        text = "Please fix before saving:\n" + "\n".join(f"• {p.message}" for p in problems)
        self.problems.setText(text)
        self.problems.setAccessibleDescription(text)
        self.problems.setVisible(bool(problems))

    def _field_changed(self, field: QWidget) -> None:
        """A message stays only while the user has not touched what it is about."""
        kept = [p for p in self._problems if self.field_widget(p.field)[1] is not field]
        if len(kept) != len(self._problems):
            self._problems = kept
            self._show_problem_list()

    def field_widget(self, name: str) -> tuple[int, QWidget]:
        """The tab and widget holding a CaseForm field, to take the user to a problem."""
        widgets: dict[str, tuple[int, QWidget]] = {
            "reference": (0, self.reference),
            "referring_agency_id": (0, self.agency),
            "referral_received": (0, self.received),
            "la_aware": (0, self.la_aware),
            "incident_date": (0, self.incident),
            "chair_and_business_unit_told_on": (1, self.chair_told),
            "partners_informed_on": (1, self.partners_told),
            "notified_on": (3, self.notification.notified_on),
            "incident_time": (3, self.notification.incident_time),
            "theme_ids": (4, self.theme_list),
            "links": (4, self.link_table),
        }
        if name.startswith("children"):  # children[i].field: that child's details
            index = name.partition("[")[2].partition("]")[0]
            if index.isdigit():
                self.children_editor.show_child(int(index))
            return 2, self.children_editor.pseudonym
        return widgets.get(name, (0, self.reference))

    def reject(self) -> None:
        """Cancel or Escape: ask before throwing away anything typed."""
        if self.read() != self.initial and not confirm_discard(self, "this case"):
            return
        super().reject()

    def save(self) -> None:
        form = self.read()
        try:
            with self.store.session() as session:
                if self.case_id is None:
                    self.saved_case_id = cases.create_case(session, form)
                else:
                    cases.update_case(session, self.case_id, form, seen=self.seen)
                    self.saved_case_id = self.case_id
        except EditConflict as conflict:
            # What was typed stays in the form: the user can save again over the new version.
            self.problems.setText(f"{conflict} Save again to write your version over theirs.")
            self.problems.setAccessibleDescription(self.problems.text())
            self.problems.show()
            assert self.case_id is not None
            with self.store.reading() as session:
                self.seen = seen_now(session, ("case", self.case_id))
            return
        except StoreError as refused:  # checked out to a laptop copy, the server or disk away
            self.problems.setText(str(refused))
            self.problems.setAccessibleDescription(str(refused))
            self.problems.show()
            return
        except cases.CaseInvalid as invalid:
            self.show_problems(invalid.problems)
            return
        except cases.CaseNotFound as gone:
            self.show_problems([Problem("reference", str(gone))])
            return
        self.accept()

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self._show_problem_list()
        for problem in problems:  # each goes from the list once its field is changed
            field = self.field_widget(problem.field)[1]
            if field not in self._watched:
                self._watched.add(field)
                on_change(field, partial(self._field_changed, field))
        tab, widget = self.field_widget(problems[0].field)
        self.tabs.setCurrentIndex(tab)
        widget.setFocus()
