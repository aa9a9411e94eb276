"""The platform sources of suspend and screen-lock events (see session_events.py)."""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QCoreApplication, QObject, Slot

from lscp_desktop.ui.safekeeping.session_events import Listener, SessionEvent, SessionEventSource

SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


def _slot(signature: str) -> Any:
    # PySide6 wants SLOT()'s str here, though its stubs say bytes.
    return SLOT(signature)


class LinuxSessionWatch(QObject):
    """logind's PrepareForSleep and the screensaver's ActiveChanged, over QtDBus."""

    def __init__(self, system_bus: Any = None, session_bus: Any = None) -> None:
        super().__init__()
        from PySide6.QtDBus import QDBusConnection

        self._system = system_bus or QDBusConnection.systemBus()
        self._session = session_bus or QDBusConnection.sessionBus()
        self._listener: Listener | None = None

    def start(self, listener: Listener) -> bool:
        self._listener = listener
        connected = False
        if self._system.isConnected():
            connected |= self._system.connect(
                "",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                _slot("_on_prepare_for_sleep(bool)"),
            )
        if self._session.isConnected():
            for path, interface in SCREENSAVERS:
                connected |= self._session.connect(
                    "", path, interface, "ActiveChanged", self, _slot("_on_screensaver(bool)")
                )
        return connected

    def stop(self) -> None:
        self._listener = None

    @Slot(bool)
    def _on_prepare_for_sleep(self, starting: bool) -> None:
        if starting and self._listener is not None:
            self._listener(SessionEvent.SUSPEND)

    @Slot(bool)
    def _on_screensaver(self, active: bool) -> None:
        if active and self._listener is not None:
            self._listener(SessionEvent.SCREEN_LOCKED)


WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4


class WindowsSessionWatch(QAbstractNativeEventFilter):
    """Session lock and suspend messages to the main window (untested here: no Windows)."""

    def __init__(self, window_id: int) -> None:
        super().__init__()
        self._window_id = window_id
        self._listener: Listener | None = None

    def start(self, listener: Listener) -> bool:
        if sys.platform != "win32":
            return False
        self._listener = listener
        wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined,unused-ignore]
        if not wtsapi32.WTSRegisterSessionNotification(self._window_id, 0):  # this session
            return False
        application = QCoreApplication.instance()
        if application is None:
            return False
        application.installNativeEventFilter(self)
        return True

    def stop(self) -> None:
        self._listener = None

    def nativeEventFilter(self, eventType: Any, message: int) -> object:
        if self._listener is None or bytes(eventType) != b"windows_generic_MSG":
            return False, 0
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(int(message))
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
            self._listener(SessionEvent.SCREEN_LOCKED)
        elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            self._listener(SessionEvent.SUSPEND)
        return False, 0


def platform_sources(window_id: int) -> list[SessionEventSource]:
    """The sources this platform has (none on macOS yet: see session_events.py)."""
    if sys.platform.startswith("linux"):
        return [LinuxSessionWatch()]
    if sys.platform == "win32":
        return [WindowsSessionWatch(window_id)]
    return []
