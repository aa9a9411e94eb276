"""Slow work off the GUI thread: named jobs run one at a time by one worker thread.

The shape of Anki's CollectionOp/QueryOp: the GUI thread reads what a job needs, hands the
job a function that uses no widget and not the store's own connection (a backup opens its
own; an export renders from plain data), and gets the result back on the GUI thread, where
`done` (or `failed`) runs. One job at a time, in the order asked: two backups never race for
one file, and the window stays responsive while either runs.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")


class Progress:
    """What a running job may tell the window, from its own thread: a line and a fraction."""

    def __init__(self, name: str, emit: Callable[[str, str, int, int], None]) -> None:
        self._name = name
        self._emit = emit

    def update(self, text: str = "", done: int = 0, total: int = 0) -> None:
        """`total` 0 means "busy, amount unknown"."""
        self._emit(self._name, text, done, total)


def _ignore(_value: Any) -> None:
    return None


@dataclass
class Job(Generic[T]):
    """A named piece of slow work. `work` runs on the worker thread; `done` and `failed` on
    the GUI thread. Without `failed`, the runner's `job_failed` signal carries the message."""

    name: str
    work: Callable[[Progress], T]
    done: Callable[[T], None] = field(default=_ignore)
    failed: Callable[[Exception], None] | None = None


@dataclass
class _Outcome:
    job: Job[Any]
    value: Any = None
    error: Exception | None = None


class JobRunner(QObject):
    started = Signal(str)  # job name
    progressed = Signal(str, str, int, int)  # job name, text, done, total
    finished = Signal(str, bool)  # job name, whether it succeeded
    job_failed = Signal(str, str)  # job name, the error's message (when the job has no `failed`)
    _ready = Signal()  # a worker finished: deliver its outcome on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Job[Any]] = deque()
        self._thread: threading.Thread | None = None
        self._outcome: _Outcome | None = None
        self._lock = threading.Lock()
        self._ready.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._thread is not None or bool(self._queue)

    def run(self, job: Job[Any]) -> None:
        """Queue `job`; it starts at once when nothing else is running."""
        self._queue.append(job)
        if self._thread is None:
            self._start_next()

    def wait(self) -> None:
        """Finish every job queued, on the calling (GUI) thread's watch: for quitting, when the
        store is about to close and nothing may still be reading or writing beside it."""
        while self._thread is not None:
            self._thread.join()
            self._deliver()

    def _start_next(self) -> None:
        if not self._queue:
            return
        job = self._queue.popleft()
        self.started.emit(job.name)
        self._thread = threading.Thread(
            target=self._work, args=(job,), name=f"job: {job.name}", daemon=True
        )
        self._thread.start()

    def _work(self, job: Job[Any]) -> None:
        progress = Progress(job.name, self.progressed.emit)
        try:
            outcome = _Outcome(job, value=job.work(progress))
        except Exception as error:  # reported on the GUI thread, never lost
            outcome = _Outcome(job, error=error)
        with self._lock:
            self._outcome = outcome
        self._ready.emit()  # queued: the worker thread is not the runner's thread

    def _deliver(self) -> None:
        with self._lock:
            outcome, self._outcome = self._outcome, None
        if outcome is None:
            return  # already delivered by wait()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        job = outcome.job
        try:
            if outcome.error is None:
                job.done(outcome.value)
            elif job.failed is not None:
                job.failed(outcome.error)
            else:
                self.job_failed.emit(job.name, str(outcome.error))
        finally:
            self.finished.emit(job.name, outcome.error is None)
            self._start_next()
