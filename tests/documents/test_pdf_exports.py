from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from lscp_desktop.documents.decision_record import SHORTENED
from lscp_desktop.documents.files import export_decision_record, export_minutes
from lscp_desktop.models import Contribution, Meeting
from tests.documents.conftest import (
    CSPR_RATIONALE,
    DISSENT,
    POLICE_REASONS,
    RATIONALE,
    REAL_NAME,
    ExportCase,
)
from tests.documents.reading import pdf_pages


def flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def test_pdf_minutes_carry_the_same_content_with_marking_on_every_page(
    export_case: ExportCase, tmp_path: Path
) -> None:
    pages = pdf_pages(
        export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.pdf", "pdf")
    )
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2  # header and footer
        assert f"Page {number} of {len(pages)}" in page
    text = flat(pages)
    for words in (RATIONALE, DISSENT, POLICE_REASONS, "16. Addenda after approval"):
        assert " ".join(words.split()) in text
    assert "Child A" in text
    assert not any(part in text for part in REAL_NAME.replace("-", " ").split())


def test_decision_record_fits_two_pages_with_everything_a_partner_needs(
    export_case: ExportCase, tmp_path: Path
) -> None:
    target = export_decision_record(export_case.store, export_case.rag_id, tmp_path / "d.pdf")
    pages = pdf_pages(target)
    assert 1 <= len(pages) <= 2
    text = flat(pages)
    for expected in (
        "Child A",
        "LSCP-2026-014",
        "Extra-Ordinary Review Advisory Group (RAG) meeting, 11 Mar 2026 at 14:00",
        "Criteria assessment",
        "West Yorkshire Police Notify",
        "Do not notify",
        "Decision: Notify the Panel",
        RATIONALE,
        DISSENT,
        "Notification due (5 working days) 16 Mar 2026",
        "Strategy discussion for the sibling",
        "Generated on",
    ):
        assert " ".join(expected.split()) in text, expected
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    assert not any(part in text for part in REAL_NAME.replace("-", " ").split())


def test_decision_record_uses_the_shipped_font_so_any_script_shows(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    with draft_export_case.store.session() as session:
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        meeting.decision.rationale = "Gwałtowne zmiany; دلیل; причина; 理由 ✓"  # type: ignore[union-attr]
    target = export_decision_record(
        draft_export_case.store, draft_export_case.rag_id, tmp_path / "d.pdf"
    )
    reader = PdfReader(str(target))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
        for font in [font.get_object()]
    }
    assert any("DejaVuSans" in name for name in fonts), fonts
    assert "Gwałtowne zmiany" in flat(pdf_pages(target))  # selectable text, not an image


def test_an_over_long_field_is_shortened_with_a_pointer_to_the_minutes(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    essay = "The partners considered every strand of the chronology in turn. " * 900
    with draft_export_case.store.session() as session:
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        meeting.decision.rationale = essay  # type: ignore[union-attr]
        for contribution in meeting.contributions:
            contribution.reasons = essay
        meeting.contributions.extend(
            Contribution(agency=c.agency, reasons=essay) for c in list(meeting.contributions)
        )
    pages = pdf_pages(
        export_decision_record(
            draft_export_case.store, draft_export_case.rag_id, tmp_path / "d.pdf"
        )
    )
    assert len(pages) <= 2
    assert " ".join(SHORTENED.split()) in flat(pages)


def test_rapid_review_decision_record_shows_the_cspr_decision(
    export_case: ExportCase, tmp_path: Path
) -> None:
    pages = pdf_pages(
        export_decision_record(export_case.store, export_case.review_id, tmp_path / "rr.pdf")
    )
    text = flat(pages)
    assert "Decision record: Rapid Review" in text
    assert "Regulation 11 criterion" in text
    assert " ".join(CSPR_RATIONALE.split()) in text
    assert "DRAFT" in text  # the Rapid Review minutes are concluded, not approved


def test_pdf_minutes_of_a_draft_say_draft(draft_export_case: ExportCase, tmp_path: Path) -> None:
    text = flat(
        pdf_pages(
            export_minutes(
                draft_export_case.store, draft_export_case.rag_id, tmp_path / "m.pdf", "pdf"
            )
        )
    )
    assert "DRAFT: not yet approved" in text
