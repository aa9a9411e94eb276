"""The shortcuts that make the PDF minutes fast must not change a single line of the layout."""

from __future__ import annotations

import io

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from lscp_desktop.documents.pdf_fonts import REGULAR, MeasuredFont
from lscp_desktop.documents.pdf_page import PdfParagraph, make_numbered_canvas, markup, styles
from lscp_desktop.files.resources import resource_path

WORDS = [
    "the",
    "child's",
    "Łukasz",
    "Ó Súilleabháin",
    "محمد",
    "नमस्ते",
    "🙂 emoji",
    "",
    "a-very-long-hyphenated-word-that-may-not-fit",
]
TEXT = (
    "The police safeguarding unit reported that the referral to Early Help was closed "
    "without the family engaging; Łukasz's school raised concerns about محمد twice. "
) * 12


def test_the_shipped_font_measures_every_word_as_reportlab_does() -> None:
    styles()  # registers the fonts
    measured = pdfmetrics.getFont(REGULAR)
    assert isinstance(measured, MeasuredFont)
    plain = TTFont("PlainForComparison", str(resource_path("fonts", "DejaVuSans.ttf")))
    for size in (8, 8.5, 10, 13):
        for word in WORDS * 2:  # the second round answers from the cache
            assert measured.stringWidth(word, size) == plain.stringWidth(word, size)
        assert measured.stringWidth(b"bytes", size) == plain.stringWidth(b"bytes", size)


class Document:
    """Stands in for the PDF document a font keeps its subsets for."""


def test_the_shipped_font_encodes_every_line_as_reportlab_does() -> None:
    styles()
    measured = pdfmetrics.getFont(REGULAR)
    plain = TTFont("PlainForSplitting", str(resource_path("fonts", "DejaVuSans.ttf")))
    lines = [
        "The child's school",
        "The child's school",  # every character known: the quick path
        "no\u00a0break space",
        "",
        "Łukasz and Zoë",
        "محمد  नमस्ते",  # enough new characters to open a second subset
        "中文 has no glyph in DejaVu",
        "back to plain words, then Łukasz again",
        *[chr(code) * 3 + " x" for code in range(0x400, 0x520)],  # fill subsets past 256
        "The child's school with Кирил",
    ]
    ours, theirs = Document(), Document()
    for line in lines:
        assert measured.splitString(line, ours) == plain.splitString(line, theirs), line
    assert measured.state[ours].assignments == plain.state[theirs].assignments
    assert measured.state[ours].subsets == plain.state[theirs].subsets


def test_a_paragraph_wrapped_again_at_the_same_width_keeps_its_lines() -> None:
    body = styles()["body"]
    fresh = Paragraph(markup(TEXT), body)
    kept = PdfParagraph(markup(TEXT), body)
    assert kept.wrap(300, 1000) == fresh.wrap(300, 1000)
    first_lines = kept.blPara.lines
    assert kept.wrap(300, 50) == fresh.wrap(300, 50)  # only the width decides the lines
    assert kept.blPara.lines is first_lines
    narrower = kept.wrap(200, 1000)
    assert narrower == fresh.wrap(200, 1000)
    assert narrower[1] > kept.wrap(300, 1000)[1] > 0
    fresh.wrap(300, 1000)
    assert [words for _, words in kept.blPara.lines] == [words for _, words in fresh.blPara.lines]


def test_a_labelled_paragraph_splits_across_pages_like_reportlabs() -> None:
    body = styles()["body"]
    text = "<b>Reasons:</b> " + markup(TEXT)
    fresh = Paragraph(text, body)
    kept = PdfParagraph(text, body)
    kept.wrap(400, 100)
    fresh.wrap(400, 100)
    halves, expected = kept.split(400, 100), fresh.split(400, 100)
    assert len(halves) == len(expected) == 2
    for half, same in zip(halves, expected, strict=True):
        assert half.wrap(400, 1000) == same.wrap(400, 1000)
        assert half.getPlainText() == same.getPlainText()


def test_text_in_the_page_is_escaped_as_reportlab_escapes_it() -> None:
    canvas_class = make_numbered_canvas("OFFICIAL-SENSITIVE", "ref")
    canvas = canvas_class(io.BytesIO())
    every_byte = bytes(range(256))
    for sample in (every_byte, b"(brackets) and \\ backslash", b"", every_byte[::-1] * 3):
        assert canvas._escape(sample) == escapePDF(sample)
    assert canvas._escape("plain (str)") == escapePDF("plain (str)")
