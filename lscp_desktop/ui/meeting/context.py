"""What every step form is given: the store, the meeting, autosave, and whether it is locked."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.autosave_timer import AutosaveTimer


@dataclass
class MeetingContext:
    store: Store
    meeting_id: str
    autosave: AutosaveTimer
    # Approved minutes: inputs for what was minuted are read-only; follow-ups stay editable.
    locked: bool = False
    # Asks the view to re-read the agenda, matrix and quorum (attendance changed, ...).
    changed: Callable[[], None] = lambda: None
    # Asks the view to build the current step's form again (after a dialog changed it).
    rebuild: Callable[[], None] = lambda: None
    # Asks the view to re-read the texts on screen (the name check replaced names in them).
    reread: Callable[[], None] = lambda: None
    # Set when someone listens for export (the export helper wires it); None: no button.
    export: Callable[[], None] | None = None

    def save(self, key: Hashable, value: Any, apply: Callable[[Session, Any], None]) -> None:
        self.autosave.put(key, value, apply)

    def now(self, key: Hashable, value: Any, apply: Callable[[Session, Any], None]) -> bool:
        """A choice (not typing): queue it and commit at once, then let the view refresh."""
        self.autosave.put(key, value, apply)
        ok = self.autosave.flush()
        self.changed()
        return ok
