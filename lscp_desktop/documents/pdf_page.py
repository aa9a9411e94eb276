"""What every PDF page carries (marking, page X of Y, reference) and the shared text styles."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as ReportlabParagraph

from lscp_desktop.documents.pdf_fonts import BOLD, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
NAVY = colors.HexColor("#1F3864")
BLUE = colors.HexColor("#2F5496")
GREY = colors.HexColor("#404040")
RED = colors.HexColor("#C00000")
HEADER_FILL = colors.HexColor("#D9E2F3")
CHUNK = 2500  # long text is laid out in pieces: reportlab re-wraps a whole paragraph per split


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("Body", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle(
            "Title",
            parent=body,
            fontName=BOLD,
            fontSize=18,
            leading=22,
            textColor=NAVY,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "Subtitle", parent=body, fontSize=11, leading=14, textColor=GREY, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "Heading1",
            parent=body,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            textColor=NAVY,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "Heading2",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            textColor=BLUE,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "note": ParagraphStyle("Note", parent=body, textColor=GREY, leftIndent=12),
        "draft": ParagraphStyle(
            "Draft",
            parent=body,
            fontName=BOLD,
            fontSize=12,
            leading=16,
            textColor=RED,
            alignment=TA_CENTER,
            borderColor=RED,
            borderWidth=1,
            borderPadding=4,
            spaceBefore=4,
            spaceAfter=12,
        ),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "CellHead", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
        "small": ParagraphStyle("Small", parent=body, fontSize=8, leading=10, textColor=GREY),
    }


class PdfParagraph(ReportlabParagraph):  # type: ignore[misc]
    """A reportlab paragraph that breaks its lines once per width.

    reportlab asks a paragraph for its size several times at the same width: a heading kept
    with its next paragraph wraps both to see if they fit, then the frame wraps them again to
    place them; a table wraps each cell to size its rows, then again to split or draw. Breaking
    the lines is the costly part (every word measured) and depends only on the width, so the
    result of the last break is kept and handed back while the width is unchanged.
    """

    _last_break: tuple[float, Any, list[float], float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        last = self._last_break
        if last is not None and last[0] == availWidth:
            _, self.blPara, self._wrapWidths, self.height, self._width_max = last
            self.width = availWidth
            return availWidth, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:  # not set when the width is too narrow to lay out at all
            self._last_break = (
                availWidth,
                self.blPara,
                self._wrapWidths,
                self.height,
                getattr(self, "_width_max", 0),
            )
        return size


def markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, with line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """`text` in pieces of about `size` characters, split at a space or newline if one is near."""
    if len(text) <= size:
        return [text]
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = max(
                text.rfind(" ", start + size // 2, end), text.rfind("\n", start + size // 2, end)
            )
            if cut > start:
                end = cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def paragraphs(text: str, style: ParagraphStyle, label: str = "") -> list[PdfParagraph]:
    """Flowables for free text: one per blank-line paragraph, long ones in several pieces."""
    out: list[PdfParagraph] = []
    prefix = f"<b>{markup(label)}:</b> " if label else ""
    for block in text.split("\n\n") if text else [""]:
        for piece in chunks(block):
            out.append(PdfParagraph(prefix + markup(piece), style))
            prefix = ""
    return out


def draw_draft_watermark(canvas: Canvas, _document: Any) -> None:
    """A large pale diagonal DRAFT, drawn as the page begins so the text sits on top of it."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.8, 0.8, 0.8, alpha=0.45))
    canvas.setFont(BOLD, 110)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -35, "DRAFT")
    canvas.restoreState()


def no_watermark(_canvas: Canvas, _document: Any) -> None:
    return None


def _string_escapes() -> dict[int, str]:
    """How reportlab escapes each byte of text inside a PDF string, as a `str.translate` table."""
    return {byte: escapePDF(bytes([byte])) for byte in range(256)}


def make_numbered_canvas(marking: str, reference: str) -> type[Canvas]:
    """A canvas class that knows the page count when it draws the page furniture."""
    escapes = _string_escapes()

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def _escape(self, s: str | bytes) -> str:
            # Every line of text is escaped byte by byte; without reportlab's optional C
            # accelerator that is a Python loop, and one `translate` gives the same string.
            if isinstance(s, bytes):
                return s.decode("latin-1").translate(escapes)
            return str(super()._escape(s))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            # Page streams are written deflated but not also ASCII85-encoded: that layer only
            # serves 7-bit transports, makes the file a quarter bigger and, in pure Python,
            # costs a tenth of the export. reportlab reads the switch from its global settings
            # while writing, so it is set for this write and put back (either value makes a valid
            # PDF, so another PDF written meanwhile on another thread is unharmed).
            a85 = rl_config.useA85
            rl_config.useA85 = 0
            try:
                super().save()
            finally:
                rl_config.useA85 = a85

        def _furniture(self, total: int) -> None:
            self.saveState()
            self.setFillColor(colors.black)
            self.setFont(BOLD, 10)
            self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 1.2 * cm, marking)
            self.drawCentredString(PAGE_WIDTH / 2, 1.35 * cm, marking)
            self.setFont(REGULAR, 8)
            self.setFillColor(GREY)
            self.drawString(MARGIN, 0.85 * cm, reference)
            self.drawRightString(
                PAGE_WIDTH - MARGIN, 0.85 * cm, f"Page {self._pageNumber} of {total}"
            )
            self.restoreState()

    return NumberedCanvas
