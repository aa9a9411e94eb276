"""System session events that should lock the app: suspend and screen lock. No Qt here.

Qt has no signal for either, so each platform's source sits behind one small protocol:

- Linux: logind's `PrepareForSleep` (system bus) and the screensaver's `ActiveChanged`
  (freedesktop and GNOME names, session bus), over QtDBus — `ui/session_watch.py`,
  `LinuxSessionWatch`; tested against a private D-Bus daemon.
- Windows: `WM_WTSSESSION_CHANGE`/`WTS_SESSION_LOCK` (after `WTSRegisterSessionNotification`)
  and `WM_POWERBROADCAST`/`PBT_APMSUSPEND`, through a Qt native event filter —
  `ui/session_watch.py`, `WindowsSessionWatch`; written to the Win32 documentation but not run
  here (no Windows in CI).
- macOS: `NSWorkspaceWillSleepNotification` and the `com.apple.screenIsLocked` distributed
  notification need PyObjC, which is not a dependency: not implemented. The idle timer still
  locks the app; add PyObjC and a source here to cover sleep and screen lock.

`InjectedEvents` is the source tests (and anything else) use to send an event by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol


class SessionEvent(enum.StrEnum):
    SUSPEND = "suspend"
    SCREEN_LOCKED = "screen_locked"


Listener = Callable[[SessionEvent], None]


class SessionEventSource(Protocol):
    def start(self, listener: Listener) -> bool:
        """Begin delivering events to `listener`; False when this platform cannot."""
        ...

    def stop(self) -> None: ...


class InjectedEvents:
    """A source whose events are sent by calling `emit` (tests, a "Lock now" menu item)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def start(self, listener: Listener) -> bool:
        self._listeners.append(listener)
        return True

    def stop(self) -> None:
        self._listeners.clear()

    def emit(self, event: SessionEvent) -> None:
        for listener in list(self._listeners):
            listener(event)
