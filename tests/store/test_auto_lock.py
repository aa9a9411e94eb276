from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QTextEdit
from pytestqt.qtbot import QtBot

from lscp_desktop.store.database import StorageFull
from lscp_desktop.ui.safekeeping.auto_lock import LOCKED_TITLE, AutoLock
from lscp_desktop.ui.safekeeping.session_events import InjectedEvents, SessionEvent

PASSPHRASE = "the right passphrase"


class Minutes:
    """A stand-in main window: the minutes editor and a record of what was saved."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QMainWindow()
        self.window.setWindowTitle("LSCP-1 — Extra-Ordinary RAG")
        self.editor = QTextEdit()
        self.editor.setAccessibleName("Minutes")
        self.window.setCentralWidget(self.editor)
        self.window.resize(800, 600)
        qtbot.addWidget(self.window)
        self.saved: list[str] = []
        self.fail_with: Exception | None = None

    def flush(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.saved.append(self.editor.toPlainText())


@pytest.fixture
def minutes(qtbot: QtBot) -> Minutes:
    minutes = Minutes(qtbot)
    minutes.window.show()
    qtbot.waitExposed(minutes.window)
    return minutes


def make_lock(minutes: Minutes, idle_minutes: float, *sources: InjectedEvents) -> AutoLock:
    return AutoLock(
        minutes.window,
        idle_minutes=idle_minutes,
        flush=minutes.flush,
        verify=lambda typed: typed == PASSPHRASE,
        sources=sources,
    )


def test_idle_spell_saves_and_locks(qtbot: QtBot, minutes: Minutes) -> None:
    qtbot.keyClicks(minutes.editor, "Police shared the chronology.")
    lock = make_lock(minutes, idle_minutes=0.005)  # 300 ms
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    assert minutes.saved == ["Police shared the chronology."]
    assert minutes.window.windowTitle() == LOCKED_TITLE
    assert lock.screen.geometry() == minutes.window.rect()
    assert not minutes.editor.isEnabled()
    lock.stop()


def test_typing_keeps_the_app_unlocked(qtbot: QtBot, minutes: Minutes) -> None:
    lock = make_lock(minutes, idle_minutes=0.01)  # 600 ms
    for _ in range(8):  # 1.2 s of typing, never 600 ms apart
        qtbot.keyClicks(minutes.editor, "x")
        qtbot.wait(150)
    assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    lock.stop()


@pytest.mark.parametrize("event", [SessionEvent.SUSPEND, SessionEvent.SCREEN_LOCKED])
def test_suspend_or_screen_lock_saves_and_hides_content_until_the_passphrase(
    qtbot: QtBot, minutes: Minutes, event: SessionEvent
) -> None:
    system = InjectedEvents()
    lock = make_lock(minutes, 10, system)
    qtbot.keyClicks(minutes.editor, "Health view: notify.")
    dialog = QDialog(minutes.window)
    dialog.show()

    with qtbot.waitSignal(lock.locked, timeout=2000):
        system.emit(event)
    assert minutes.saved == ["Health view: notify."]
    assert not dialog.isVisible()
    qtbot.keyClicks(minutes.editor, " typed while locked")
    assert minutes.editor.toPlainText() == "Health view: notify."

    qtbot.keyClicks(lock.screen.passphrase, "a guess")
    qtbot.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    assert lock.is_locked
    assert lock.screen.error.text() == "That passphrase is not right."
    assert lock.screen.passphrase.text() == ""

    qtbot.keyClicks(lock.screen.passphrase, PASSPHRASE)
    with qtbot.waitSignal(lock.unlocked):
        qtbot.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
    assert minutes.editor.isEnabled() and dialog.isVisible()
    assert minutes.window.windowTitle() == "LSCP-1 — Extra-Ordinary RAG"
    assert minutes.editor.toPlainText() == "Health view: notify."
    lock.stop()


def test_a_failed_save_still_locks_and_says_the_text_is_kept(
    qtbot: QtBot, minutes: Minutes
) -> None:
    system = InjectedEvents()
    lock = make_lock(minutes, 10, system)
    minutes.fail_with = StorageFull(
        "The disk holding /data is full: the last change was not saved."
    )
    with qtbot.waitSignal(lock.locked, timeout=2000):
        system.emit(SessionEvent.SUSPEND)
    assert "could not be saved yet" in lock.screen.saving.text()
    assert "disk holding /data is full" in lock.screen.saving.text()
    lock.stop()


@pytest.fixture
def private_bus() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None:
        pytest.skip("dbus-daemon and dbus-send are not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait()


def test_linux_screensaver_signal_over_dbus_locks(
    qtbot: QtBot, minutes: Minutes, private_bus: str
) -> None:
    from PySide6.QtDBus import QDBusConnection

    from lscp_desktop.ui.safekeeping.session_watch import LinuxSessionWatch

    bus = QDBusConnection.connectToBus(private_bus, "lscp-test-bus")
    assert bus.isConnected()
    watch = LinuxSessionWatch(system_bus=bus, session_bus=bus)
    lock = make_lock(minutes, 10, watch)  # type: ignore[arg-type]
    with qtbot.waitSignal(lock.locked, timeout=5000) as blocker:
        subprocess.run(
            [
                "dbus-send",
                f"--bus={private_bus}",
                "--type=signal",
                "/org/gnome/ScreenSaver",
                "org.gnome.ScreenSaver.ActiveChanged",
                "boolean:true",
            ],
            check=True,
        )
    assert blocker.args == [SessionEvent.SCREEN_LOCKED.value]
    lock.stop()
    QDBusConnection.disconnectFromBus("lscp-test-bus")
