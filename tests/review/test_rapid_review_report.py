"""Issue 15: a Rapid Review driven through its dialog to the Word report the Panel receives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from lscp_desktop.cli import main
from lscp_desktop.documents.files import NamesFound, export_rapid_review_report
from lscp_desktop.models import Case, Meeting
from lscp_desktop.models.enums import (
    CaseStatus,
    NationalReviewView,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.review import rapid_review
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents import exporting
from lscp_desktop.ui.documents.rapid_review_dialog import RapidReviewDialog
from tests.review_data import build_notified_case, build_rapid_review, fill_rapid_review

HEADINGS = [
    "1. The review",
    "2. Confidentiality",
    "3. The child and the incident",
    "4. Agency involvement: summaries and chronology",
    "5. Key practice episodes",
    "6. The impact of racism and other inequalities",
    "7. Good practice",
    "8. Learning and areas for improvement",
    "9. Immediate safeguarding action",
    "10. The decision on a local Child Safeguarding Practice Review",
    "11. The safeguarding partners' view on a national review",
    "12. Submission to the Panel and its response",
    "13. Sign-off by the safeguarding partners",
]
DECIDED_ON = dt.date(2026, 3, 18)
SENT_ON = dt.date(2026, 3, 24)


def _review_ready(store: Store) -> str:
    """A Rapid Review held, a CSPR recommended and the review sent to the Panel."""
    demo = build_notified_case(store)
    meeting_id = build_rapid_review(store, demo)
    fill_rapid_review(store, meeting_id, demo)
    with store.session() as session:
        case = session.get_one(Case, demo.case_id)
        assert case.status is CaseStatus.RAPID_REVIEW  # the Rapid Review started
        case.children[0].ethnicity = "Black British – Caribbean"
        case.children[0].disability = "Autism (diagnosed 2025)"
        outcome = rapid_review.open_outcome(session, meeting_id)
        rapid_review.recommend(
            outcome, ReviewRecommendation.CSPR, "Two criteria are met.", DECIDED_ON
        )
        rapid_review.record_submission(outcome, SENT_ON)
    return meeting_id


def _sections(path: Path) -> dict[str, list[str]]:
    """Each Heading 1 of the report with the text (paragraphs and cells) under it."""
    document = docx.Document(str(path))
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    body = document.element.body
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            paragraph = paragraphs[child]
            if paragraph.style is not None and paragraph.style.name == "Heading 1":
                current = sections.setdefault(paragraph.text, [])
            elif current is not None and paragraph.text.strip():
                current.append(paragraph.text)
        elif child in tables and current is not None:
            for row in tables[child].rows:
                current.append(" | ".join(cell.text for cell in row.cells))
    return sections


def test_a_rapid_review_driven_through_the_widgets_to_its_report(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = _review_ready(store)
    target = tmp_path / "rapid-review"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    opened: list[QUrl] = []
    monkeypatch.setattr(exporting.QDesktopServices, "openUrl", opened.append)

    dialog = RapidReviewDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    # Each child's ethnicity and disability beside the inequalities box.
    assert "Child A: ethnicity Black British – Caribbean, disability Autism (diagnosed 2025)" in (
        dialog.children_note.text()
    )
    dialog.inequalities.setPlainText(
        "The family's first language is Polish; no interpreter was booked for the visits."
    )
    dialog.good_practice.setPlainText("The hospital referred within the hour.")
    dialog.learning.setPlainText("Early Help closed without seeing the child.")
    dialog.immediate_action.setPlainText("The sibling was seen the same day.")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    for column, text in enumerate(
        (
            "Early Help closure",
            "January 2026",
            "Early Help; Health visiting",
            "The case was closed after one visit.",
            "The child was not seen; the closure was not checked with Health.",
        )
    ):
        dialog.episodes.item(0, column).setText(text)
    dialog.view.setCurrentIndex(dialog.view.findData(NationalReviewView.NOT_RECOMMENDED.value))
    dialog.view_rationale.setPlainText("The learning is local to the partnership.")
    for (_partner, name, role, date), (who, what) in zip(
        dialog.sign_rows,
        [
            ("Priya Shah", "Director of Children's Services"),
            ("Dr Ruth Adeyemi", "Chief Nurse"),
            ("Tom Hughes", "Detective Superintendent"),
        ],
        strict=True,
    ):
        name.setText(who)
        role.setText(what)
        date.set_value(dt.date(2026, 3, 23))
    assert [row[0] for row in dialog.sign_rows] == list(rapid_review.SAFEGUARDING_PARTNERS)
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)

    written = tmp_path / "rapid-review.docx"
    assert written.exists()
    title = [p.text for p in docx.Document(str(written)).paragraphs[:4]]
    assert (
        "Child A · LSCP-2026-014 · 18 Mar 2026 · signed off by the safeguarding partners" in title
    )
    assert not any(text.startswith("DRAFT") for text in title)
    assert opened == [QUrl.fromLocalFile(str(written))]
    sections = _sections(written)
    assert list(sections) == HEADINGS
    assert any(
        "OFFICIAL-SENSITIVE" in p.text
        for p in docx.Document(str(written)).sections[0].header.paragraphs
    )
    assert any("Sent to the Panel | 24 Mar 2026" in line for line in sections[HEADINGS[0]])
    assert "Children and family members are referred to by pseudonym only." in " ".join(
        sections["2. Confidentiality"]
    )
    assert "deciding whether the incident must be notified" not in " ".join(
        line for lines in sections.values() for line in lines
    )
    episodes = sections["5. Key practice episodes"]
    assert "1 | Early Help closure | January 2026 | Early Help, Health visiting" in episodes
    assert "The child was not seen; the closure was not checked with Health." in " ".join(episodes)
    inequalities = sections["6. The impact of racism and other inequalities"]
    assert "Child A | Black British – Caribbean | Autism (diagnosed 2025)" in inequalities
    assert any("no interpreter was booked" in line for line in inequalities)
    assert sections["7. Good practice"] == ["The hospital referred within the hour."]
    assert sections["9. Immediate safeguarding action"][0] == "The sibling was seen the same day."
    assert (
        "Decision: Commission a local Child Safeguarding Practice Review (CSPR)"
        in (sections[HEADINGS[9]])
    )
    assert sections[HEADINGS[10]] == [
        "View: A national review is not recommended",
        "Reasons: The learning is local to the partnership.",
    ]
    assert sections[HEADINGS[11]] == ["Sent on: 24 Mar 2026", "The Panel's response: Awaited"]
    sign_off = sections["13. Sign-off by the safeguarding partners"]
    assert sign_off[1:] == [
        "Local Authority | Priya Shah | Director of Children's Services | 23 Mar 2026",
        "Integrated Care Board | Dr Ruth Adeyemi | Chief Nurse | 23 Mar 2026",
        "Police | Tom Hughes | Detective Superintendent | 23 Mar 2026",
    ]
    everything = " ".join(line for lines in sections.values() for line in lines)
    assert "Jordan Realname" not in everything  # pseudonyms only
    with store.session() as session:
        case = session.get_one(Meeting, meeting_id).case
        assert case.status is CaseStatus.CSPR  # the recommendation moved it on
        assert case.cspr is not None and case.cspr.commissioned_on == DECIDED_ON


def test_a_broken_rule_in_the_dialog_is_shown_and_nothing_is_saved(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = _review_ready(store)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dialog = RapidReviewDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    dialog.good_practice.setPlainText("Kept only if everything saves.")
    dialog.view.setCurrentIndex(dialog.view.findData(NationalReviewView.RECOMMENDED.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert shown == ["Give the reasons for the partners' view on a national review."]
    assert dialog.isVisible() or not dialog.result()
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        assert outcome.good_practice == ""
        assert outcome.national_review_view is NationalReviewView.UNDECIDED


def test_the_command_writes_the_report_and_refuses_other_meetings_and_names(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if store.is_server:
        pytest.skip("the command is given the file's path")
    meeting_id = _review_ready(store)
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        outcome.learning = "Jordan Realname was not seen."
        rag_id = next(
            m.id for m in session.get_one(Meeting, meeting_id).case.meetings if m.id != meeting_id
        )
    with pytest.raises(NamesFound):
        export_rapid_review_report(store, meeting_id, tmp_path / "refused.docx")
    assert not (tmp_path / "refused.docx").exists()
    store.close()
    out = tmp_path / "report.docx"
    code = main(
        ["rapid-review-report", meeting_id, "-o", str(out), "--redact-names", "--db", str(db_path)]
    )
    assert code == 0
    text = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "DRAFT: not yet signed off by the three safeguarding partners" in text
    assert "Child A was not seen." in text and "Jordan Realname" not in text
    assert (
        main(["rapid-review-report", rag_id, "-o", str(tmp_path / "x.docx"), "--db", str(db_path)])
        != 0
    )
    assert "not a Rapid Review" in capsys.readouterr().err


def test_the_decision_record_of_a_rapid_review_shows_its_outcome_not_opinions(
    store: Store, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from lscp_desktop.documents.files import export_decision_record

    meeting_id = _review_ready(store)
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        rapid_review.record_national_review_view(
            outcome, NationalReviewView.NOT_RECOMMENDED, "Local learning."
        )
    path = export_decision_record(store, meeting_id, tmp_path / "record.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "Each partner's opinion" not in text
    assert "Undecided" not in text
    assert "A national review is not recommended" in text
    assert "Not yet signed off." in text


def test_the_panel_asking_for_more_information_reopens_the_submission(store: Store) -> None:
    meeting_id = _review_ready(store)
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        with pytest.raises(rapid_review.ReviewRuleError, match="what information"):
            rapid_review.record_panel_response(
                outcome, PanelResponse.MORE_INFORMATION, dt.date(2026, 4, 1)
            )
        with pytest.raises(rapid_review.ReviewRuleError, match="request first"):
            rapid_review.record_resubmission(outcome, dt.date(2026, 4, 2))
        rapid_review.record_panel_response(
            outcome, PanelResponse.MORE_INFORMATION, dt.date(2026, 4, 1), "The GP chronology."
        )
        assert rapid_review.submission_reopened(outcome)
        with pytest.raises(rapid_review.ReviewRuleError, match="before the Panel asked"):
            rapid_review.record_resubmission(outcome, dt.date(2026, 3, 31))
        rapid_review.record_resubmission(outcome, dt.date(2026, 4, 8))
        with pytest.raises(rapid_review.ReviewRuleError, match="before the resubmission"):
            rapid_review.record_panel_response(outcome, PanelResponse.AGREES, dt.date(2026, 4, 7))
        rapid_review.record_panel_response(
            outcome, PanelResponse.NATIONAL_REVIEW, dt.date(2026, 4, 20), "A national review."
        )
        # The first submission stays: timeliness is measured on it.
        assert outcome.submitted_to_panel_on == SENT_ON
        assert outcome.resubmitted_to_panel_on == dt.date(2026, 4, 8)
        assert outcome.panel_response is PanelResponse.NATIONAL_REVIEW


def test_sign_off_needs_a_name_and_a_date_not_before_the_meeting(store: Store) -> None:
    meeting_id = _review_ready(store)
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        with pytest.raises(rapid_review.ReviewRuleError, match="Give the name"):
            rapid_review.sign_off(outcome, "Police", "", "DCI", dt.date(2026, 3, 20))
        with pytest.raises(rapid_review.ReviewRuleError, match="before the Rapid Review"):
            rapid_review.sign_off(outcome, "Police", "Tom Hughes", "DCI", dt.date(2026, 3, 1))
        for partner in rapid_review.SAFEGUARDING_PARTNERS[:2]:
            rapid_review.sign_off(outcome, partner, "A Person", "Lead", dt.date(2026, 3, 20))
        assert not rapid_review.signed_off(outcome)
        rapid_review.sign_off(outcome, "police", "Tom Hughes", "DCI", dt.date(2026, 3, 20))
        assert rapid_review.signed_off(outcome)
        assert len(outcome.sign_off) == 3  # the agency's row is replaced, not added twice


def test_the_signed_off_content_is_locked_until_a_sign_off_is_cleared(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = _review_ready(store)
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        rapid_review.record_content(
            outcome,
            inequalities="As signed.",
            good_practice="",
            learning="",
            immediate_action="",
        )
        for partner in rapid_review.SAFEGUARDING_PARTNERS:
            rapid_review.sign_off(outcome, partner, "A Person", "Lead", dt.date(2026, 3, 23))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dialog = RapidReviewDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    dialog.inequalities.setPlainText("Changed after signing.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "signed this Rapid Review off" in shown[-1]
    # The Panel's response is follow-up: it can be recorded on a signed review.
    dialog.inequalities.setPlainText("As signed.")
    dialog.response.setCurrentIndex(dialog.response.findData(PanelResponse.AGREES.value))
    dialog.response_on.set_value(dt.date(2026, 4, 3))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    dialog = RapidReviewDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    dialog.sign_rows[2][3].set_value(None)  # the Police's date cleared: reopened
    dialog.inequalities.setPlainText("Changed, to be signed again.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    with store.session() as session:
        outcome = rapid_review.open_outcome(session, meeting_id)
        assert outcome.inequalities == "Changed, to be signed again."
        assert outcome.panel_response is PanelResponse.AGREES
        assert not rapid_review.signed_off(outcome)
