#!/usr/bin/env python3
"""Regenerate resources/templates/minutes-template.docx, the default Word template for minutes.

Run from the repository root with the project's Python:  .venv/bin/python scripts/make-template.py
Every style the minutes use is defined here, so a Business Unit can restyle the minutes by
editing the styles in Word (or by choosing its own letterhead template in Settings).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = (
    Path(__file__).resolve().parent.parent / "resources" / "templates" / "minutes-template.docx"
)
FONT = "Arial"
NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x2F, 0x54, 0x96)
GREY = RGBColor(0x40, 0x40, 0x40)
RED = RGBColor(0xC0, 0x00, 0x00)
PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def paragraph_style(document: docx.document.Document, name: str, base: str = "Normal"):  # type: ignore[no-untyped-def]
    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = styles[base] if base and base != name else None
    style.quick_style = True
    return style


def set_font(style, size: float, *, bold: bool = False, italic: bool = False, color=None) -> None:  # type: ignore[no-untyped-def]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color
    # East Asian and complex-script slots too, or Word falls back to the theme font for them.
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), FONT)


def box(style, color: str) -> None:  # type: ignore[no-untyped-def]
    """A border round the paragraph: used for the DRAFT banner."""
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), color)
        borders.append(edge)
    # Word rejects pPr children out of schema order, so insert before whatever must follow.
    p_pr.insert_element_before(borders, *PPR_AFTER_BORDER)


def main() -> None:
    document = docx.Document()
    styles = document.styles

    normal = styles["Normal"]
    set_font(normal, 10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    title = paragraph_style(document, "Title")
    set_font(title, 20, bold=True, color=NAVY)
    title.paragraph_format.space_after = Pt(4)

    subtitle = paragraph_style(document, "Subtitle")
    set_font(subtitle, 11.5, color=GREY)
    subtitle.paragraph_format.space_after = Pt(12)

    for name, size, color, before in (("Heading 1", 13.5, NAVY, 16), ("Heading 2", 11.5, BLUE, 10)):
        heading = paragraph_style(document, name)
        set_font(heading, size, bold=True, color=color)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True

    for name in ("Header", "Footer"):
        set_font(paragraph_style(document, name), 8.5, color=GREY)

    marking = paragraph_style(document, "Minutes Marking", "Header")
    set_font(marking, 10, bold=True)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.paragraph_format.space_after = Pt(2)

    note = paragraph_style(document, "Minutes Note")
    set_font(note, 10, italic=True, color=GREY)
    note.paragraph_format.left_indent = Cm(0.6)

    draft = paragraph_style(document, "Minutes Draft")
    set_font(draft, 13, bold=True, color=RED)
    draft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    draft.paragraph_format.space_after = Pt(10)
    box(draft, "C00000")

    table_text = paragraph_style(document, "Table Text")
    set_font(table_text, 9.5)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0

    table_heading = paragraph_style(document, "Table Heading", "Table Text")
    set_font(table_heading, 9.5, bold=True)
    table_heading.paragraph_format.keep_with_next = True

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
        section.header_distance = section.footer_distance = Cm(1)

    document.core_properties.title = "Minutes template"
    document.core_properties.author = "LSCP Desktop"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
