"""The settings dialog: the user, the organisation, the directory, bank holidays, day 0.

It reads and writes a settings_form.SettingsForm, which also checks and saves it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.clock import london_today
from lscp_desktop.models.enums import PartnerRole, RapidReviewDayZero
from lscp_desktop.settings import form as settings_form
from lscp_desktop.store.database import Store
from lscp_desktop.ui.register.date_fields import date_edit, from_qdate
from lscp_desktop.ui.register.form_widgets import confirm_discard
from lscp_desktop.ui.widgets.form_dialog import FormDialog
from lscp_desktop.ui.widgets.row_buttons import row_buttons
from lscp_desktop.ui.widgets.sizing import fit_to_screen

ROLE_LABELS: dict[PartnerRole | None, str] = {
    None: "Relevant agency",
    PartnerRole.LOCAL_AUTHORITY: "Safeguarding partner: Local Authority",
    PartnerRole.POLICE: "Safeguarding partner: Police",
    PartnerRole.HEALTH: "Safeguarding partner: Health",
}
DAY_ZERO_LABELS = {
    RapidReviewDayZero.NOTIFICATION: "the date the notification was sent (Panel guidance 2025)",
    RapidReviewDayZero.AWARENESS: "the date the Local Authority became aware",
}
ID_ROLE = Qt.ItemDataRole.UserRole
NO_ONE = "(no default)"


def _table(headers: list[str], accessible_name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


class SettingsDialog(FormDialog):  # Return in a cell does not save and close
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Settings")
        with store.session() as session:
            form = settings_form.load_form(session)

        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.hide()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(form), "&General")
        self.tabs.addTab(self._agencies_tab(form), "&Agencies")
        self.tabs.addTab(self._people_tab(form), "&People")
        self.tabs.addTab(self._holidays_tab(form), "&Bank holidays")
        self.tabs.currentChanged.connect(self._tab_changed)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save settings")
        # Return in a table or field never saves and closes Settings (keyPressEvent): Save is
        # clicked, or Alt+S.
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 160, 30)
        self.user_name.setFocus()
        self.initial = self.read()

    def reject(self) -> None:
        """Cancel or Escape: ask before throwing away anything typed."""
        if self.read() != self.initial and not confirm_discard(self, "the settings"):
            return
        super().reject()

    # --- tabs ---

    def _general_tab(self, form: settings_form.SettingsForm) -> QWidget:
        self.user_name = QLineEdit(form.user_name)
        self.user_name.setAccessibleName("Your name")
        self.organisation = QLineEdit(form.organisation)
        self.organisation.setAccessibleName("Organisation")
        self.default_chair = QComboBox()
        self.default_chair.setAccessibleName("Default chair")
        self.default_minute_taker = QComboBox()
        self.default_minute_taker.setAccessibleName("Default minute-taker")
        self.day_zero = QComboBox()
        self.day_zero.setAccessibleName("Rapid Review day 0")
        for value, label in DAY_ZERO_LABELS.items():
            self.day_zero.addItem(label, value.value)
        self.day_zero.setCurrentIndex(self.day_zero.findData(form.rapid_review_day_zero.value))
        self._chosen = {
            self.default_chair: form.default_chair,
            self.default_minute_taker: form.default_minute_taker,
        }
        for combo in self._chosen:
            combo.activated.connect(lambda _index, combo=combo: self._choose(combo))
        self.names_to_keep_out = QPlainTextEdit(form.names_to_keep_out)
        self.names_to_keep_out.setAccessibleName("Names to keep out of exports")
        self.names_to_keep_out.setTabChangesFocus(True)
        self.names_to_keep_out.setFixedHeight(80)
        self.idle_lock = QSpinBox()
        self.idle_lock.setAccessibleName("Lock after this many idle minutes")
        self.idle_lock.setRange(0, settings_form.MAX_IDLE_LOCK_MINUTES)
        self.idle_lock.setSuffix(" min")
        self.idle_lock.setSpecialValueText("Never (sleep and screen lock still lock)")
        self.idle_lock.setValue(form.idle_lock_minutes)
        page = QWidget()
        layout = QFormLayout(page)
        layout.addRow("Your &name:", self.user_name)
        hint = QLabel("Your name signs the minutes and decision records you approve.")
        hint.setObjectName("hint")
        layout.addRow("", hint)
        layout.addRow("&Organisation:", self.organisation)
        layout.addRow("Default &chair:", self.default_chair)
        layout.addRow("Default &minute-taker:", self.default_minute_taker)
        layout.addRow("Rapid Review &day 0:", self.day_zero)
        note = QLabel(
            "The 15 working days of a Rapid Review count from this date. Sources differ: "
            "check the Panel's current guidance."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addRow("", note)
        layout.addRow("Names to &keep out:", self.names_to_keep_out)
        names_hint = QLabel(
            "One a line: parents, partners with another surname. Exports and approval check "
            "for these as well as each child's real name."
        )
        names_hint.setObjectName("hint")
        names_hint.setWordWrap(True)
        layout.addRow("", names_hint)
        layout.addRow("&Lock when idle after:", self.idle_lock)
        return page

    def _agencies_tab(self, form: settings_form.SettingsForm) -> QWidget:
        self.agencies = _table(["Name", "Short name", "Role"], "Agencies")
        for agency in form.agencies:
            self.add_agency(agency)
        header = self.agencies.horizontalHeader()
        header.resizeSection(0, self.fontMetrics().averageCharWidth() * 48)
        header.resizeSection(1, self.fontMetrics().averageCharWidth() * 16)
        return self._table_page(self.agencies, "agency", lambda: self.add_agency(None, edit=True))

    def _people_tab(self, form: settings_form.SettingsForm) -> QWidget:
        self.people = _table(["Name", "Role", "Agency", "Email"], "People")
        for person in form.people:
            self.add_person(person)
        header = self.people.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        for column, width in ((0, 24), (1, 26), (2, 48)):
            header.resizeSection(column, chars * width)
        page = self._table_page(self.people, "person", lambda: self.add_person(None, edit=True))
        note = QLabel(
            "Each person's agency is chosen from the Agencies tab, including agencies just "
            "added there. Tab moves out of the table; Save settings keeps the changes."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, note)
        self.people_page = page
        return page

    def _holidays_tab(self, form: settings_form.SettingsForm) -> QWidget:
        self.holidays = _table(["Date", "Name"], "Extra bank holidays")
        for holiday in form.extra_holidays:
            self.add_holiday(holiday)
        chars = self.fontMetrics().averageCharWidth()
        self.holidays.horizontalHeader().resizeSection(0, chars * 18)
        page = self._table_page(self.holidays, "bank holiday", lambda: self.add_holiday(None))
        note = QLabel(
            "England's bank holidays are built in. Add one here only when a new one is "
            "announced (a coronation, a jubilee): deadlines then skip it."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, note)
        return page

    def _table_page(self, table: QTableWidget, noun: str, add: Callable[[], object]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(row_buttons(table, noun, add))
        return page

    # --- rows ---

    def add_agency(self, agency: settings_form.AgencyEntry | None, *, edit: bool = False) -> int:
        row = self.agencies.rowCount()
        self.agencies.insertRow(row)
        name = QTableWidgetItem(agency.name if agency else "")
        name.setData(ID_ROLE, agency.id if agency else None)
        self.agencies.setItem(row, 0, name)
        self.agencies.setItem(row, 1, QTableWidgetItem(agency.short_name if agency else ""))
        role = QComboBox()
        role.setAccessibleName("Statutory role")
        for value, label in ROLE_LABELS.items():
            role.addItem(label, value.value if value else "")
        current = agency.partner_role if agency is not None else None
        role.setCurrentIndex(role.findData(current.value if current is not None else ""))
        self.agencies.setCellWidget(row, 2, role)
        if edit:
            self.agencies.setCurrentCell(row, 0)
            self.agencies.editItem(name)
        return row

    def _agency_combo(self, agency: int | str | None) -> QComboBox:
        """The agencies in the Agencies tab as it stands: a saved one by its id, one added in
        this dialog by its name (chosen before anything is saved)."""
        combo = QComboBox()
        combo.setAccessibleName("Agency")
        self._fill_agency_combo(combo, agency)
        return combo

    def _fill_agency_combo(self, combo: QComboBox, agency: int | str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("(none)", None)
        for row in range(self.agencies.rowCount()):
            item = self.agencies.item(row, 0)
            if item is None or not item.text().strip():
                continue
            saved = item.data(ID_ROLE)
            combo.addItem(item.text(), saved if saved is not None else item.text().strip())
        combo.setCurrentIndex(max(combo.findData(agency), 0))
        combo.blockSignals(False)

    def _refresh_agency_choices(self) -> None:
        """Every person's agency list follows the Agencies tab: a new agency can be chosen at
        once, without saving and reopening Settings."""
        for row in range(self.people.rowCount()):
            combo = self.people.cellWidget(row, 2)
            if isinstance(combo, QComboBox):
                self._fill_agency_combo(combo, combo.currentData())

    def add_person(self, person: settings_form.PersonEntry | None, *, edit: bool = False) -> int:
        row = self.people.rowCount()
        self.people.insertRow(row)
        name = QTableWidgetItem(person.name if person else "")
        name.setData(ID_ROLE, person.id if person else None)
        self.people.setItem(row, 0, name)
        self.people.setItem(row, 1, QTableWidgetItem(person.role if person else ""))
        self.people.setCellWidget(row, 2, self._agency_combo(person.agency_id if person else None))
        self.people.setItem(row, 3, QTableWidgetItem(person.email if person else ""))
        if edit:
            self.people.setCurrentCell(row, 0)
            self.people.editItem(name)
        return row

    def add_holiday(self, holiday: settings_form.HolidayEntry | None) -> int:
        row = self.holidays.rowCount()
        self.holidays.insertRow(row)
        day = date_edit("Bank holiday date", holiday.day if holiday else london_today())
        self.holidays.setCellWidget(row, 0, day)
        self.holidays.setItem(row, 1, QTableWidgetItem(holiday.name if holiday else ""))
        if holiday is None:
            day.setFocus()
        return row

    def _people_names(self) -> list[str]:
        names = [_text(self.people, row, 0).strip() for row in range(self.people.rowCount())]
        return sorted(name for name in names if name)

    def _fill_defaults(self) -> None:
        """The default chair and minute-taker are chosen from the people listed now."""
        names = self._people_names()
        for combo, chosen in self._chosen.items():
            combo.clear()
            combo.addItem(NO_ONE, "")
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))

    def _choose(self, combo: QComboBox) -> None:
        self._chosen[combo] = combo.currentData() or ""

    def _tab_changed(self, index: int) -> None:
        if index == 0:
            self._fill_defaults()
        if self.tabs.widget(index) is self.people_page:
            self._refresh_agency_choices()

    def showEvent(self, event: QShowEvent) -> None:
        self._fill_defaults()
        super().showEvent(event)

    # --- read and save ---

    def read(self) -> settings_form.SettingsForm:
        agencies = []
        for row in range(self.agencies.rowCount()):
            name = self.agencies.item(row, 0)
            role = self.agencies.cellWidget(row, 2)
            assert isinstance(role, QComboBox)
            agencies.append(
                settings_form.AgencyEntry(
                    id=name.data(ID_ROLE) if name is not None else None,
                    name=_text(self.agencies, row, 0),
                    short_name=_text(self.agencies, row, 1),
                    partner_role=PartnerRole(role.currentData()) if role.currentData() else None,
                )
            )
        people = []
        for row in range(self.people.rowCount()):
            name = self.people.item(row, 0)
            agency = self.people.cellWidget(row, 2)
            assert isinstance(agency, QComboBox)
            chosen = agency.currentData()
            people.append(
                settings_form.PersonEntry(
                    id=name.data(ID_ROLE) if name is not None else None,
                    name=_text(self.people, row, 0),
                    role=_text(self.people, row, 1),
                    agency_id=chosen if isinstance(chosen, int) else None,
                    email=_text(self.people, row, 3),
                    agency_name=chosen if isinstance(chosen, str) else "",
                )
            )
        holidays = []
        for row in range(self.holidays.rowCount()):
            day = self.holidays.cellWidget(row, 0)
            assert isinstance(day, QDateEdit)
            holiday_name = _text(self.holidays, row, 1)
            holidays.append(settings_form.HolidayEntry(from_qdate(day.date()), holiday_name))
        return settings_form.SettingsForm(
            user_name=self.user_name.text(),
            organisation=self.organisation.text(),
            default_chair=self._chosen[self.default_chair],
            default_minute_taker=self._chosen[self.default_minute_taker],
            rapid_review_day_zero=RapidReviewDayZero(self.day_zero.currentData()),
            names_to_keep_out=self.names_to_keep_out.toPlainText(),
            idle_lock_minutes=self.idle_lock.value(),
            agencies=agencies,
            people=people,
            extra_holidays=holidays,
        )

    def save(self) -> None:
        try:
            with self.store.session() as session:
                settings_form.save_form(session, self.read())
        except settings_form.SettingsInvalid as invalid:
            text = "Please fix before saving:\n" + "\n".join(f"• {p}" for p in invalid.problems)
            self.problems.setText(text)
            self.problems.setAccessibleDescription(text)
            self.problems.show()
            return
        self.accept()
