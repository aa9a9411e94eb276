from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lscp_desktop.documents.decision_record import render_decision_record
from lscp_desktop.documents.docx_minutes import render_docx
from lscp_desktop.documents.meeting_record import MeetingRecord, load_meeting_record
from lscp_desktop.documents.minutes_content import build_minutes
from lscp_desktop.documents.pdf_minutes import render_pdf_minutes
from lscp_desktop.models import Meeting
from lscp_desktop.text_safety import safe_text
from tests.documents.conftest import ExportCase
from tests.documents.reading import docx_text, pdf_pages

NOW = dt.datetime(2026, 3, 13, 11, 0)
NASTY = "bell\x07 nul\x00 vt\x0b ff\x0c lone\ud800 and \udfff fffe\ufffe"


def test_characters_xml_cannot_hold_are_replaced_visibly() -> None:
    cleaned = safe_text(NASTY)
    assert cleaned == (
        "bell[U+0007] nul[U+0000] vt[U+000B] ff[U+000C] lone[U+D800] and [U+DFFF] fffe[U+FFFE]"
    )


def test_right_to_left_overrides_are_flagged_but_arabic_and_emoji_come_through() -> None:
    text = "invoice\u202egnp.exe مرحبا שלום 👶🏽 Łódź"
    cleaned = safe_text(text)
    assert "\u202e" not in cleaned
    assert "invoice[direction control U+202E]gnp.exe" in cleaned
    assert "مرحبا שלום 👶🏽 Łódź" in cleaned


def test_windows_line_endings_become_plain_newlines() -> None:
    assert safe_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def _poisoned_record(export_case: ExportCase, text: str) -> MeetingRecord:
    """The meeting as if `text` had been pasted everywhere, without writing it to the store.

    SQLite itself refuses lone surrogates, so the text is set on the loaded objects only (no
    flush) and rolled back: exactly what the snapshot would see had it come from the screen.
    """
    with export_case.store.session() as session, session.no_autoflush:
        meeting = session.get(Meeting, export_case.rag_id)
        assert meeting is not None
        meeting.decision.rationale = text  # type: ignore[union-attr]
        meeting.minutes[1].item = text
        meeting.minutes[2].text = text
        meeting.contributions[0].reasons = text
        meeting.actions[0].description = text
        meeting.location = text
        meeting.case.child_pseudonym = text[:200] or "Child A"
        record = load_meeting_record(session, export_case.rag_id)
        session.rollback()  # the store keeps its clean text for the next example
    return record


def test_pasted_control_characters_survive_into_word_visibly(export_case: ExportCase) -> None:
    record = _poisoned_record(export_case, "Said:" + NASTY + " \u202eevil")
    text = docx_text(render_docx(build_minutes(record, generated_at=NOW)))
    assert "Said:bell[U+0007] nul[U+0000]" in text
    assert "[direction control U+202E]evil" in text


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.one_of(
        st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300),
        st.text(
            alphabet=st.sampled_from("\x00\x07\x0b\ud800\udfff\u202e\u2066 a\n\r👶ب"), max_size=200
        ),
    )
)
def test_any_pasted_text_exports_to_word_pdf_and_decision_record(
    export_case: ExportCase, text: str
) -> None:
    record = _poisoned_record(export_case, text)
    minutes = build_minutes(record, generated_at=NOW)
    docx.Document(io.BytesIO(render_docx(minutes)))  # opens again: well-formed
    assert pdf_pages(render_pdf_minutes(minutes))
    assert len(pdf_pages(render_decision_record(record, generated_at=NOW))) <= 2


@pytest.mark.slow
def test_a_one_megabyte_paste_exports_to_word_and_the_decision_record(
    export_case: ExportCase,
) -> None:
    # Words and one unbroken run with bad characters in it: both must lay out.
    megabyte = ("word " * 150_000) + ("x\x07\u202e" * 80_000)
    record = _poisoned_record(export_case, megabyte)
    minutes = build_minutes(record, generated_at=NOW)
    assert len(docx_text(render_docx(minutes))) > 5 * 1_000_000
    assert len(pdf_pages(render_decision_record(record, generated_at=NOW))) <= 2


@pytest.mark.slow
def test_a_long_paste_lays_out_in_the_pdf_minutes(export_case: ExportCase) -> None:
    # 100 KB (about 30 pages): the PDF lays long text out in pieces rather than as one block.
    record = _poisoned_record(export_case, ("word " * 12_000) + "y" * 40_000)
    assert len(pdf_pages(render_pdf_minutes(build_minutes(record, generated_at=NOW)))) > 20
