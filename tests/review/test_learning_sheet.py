"""Learning sheets: drafted from the Rapid Review, edited, exported without the real name."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from lscp_desktop.documents.learning_sheet_export import export_learning_sheet
from lscp_desktop.models import Action, Agency, Meeting
from lscp_desktop.models.enums import MeetingKind
from lscp_desktop.review.learning_sheet import (
    LearningSheetError,
    open_learning_sheet,
    save_learning_sheet,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from tests.review.seed_period import add_case, add_minutes


def _review(store: Store) -> str:
    with store.session() as session:
        police = session.scalars(select(Agency).where(Agency.short_name == "Police")).one()
        case = add_case(
            session, "LSCP-2024-031", police, dt.date(2024, 5, 1), child_name="Jayden Okafor"
        )
        case.child_pseudonym = "Child J"
        case.summary = "Jayden Okafor, aged 2, was admitted with a fractured femur."
        meeting = Meeting(
            id="rr-9", kind=MeetingKind.RAPID_REVIEW, held_at=dt.datetime(2024, 5, 20, 10)
        )
        case.meetings.append(meeting)
        add_minutes(meeting, "Good practice", "The health visitor saw JAYDEN weekly and escalated.")
        add_minutes(
            meeting, "learning", "Agencies did not share the father's history with Okafor's school."
        )
        add_minutes(meeting, "Key practice episodes", "The missed appointment in March.")
        meeting.actions.append(Action(description="Refresh the Was Not Brought policy"))
        meeting.actions.append(Action(description="Visit the sibling today", immediate=True))
    return "rr-9"


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    section = document.sections[0]
    parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def test_sheet_is_drafted_from_the_rapid_review_with_the_pseudonym(store: Store) -> None:
    meeting_id = _review(store)
    with store.session() as session:
        sheet = open_learning_sheet(session, meeting_id)
        assert sheet.title == "Learning from a Rapid Review: Child J"
        assert sheet.incident_summary.startswith("Child J, aged 2, was admitted")
        assert sheet.good_practice == "The health visitor saw Child J weekly and escalated."
        assert "Child J's school" in sheet.learning and "missed appointment" in sheet.learning
        assert sheet.do_differently == "• Refresh the Was Not Brought policy"


def test_business_unit_edits_the_sheet_and_exports_word_without_the_real_name(
    store: Store, tmp_path: Path
) -> None:
    meeting_id = _review(store)
    out = tmp_path / "sheet.docx"
    with store.session() as session:
        save_learning_sheet(
            session, meeting_id, {"good_practice": "Weekly visits; prompt escalation."}
        )
        export_learning_sheet(session, meeting_id, out)
    text = _docx_text(out)
    assert "Weekly visits; prompt escalation." in text
    assert "Child J" in text and "OFFICIAL-SENSITIVE" in text
    raw = b"".join(zipfile.ZipFile(out).read(name) for name in zipfile.ZipFile(out).namelist())
    assert b"Jayden" not in raw and b"Okafor" not in raw
    assert not list(tmp_path.glob(".sheet*"))


def test_export_is_refused_while_a_real_name_is_on_the_sheet(store: Store, tmp_path: Path) -> None:
    meeting_id = _review(store)
    with store.session() as session:
        settings.put(session, settings.NAMES_TO_KEEP_OUT, "Mrs Hollins")
        save_learning_sheet(session, meeting_id, {"learning": "jayden's mother was not seen."})
        with pytest.raises(LearningSheetError, match="appears in: Learning"):
            export_learning_sheet(session, meeting_id, tmp_path / "sheet.pdf")
        save_learning_sheet(session, meeting_id, {"learning": "Mrs Hollins was not seen."})
        with pytest.raises(LearningSheetError, match="Learning"):
            export_learning_sheet(session, meeting_id, tmp_path / "sheet.docx")
        save_learning_sheet(session, meeting_id, {"learning": "The mother was not seen."})
        with pytest.raises(LearningSheetError, match=r"\.docx or \.pdf"):
            export_learning_sheet(session, meeting_id, tmp_path / "sheet.txt")
        export_learning_sheet(session, meeting_id, tmp_path / "sheet.pdf")
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "sheet.docx").exists()
