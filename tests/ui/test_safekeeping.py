"""Trust in the GUI: the recovery key at set-up, a damaged database at start, a forgotten
passphrase, auto-lock, and backups while the window runs — through the real widgets."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lscp_desktop.settings import stored as settings
from lscp_desktop.store import backup_file, backups
from lscp_desktop.store.database import Store, create_store, open_store, verify_passphrase
from lscp_desktop.ui.safekeeping.auto_lock import LOCKED_TITLE
from lscp_desktop.ui.safekeeping.backups import Safekeeping
from lscp_desktop.ui.safekeeping.recovery_key_dialog import RecoveryKeyDialog
from lscp_desktop.ui.safekeeping.reset_passphrase_dialog import ResetPassphraseDialog
from lscp_desktop.ui.safekeeping.restore_backup_dialog import RestoreBackupDialog
from lscp_desktop.ui.safekeeping.session_events import InjectedEvents, SessionEvent
from lscp_desktop.ui.safekeeping.unlock_dialog import UnlockDialog
from lscp_desktop.ui.start import launch
from tests.conftest import PASSPHRASE
from tests.store.backup_help import open_backup
from tests.store.records import add_meeting
from tests.ui.dialogs import when_dialog_opens

NEW_PASSPHRASE = "a new passphrase from the key"


# --- the recovery key at set-up -----------------------------------------------------------


def test_ok_is_disabled_until_the_user_says_the_recovery_key_is_stored(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL", tmp_path / "store.db")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.key.isReadOnly() and dialog.key.text() == "ABCD-EFGH-IJKL"
    assert not dialog.ok_button.isEnabled()
    dialog.reject()  # Escape before ticking: the key must not vanish unseen
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "ABCD-EFGH-IJKL"
    dialog.stored.setChecked(True)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RecoveryKeyDialog.DialogCode.Accepted


def test_the_recovery_key_can_be_saved_apart_from_the_database_and_printed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    database = tmp_path / "data" / "store.db"
    database.parent.mkdir()
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL", database)
    qtbot.addWidget(dialog)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, _t: warned.append(title))
    beside = database.with_name("key.txt")  # next to the database it unlocks: refused
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(beside), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert warned == ["Not beside the database"] and not beside.exists()
    apart = tmp_path / "usb" / "recovery-key.txt"
    apart.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(apart), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = apart.read_text(encoding="utf-8")
    assert "ABCD-EFGH-IJKL" in text and str(database) in text and "OFFICIAL-SENSITIVE" in text
    assert apart.stat().st_mode & 0o077 == 0  # owner-only, as every file the app writes
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    printed = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "printed.pdf")).pages)
    assert "ABCD-EFGH-IJKL" in printed
    assert not dialog.ok_button.isEnabled()  # saving or printing is not saying it is stored


@pytest.fixture
def shown_keys(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each recovery key dialog shown: the key recorded, the box ticked, OK pressed."""
    shown: list[str] = []

    def exec_(dialog: RecoveryKeyDialog) -> int:
        shown.append(dialog.key.text())
        assert not dialog.ok_button.isEnabled()
        dialog.stored.setChecked(True)
        dialog.ok_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RecoveryKeyDialog, "exec", exec_)
    return shown


def test_first_start_shows_the_recovery_key_once_and_it_resets_the_passphrase(
    qtbot: QtBot, db_path: Path, shown_keys: list[str]
) -> None:
    opened = launch.obtain_store(db_path, interactive=True)
    assert isinstance(opened, Store)
    opened.close()
    assert len(shown_keys) == 1
    again = launch.obtain_store(db_path, interactive=True)
    assert isinstance(again, Store)
    again.close()
    assert len(shown_keys) == 1  # shown once, at creation only
    from lscp_desktop.store import recovery

    recovery.reset_passphrase(db_path, shown_keys[0], NEW_PASSPHRASE)
    assert verify_passphrase(db_path, NEW_PASSPHRASE)


def test_creating_the_database_in_the_unlock_dialog_shows_its_recovery_key(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch, shown_keys: list[str]
) -> None:
    monkeypatch.delenv("LSCP_DESKTOP_PASSPHRASE")

    def create(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog) and dialog.creating
        assert not dialog.forgot_button.isVisible()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClicks(dialog.confirmation, PASSPHRASE)
        dialog.try_open()

    errors = when_dialog_opens(create)
    opened = launch.obtain_store(db_path, interactive=True)
    assert not errors, errors
    assert isinstance(opened, Store)
    opened.close()
    assert len(shown_keys) == 1


