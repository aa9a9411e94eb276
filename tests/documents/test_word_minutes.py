from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from lscp_desktop.documents.docx_minutes import render_docx
from lscp_desktop.documents.files import export_minutes
from lscp_desktop.documents.meeting_record import load_meeting_record
from lscp_desktop.documents.minutes_content import build_minutes
from lscp_desktop.models import Decision, Meeting, MinuteItem
from lscp_desktop.models.enums import MeetingStatus
from tests.documents.conftest import (
    ADDENDUM,
    DISSENT,
    DISSENT_CONSIDERED,
    EDUCATION_REASONS,
    ESCALATION,
    HEALTH_REASONS,
    LA_REASONS,
    POLICE_REASONS,
    RATIONALE,
    REAL_NAME,
    ExportCase,
)
from tests.documents.reading import docx_all_xml, docx_text

SECTIONS_IN_ORDER = [
    "Meeting details",
    "Attendance, apologies and deputies",
    "Confidentiality and declarations of interest",
    "Purpose of the meeting and the criteria",
    "The child and the incident",
    "Partners' information and opinions",
    "Discussion",
    "Assessment against the criteria",
    "The Local Authority's decision",
    "Dissent and how it was considered",
    "Escalation",
    "Actions",
    "Deadlines",
    "Distribution",
    "Approval",
    "Addenda after approval",
]


