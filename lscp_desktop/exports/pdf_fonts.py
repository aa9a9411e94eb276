"""The TrueType font every PDF uses: shipped with the app, because reportlab's built-in fonts
cannot show text outside Latin-1 (Polish names, Urdu, Arabic script, ...)."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lscp_desktop.exports.errors import ExportError
from lscp_desktop.resources import resource_path

REGULAR = "LSCPSans"
BOLD = "LSCPSans-Bold"


def register_fonts() -> None:
    """Register DejaVu Sans with reportlab once per process (safe to call repeatedly)."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    try:
        regular = resource_path("fonts", "DejaVuSans.ttf")
        bold = resource_path("fonts", "DejaVuSans-Bold.ttf")
    except FileNotFoundError as error:
        raise ExportError(f"The PDF font is missing from this installation: {error}") from error
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    # No italic face is shipped: italic and bold-italic map onto the upright faces.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