def test_the_smoke_test_creates_without_showing_or_printing_a_key(
    qtbot: QtBot, db_path: Path, shown_keys: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    opened = launch.obtain_store(db_path, interactive=False)
    assert isinstance(opened, Store)
    opened.close()
    assert shown_keys == []
    assert capsys.readouterr() == ("", "")


# --- a damaged database at start ----------------------------------------------------------

PAGE_SIZE = 4096  # SQLCipher 4's default


def damage(db_path: Path) -> None:
    """One flipped bit in every page after the first: whichever pages opening reads (the
    schema, the seed, the audit log), a failed decryption is met, wherever the layout put them."""
    damaged = bytearray(db_path.read_bytes())
    for offset in range(PAGE_SIZE + PAGE_SIZE // 2, len(damaged), PAGE_SIZE):
        damaged[offset] ^= 0x01
    db_path.write_bytes(bytes(damaged))


@pytest.fixture
def damaged_with_backup(store: Store, db_path: Path) -> Path:
    add_meeting(store)
    good = backups.backup_now(store, "quit", now=dt.datetime(2026, 11, 24, 17, 5))
    store.close()
    damage(db_path)
    return good


def test_a_damaged_database_at_start_offers_the_newest_good_backup_and_restores_it(
    qtbot: QtBot, db_path: Path, damaged_with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    opened = launch.obtain_store(db_path, interactive=True)
    assert isinstance(opened, Store)
    try:
        with opened.session() as session:
            from lscp_desktop.models import Meeting

            assert session.get(Meeting, "m1") is not None
    finally:
        opened.close()
    assert len(asked) == 1 and "24 Nov 2026 at 17:05" in asked[0]
    kept = [b for b in backups.list_backups(db_path) if b.reason == "before-restore"]
    assert len(kept) == 1  # the damaged file is kept, not overwritten


def test_refusing_the_backup_leaves_the_damaged_database_untouched_and_exits_non_zero(
    qtbot: QtBot, db_path: Path, damaged_with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_path.read_bytes()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    assert launch.obtain_store(db_path, interactive=True) == launch.EXIT_ERROR
    assert len(errors) == 1 and str(damaged_with_backup) in errors[0]
    assert db_path.read_bytes() == before


def test_a_damaged_database_unlocked_in_the_dialog_is_offered_its_backup_too(
    qtbot: QtBot, db_path: Path, damaged_with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LSCP_DESKTOP_PASSPHRASE")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)

    def unlock(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialog.try_open()

    errors = when_dialog_opens(unlock)
    opened = launch.obtain_store(db_path, interactive=True)
    assert not errors, errors
    assert isinstance(opened, Store)
    opened.close()


# --- a forgotten passphrase ---------------------------------------------------------------


def test_forgotten_passphrase_is_reset_with_the_recovery_key_and_the_database_opens(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created, recovery_key = create_store(db_path, PASSPHRASE)
    created.close()
    monkeypatch.delenv("LSCP_DESKTOP_PASSPHRASE")
    seen: list[str] = []

    def reset(dialog: QWidget) -> None:
        assert isinstance(dialog, ResetPassphraseDialog)
        qtbot.keyClicks(dialog.recovery_key, "WRONG-KEY0-0000")
        qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
        qtbot.keyClicks(dialog.confirmation, NEW_PASSPHRASE)
        dialog.try_reset()
        seen.append(dialog.message.text())
        dialog.recovery_key.clear()
        qtbot.keyClicks(dialog.recovery_key, recovery_key.lower())  # as people type it
        dialog.try_reset()

    def forgot(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog) and not dialog.creating
        assert dialog.forgot_button.isVisible()
        nested.append(when_dialog_opens(reset))
        qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)

    nested: list[list[BaseException]] = []
    errors = when_dialog_opens(forgot)
    opened = launch.obtain_store(db_path, interactive=True)
    assert not errors and nested == [[]], (errors, nested)
    assert seen == ["That recovery key does not fit this database. Check it and retry."]
    assert isinstance(opened, Store)
    opened.close()
    assert verify_passphrase(db_path, NEW_PASSPHRASE)
    assert not verify_passphrase(db_path, PASSPHRASE)


# --- while the window runs ----------------------------------------------------------------


class Window:
    """A stand-in main window with a minutes editor and a record of each flush."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QMainWindow()
        self.editor = QTextEdit()
        self.editor.setAccessibleName("Minutes")
        self.window.setCentralWidget(self.editor)
        self.window.setWindowTitle("LSCP Desktop")
        self.window.resize(800, 600)
        qtbot.addWidget(self.window)
        self.flushed: list[str] = []
        self.events = InjectedEvents()  # suspend and screen lock, sent by hand

    def flush(self) -> None:
        self.flushed.append(self.editor.toPlainText())


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    made = Window(qtbot)
    made.window.show()
    qtbot.waitExposed(made.window)
    return made


def test_idle_time_from_the_settings_saves_and_locks_until_the_passphrase(
    qtbot: QtBot, store: Store, window: Window
) -> None:
    with store.session() as session:
        settings.put(session, settings.IDLE_LOCK_MINUTES, "0.005")  # 300 ms
    qtbot.keyClicks(window.editor, "Health shared the discharge summary.")
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    qtbot.waitUntil(lambda: keeper.auto_lock.is_locked, timeout=3000)
    assert window.flushed == ["Health shared the discharge summary."]
    assert window.window.windowTitle() == LOCKED_TITLE
    screen = keeper.auto_lock.screen
    qtbot.keyClicks(screen.passphrase, "not it")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert keeper.auto_lock.is_locked
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert not keeper.auto_lock.is_locked
    assert window.window.windowTitle() == "LSCP Desktop"
    keeper.stop()


def fits(label: QLabel) -> bool:
    """A wrapped label shows its whole text: tall enough for it at its width, and wider than
    a word or two."""
    return (
        label.width() >= label.fontMetrics().averageCharWidth() * 30
        and label.height() >= label.heightForWidth(label.width())
    )


def test_the_lock_screen_and_the_unlock_dialog_show_whole_messages(
    qtbot: QtBot, store: Store, window: Window, db_path: Path
) -> None:
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    window.window.resize(1000, 700)
    keeper.lock_now()
    screen = keeper.auto_lock.screen
    qtbot.keyClicks(screen.passphrase, "not it")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert screen.error.text() and fits(screen.error), screen.error.text()
    assert fits(screen.reason)
    keeper.stop()
    dialog = UnlockDialog(db_path, creating=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_message(
        "That passphrase does not open this database. Check Caps Lock and try again."
    )
    qtbot.wait(10)
    assert fits(dialog.message)


def test_screen_lock_event_locks_and_a_changed_setting_turns_the_idle_lock_off(
    qtbot: QtBot, store: Store, window: Window
) -> None:
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    with store.session() as session:
        settings.put(session, settings.IDLE_LOCK_MINUTES, "0")
    keeper.idle_minutes_changed()
    window.events.emit(SessionEvent.SCREEN_LOCKED)
    qtbot.waitUntil(lambda: keeper.auto_lock.is_locked, timeout=3000)
    assert window.flushed == [""]
    assert keeper.auto_lock.try_unlock(PASSPHRASE)
    qtbot.wait(400)
    assert not keeper.auto_lock.is_locked  # no idle lock with 0 minutes
    keeper.lock_now()
    assert keeper.auto_lock.is_locked
    keeper.stop()


def test_quitting_saves_and_writes_a_backup_that_opens(
    qtbot: QtBot, store: Store, db_path: Path, window: Window
) -> None:
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    add_meeting(store)
    assert backups.list_backups(db_path) == []
    keeper.on_quit()
    made = backups.list_backups(db_path)
    assert [b.reason for b in made] == ["quit"]
    assert window.flushed == [""]
    copy = open_backup(made[0].path, db_path.parent / "unpacked")
    copy.close()


def test_opening_and_closing_without_changes_writes_no_backup(
    qtbot: QtBot, store: Store, db_path: Path, window: Window
) -> None:
    add_meeting(store)
    store.close()
    reopened = open_store(db_path, PASSPHRASE)
    try:
        keeper = Safekeeping(window.window, reopened, flush=window.flush, sources=[window.events])
        keeper.on_quit()
        assert backups.list_backups(db_path) == []
    finally:
        reopened.close()


def test_the_timer_takes_a_periodic_backup_once_changes_are_ten_minutes_old(
    qtbot: QtBot, store: Store, db_path: Path, window: Window
) -> None:
    keeper = Safekeeping(
        window.window, store, flush=window.flush, sources=[window.events], check_every_ms=50
    )
    store.last_backup_at = dt.datetime.now() - dt.timedelta(minutes=11)
    add_meeting(store)
    qtbot.waitUntil(lambda: len(backups.list_backups(db_path)) == 1, timeout=3000)
    assert backups.list_backups(db_path)[0].reason == "periodic"
    keeper.stop()


def test_a_failing_automatic_backup_is_told_in_the_status_bar_not_raised(
    qtbot: QtBot,
    store: Store,
    window: Window,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])

    def full(*_args: object) -> None:
        raise OSError("No space left on device")

    # The copy runs as a background job now: its failure comes back to the status bar.
    monkeypatch.setattr(backup_file, "copy_to_one_file", full)
    store.last_backup_at = dt.datetime.now() - dt.timedelta(minutes=11)
    add_meeting(store)
    keeper.keep_up()
    qtbot.waitUntil(
        lambda: "No space left on device" in window.window.statusBar().currentMessage(),
        timeout=3000,
    )
    assert not keeper.jobs.busy
    keeper.stop()


def test_restoring_a_backup_keeps_the_current_database_and_closes_the_app(
    qtbot: QtBot,
    store: Store,
    db_path: Path,
    window: Window,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    first = keeper.backup_now("manual")
    assert first is not None
    add_meeting(store)  # made after the backup: gone once it is restored
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreBackupDialog)
        assert dialog.backups.count() == 1
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialog.try_accept()

    errors = when_dialog_opens(choose)
    assert keeper.restore_from_backup()
    assert not errors, errors
    # Copied back by a background job; the window closes when it is done.
    qtbot.waitUntil(lambda: not window.window.isVisible(), timeout=10_000)
    assert len(told) == 1 and "before-restore" in told[0]
    keeper.on_quit()  # the window's closeEvent calls it: nothing more is written
    reopened = open_store(db_path, PASSPHRASE)
    try:
        from lscp_desktop.models import Meeting

        with reopened.session() as session:
            assert session.get(Meeting, "m1") is None
    finally:
        reopened.close()


def test_concluding_a_meeting_in_the_window_takes_a_concluded_backup(
    qtbot: QtBot,
    store: Store,
    db_path: Path,
    window: Window,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QPushButton

    from lscp_desktop.meeting import decision as meeting_decision
    from lscp_desktop.meeting import record as meeting_record
    from lscp_desktop.models.enums import DecisionOutcome
    from lscp_desktop.ui.meeting.meeting_view import MeetingView
    from tests.meeting_data import (
        build_case,
        build_meeting,
        excuse_unheard_partners,
        mark_present,
    )

    demo = build_case(store)
    meeting_id = build_meeting(store, demo)
    mark_present(store, meeting_id)
    excuse_unheard_partners(store, meeting_id)
    with store.session() as session:
        meeting_record.start(session, meeting_id)
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            rationale="Both limbs met.",
        )
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    view.concluded.connect(keeper.on_meeting_concluded)
    view.go_to(next(i for i, step in enumerate(view.steps) if step.key == "close"))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    conclude = next(
        b for b in view.findChildren(QPushButton) if b.accessibleName() == "Conclude the meeting"
    )
    with qtbot.waitSignal(view.concluded) as concluded:
        conclude.click()
    assert concluded.args == [meeting_id]
    # Taken in the background: the window is back before the copy is done.
    qtbot.waitUntil(lambda: not keeper.jobs.busy, timeout=5000)
    assert [b.reason for b in backups.list_backups(db_path)] == ["concluded"]
    keeper.stop()
    view._finish()


def test_a_backup_runs_beside_the_window_which_keeps_answering(
    qtbot: QtBot,
    store: Store,
    db_path: Path,
    window: Window,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large store's copy takes seconds: the chair's typing must not wait for it."""
    keeper = Safekeeping(window.window, store, flush=window.flush, sources=[window.events])
    real_connect = backups.sqlcipher.connect

    def slow_connect(*args: Any, **kwargs: Any) -> Any:
        time.sleep(2.0)  # as long as copying a large store takes
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(backups.sqlcipher, "connect", slow_connect)
    store.last_backup_at = dt.datetime.now() - dt.timedelta(minutes=11)
    add_meeting(store)
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start(20)
    asked = time.monotonic()
    keeper.keep_up()
    assert time.monotonic() - asked < 1.0  # the GUI thread is back before the copy is done
    assert keeper.jobs.busy
    qtbot.keyClicks(window.editor, "Typed while the backup ran.")
    qtbot.waitUntil(lambda: len(backups.list_backups(db_path)) == 1, timeout=15_000)
    qtbot.waitUntil(lambda: not keeper.jobs.busy, timeout=5000)
    heartbeat.stop()
    assert max(later - earlier for earlier, later in itertools.pairwise(ticks)) < 1.0
    assert window.editor.toPlainText() == "Typed while the backup ran."
    assert "Backed up" in window.window.statusBar().currentMessage()
    keeper.stop()