def headings(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_word_minutes_have_every_section_in_the_order_a_reader_expects(
    export_case: ExportCase, tmp_path: Path
) -> None:
    target = export_minutes(export_case.store, export_case.rag_id, tmp_path / "minutes.docx")
    found = headings(target)
    assert [h.split(". ", 1)[1] for h in found] == SECTIONS_IN_ORDER
    # Numbered 1..n so a Panel reader can refer to "item 9".
    assert [h.split(". ", 1)[0] for h in found] == [str(n) for n in range(1, len(found) + 1)]


def test_every_partners_reasons_the_decision_and_dissent_are_in_the_minutes(
    export_case: ExportCase, tmp_path: Path
) -> None:
    text = docx_text(export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx"))
    for reasons in (LA_REASONS, POLICE_REASONS, HEALTH_REASONS, EDUCATION_REASONS):
        assert reasons in text
    for words in (RATIONALE, DISSENT, DISSENT_CONSIDERED, ESCALATION):
        assert words in text
    assert "Decision-maker (Local Authority): Sunita Balasubramanian" in text
    assert "Decision: Notify the Panel" in text
    assert "Strategy discussion for the sibling" in text  # actions
    assert "Notification to the Panel due (5 working days from day 0)\n16 Mar 2026" in text
    assert "Det Supt Ahmed" in text  # deputies
    assert "Priya Nandakumar" in text and "Apologies" in text
    assert "executive@example.org" in text  # distribution
    assert "Approved by: Dr Miriam Achterberg" in text


def test_the_minutes_use_the_statutory_names(export_case: ExportCase, tmp_path: Path) -> None:
    """The body is the Child Safeguarding Practice Review Panel (then "the Panel"); the three
    are the safeguarding partners; regulation 11's criteria "include", they are no checklist."""
    rag = docx_text(export_minutes(export_case.store, export_case.rag_id, tmp_path / "rag.docx"))
    review = docx_text(
        export_minutes(export_case.store, export_case.review_id, tmp_path / "rr.docx")
    )
    for text in (rag, review):
        assert "National Panel" not in text.replace("Submission to the National Panel", "")
        assert "statutory partner" not in text.lower()
    assert "notified to the Child Safeguarding Practice Review Panel" in rag
    assert "National Child Safeguarding" not in rag + review
    assert "(safeguarding partner)" in rag
    assert "The criteria in regulation 11 include these, but are not limited to them" in review
    assert "may be more appropriate" in review


def test_marking_and_page_x_of_y_are_in_the_header_and_footer_of_every_section(
    export_case: ExportCase, tmp_path: Path
) -> None:
    target = export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx")
    document = docx.Document(str(target))
    for section in document.sections:
        assert "OFFICIAL-SENSITIVE" in [p.text for p in section.header.paragraphs]
        assert "OFFICIAL-SENSITIVE" in [p.text for p in section.footer.paragraphs]
        footer_xml = section.footer._element.xml
        assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
        assert "Page " in footer_xml and " of " in footer_xml


def test_the_childs_real_name_is_nowhere_in_the_word_file(
    export_case: ExportCase, tmp_path: Path
) -> None:
    xml = docx_all_xml(export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx"))
    assert "Child A" in xml
    for part in REAL_NAME.replace("-", " ").split():
        assert part not in xml


def test_tables_repeat_their_header_row_on_every_page(
    export_case: ExportCase, tmp_path: Path
) -> None:
    target = export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx")
    document = docx.Document(str(target))
    opinions = next(t for t in document.tables if t.rows[0].cells[0].text == "Agency")
    assert opinions.style.name == "Table Grid"
    assert 'w:tblHeader w:val="true"' in opinions.rows[0]._tr.xml
    assert "tblHeader" not in opinions.rows[1]._tr.xml


def approve(case: ExportCase) -> None:
    with case.store.session() as session:
        meeting = session.get(Meeting, case.rag_id)
        assert meeting is not None
        meeting.status = MeetingStatus.APPROVED
        meeting.approved_by = "Dr Miriam Achterberg"
        meeting.approved_at = dt.datetime(2026, 3, 13, 10, 30)


def test_draft_minutes_are_watermarked_and_headed_draft_until_approved(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    draft_path = export_minutes(
        draft_export_case.store, draft_export_case.rag_id, tmp_path / "d.docx"
    )
    draft = docx_all_xml(draft_path)
    assert 'string="DRAFT"' in draft  # the watermark's text path, in the header
    text = docx_text(draft_path)
    assert "DRAFT: not yet approved. Not for onward circulation." in text
    assert "DRAFT: these minutes have not yet been approved." in text
    approve(draft_export_case)
    approved = docx_all_xml(
        export_minutes(draft_export_case.store, draft_export_case.rag_id, tmp_path / "a.docx")
    )
    assert 'string="DRAFT"' not in approved


def test_addendum_and_post_meeting_decision_are_shown_as_such(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    with draft_export_case.store.session() as session:
        decision = session.get(Meeting, draft_export_case.rag_id).decision  # type: ignore[union-attr]
        assert isinstance(decision, Decision)
        decision.post_meeting = True
        decision.decided_on = dt.date(2026, 3, 12)
        decision.recorded_by = "Owen Pryce"
    approve(draft_export_case)
    text = docx_text(
        export_minutes(draft_export_case.store, draft_export_case.rag_id, tmp_path / "m.docx")
    )
    assert "Decision made after the meeting: This decision was made after the meeting" in text
    assert "recorded by Owen Pryce" in text
    assert "Addendum 1: 20 Mar 2026 at 09:15, by Owen Pryce" in text
    assert ADDENDUM in text
    assert text.index(ADDENDUM) > text.index("Approved by")


def test_rapid_review_minutes_carry_the_cspr_decision(
    export_case: ExportCase, tmp_path: Path
) -> None:
    target = export_minutes(export_case.store, export_case.review_id, tmp_path / "rr.docx")
    text = docx_text(target)
    assert "Minutes: Rapid Review meeting" in text
    assert any(
        "decision on a local Child Safeguarding Practice Review" in h for h in headings(target)
    )
    assert "(c) highlights or may highlight concerns about two or more agencies" in text
    assert "Health and education did not share." in text
    assert "Recommendation: Commission a local Child Safeguarding Practice Review (CSPR)" in text
    assert "Rapid Review submitted to the Panel: 31 Mar 2026" in text
    assert "The Panel's response: The Panel agrees with the local decision" in text
    # Agencies gave facts, not a view on notifying: no opinion column or line.
    assert "Agency summaries and chronology" in text
    assert "Professional opinion" not in text


def test_record_seal_is_printed_under_approval(export_case: ExportCase, tmp_path: Path) -> None:
    seal = "audit chain 3f9c0a…e1 over 412 rows"
    target = export_minutes(
        export_case.store, export_case.rag_id, tmp_path / "m.docx", record_seal=seal
    )
    text = docx_text(target)
    assert f"Record seal: {seal}" in text
    assert text.index("Record seal") > text.index("Approved by")


def test_headings_use_word_styles_so_they_show_in_the_navigation_pane(
    export_case: ExportCase, tmp_path: Path
) -> None:
    document = docx.Document(
        str(export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx"))
    )
    styles_used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Normal"} <= styles_used
    assert any(
        p.style.name == "Heading 2" and "West Yorkshire Police" in p.text
        for p in document.paragraphs
    )


def test_a_fifty_page_meeting_exports_whole(draft_export_case: ExportCase) -> None:
    paragraph = (
        "The partners discussed the chronology in detail, including the missed health "
        "appointments and the school's attendance concerns, and agreed what was known. "
    ) * 8
    with draft_export_case.store.session() as session:
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        for number in range(160):
            meeting.minutes.append(MinuteItem(item=f"Item {number}", text=paragraph))
        record = load_meeting_record(session, draft_export_case.rag_id)
    minutes = build_minutes(record, generated_at=dt.datetime(2026, 3, 13, 11, 0))
    # Speed is measured in benchmarks/, not asserted here: this checks that it all comes out.
    words = len(docx_text(render_docx(minutes)).split())
    assert words > 50 * 500  # at least fifty full pages of text


@pytest.mark.parametrize("meeting", ["rag_id", "review_id"])
def test_both_kinds_of_meeting_export(
    export_case: ExportCase, tmp_path: Path, meeting: str
) -> None:
    target = export_minutes(export_case.store, getattr(export_case, meeting), tmp_path / "m.docx")
    assert target.stat().st_size > 10_000


def test_minutes_carry_the_audit_seal_and_the_export_is_audited(
    export_case: ExportCase, tmp_path: Path
) -> None:
    from lscp_desktop.models import AuditEntry
    from lscp_desktop.store import audit

    with export_case.store.session() as session:
        seal = audit.record_seal(session)
    text = docx_text(export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx"))
    assert seal in text
    with export_case.store.session() as session:
        last = session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert last is not None
    assert (last.action, last.entity_id) == ("exported", export_case.rag_id)
    assert last.detail == "minutes (docx) written to m.docx"
