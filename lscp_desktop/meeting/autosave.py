"""Autosave: field writes wait briefly, then all go to the store in one transaction.

A write waits `debounce` seconds after the last keystroke, but never more than `max_latency`
after the first unsaved one, so fast typing is still committed within a second. A failed commit
(disk full, read-only file, lock) keeps every write pending, so no text is lost; the caller
shows the reason and tries again. Only a write the rules refuse (RuleRefused, e.g. approved
minutes) is dropped, with the rule's words; any other failure of one write (a programming
error included) keeps that write for the retry and lets the others commit. No Qt here: the GUI
drives `due_in` with a timer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from lscp_desktop.refusals import RuleRefused
from lscp_desktop.store import versions
from lscp_desktop.store.database import Store
from lscp_desktop.store.errors import StoreError

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3
# The promise is one second; aiming at 0.8 leaves room for a busy event loop firing late.
MAX_LATENCY_SECONDS = 0.8

Apply = Callable[[Session, Any], None]


@dataclass
class PendingWrite:
    value: Any
    apply: Apply


@dataclass(frozen=True)
class SaveState:
    """What the indicator says: 'Saved', 'Saving…' or 'Not saved: <reason>'."""

    pending: bool
    error: str = ""

    @property
    def text(self) -> str:
        if self.error:
            return f"Not saved: {self.error}"
        return "Saving…" if self.pending else "Saved"


@dataclass
class CommitReport:
    """What one successful flush committed, and how long the transaction took."""

    values: dict[Hashable, Any]
    seconds: float


@dataclass
class PendingWrites:
    store: Store
    clock: Callable[[], float] = time.monotonic
    debounce: float = DEBOUNCE_SECONDS
    max_latency: float = MAX_LATENCY_SECONDS
    _writes: dict[Hashable, PendingWrite] = field(default_factory=dict)
    _first_at: float | None = None
    _last_at: float | None = None
    error: str = ""
    listeners: list[Callable[[CommitReport], None]] = field(default_factory=list)
    # The versions of the meetings/cases on screen (store/versions.py): a write made on an
    # older one than the store holds is refused as a conflict and kept, never written over it.
    watched: dict[versions.VersionKey, versions.Seen] = field(default_factory=dict)
    conflict: versions.EditConflict | None = None

    def watch(self, key: versions.VersionKey) -> None:
        """From now on, the writes to `key` must find it as it is now. Only on a server: a
        file has one writer at a time (its writer lock), so nobody else can have changed it."""
        if not self.store.is_server:
            return
        with self.store.reading() as session:
            seen = versions.seen_now(session, key)
        if seen is not None:
            self.watched[key] = seen

    def reapply(self) -> bool:
        """After a conflict: take the newer version as seen and write the kept changes over
        it (the user chose to); False if that failed too."""
        for key in list(self.watched):
            self.watch(key)
        self.conflict = None
        self.error = ""
        return self.flush()

    def discard(self) -> None:
        """After a conflict: drop the kept changes and take the newer version as seen."""
        self._writes.clear()
        self._first_at = self._last_at = None
        for key in list(self.watched):
            self.watch(key)
        self.conflict = None
        self.error = ""

    def put(self, key: Hashable, value: Any, apply: Apply) -> None:
        """Queue a write; a later write to the same key replaces it (the latest text wins)."""
        now = self.clock()
        # Re-inserting moves the key last, so writes apply in the order they were last made.
        self._writes.pop(key, None)
        self._writes[key] = PendingWrite(value, apply)
        if self._first_at is None:
            self._first_at = now
        self._last_at = now

    def pending_value(self, key: Hashable, default: Any = None) -> Any:
        write = self._writes.get(key)
        return default if write is None else write.value

    @property
    def has_pending(self) -> bool:
        return bool(self._writes)

    @property
    def state(self) -> SaveState:
        return SaveState(self.has_pending, self.error)

    def due_in(self) -> float | None:
        """Seconds until the pending writes should be flushed (0 if overdue), None if none."""
        if self._first_at is None or self._last_at is None:
            return None
        due = min(self._last_at + self.debounce, self._first_at + self.max_latency)
        return max(0.0, due - self.clock())

    def flush(self) -> bool:
        """Commit everything pending in one transaction; False if anything is kept for a retry.

        Writes the rules refuse are dropped (retrying cannot help); a write that failed for any
        other reason stays pending, and so does everything if the commit itself failed.
        """
        if not self._writes:
            return True
        writes = dict(self._writes)
        refused: dict[Hashable, str] = {}
        failed: dict[Hashable, str] = {}
        started = time.perf_counter()
        now_seen: dict[versions.VersionKey, versions.Seen] = {}
        conflict: versions.EditConflict | None = None
        try:
            with self.store.session() as session:
                for watched, seen in self.watched.items():
                    versions.expect(session, watched, seen)
                for key, write in writes.items():
                    try:
                        with session.begin_nested():
                            write.apply(session, write.value)
                    except versions.EditConflict as changed:
                        # Someone else changed it since it was shown: kept, not written.
                        conflict = conflict or changed
                        failed[key] = str(changed)
                    except StoreError as stopped:  # e.g. the case checked out to a laptop
                        failed[key] = str(stopped)
                    except RuleRefused as rule:
                        # A rule said no (the minutes are locked): retrying cannot help, and
                        # the other writes must not be held hostage by it.
                        refused[key] = str(rule)
                    except SQLAlchemyError:
                        raise  # the database failed: the whole unit of work is retried
                    except Exception as error:  # not a rule: a fault, so keep the text
                        log.exception("Autosave could not apply a write; it is kept for retry")
                        failed[key] = describe_failure(error)
                if conflict is None:
                    for watched in self.watched:
                        found = versions.seen_now(session, watched)
                        if found is not None:
                            now_seen[watched] = found
        except Exception as error:  # any failure: keep the text, report why, retry later
            self.error = describe_failure(error)
            return False
        self.watched.update(now_seen)
        self.conflict = conflict
        elapsed = time.perf_counter() - started
        # Writes queued while committing (none on one thread, but be safe) stay pending, and
        # so do the writes that failed without a rule's refusal.
        for key, write in writes.items():
            if key not in failed and self._writes.get(key) is write:
                del self._writes[key]
        if not self._writes:
            self._first_at = self._last_at = None
        self.error = next(iter(failed.values()), "") or next(iter(refused.values()), "")
        for key in (*refused, *failed):
            writes.pop(key)
        report = CommitReport({key: w.value for key, w in writes.items()}, elapsed)
        for listener in list(self.listeners):
            listener(report)
        return not failed


def describe_failure(error: BaseException) -> str:
    """A short reason for the indicator: the database's words without SQLAlchemy's noise."""
    original = getattr(error, "orig", None) or error
    text = str(original).splitlines()[0] if str(original) else type(original).__name__
    lowered = text.lower()
    if "expected to update" in lowered or "expected to delete" in lowered:  # StaleDataError
        return "someone else saved the same record at the same moment; trying again"
    if "full" in lowered:
        return "the disk is full"
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
        return "the database file is read-only"
    if "locked" in lowered or "busy" in lowered:
        return "the database is locked by another program"
    return text[:120]
