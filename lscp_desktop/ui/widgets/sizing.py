"""Sizing windows from the font, never larger than the screen (a 1366x768 laptop, a projector)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget, chars_wide: int, lines_high: int) -> None:
    """Resize to about `chars_wide` average characters by `lines_high` lines, clamped to the
    screen's available area so a large system font never pushes the buttons off-screen."""
    metrics = window.fontMetrics()
    width = metrics.averageCharWidth() * chars_wide
    height = metrics.lineSpacing() * lines_high
    screen = window.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 40)
        height = min(height, available.height() - 60)
    window.resize(width, height)


# A screen smaller than this (a 1366×768 laptop) gets the main window maximised.
ROOMY = (1500, 950)


def keep_within_screen(window: QWidget) -> bool:
    """Cap the window at its screen's available area, so no content can grow it past the edge
    (long content scrolls inside its pane instead); True when the screen is small enough that
    the window should open maximised."""
    screen = window.screen()
    if screen is None:
        return False
    available = screen.availableGeometry()
    window.setMaximumSize(available.size())
    return available.width() < ROOMY[0] or available.height() < ROOMY[1]


def show_fitted(window: QWidget) -> None:
    """Show a main window within its screen: maximised on a laptop-sized screen."""
    if keep_within_screen(window):
        window.showMaximized()
    else:
        window.show()
