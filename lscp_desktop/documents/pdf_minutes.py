"""The full minutes as a PDF: the same document model as the Word minutes, laid out by reportlab."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from lscp_desktop.documents.minutes_content import MinutesDocument, Paragraph, Section, Table
from lscp_desktop.documents.pdf_page import (
    HEADER_FILL,
    MARGIN,
    TEXT_WIDTH,
    PdfParagraph,
    draw_draft_watermark,
    make_numbered_canvas,
    markup,
    no_watermark,
    paragraphs,
    styles,
)

TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)
KEY_VALUE_STYLE = TableStyle(
    [
        *TABLE_STYLE.getCommands()[:1],
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        *TABLE_STYLE.getCommands()[2:],
    ]
)


def table_flowable(table: Table, sheet: dict[str, ParagraphStyle]) -> PdfTable:
    total = sum(table.widths)
    widths = [TEXT_WIDTH * w / total for w in table.widths]
    data = []
    if not table.key_value:
        data.append([PdfParagraph(markup(title), sheet["cell_head"]) for title in table.columns])
    for row in table.rows:
        data.append(
            [
                PdfParagraph(
                    markup(text), sheet["cell_head" if table.key_value and i == 0 else "cell"]
                )
                for i, text in enumerate(row)
            ]
        )
    style = KEY_VALUE_STYLE if table.key_value else TABLE_STYLE
    # repeatRows: the header row is drawn again on every page the table runs onto.
    return PdfTable(
        data,
        colWidths=widths,
        repeatRows=0 if table.key_value else 1,
        style=style,
        hAlign="LEFT",
        splitInRow=1,
        spaceAfter=8,
    )


def _section(section: Section, sheet: dict[str, ParagraphStyle], story: list[Flowable]) -> None:
    story.append(PdfParagraph(markup(section.heading), sheet["h1" if section.level == 1 else "h2"]))
    for block in section.blocks:
        if isinstance(block, Section):
            _section(block, sheet, story)
        elif isinstance(block, Table):
            story.append(table_flowable(block, sheet))
        elif isinstance(block, Paragraph):
            style = sheet["note" if block.note else "body"]
            story.extend(paragraphs(block.text, style, block.label))


def render_pdf_minutes(minutes: MinutesDocument) -> bytes:
    sheet = styles()
    story: list[Flowable] = []
    if minutes.organisation:
        story.extend(paragraphs(minutes.organisation, sheet["subtitle"]))
    story.extend(paragraphs(minutes.title, sheet["title"]))
    story.extend(paragraphs(minutes.subtitle, sheet["subtitle"]))
    if minutes.draft:
        story.append(
            PdfParagraph("DRAFT: not yet approved. Not for onward circulation.", sheet["draft"])
        )
    story.append(Spacer(1, 4))
    for section in minutes.sections:
        _section(section, sheet, story)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=minutes.title[:200],
        subject=minutes.marking,
        author=minutes.organisation[:200],
        creator="LSCP Desktop",
    )
    watermark = draw_draft_watermark if minutes.draft else no_watermark
    document.build(
        story,
        onFirstPage=watermark,
        onLaterPages=watermark,
        canvasmaker=make_numbered_canvas(minutes.marking, minutes.footer_reference),
    )
    return buffer.getvalue()
