"""A learning sheet as a Word document: one or two pages, marked OFFICIAL-SENSITIVE."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from lscp_desktop.date_text import written_date
from lscp_desktop.documents.minutes_content import MARKING
from lscp_desktop.files.writing import write_via_temporary
from lscp_desktop.review.learning_sheet import LearningSheetContent

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
RED = RGBColor(0xB0, 0x00, 0x20)


def _marking(paragraph: object) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    run = paragraph.add_run(MARKING)  # type: ignore[attr-defined]
    run.bold = True
    run.font.size = Pt(9)
    run.font.color.rgb = RED


def sections(content: LearningSheetContent) -> list[tuple[str, str]]:
    return [
        ("What happened", content.incident_summary),
        ("Good practice", content.good_practice),
        ("Learning", content.learning),
        ("What partners should do differently", content.do_differently),
    ]


def write_learning_sheet_docx(path: Path, content: LearningSheetContent) -> None:
    document = Document()
    page = document.sections[0]
    page.page_height, page.page_width = Mm(297), Mm(210)
    page.left_margin = page.right_margin = Mm(20)
    page.top_margin = page.bottom_margin = Mm(18)
    _marking(page.header.paragraphs[0])
    _marking(page.footer.paragraphs[0])
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)

    title = document.add_paragraph()
    run = title.add_run(content.title)
    run.bold = True
    run.font.size = Pt(17)
    run.font.color.rgb = ACCENT
    facts = document.add_paragraph()
    facts_run = facts.add_run(
        f"{content.organisation + ' · ' if content.organisation else ''}"
        f"Rapid Review of {written_date(content.review_date)} · {content.child_pseudonym} "
        f"({content.case_reference}) · Outcome: {content.recommendation}"
    )
    facts_run.font.size = Pt(9)
    facts_run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for heading, text in sections(content):
        para = document.add_paragraph()
        para.paragraph_format.space_before = Pt(8)
        head = para.add_run(heading)
        head.bold = True
        head.font.size = Pt(12.5)
        head.font.color.rgb = ACCENT
        for block in (text or "Not recorded.").split("\n"):
            if block.strip():
                document.add_paragraph(block.strip())
    closing = document.add_paragraph()
    closing.paragraph_format.space_before = Pt(10)
    note = closing.add_run(
        "This sheet names the child by pseudonym only. Share it within the partnership for "
        "learning and training; do not forward it outside."
    )
    note.italic = True
    note.font.size = Pt(8.5)
    write_via_temporary(path, lambda temp: document.save(str(temp)))
