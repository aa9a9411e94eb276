"""Auto-lock: after an idle spell, or when the system suspends or the screen locks, save
everything and hide the window's content behind a lock screen that asks for the passphrase.

The main window makes one `AutoLock(window, idle_minutes=..., flush=..., verify=...)` and
passes the platform's session sources (ui/session_watch.py). Idle means no key, mouse, wheel
or touch input anywhere in the application.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.ui.safekeeping.session_events import SessionEvent, SessionEventSource

USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
# Input that must not reach the hidden content while locked.
BLOCKED_WHILE_LOCKED = {
    *USER_INPUT,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
}
LOCKED_TITLE = "LSCP Desktop — locked"

REASONS = {
    "idle": "LSCP Desktop locked itself after a spell without use.",
    SessionEvent.SUSPEND.value: "LSCP Desktop locked itself as the computer went to sleep.",
    SessionEvent.SCREEN_LOCKED.value: "LSCP Desktop locked itself with the screen.",
    "manual": "LSCP Desktop is locked.",
}


class LockScreen(QWidget):
    """An opaque cover over the whole window with one passphrase field."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.saving = QLabel()
        self.saving.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.error = QLabel()
        self.error.setAccessibleName("Unlock error")
        self.error.setWordWrap(True)
        # One centred column of a readable width: wrapped messages use all of it (a wrapped
        # label centred on its own shrinks to a word or two and clips the rest).
        column = QWidget()
        column.setFixedWidth(self.fontMetrics().averageCharWidth() * 56)
        column_layout = QVBoxLayout(column)
        for label in (self.reason, self.saving, self.error):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.reason, self.saving, self.passphrase, self.unlock_button, self.error):
            column_layout.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.hide()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.passphrase.text())


class AutoLock(QObject):
    locked = Signal(str)
    unlocked = Signal()
    # Session sources may call from another thread: events are queued to this one.
    _session_event = Signal(str)

    def __init__(
        self,
        window: QWidget,
        *,
        idle_minutes: float,
        flush: Callable[[], None],
        verify: Callable[[str], bool],
        sources: Sequence[SessionEventSource] = (),
    ) -> None:
        super().__init__(window)
        self._window = window
        self._flush = flush
        self._verify = verify
        self._sources = list(sources)
        self._hidden_windows: list[QWidget] = []
        self._disabled: list[QWidget] = []
        self._title = ""
        self._idle_on = False
        self.screen = LockScreen(window)
        self.screen.unlock_requested.connect(self.try_unlock)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(lambda: self.lock("idle"))
        self.set_idle_minutes(idle_minutes)
        self._session_event.connect(self.lock, Qt.ConnectionType.QueuedConnection)
        for source in self._sources:
            source.start(lambda event: self._session_event.emit(event.value))
        application = QApplication.instance()
        assert application is not None
        application.installEventFilter(self)
        window.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.screen.isVisible()

    def set_idle_minutes(self, minutes: float) -> None:
        """0 turns the idle lock off; suspend and screen lock still lock."""
        self._idle.stop()
        self._idle_on = minutes > 0
        if minutes > 0:
            self._idle.setInterval(max(1, round(minutes * 60_000)))
            self._idle.start()

    def stop(self) -> None:
        for source in self._sources:
            source.stop()
        self._idle.stop()
        application = QApplication.instance()
        if application is not None:
            application.removeEventFilter(self)

    def lock(self, reason: str = "manual") -> None:
        if self.is_locked:
            return
        self._idle.stop()
        try:
            self._flush()
            self.screen.saving.setText("Everything is saved.")
        except Exception as error:  # the lock must happen whatever the save did
            self.screen.saving.setText(
                f"Your latest changes could not be saved yet: {error} They are kept and "
                "saved again after you unlock."
            )
        self.screen.reason.setText(REASONS.get(reason, REASONS["manual"]))
        self.screen.error.clear()
        self.screen.passphrase.clear()
        self._title = self._window.windowTitle()
        self._window.setWindowTitle(LOCKED_TITLE)
        self._hidden_windows = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not self._window and widget.isVisible()
        ]
        for widget in self._hidden_windows:
            widget.hide()
        self._disabled = [
            child
            for child in self._window.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child is not self.screen and child.isEnabled()
        ]
        for child in self._disabled:
            child.setEnabled(False)
        self.screen.setGeometry(self._window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.passphrase.setFocus()
        self.locked.emit(reason)

    def try_unlock(self, passphrase: str) -> bool:
        if not self.is_locked:
            return True
        if not self._verify(passphrase):
            self.screen.error.setText("That passphrase is not right.")
            self.screen.passphrase.clear()
            self.screen.passphrase.setFocus()
            return False
        self.screen.passphrase.clear()
        self.screen.hide()
        for child in self._disabled:
            child.setEnabled(True)
        for widget in self._hidden_windows:
            widget.show()
        self._disabled, self._hidden_windows = [], []
        self._window.setWindowTitle(self._title)
        if self._idle_on:
            self._idle.start()
        self.unlocked.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize and self.is_locked:
            self.screen.setGeometry(self._window.rect())
        if not self.is_locked:
            if kind in USER_INPUT and self._idle_on:
                self._idle.start()  # any input restarts the idle spell
            return False
        if kind in BLOCKED_WHILE_LOCKED:
            if kind == QEvent.Type.Shortcut:
                return True
            if isinstance(watched, QWidget) and not self._inside_lock_screen(watched):
                return True
        return False

    def _inside_lock_screen(self, widget: QWidget) -> bool:
        return widget is self.screen or self.screen.isAncestorOf(widget)
