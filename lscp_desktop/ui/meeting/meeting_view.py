"""The meeting window: agenda on the left, the current step in the centre, live minutes right.

Laid out for a 1366x768 laptop. Everything typed is committed within a second and on every
step change, focus change and quit; the indicator in the header says whether it is.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QMetaMethod, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from lscp_desktop.clock import london_now
from lscp_desktop.documents.meeting_record import load_meeting_record
from lscp_desktop.documents.projector_text import projector_substance
from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import lock as meeting_lock
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import MeetingKind, MeetingStatus
from lscp_desktop.names.check import names_to_keep_out
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.autosave_timer import AutosaveTimer
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import heading
from lscp_desktop.ui.meeting.header_bar import HeaderBar, clock_text
from lscp_desktop.ui.meeting.minutes_pane import MinutesPane
from lscp_desktop.ui.meeting.opinion_matrix import OpinionMatrix
from lscp_desktop.ui.meeting.steps import StepForm, form_for
from lscp_desktop.vocabulary import MEETING_KINDS_SHORT

# Listed in the help screen; the main window's Help menu can show the same list.
SHORTCUTS = [
    ("Ctrl+PgDown", "Next step"),
    ("Ctrl+PgUp", "Previous step"),
    ("Ctrl+M", "Jump to the minutes"),
    ("Ctrl+E", "Jump back to the step's form"),
    ("F5", "Show or hide the projector view"),
    ("F1", "This list of shortcuts"),
    ("Tab / Shift+Tab", "Move between fields"),
    ("Arrow keys", "Choose between options (opinion, decision)"),
]


STEP_TIME_EVERY_SECONDS = 10


class MeetingView(QWidget):
    closed = Signal()
    export_requested = Signal(str)
    step_changed = Signal(int, str)  # index, step key
    concluded = Signal(str)  # meeting id, once the meeting is concluded (for the backup)

    def __init__(
        self,
        store: Store,
        meeting_id: str,
        parent: QWidget | None = None,
        *,
        on_export: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        if on_export is not None:  # before the first step is built: it may be the close step
            self.export_requested.connect(lambda _meeting_id: on_export())
        self.setWindowTitle("Meeting — LSCP Desktop")
        self.store = store
        self.meeting_id = meeting_id
        self.autosave = AutosaveTimer(store, self)
        self.ctx = MeetingContext(
            store,
            meeting_id,
            self.autosave,
            changed=self._changed,
            rebuild=self._rebuild_form,
            reread=self._reread,
        )
        self.form: StepForm | None = None
        self.projector: QWidget | None = None
        self._closing = False
        with store.session() as session:
            # Opening a meeting to prepare it does not start it: the chair starts it.
            meeting = meeting_lock.get_meeting(session, meeting_id)
            self._read_meeting(session, meeting)
            self.steps = meeting_record.agenda(session, meeting)
            self.index = meeting_steps.find_step(self.steps, meeting.current_step)
        # Another officer's change to this meeting since it was shown is never written over.
        self.autosave.watch(("meeting", meeting_id))
        self.autosave.conflicted.connect(self._on_conflict)
        self._build()
        self.autosave.state_changed.connect(self.header.show_save_state)
        self.autosave.committed.connect(lambda _report: self._refresh_matrix())
        self.autosave.committed.connect(lambda _report: self._recheck_blockers())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            app.aboutToQuit.connect(self.flush)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self._show_step()

    # --- someone else's change -----------------------------------------------------------

    def _on_conflict(self, message: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Changed by someone else")
        box.setText(message)
        mine = box.addButton("Re-apply my changes", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard mine and show theirs", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(mine)
        box.exec()
        self.resolve_conflict(reapply=box.clickedButton() is mine)

    def resolve_conflict(self, *, reapply: bool) -> None:
        """Write the kept changes over the other officer's, or drop them and show theirs."""
        if reapply:
            self.autosave.reapply()
        else:
            self.autosave.discard()
        self._show_step()

    # --- reading the record --------------------------------------------------------------

    def _read_meeting(self, session: Session, meeting: Meeting) -> None:
        self.status = meeting.status
        self.kind = meeting.kind
        self.ctx.locked = meeting.status is MeetingStatus.APPROVED
        self.started_at = meeting.started_at
        self.concluded_at = meeting.concluded_at
        self.title_text = (
            f"{MEETING_KINDS_SHORT[meeting.kind]} — "
            f"{meeting.case.child_pseudonym} ({meeting.case.reference})"
        )
        self.pseudonym = meeting.case.child_pseudonym
        self.held_at = meeting.held_at

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 6, 8, 6)
        self.header = HeaderBar(self.title_text)
        self.header.projector_button.clicked.connect(self.toggle_projector)
        self.header.help_button.clicked.connect(self.show_shortcuts)
        self.header.close_button.clicked.connect(self.leave)
        root.addWidget(self.header)

        self.quorum_banner = QLabel()
        self.quorum_banner.setObjectName("quorumBanner")
        self.quorum_banner.setWordWrap(True)
        self.quorum_banner.setStyleSheet(
            "QLabel{background:#fde7e9;color:#a4262c;font-weight:bold;padding:4px 8px;"
            "border-radius:3px;}"
        )
        # Added below the agenda and the form (see the end of _build): appearing or going as
        # people are marked present, it never moves the row under the chair's pointer.

        # A meeting set up for a later date waits for the chair: its clock starts with it.
        self.start_bar = QWidget()
        start_row = QHBoxLayout(self.start_bar)
        start_row.setContentsMargins(0, 0, 0, 0)
        self.start_note = QLabel()
        self.start_note.setObjectName("notStarted")
        self.start_note.setWordWrap(True)
        self.start_button = QPushButton("&Start the meeting")
        self.start_button.setAccessibleName("Start the meeting")
        self.start_button.clicked.connect(self.start_meeting)
        start_row.addWidget(self.start_note, 1)
        start_row.addWidget(self.start_button)
        root.addWidget(self.start_bar)
        self._show_start_bar()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        root.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        self.progress = QLabel()
        self.progress.setObjectName("stepProgress")
        left_layout.addWidget(self.progress)
        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Agenda steps")
        self.step_list.setWordWrap(True)
        self.step_list.setSpacing(1)
        self.step_list.currentRowChanged.connect(self._list_chosen)
        left_layout.addWidget(self.step_list, 1)
        opinions = heading("Opinions", 1.05)
        left_layout.addWidget(opinions)
        self.matrix = OpinionMatrix()
        left_layout.addWidget(self.matrix)
        # A Rapid Review hears summaries, not opinions on notifying: no matrix to show.
        for widget in (opinions, self.matrix):
            widget.setVisible(self.kind is not MeetingKind.RAPID_REVIEW)
        # The agenda keeps its width whatever the badges say: its contents never push it.
        for pushed in (self.step_list, self.matrix):
            pushed.setSizePolicy(QSizePolicy.Policy.Ignored, pushed.sizePolicy().verticalPolicy())
        left.setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)
        splitter.addWidget(left)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 0, 6, 0)
        self.step_title = heading("", 1.35)
        self.step_title.setObjectName("stepTitle")
        centre_layout.addWidget(self.step_title)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("font-style:italic;")
        centre_layout.addWidget(self.guidance)
        self.blockers = QLabel()
        self.blockers.setObjectName("stepBlockers")
        self.blockers.setWordWrap(True)
        self.blockers.setStyleSheet("color:#a4262c;font-weight:bold;")
        self.blockers.hide()
        centre_layout.addWidget(self.blockers)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        centre_layout.addWidget(self.form_area, 1)
        nav = QHBoxLayout()
        self.previous_button = QPushButton("◀ &Previous step")
        self.previous_button.setAccessibleName("Previous step")
        self.previous_button.setToolTip("Ctrl+PgUp")
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton("&Next step ▶")
        self.next_button.setAccessibleName("Next step")
        self.next_button.setToolTip("Ctrl+PgDown")
        self.next_button.clicked.connect(self.next_step)
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        centre_layout.addLayout(nav)
        splitter.addWidget(centre)

        self.minutes = MinutesPane(self.ctx)
        self.minutes.setContentsMargins(6, 0, 0, 0)
        splitter.addWidget(self.minutes)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([250, 640, 440])
        root.addWidget(self.quorum_banner)

        for keys, slot in (
            ("Ctrl+PgDown", self.next_step),
            ("Ctrl+PgUp", self.previous_step),
            ("Ctrl+M", self.focus_minutes),
            ("Ctrl+E", self.focus_form),
            ("F1", self.show_shortcuts),
            ("F5", self.toggle_projector),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._fill_step_list()

    def _show_start_bar(self) -> None:
        planned = self.status is MeetingStatus.PLANNED
        self.start_bar.setVisible(planned)
        if planned:
            self.start_note.setText(
                f"Not started: set for {self.held_at:%d/%m/%Y at %H:%M}. The clock starts when "
                "you start the meeting; until then you can prepare it."
            )

    def start_meeting(self) -> None:
        """The chair starts the meeting now: the clock runs from here."""
        self.flush()
        with self.store.session() as session:
            meeting = meeting_record.start(session, self.meeting_id)
            self._read_meeting(session, meeting)
        self._show_start_bar()
        self._step_entered = time.monotonic()
        self._changed()
        self._tick()
        self.focus_form()

    def _fill_step_list(self) -> None:
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for number, step in enumerate(self.steps, 1):
            item = QListWidgetItem(f"{number}. {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.key)
            self.step_list.addItem(item)
        self.step_list.setCurrentRow(self.index)
        self.step_list.blockSignals(False)

    # --- moving between steps ------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def next_step(self) -> bool:
        return self.go_to(self.index + 1)

    def previous_step(self) -> bool:
        return self.go_to(self.index - 1)

    def go_to(self, index: int) -> bool:
        """Move to step `index`; moving on is refused while the current step lacks something."""
        if index == self.index or not 0 <= index < len(self.steps):
            return False
        self._record_step_time()
        if not self.autosave.flush():
            self._show_blockers(
                [
                    "Cannot change step until your changes are saved "
                    f"({self.autosave.writes.error}). The app keeps trying."
                ]
            )
            self._select_current()
            return False
        if index > self.index and not self.ctx.locked:
            with self.store.session() as session:
                meeting = session.get_one(Meeting, self.meeting_id)
                problems = meeting_record.step_blockers(session, meeting, self.step)
            if problems:
                self._show_blockers(problems)
                self._select_current()
                if self.form is not None and self.form.first_input() is not None:
                    self.form.first_input().setFocus()  # type: ignore[union-attr]
                return False
        self.index = index
        key = self.step.key
        meeting_id = self.meeting_id

        def remember(session: Session, value: str) -> None:
            meeting_record.set_current_step(session, meeting_id, value)

        self.autosave.put("current_step", key, remember)
        self.autosave.flush()
        self._show_step()
        return True

    def _list_chosen(self, row: int) -> None:
        if row >= 0 and row != self.index and not self.go_to(row):
            # Refused: the click's own selection lands after this handler, so the agenda is
            # put back once the event is done; the agenda and the form never disagree.
            QTimer.singleShot(0, self._select_current)

    def _select_current(self) -> None:
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(self.index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.step_list.blockSignals(False)

    def _recheck_blockers(self) -> None:
        """A warning shown stays only while it is still true: once what was missing is saved,
        it goes (or shrinks to what is still missing)."""
        if not self.blockers.isVisible():
            return
        problems: list[str] = []
        if not self.ctx.locked:
            with self.store.session() as session:
                meeting = session.get_one(Meeting, self.meeting_id)
                problems = meeting_record.step_blockers(session, meeting, self.step)
        self._show_blockers(problems)

    def _show_blockers(self, problems: list[str]) -> None:
        self.blockers.setText("\n".join(problems))
        self.blockers.setVisible(bool(problems))

    def _show_step(self) -> None:
        step = self.step
        self._show_blockers([])
        self._select_current()
        self.progress.setText(f"Step {self.index + 1} of {len(self.steps)}")
        self.step_title.setText(step.title)
        self.guidance.setText(step.guidance)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.steps) - 1)
        self._build_form()
        with self.store.session() as session:
            meeting = session.get_one(Meeting, self.meeting_id)
            item = meeting_record.minute_item(meeting, step.title)
            self._step_base = meeting_record.step_seconds(meeting, step.title)
        self._step_entered = time.monotonic()
        self.minutes.show_item(step.title, item.text if item else "")
        self._refresh_matrix()
        self._tick()
        self.focus_form()
        self.step_changed.emit(self.index, step.key)

    def _build_form(self) -> None:
        signal = QMetaMethod.fromSignal(self.export_requested)
        self.ctx.export = self._export if self.isSignalConnected(signal) else None
        old = self.form_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.form = form_for(self.ctx, self.step)
        self.form_area.setWidget(self.form)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        """Agenda → the step's fields → previous/next → minutes, whatever was built last.

        A form built after the window joins the end of the focus chain; put it back in place.
        """
        assert self.form is not None
        fields: list[QWidget] = []
        widget = self.form.nextInFocusChain()
        while widget is not self.form and widget is not None and len(fields) < 500:
            if (
                self.form.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None
            ):
                fields.append(widget)
            widget = widget.nextInFocusChain()
        order = [
            self.step_list,
            *fields,
            self.previous_button,
            self.next_button,
            self.minutes.editor,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _rebuild_form(self) -> None:
        """After conclude/approve or a dialog: re-read the status and redraw the step."""
        before = self.status
        with self.store.session() as session:
            self._read_meeting(session, session.get_one(Meeting, self.meeting_id))
        if before is MeetingStatus.IN_PROGRESS and self.status is MeetingStatus.CONCLUDED:
            self.concluded.emit(self.meeting_id)
        self._build_form()
        self.minutes.editor.setReadOnly(self.ctx.locked)
        self._tick()
        # The old form's focused button is gone: focus the next thing to do (Approve after
        # Conclude), not whatever widget Qt picks, so a stray Enter does nothing unexpected.
        self.focus_form()

    def _reread(self) -> None:
        """The record changed below the screen (names replaced): show the current step's
        minutes and form as stored, so nothing typed later writes the old text back."""
        with self.store.session() as session:
            item = meeting_record.minute_item(
                session.get_one(Meeting, self.meeting_id), self.step.title
            )
        self.minutes.show_item(self.step.title, item.text if item else "")
        self._changed()

    def _changed(self) -> None:
        """Something that other steps depend on changed: agenda, matrix, quorum, the form."""
        with self.store.session() as session:
            steps = meeting_record.agenda(session, session.get_one(Meeting, self.meeting_id))
        if [s.key for s in steps] != [s.key for s in self.steps]:
            key = self.step.key
            self.steps = steps
            self.index = meeting_steps.find_step(steps, key)
            self._fill_step_list()
            self.progress.setText(f"Step {self.index + 1} of {len(self.steps)}")
            self.next_button.setEnabled(self.index < len(self.steps) - 1)
        self._refresh_matrix()
        if self.form is not None:
            self.form.refresh()

    def _refresh_matrix(self) -> None:
        with self.store.session() as session:
            meeting = session.get_one(Meeting, self.meeting_id)
            people = meeting_steps.contributors(
                meeting, meeting_attendance.statutory_partners(session)
            )
            rows = meeting_contributions.opinion_matrix(meeting, people)
            quorum = meeting_attendance.quorum(session, meeting)
        self.matrix_rows = rows
        self.matrix.show_rows(rows)
        self.quorum_banner.setText(quorum.warning)
        self.quorum_banner.setVisible(not quorum.met and not self.ctx.locked)
        self._update_projector()

    # --- focus, time, saving -------------------------------------------------------------

    def focus_minutes(self) -> None:
        self.minutes.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_form(self) -> None:
        target = self.form.first_input() if self.form is not None else None
        (target or self.minutes.editor).setFocus(Qt.FocusReason.OtherFocusReason)

    def _elapsed(self) -> tuple[float, float]:
        """(meeting seconds, this step's seconds): the clocks stop at conclusion."""
        running = self.status is MeetingStatus.IN_PROGRESS
        end = london_now() if running else (self.concluded_at or london_now())
        meeting = (end - self.started_at).total_seconds() if self.started_at else 0.0
        step = self._step_base + (time.monotonic() - self._step_entered if running else 0.0)
        return meeting, step

    def _tick(self) -> None:
        meeting, step = self._elapsed()
        self.header.show_clocks(
            self.status is MeetingStatus.IN_PROGRESS,
            meeting,
            step,
            started=self.status is not MeetingStatus.PLANNED,
        )
        if self.status is MeetingStatus.IN_PROGRESS and int(step) % STEP_TIME_EVERY_SECONDS == 0:
            self._record_step_time()
        self._update_projector()

    def _record_step_time(self) -> None:
        if self.status is not MeetingStatus.IN_PROGRESS:
            return
        _meeting, seconds = self._elapsed()
        title, meeting_id = self.step.title, self.meeting_id

        def apply(session: Session, value: int) -> None:
            meeting_record.set_step_time(session, meeting_id, title, value)

        self.autosave.put(("step_time", title), int(seconds), apply)

    def flush(self) -> bool:
        """Commit everything pending now (the main window calls this before it closes)."""
        self._record_step_time()
        return self.autosave.flush()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        # Leaving a field commits it at once; a commit costs a few milliseconds.
        if old is not None and self.isAncestorOf(old) and self.autosave.writes.has_pending:
            self.autosave.flush()

    # --- windows and help ----------------------------------------------------------------

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS
        )
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def toggle_projector(self) -> None:
        from lscp_desktop.ui.meeting.projector_view import ProjectorView

        if self.projector is not None and self.projector.isVisible():
            self.projector.close()
            return
        with self.store.session() as session:
            meeting = session.get_one(Meeting, self.meeting_id)
            # The shared screen never shows a real name, even one typed into a step's title.
            self.projector_names = names_to_keep_out(session, meeting.case)
        self.projector = ProjectorView(self.pseudonym)
        self.projector.place_beside(self.window())
        self._update_projector()

    def _update_projector(self) -> None:
        from lscp_desktop.ui.meeting.projector_view import ProjectorView

        if isinstance(self.projector, ProjectorView) and self.projector.isVisible():
            meeting, step = self._elapsed()
            self.projector.show_state(
                self.projector_names.redact(self.step.title, self.pseudonym)[0],
                self.index,
                len(self.steps),
                meeting_clock=clock_text(meeting),
                step_clock=clock_text(step),
                rows=getattr(self, "matrix_rows", []),
                substance=self.projector_names.redact(self._step_substance(), self.pseudonym)[0],
            )

    def _step_substance(self) -> str:
        """What the shared screen shows of the current step beyond its title: the criteria,
        the decision, the deadlines; "" where the opinions (the matrix) are the substance."""
        key = self.step.key
        if key not in ("purpose", "criteria", "decision", "next_steps", "close"):
            return ""
        with self.store.session() as session:
            record = load_meeting_record(session, self.meeting_id)
        return projector_substance(key, record)

    def _export(self) -> None:
        if self.flush():
            self.export_requested.emit(self.meeting_id)
            self._reread()  # the export's name check may have replaced names in the record
        else:
            QMessageBox.warning(self, "Not saved", "Export waits until your changes are saved.")

    def leave(self) -> None:
        if self._confirm_unsaved():
            self._finish()

    def _confirm_unsaved(self) -> bool:
        if self.flush():
            return True
        answer = QMessageBox.warning(
            self,
            "Not saved",
            f"Your last changes could not be saved: {self.autosave.writes.error}.\n"
            "Leave anyway and lose them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _finish(self) -> None:
        if self._closing:
            return
        self._closing = True
        self._clock.stop()
        if self.projector is not None:
            self.projector.close()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
            app.aboutToQuit.disconnect(self.flush)
        self.closed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or self._confirm_unsaved():
            self._finish()
            event.accept()
        else:
            event.ignore()
