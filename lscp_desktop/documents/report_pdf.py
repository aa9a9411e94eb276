"""The reports' PDFs (annual figures, action plan, learning sheet): their styles and tables.

The page furniture (protective marking at the head and foot of every page, the document's
title, "Page X of Y"), the colours and the font are the minutes' (exports/pdf_page.py), so that
every PDF the app writes looks like one family. Written atomically (writing.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from lscp_desktop.documents import pdf_fonts
from lscp_desktop.documents.minutes_content import MARKING
from lscp_desktop.documents.pdf_page import HEADER_FILL, NAVY, make_numbered_canvas, markup
from lscp_desktop.files.writing import write_via_temporary

# One shipped TrueType font for every PDF the app writes (see exports/pdf_fonts.py).
FONT = pdf_fonts.REGULAR
FONT_BOLD = pdf_fonts.BOLD
ACCENT = NAVY  # the minutes' heading colour
LIGHT = HEADER_FILL  # the minutes' table header fill
OVERDUE = colors.HexColor("#FBE3E3")


register_fonts = pdf_fonts.register_fonts


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "body": body,
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10, textColor=colors.grey
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    highlight_rows: Sequence[int] = (),
) -> Table:
    """A plain ruled table with a shaded header row, wrapped cells, repeated across pages."""
    sheet = styles()
    cells: list[list[Any]] = [[para(text, sheet["cell_bold"]) for text in header]]
    cells += [[para(text, sheet["cell"]) for text in row] for row in rows]
    table = Table(cells, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA7B4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [
        ("BACKGROUND", (0, index + 1), (-1, index + 1), OVERDUE) for index in highlight_rows
    ]
    table.setStyle(TableStyle(commands))
    return table


def write_pdf(
    path: Path,
    title: str,
    story: list[Flowable],
    *,
    pagesize: tuple[float, float] = A4,
) -> None:
    """Build the document into a temp file in the target folder, then replace the target."""
    register_fonts()

    def build(temp: Path) -> None:
        document = SimpleDocTemplate(
            str(temp),
            pagesize=pagesize,
            leftMargin=16 * mm,
            rightMargin=16 * mm,
            topMargin=17 * mm,
            bottomMargin=16 * mm,
            title=title,
            author="LSCP Desktop",
        )
        # The minutes' page furniture: marking on every page, the title, "Page X of Y".
        document.build(story, canvasmaker=make_numbered_canvas(MARKING, title))

    write_via_temporary(Path(path), build)
