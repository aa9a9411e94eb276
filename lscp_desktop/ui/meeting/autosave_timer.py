"""Drives the Qt-free autosave buffer from the GUI thread's event loop.

A WAL commit takes a few milliseconds, so committing on the GUI thread is cheaper than the
locking a worker would need, and keeps the single store connection on one thread.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from lscp_desktop.meeting.autosave import Apply, CommitReport, PendingWrites
from lscp_desktop.store.database import Store

RETRY_MS = 3000


class AutosaveTimer(QObject):
    """Flushes pending writes when due; after a failure, retries every few seconds."""

    state_changed = Signal(str, bool)  # indicator text, whether saving failed
    committed = Signal(object)  # CommitReport
    # Someone else changed the meeting since it was shown: the message; writes are kept.
    conflicted = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writes = PendingWrites(store)
        self.writes.listeners.append(self._on_commit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._last_state = ""

    def put(self, key: Hashable, value: Any, apply: Apply) -> None:
        self.writes.put(key, value, apply)
        self._emit_state()
        if self.writes.error and self._timer.isActive():
            return  # a retry is already scheduled; it picks this write up too
        due = self.writes.due_in()
        if due is not None:
            # due = min(last keystroke + debounce, first unsaved keystroke + 1 s): restarting
            # the timer at each keystroke debounces, and the cap keeps fast typing saved.
            self._timer.start(round(due * 1000))

    def pending_value(self, key: Hashable, default: Any = None) -> Any:
        return self.writes.pending_value(key, default)

    def flush(self) -> bool:
        """Commit everything pending now; False if it failed (and a retry is scheduled)."""
        self._timer.stop()
        had_conflict = self.writes.conflict is not None
        ok = self.writes.flush()
        conflict = self.writes.conflict
        if conflict is not None:
            # Retrying cannot help: the user re-applies or discards (reapply/discard).
            self._emit_state()
            if not had_conflict:
                self.conflicted.emit(str(conflict))
            return False
        if not ok or self.writes.has_pending:
            self._timer.start(RETRY_MS if not ok else 0)
        self._emit_state()
        return ok and not self.writes.has_pending

    def watch(self, key: tuple[str, Any]) -> None:
        self.writes.watch(key)

    def reapply(self) -> bool:
        """Write the kept changes over the newer version (the user chose to)."""
        ok = self.writes.reapply()
        self._emit_state()
        return ok

    def discard(self) -> None:
        """Drop the kept changes; the newer version is the one shown next."""
        self.writes.discard()
        self._emit_state()

    @property
    def failed(self) -> bool:
        return bool(self.writes.error)

    def _on_commit(self, report: CommitReport) -> None:
        self.committed.emit(report)

    def _emit_state(self) -> None:
        state = self.writes.state
        if state.text != self._last_state:
            self._last_state = state.text
            self.state_changed.emit(state.text, bool(state.error))
