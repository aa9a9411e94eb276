"""The main window's own pages and menus: Export, action plan, themes, search."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from lscp_desktop.documents import files
from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.models import Case
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents import exporting
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.pages.action_plan_view import ActionPlanView
from lscp_desktop.ui.pages.search_view import SearchView
from lscp_desktop.ui.pages.themes_view import ThemesView


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    with store.session() as session:
        settings.put(session, settings.USER_NAME, "Sam Okafor")
        add_demo_case(session, dt.date(2026, 11, 2))
    main = MainWindow(store)
    qtbot.addWidget(main)
    main.show()
    yield main


def test_export_menu_writes_the_chosen_cases_latest_minutes_and_opens_them(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with store.session() as session:
        case_id = session.query(Case.id).scalar()
    assert window.register.select_case(case_id)
    target = tmp_path / "minutes.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    opened: list[QUrl] = []
    monkeypatch.setattr(exporting.QDesktopServices, "openUrl", opened.append)
    window.export_menu.update_actions()
    assert window.export_menu.word.isEnabled()
    assert not window.export_menu.sheet.isEnabled()  # learning sheets are for Rapid Reviews
    assert not window.export_menu.rapid_review.isEnabled()  # so is the report for the Panel
    real_render = files.render_docx

    def slow_render(*args: Any, **kwargs: Any) -> bytes:
        time.sleep(1.5)  # as long as a long meeting's minutes take to lay out
        return real_render(*args, **kwargs)

    monkeypatch.setattr(files, "render_docx", slow_render)
    asked = time.monotonic()
    window.export_menu.word.trigger()
    assert time.monotonic() - asked < 1.0  # written by a background job: the window answers
    assert window.jobs.busy
    qtbot.waitUntil(lambda: opened == [QUrl.fromLocalFile(str(target))], timeout=15_000)
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Child D" in text and "Ruby Fictitious" not in text
    # The window says where it went and opens its folder; the next save dialog starts there.
    notice = window.export_notice
    assert notice.isVisibleTo(window) and notice.label.text() == "Written: minutes.docx"
    notice.open_button.click()
    assert opened[-1] == QUrl.fromLocalFile(str(tmp_path))
    assert exporting.export_folder(store) == tmp_path


def test_view_menu_opens_the_action_plan_themes_and_search_pages(window: MainWindow) -> None:
    window.action_plan_action.trigger()
    assert isinstance(window.stack.currentWidget(), ActionPlanView)
    window.themes_action.trigger()
    assert isinstance(window.stack.currentWidget(), ThemesView)
    window.search_action.trigger()
    assert isinstance(window.stack.currentWidget(), SearchView)
    window.register_action.trigger()
    assert window.stack.currentWidget() is window.register


def test_activating_a_search_result_shows_that_case_in_the_register(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    window.search_action.trigger()
    search = window.stack.currentWidget()
    assert isinstance(search, SearchView)
    search.query_edit.setText("femur")
    search.run_search()
    assert search.results.topLevelItemCount() == 1
    item: QTreeWidgetItem = search.results.topLevelItem(0)
    search.results.setCurrentItem(item)
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.register
    with store.session() as session:
        case_id = session.query(Case.id).scalar()
    assert window.register.current_case_id() == case_id


def test_in_a_meeting_f1_belongs_to_the_meeting_screen(window: MainWindow, store: Store) -> None:
    assert not window.shortcuts_action.shortcut().isEmpty()
    with store.session() as session:
        meeting_id = session.query(Case).one().meetings[0].id
    window.open_meeting(meeting_id)
    assert window.shortcuts_action.shortcut().isEmpty()
    window.register_action.trigger()
    assert not window.shortcuts_action.shortcut().isEmpty()
