"""Search as you type, and opening what was found."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lscp_desktop.store.database import Store
from lscp_desktop.ui.pages.search_view import SearchView
from tests.review.test_search import _case_with_minutes


def test_user_types_and_opens_the_meeting_whose_minutes_match(qtbot: QtBot, store: Store) -> None:
    _case_with_minutes(store)
    view = SearchView(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClicks(view.query_edit, "missed app")
    qtbot.waitUntil(lambda: view.results.topLevelItemCount() == 1)
    case_item = view.results.topLevelItem(0)
    assert case_item.text(0) == "Child Q — LSCP-2023-017"
    hit = case_item.child(0)
    assert hit.text(0).startswith("Minutes: ") and "missed appointments" in hit.text(0)
    with qtbot.waitSignal(view.resultActivated) as activated:
        view.results.itemActivated.emit(hit, 0)
    assert activated.args[1] == "meet-1"
    view.query_edit.clear()
    qtbot.keyClicks(view.query_edit, "Kayleigh")  # the real name: never found
    qtbot.waitUntil(lambda: view.status.text() == "No case matches.")
    assert view.results.topLevelItemCount() == 0
    view.query_edit.clear()
    qtbot.keyClicks(view.query_edit, "head injury")
    with qtbot.waitSignal(view.resultActivated) as activated:
        qtbot.keyClick(view.query_edit, Qt.Key.Key_Return)
    assert activated.args[1] == "" and activated.args[0] > 0
