"""An unexpected error: a message a person can read (what failed, nothing lost, where the log
is) and the traceback in an owner-only log that never quotes the error's message."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.ui import error_report


def test_an_unexpected_error_is_told_plainly_and_its_traceback_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "logs" / "errors.log"
    monkeypatch.setattr(error_report, "log_path", lambda: log)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_report.report_unexpected_errors("LSCP Desktop")

    def save_the_case() -> None:
        raise KeyError("Jordan Realname")  # a message that quotes a record

    try:
        save_the_case()
    except KeyError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    ((title, text),) = shown
    assert title == "LSCP Desktop: something went wrong"
    assert "KeyError" in text and "Nothing saved before it is lost" in text
    assert str(log) in text
    logged = log.read_text(encoding="utf-8")
    assert "save_the_case" in logged and "builtins.KeyError" in logged
    assert "Jordan Realname" not in logged  # the log is plain text: no record in it
    assert log.stat().st_mode & 0o077 == 0 and log.parent.stat().st_mode & 0o077 == 0


def test_an_empty_error_message_still_reads(tmp_path: Path) -> None:
    text = error_report.message_for(RuntimeError(), tmp_path / "errors.log")
    assert "RuntimeError: no details were given" in text
    assert "could not be written" in error_report.message_for(RuntimeError("x"), None)


def test_a_store_error_is_shown_in_its_own_words_not_as_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.store.errors import StoreError

    log = tmp_path / "logs" / "errors.log"
    monkeypatch.setattr(error_report, "log_path", lambda: log)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_report.report_unexpected_errors("LSCP Desktop")
    refused = StoreError("LSCP-1 is checked out to Pat on LAPTOP-7 since 01/12/2026 10:00 UTC.")
    sys.excepthook(StoreError, refused, None)
    assert shown == [("LSCP Desktop: not saved", str(refused))]
    assert not log.exists()
