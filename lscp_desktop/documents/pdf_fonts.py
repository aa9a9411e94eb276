"""The TrueType font every PDF uses: shipped with the app, because reportlab's built-in fonts
cannot show text outside Latin-1 (Polish names, Urdu, Arabic script, ...)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lscp_desktop.documents.errors import ExportError
from lscp_desktop.files.resources import resource_path

REGULAR = "LSCPSans"
BOLD = "LSCPSans-Bold"
# Distinct words remembered per face, so pasted noise cannot grow the cache forever.
WIDTH_CACHE_LIMIT = 100_000


class MeasuredFont(TTFont):  # type: ignore[misc]
    """A TrueType face that remembers the width of each word it has measured, and encodes a
    line of already-seen characters in one step.

    Without reportlab's optional C accelerator, every width is a Python sum over the word's
    characters, and laying out 40 pages of minutes measures ~70,000 words, most of them
    repeats ("the", "child", ...). The cache holds the sum in font units, and the result is
    computed exactly as reportlab does (0.001 * size * sum), so the layout is unchanged.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._units: dict[str, int] = {}

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if not isinstance(text, str):
            text = text.decode(encoding or "utf8")
        units = self._units.get(text)
        if units is None:
            widths = self.face.charWidths.get
            default = self.face.defaultWidth
            units = sum(widths(ord(char), default) for char in text)
            if len(self._units) >= WIDTH_CACHE_LIMIT:
                self._units.clear()
            self._units[text] = units
        return 0.001 * size * units

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> Any:
        """reportlab's split of a line into (subset, codes), answered in one `str.translate`
        when every character of the line already has a code in the first subset (after the
        first pages, nearly every line). Anything else (a new character, a second subset, an
        unknown glyph) goes through reportlab's own loop, which assigns codes as it always did.
        """
        state = self.state.get(doc)
        if state is not None and text and isinstance(text, str):
            assignments: dict[int, int] = state.assignments
            fast = getattr(state, "_lscp_fast", None)
            if fast is None or fast[0] != len(assignments):
                fast = _first_subset_table(assignments)
                state._lscp_fast = fast
            _, known, table = fast
            if known.issuperset(text):
                return [(0, text.translate(table).encode("latin-1"))]
        return super().splitString(text, doc, encoding)


def _first_subset_table(
    assignments: dict[int, int],
) -> tuple[int, frozenset[str], dict[int, str]]:
    """The characters whose codes are in subset 0, and a translation to those codes."""
    table = {char: chr(code) for char, code in assignments.items() if code < 256}
    if 32 in table:
        table[0xA0] = table[32]  # reportlab prints a no-break space as a space
    return len(assignments), frozenset(map(chr, table)), table


def register_fonts() -> None:
    """Register DejaVu Sans with reportlab once per process (safe to call repeatedly)."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    try:
        regular = resource_path("fonts", "DejaVuSans.ttf")
        bold = resource_path("fonts", "DejaVuSans-Bold.ttf")
    except FileNotFoundError as error:
        raise ExportError(f"The PDF font is missing from this installation: {error}") from error
    pdfmetrics.registerFont(MeasuredFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(MeasuredFont(BOLD, str(bold)))
    # No italic face is shipped: italic and bold-italic map onto the upright faces.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
