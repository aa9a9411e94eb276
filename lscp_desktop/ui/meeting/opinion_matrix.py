"""Each partner's opinion at a glance, for the chair's screen and the projector."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from lscp_desktop.meeting.contributions import OpinionRow
from lscp_desktop.models.enums import Opinion
from lscp_desktop.ui.meeting.fields import scaled_font

# Words carry the meaning; colour only helps the eye (and survives a washed-out projector).
OPINION_LOOK: dict[Opinion | None, tuple[str, str]] = {
    Opinion.NOTIFY: ("Notify", "background:#1d4e89;color:white;"),
    Opinion.DO_NOT_NOTIFY: ("Do not notify", "background:#6b3a7d;color:white;"),
    Opinion.UNDECIDED: ("Undecided", "background:#e9d98a;color:#222;"),
    None: ("Not heard yet", "color:palette(mid);border:1px dashed palette(mid);"),
}


class OpinionMatrix(QFrame):
    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("opinionMatrix")
        self.setAccessibleName("Opinion matrix")
        self._scale = scale
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._rows: list[OpinionRow] = []

    def show_rows(self, rows: Sequence[OpinionRow]) -> None:
        if list(rows) == self._rows:
            return
        self._rows = list(rows)
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from findChild at once, not at the next loop
                widget.deleteLater()
        for index, row in enumerate(rows):
            name = QLabel(row.label + ("" if row.statutory else " (invited)"))
            name.setTextFormat(Qt.TextFormat.PlainText)  # an agency's name, never markup
            name.setFont(scaled_font(name, self._scale, bold=row.statutory))
            words, style = OPINION_LOOK[row.opinion]
            words = row.words or words  # a death's notification: "Also an SCSI" / "Not an SCSI"
            if row.opinion is not None and not row.has_reasons:
                words += " (no reasons yet)"
            badge = QLabel(words)
            badge.setObjectName(f"opinion-{row.agency_id}")
            badge.setFont(scaled_font(badge, self._scale))
            badge.setStyleSheet(f"QLabel{{{style}border-radius:3px;padding:1px 6px;}}")
            badge.setAccessibleName(f"{row.label}: {words}")
            self._grid.addWidget(name, index, 0)
            self._grid.addWidget(badge, index, 1)
        self._grid.setColumnStretch(1, 1)

    def opinion_text(self, agency_id: int) -> str:
        """What the matrix shows for an agency (for tests and screen readers)."""
        badge = self.findChild(QLabel, f"opinion-{agency_id}")
        return "" if badge is None else badge.text()
