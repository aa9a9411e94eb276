"""Finding the keyboard mnemonics (Alt+letter) a window offers, to check they are unique."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """letter -> the texts offering it, among what is visible in `window` now."""
    offered: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            offered[letter].append(text)

    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            add(button.text())
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            add(label.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisible() and box.isCheckable():
            add(box.title())
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                add(bar.tabText(index))
    for menu_bar in window.findChildren(QMenuBar):
        if menu_bar.isVisible():
            for action in menu_bar.actions():
                add(action.text())
    return offered


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in mnemonics(window).items() if len(texts) > 1}


def stray_ampersands(window: QWidget) -> list[str]:
    """Visible labels showing a literal "&": a mnemonic with nothing to go to."""
    return [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible()
        and label.buddy() is None
        and mnemonic(label.text()) is not None
        and label.textFormat() != Qt.TextFormat.RichText
    ]
