"""The main window: menus, the case register page and the meeting page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop import models
from lscp_desktop.cases.detail import meeting_in_progress
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents.export_menu import ExportMenu
from lscp_desktop.ui.register.register_page import RegisterPage
from lscp_desktop.ui.widgets.sizing import keep_within_screen

if TYPE_CHECKING:
    from lscp_desktop.cases.register import RegisterRow
    from lscp_desktop.ui.meeting.meeting_view import MeetingView

APP_TITLE = "LSCP Desktop"
TextWidget = QLineEdit | QPlainTextEdit | QTextEdit


class MainWindow(QMainWindow):
    def __init__(
        self, store: Store, rows: list[RegisterRow] | None = None, parent: QWidget | None = None
    ) -> None:
        """`rows`: the case register if already read, or [] while a thread reads it (at start:
        launch puts it in with `register.show_rows`); None: the register page reads it."""
        super().__init__(parent)
        self.store = store
        self.meeting_view: MeetingView | None = None
        self.pages: dict[str, QWidget] = {}
        self.meeting_id: str | None = None
        self._asked_for_name = False

        self.register = RegisterPage(store, rows)
        self.meeting_page = QWidget()
        self.meeting_layout = QVBoxLayout(self.meeting_page)
        self.meeting_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.register)
        self.stack.addWidget(self.meeting_page)
        self.setCentralWidget(self.stack)

        self.register.new_case_requested.connect(self.new_case)
        self.register.edit_requested.connect(self.edit_case)
        self.register.new_meeting_requested.connect(self.new_meeting)
        self.register.notification_requested.connect(self.notification_details)
        self.register.delete_requested.connect(self.delete_case)
        self.register.meeting_activated.connect(self.open_meeting)
        self.register.detail.checkout_requested.connect(self.check_out_case)
        self.register.detail.checkin_requested.connect(self.check_in_case)
        self.register.table.selectionModel().selectionChanged.connect(self._update_actions)

        from lscp_desktop.ui.job_status import JobStatus
        from lscp_desktop.ui.jobs import JobRunner
        from lscp_desktop.ui.safekeeping.backups import Safekeeping

        # Backups, large exports and reports run here, off the GUI thread, one at a time.
        self.jobs = JobRunner(self)
        self.jobs.job_failed.connect(
            lambda name, error: self.statusBar().showMessage(f"{name} did not work: {error}")
        )
        # Auto-lock, periodic backups and the audit log's settling, for as long as the window.
        self.safekeeping = Safekeeping(self, store, flush=self.flush_meeting, jobs=self.jobs)
        self._build_menus()
        self.statusBar().addPermanentWidget(JobStatus(self.jobs))
        from lscp_desktop.ui.documents.export_notice import ExportNotice

        self.export_notice = ExportNotice(self)  # where the last export went, "Open folder"
        self.statusBar().addPermanentWidget(self.export_notice)
        marking = QLabel("OFFICIAL-SENSITIVE")
        marking.setAccessibleName("Protective marking: OFFICIAL-SENSITIVE")
        self.statusBar().addPermanentWidget(marking)
        self._update_title()
        self._update_actions()
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if available is not None:
            self.resize(min(1400, available.width()), min(900, available.height()))
        keep_within_screen(self)  # content never grows the window past the screen's edge
        QApplication.instance().focusChanged.connect(self._update_edit_actions)  # type: ignore[union-attr]

    # --- menus ---

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whichever page is showing
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        self.new_case_action = self._action(
            "&New case…", self.new_case, QKeySequence.StandardKey.New
        )
        self.settings_action = self._action("&Settings…", self.open_settings, "Ctrl+,")
        self.report_action = self._action("Annual &figures report…", self.open_report)
        self.lock_action = self._action("&Lock now", self.safekeeping.lock_now, "Ctrl+L")
        self.backup_action = self._action(
            "Back &up now", lambda: self.safekeeping.back_up_in_background("manual")
        )
        self.restore_action = self._action(
            "&Restore from a backup…", lambda: self.safekeeping.restore_from_backup(self)
        )
        self.server_action = self._action("S&hared server…", self.choose_server)
        # A server has no backup file of the app's (pg_dump is its backup, docs/server.md).
        self.backup_action.setVisible(not self.store.is_server)
        self.restore_action.setVisible(not self.store.is_server)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_case_action)
        file_menu.addSeparator()
        file_menu.addAction(self.report_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.server_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.undo_action = self._action("&Undo typing", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("&Redo typing", self.redo, QKeySequence.StandardKey.Redo)
        self.find_action = self._action(
            "&Find a case", self.find_case, QKeySequence.StandardKey.Find
        )
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        self.edit_case_action = self._action(
            "&Edit case…", lambda: self._with_case(self.edit_case), "Ctrl+E"
        )
        self.new_meeting_action = self._action(
            "New &meeting…", lambda: self._with_case(self.new_meeting), "Ctrl+M"
        )
        self.notification_action = self._action(
            "N&otification details…", lambda: self._with_case(self.notification_details)
        )
        self.delete_case_action = self._action(
            "&Delete case…", lambda: self._with_case(self.delete_case), "Ctrl+Shift+Del"
        )
        case_menu = menu.addMenu("&Case")
        case_menu.addAction(self.new_case_action)
        case_menu.addAction(self.edit_case_action)
        case_menu.addAction(self.new_meeting_action)
        case_menu.addAction(self.notification_action)
        case_menu.addSeparator()
        case_menu.addAction(self.delete_case_action)

        self.export_menu = ExportMenu(self.store, self.export_target, self)
        menu.addMenu(self.export_menu)

        self.register_action = self._action("Case &register", self.show_register, "Ctrl+1")
        self.meeting_action = self._action("Current &meeting", self.show_meeting, "Ctrl+2")
        self.action_plan_action = self._action(
            "&Action plan", lambda: self.show_page("action_plan"), "Ctrl+3"
        )
        self.themes_action = self._action(
            "Learning &themes", lambda: self.show_page("themes"), "Ctrl+4"
        )
        self.search_action = self._action(
            "&Search the records", lambda: self.show_page("search"), "Ctrl+Shift+F"
        )
        self.refresh_action = self._action(
            "Re&fresh", self.register.refresh, QKeySequence.StandardKey.Refresh
        )
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.register_action)
        view_menu.addAction(self.meeting_action)
        view_menu.addAction(self.action_plan_action)
        view_menu.addAction(self.themes_action)
        view_menu.addAction(self.search_action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)

        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action("&About LSCP Desktop", self.show_about)
        self.guide_action = self._action("&Getting started", self.show_guide)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def menu_actions(self) -> list[QAction]:
        return [action for action in self.actions() if isinstance(action, QAction)]

    def _update_title(self) -> None:
        from lscp_desktop.settings.first_start import first_run_needed

        # Not anyone's partnership until the first start says whose (not the example's).
        organisation = (
            ""
            if first_run_needed(self.store.connection)
            else settings.read(self.store.connection, settings.ORGANISATION)
        )
        if self.store.is_server:
            organisation = f"{organisation} (server {self.store.where})"
        self.setWindowTitle(f"{APP_TITLE}: {organisation}" if organisation else APP_TITLE)

    def _update_actions(self, *_args: object) -> None:
        on_register = self.stack.currentWidget() is self.register
        chosen = on_register and self.register.current_case_id() is not None
        for action in (
            self.edit_case_action,
            self.new_meeting_action,
            self.notification_action,
            self.delete_case_action,
        ):
            action.setEnabled(chosen)
        self.meeting_action.setEnabled(self.meeting_view is not None)
        # The meeting screen has its own F1 (its shortcut list): only one may own the key.
        in_meeting = self.stack.currentWidget() is self.meeting_page
        self.shortcuts_action.setShortcut(
            QKeySequence() if in_meeting else QKeySequence(QKeySequence.StandardKey.HelpContents)
        )
        self.find_action.setEnabled(on_register)
        self.refresh_action.setEnabled(on_register)
        self._update_edit_actions()

    # --- Edit: undo and redo typing in whichever field has the focus ---

    def _text_widget(self) -> TextWidget | None:
        focus = QApplication.focusWidget()
        return focus if isinstance(focus, TextWidget) else None

    def _update_edit_actions(self, *_args: object) -> None:
        widget = self._text_widget()
        if isinstance(widget, QLineEdit):
            self.undo_action.setEnabled(widget.isUndoAvailable())
            self.redo_action.setEnabled(widget.isRedoAvailable())
        else:
            self.undo_action.setEnabled(widget is not None)
            self.redo_action.setEnabled(widget is not None)

    def undo(self) -> None:
        widget = self._text_widget()
        if widget is not None:
            widget.undo()

    def redo(self) -> None:
        widget = self._text_widget()
        if widget is not None:
            widget.redo()

    def find_case(self) -> None:
        self.show_register()
        self.register.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.register.search.selectAll()

    # --- cases ---

    def _with_case(self, handler: object) -> None:
        case_id = self.register.current_case_id()
        if case_id is not None and callable(handler):
            handler(case_id)

    def new_case(self) -> None:
        from lscp_desktop.ui.register.case_dialog import CaseDialog

        self.show_register()
        dialog = CaseDialog(self.store, None, self)
        if dialog.exec() and dialog.saved_case_id is not None:
            self.register.refresh(select_case=dialog.saved_case_id)
            self.statusBar().showMessage(f"Case {dialog.reference.text().strip()} added.", 5000)

    def edit_case(self, case_id: int) -> None:
        from lscp_desktop.ui.register.case_dialog import CaseDialog

        dialog = CaseDialog(self.store, case_id, self)
        if dialog.exec():
            self.register.refresh(select_case=case_id)
            self.statusBar().showMessage("Case saved.", 5000)

    def notification_details(self, case_id: int) -> None:
        from lscp_desktop.ui.register.notification_details import NotificationDetailsDialog

        NotificationDetailsDialog(self.store, case_id, self).exec()

    def delete_case(self, case_id: int) -> None:
        from lscp_desktop.cases import editing as cases

        with self.store.session() as session:
            case = session.get(models.Case, case_id)
            if case is None:
                return
            name = f"{case.reference} ({case.child_pseudonym})"
            meetings = len(case.meetings)
            its_meeting_is_open = self.meeting_id in {meeting.id for meeting in case.meetings}
            approved = cases.has_approved_records(session, case_id)
            archived = case.archived_on is not None
        if approved:
            # Approved records are never erased from the app: offer to close or archive.
            self._keep_case(case_id, name, archived=archived)
            return
        consequence = (
            f" and its {meetings} meeting{'s' if meetings != 1 else ''} with their minutes, "
            "decisions and actions"
            if meetings
            else ""
        )
        answer = QMessageBox.warning(
            self,
            "Delete case",
            f"Delete case {name}{consequence}?\n\nThis cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if its_meeting_is_open:
            self._close_meeting_view()
        from lscp_desktop.cases import editing as cases

        with self.store.session() as session:
            cases.delete_case(session, case_id)
        self.register.refresh()
        self.statusBar().showMessage(f"Case {name} deleted.", 5000)

    def _keep_case(self, case_id: int, name: str, *, archived: bool) -> None:
        """A case with approved minutes: close it or archive it; it is never deleted here."""
        from lscp_desktop.cases import editing as cases

        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Case cannot be deleted",
            f"Case {name} has approved minutes, so it cannot be deleted: approved records are "
            "kept. You can close it (nothing more is due) or archive it (it leaves the open "
            "register and stays searchable and exportable).",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        close = box.addButton("C&lose case", QMessageBox.ButtonRole.AcceptRole)
        archive = box.addButton(
            "&Unarchive case" if archived else "&Archive case", QMessageBox.ButtonRole.AcceptRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # the safe choice on Enter
        box.exec()
        chosen = box.clickedButton()
        if chosen not in (close, archive):
            return
        with self.store.session() as session:
            if chosen is close:
                cases.close_case(session, case_id)
            elif archived:
                cases.unarchive_case(session, case_id)  # back in the open register
            else:
                cases.archive_case(session, case_id)
        self.register.refresh()
        done = "closed" if chosen is close else "unarchived" if archived else "archived"
        self.statusBar().showMessage(f"Case {name} {done}.", 5000)

    # --- meetings ---

    def new_meeting(self, case_id: int) -> None:
        from lscp_desktop.ui.meeting.setup_dialog import MeetingSetupDialog

        dialog = MeetingSetupDialog(self.store, case_id, self)
        if dialog.exec() and dialog.meeting_id:
            self.register.refresh(select_case=case_id)
            self.open_meeting(str(dialog.meeting_id))

    def open_meeting(self, meeting_id: str) -> None:
        """Show the meeting on the meeting page (its screen is imported only when needed)."""
        if self.meeting_view is not None and self.meeting_id == meeting_id:
            self.show_meeting()
            return
        # Imported on first use: the meeting screens are not needed to show the register.
        from lscp_desktop.ui.meeting.meeting_view import MeetingView

        self._close_meeting_view()
        view = MeetingView(
            self.store, meeting_id, self.meeting_page, on_export=self.export_menu.minutes_word
        )
        view.closed.connect(self.close_meeting)
        view.concluded.connect(self.safekeeping.on_meeting_concluded)
        self.meeting_layout.addWidget(view)
        self.meeting_view, self.meeting_id = view, meeting_id
        self.show_meeting()

    def flush_meeting(self) -> None:
        """Commit any text typed in the open meeting that the autosave has not yet written."""
        if self.meeting_view is not None:
            self.meeting_view.flush()

    def _close_meeting_view(self) -> None:
        if self.meeting_view is None:
            return
        self.flush_meeting()
        self.meeting_layout.removeWidget(self.meeting_view)
        self.meeting_view.deleteLater()
        self.meeting_view, self.meeting_id = None, None

    def close_meeting(self) -> None:
        self._close_meeting_view()
        self.show_register()

    def show_meeting(self) -> None:
        if self.meeting_view is not None:
            self.stack.setCurrentWidget(self.meeting_page)
            self.meeting_view.setFocus()
        self._update_actions()

    def _leave_current_page(self) -> None:
        if self.stack.currentWidget() is self.meeting_page:
            self.flush_meeting()  # leaving the meeting page commits what was typed

    def show_register(self) -> None:
        if self.stack.currentWidget() is not self.register:
            self._leave_current_page()
            self.stack.setCurrentWidget(self.register)
            self.register.refresh()
        self._update_actions()

    def show_page(self, name: str) -> QWidget:
        """The action plan, themes or search page, built the first time it is asked for."""
        page = self.pages.get(name)
        if page is None:
            page = self._build_page(name)
            self.pages[name] = page
            self.stack.addWidget(page)
        else:
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        self._leave_current_page()
        self.stack.setCurrentWidget(page)
        page.setFocus()
        self._update_actions()
        return page

    def _build_page(self, name: str) -> QWidget:
        if name == "action_plan":
            from lscp_desktop.ui.pages.action_plan_view import ActionPlanView

            return ActionPlanView(self.store, self)
        if name == "themes":
            from lscp_desktop.ui.pages.themes_view import ThemesView

            return ThemesView(self.store, self)
        from lscp_desktop.ui.pages.search_view import SearchView

        search = SearchView(self.store, self)
        search.resultActivated.connect(self.open_search_result)
        return search

    def open_search_result(self, case_id: int, meeting_id: str) -> None:
        if meeting_id:
            self.open_meeting(meeting_id)
            return
        self.show_register()
        if not self.register.select_case(case_id):
            self.register.status_filter.setCurrentIndex(self.register.status_filter.findData("all"))
            self.register.select_case(case_id)

    def export_target(self) -> str | None:
        """The meeting an export is for: the open one, else the chosen case's latest."""
        if self.meeting_id is not None and self.stack.currentWidget() is self.meeting_page:
            return self.meeting_id
        case_id = self.register.current_case_id()
        if case_id is None:
            return self.meeting_id
        with self.store.session() as session:
            case = session.get(models.Case, case_id)
            if case is None or not case.meetings:
                return None
            return max(case.meetings, key=lambda m: (m.held_at, m.position)).id

    def check_database_in_background(self) -> None:
        """The start-up quick_check, beside the window (see ui/start_check.py); a server's
        pages are the server's to check."""
        if self.store.is_server:
            return
        from lscp_desktop.ui.start.start_check import StartCheck, warn_damaged

        self.start_check = StartCheck(self.store, self)
        self.start_check.failed.connect(lambda message: warn_damaged(self, message))
        QTimer.singleShot(0, self.start_check.start)  # once listeners are connected

    def open_report(self) -> None:
        from lscp_desktop.ui.documents.report_dialog import ReportDialog

        ReportDialog(self.store, self, jobs=self.jobs).exec()

    def resume_meeting_in_progress(self) -> bool:
        """Reopen a meeting that was running when the app last closed or crashed."""
        meeting_id = meeting_in_progress(self.store.connection)
        if meeting_id is None:
            return False
        self.open_meeting(meeting_id)
        if self.meeting_id == meeting_id:
            self.statusBar().showMessage("Reopened the meeting that was in progress.", 8000)
            return True
        return False

    # --- settings and the user ---

    def open_settings(self) -> None:
        from lscp_desktop.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.store, self).exec():
            self.safekeeping.idle_minutes_changed()
            self._update_title()
            self.register.refresh()  # holidays and the day-0 rule move deadlines
            self.statusBar().showMessage("Settings saved.", 5000)

    def check_out_case(self, case_id: int) -> None:
        from lscp_desktop.ui.register.checkout_actions import check_out_case

        if check_out_case(self.store, case_id, self):
            self.register.refresh(case_id)

    def check_in_case(self, case_id: int) -> None:
        from lscp_desktop.ui.register.checkout_actions import check_in_case

        self.flush_meeting()  # what was typed in the copy goes back with it
        if check_in_case(self.store, case_id, self):
            self.register.refresh(case_id)

    def choose_server(self) -> None:
        from lscp_desktop.ui.server_choice import choose_server

        choose_server(self)

    def ask_for_user_name_if_missing(self) -> None:
        """Ask once per start for the name that signs the record, if none is set."""
        if self._asked_for_name:
            return
        self._asked_for_name = True
        from lscp_desktop.settings.first_start import first_run_needed

        if first_run_needed(self.store.connection):  # a new database: whose partnership?
            from lscp_desktop.ui.start.first_run_dialog import FirstRunDialog

            if FirstRunDialog(self.store, self).exec() == FirstRunDialog.DialogCode.Accepted:
                self._update_title()
                self.register.refresh()
                self.statusBar().showMessage("Set up. New case (Ctrl+N) to begin.", 8000)
                return
        if settings.read(self.store.connection, settings.USER_NAME).strip():
            return
        name, ok = QInputDialog.getText(
            self,
            "Your name",
            "Your name signs the minutes and decision records you approve.\nWhat is your name?",
        )
        if ok and name.strip():
            with self.store.session() as session:
                settings.put(session, settings.USER_NAME, name.strip())
            self.statusBar().showMessage(f"Welcome, {name.strip()}.", 5000)

    def show_shortcuts(self) -> None:
        # The open meeting's own actions (next/previous step, minutes...) are listed too.
        from lscp_desktop.ui.help_dialog import ShortcutsDialog
        from lscp_desktop.ui.meeting.meeting_view import SHORTCUTS

        ShortcutsDialog(self.menu_actions(), self, more=SHORTCUTS).exec()

    def show_guide(self) -> None:
        from lscp_desktop.ui.help_dialog import show_guide

        show_guide(self)

    def show_about(self) -> None:
        from lscp_desktop.ui.help_dialog import show_about

        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.meeting_view is not None and not self.meeting_view.flush():
            # A failing disk must not take typed minutes with it: they stay on screen.
            answer = QMessageBox.warning(
                self,
                "Minutes not saved",
                "The latest minutes could not be saved (see the indicator in the meeting). "
                "If you quit now, what was typed since the last save is lost.\n\nQuit anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.safekeeping.on_quit()  # saves, settles the audit log, backs up if anything changed
        super().closeEvent(event)
