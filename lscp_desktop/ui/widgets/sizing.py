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
