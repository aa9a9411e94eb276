"""The minutes as a Word document, styled only through the template's named styles."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Emu

from lscp_desktop.documents.docx_fields import (
    append_page_x_of_y,
    repeat_as_header_row,
    shade_cell,
    watermark_paragraph,
)
from lscp_desktop.documents.docx_template import open_template
from lscp_desktop.documents.minutes_content import MinutesDocument, Paragraph, Section, Table

HEADER_FILL = "D9E2F3"


class _Writer:
    def __init__(self, document: Any) -> None:
        self.document = document
        # Style ids resolved once and set on the XML directly: python-docx's style setter scans
        # every style in the template on each call, which made a long meeting take seconds.
        self.styles = {style.name: style.style_id for style in document.styles if style.name}
        section = document.sections[0]
        self.text_width = int(section.page_width - section.left_margin - section.right_margin)

    def paragraph(self, text: str, style: str, label: str = "") -> Any:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.styles[style]
        if label:
            paragraph.add_run(f"{label}: ")._r.style = self.styles["Strong"]
        if text:
            # python-docx turns "\n" into a line break and "\t" into a tab.
            paragraph.add_run(text)
        return paragraph

    def block(self, block: Paragraph | Table | Section) -> None:
        if isinstance(block, Section):
            self.section(block)
        elif isinstance(block, Table):
            self.table(block)
        elif "\n\n" in block.text:
            first, *rest = block.text.split("\n\n")
            style = "Minutes Note" if block.note else "Normal"
            self.paragraph(first, style, block.label)
            for part in rest:
                self.paragraph(part, style)
        else:
            self.paragraph(block.text, "Minutes Note" if block.note else "Normal", block.label)

    def section(self, section: Section) -> None:
        self.paragraph(section.heading, "Heading 1" if section.level == 1 else "Heading 2")
        for block in section.blocks:
            self.block(block)

    def table(self, table: Table) -> None:
        first_rows = 0 if table.key_value else 1
        grid = self.document.add_table(rows=first_rows, cols=len(table.columns))
        grid._tbl.tblPr.style = self.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        total = sum(table.widths)
        widths = [Emu(int(self.text_width * w / total)) for w in table.widths]
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        if not table.key_value:
            header = grid.rows[0]
            repeat_as_header_row(header)
            for cell, title, width in zip(header.cells, table.columns, widths, strict=True):
                self._fill(cell, title, "Table Heading", width)
                shade_cell(cell, HEADER_FILL)
        for row in table.rows:
            cells = grid.add_row().cells
            for index, (cell, text, width) in enumerate(zip(cells, row, widths, strict=True)):
                label = table.key_value and index == 0
                self._fill(cell, text, "Table Heading" if label else "Table Text", width)
                if label:
                    shade_cell(cell, HEADER_FILL)
        # A little air after a table, which Word otherwise butts against the next heading.
        self.document.add_paragraph()._p.style = self.styles["Table Text"]

    def _fill(self, cell: Any, text: str, style: str, width: Emu) -> None:
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = self.styles[style]
        if text:
            paragraph.add_run(text)

    def marking(self, minutes: MinutesDocument) -> None:
        """The protective marking in every header and footer; page numbers in the footer."""
        odd_even = bool(self.document.settings.odd_and_even_pages_header_footer)
        for number, section in enumerate(self.document.sections):
            headers = [section.header]
            footers = [section.footer]
            if section.different_first_page_header_footer:
                headers.append(section.first_page_header)
                footers.append(section.first_page_footer)
            if odd_even:
                headers.append(section.even_page_header)
                footers.append(section.even_page_footer)
            for index, header in enumerate(headers):
                if number and header.is_linked_to_previous:
                    continue
                self._marking_paragraph(header, minutes.marking)
                if minutes.draft:
                    header._element.append(watermark_paragraph("DRAFT", number * 3 + index + 1))
            for footer in footers:
                if number and footer.is_linked_to_previous:
                    continue
                self._marking_paragraph(footer, minutes.marking)
                line = footer.add_paragraph()
                line._p.style = self.styles["Footer"]
                line.add_run(f"{minutes.footer_reference} · ")
                append_page_x_of_y(line)

    def _marking_paragraph(self, part: Any, marking: str) -> None:
        first = part.paragraphs[0] if part.paragraphs else None
        if first is not None and not first.text.strip() and not first._p.xpath(".//w:drawing"):
            paragraph = first  # the empty paragraph every new header starts with
        else:
            paragraph = part.add_paragraph()
        paragraph._p.style = self.styles["Minutes Marking"]
        paragraph.add_run(marking)


def render_docx(minutes: MinutesDocument, template: Path | None = None) -> bytes:
    """The .docx file's bytes; the template is read, never written."""
    document = open_template(template)
    writer = _Writer(document)
    writer.marking(minutes)
    if minutes.organisation:
        writer.paragraph(minutes.organisation, "Subtitle")
    writer.paragraph(minutes.title, "Title")
    writer.paragraph(minutes.subtitle, "Subtitle")
    if minutes.draft:
        writer.paragraph("DRAFT: not yet approved. Not for onward circulation.", "Minutes Draft")
    for section in minutes.sections:
        writer.section(section)
    properties = document.core_properties
    properties.title = minutes.title
    properties.subject = minutes.marking
    properties.keywords = minutes.marking
    properties.author = minutes.organisation or "LSCP Desktop"
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
