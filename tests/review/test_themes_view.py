"""The themes screen: counts of recurring themes, and editing the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.models import Theme
from lscp_desktop.store.database import Store
from lscp_desktop.ui.pages.themes_view import ThemesView
from tests.review.seed_period import load_seed_period


def test_business_unit_sees_recurring_themes_and_edits_the_list(qtbot: QtBot, store: Store) -> None:
    with store.session() as session:
        load_seed_period(session)
    asked: list[str] = []
    answers = [False, True]
    view = ThemesView(
        store, confirm=lambda _parent, question: asked.append(question) or answers.pop(0)
    )
    qtbot.addWidget(view)
    view.show()
    rows = view.rows()
    assert rows[:3] == [
        ("Professional curiosity", 21),
        ("Domestic abuse", 5),
        ("Disguised compliance", 2),
    ]
    view.name_edit.clear()
    qtbot.keyClicks(view.name_edit, "Neglect of dental care")
    qtbot.keyClick(view.name_edit, Qt.Key.Key_Return)
    assert ("Neglect of dental care", 0) in view.rows()
    assert "Added" in view.message.text()
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)  # the same name again
    assert "already a theme" in view.message.text()
    view.select_theme("Neglect of dental care")
    view.name_edit.setText("Dental neglect")
    qtbot.mouseClick(view.rename_button, Qt.MouseButton.LeftButton)
    assert ("Dental neglect", 0) in view.rows()
    view.select_theme("Domestic abuse")
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)  # declined
    assert ("Domestic abuse", 5) in view.rows() and "tagged on 5 cases" in asked[0]
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)  # confirmed
    assert "Domestic abuse" not in dict(view.rows())
    with store.session() as session:
        names = set(session.scalars(select(Theme.name)))
    assert "Dental neglect" in names and "Domestic abuse" not in names
