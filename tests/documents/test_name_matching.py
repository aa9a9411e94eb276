"""One name check: variants of a name are caught, and only the text a document prints counts."""

from __future__ import annotations

import unicodedata

import pytest

from lscp_desktop.documents.files import NamesFound, export_decision_record
from lscp_desktop.models import Meeting
from lscp_desktop.names.check import NameMatcher, find_names
from lscp_desktop.names.fields import Document
from tests.documents.conftest import REAL_NAME, ExportCase


def found(names: list[str], text: str) -> list[str]:
    return [text[start:end] for start, end in NameMatcher(names).spans(text)]


@pytest.mark.parametrize(
    "written",
    [
        unicodedata.normalize("NFD", "Zoë"),  # a decomposed accent
        unicodedata.normalize("NFC", "Zoë"),
        "Zoe",  # without its accent
        "Zo\u200bë",  # a zero-width space inside
        "ZOË",
        "Ｚｏë",  # full-width letters (NFKC)
    ],
)
def test_variants_of_the_childs_name_are_caught(written: str) -> None:
    text = f"The school said {written} was often late."
    assert found(["Zoë Thorne"], text) == [written]


def test_a_hit_covers_the_whole_name_as_written_so_redaction_leaves_no_accent() -> None:
    text = "Seen: " + unicodedata.normalize("NFD", "Zoë") + " today."
    assert NameMatcher(["Zoë"]).redact(text, "Child A") == ("Seen: Child A today.", 1)


def test_a_hyphenated_surname_is_caught_part_by_part() -> None:
    text = "Mrs Marsh and Whitlock Marsh and Whitlock\u2011Marsh came."
    assert found(["Tyler Whitlock-Marsh"], text) == [
        "Marsh",
        "Whitlock Marsh",
        "Whitlock\u2011Marsh",
    ]


def test_a_name_part_with_no_letter_is_not_searched_for() -> None:
    matcher = NameMatcher(["\x07\x07\x07 --- Tyler"])
    assert matcher.names == ["tyler"]
    assert found(["\x07\x07\x07"], "a\x07\x07\x07b and \x07\x07\x07") == []


def test_names_in_ordinary_words_are_not_hits() -> None:
    assert found(["Mark"], "Marked as urgent; remarkable.") == []


def test_the_learning_sheet_uses_the_same_check_and_redacts_the_hyphenated_surname() -> None:
    from lscp_desktop.review.learning_sheet import pseudonymise

    text = pseudonymise("Mrs Marsh said so.", NameMatcher(["Tyler Whitlock-Marsh"]), "Child T")
    assert text == "Mrs Child T said so."


def test_the_decision_record_is_not_refused_for_a_name_only_in_the_minutes(
    draft_export_case: ExportCase, tmp_path: pytest.TempPathFactory
) -> None:
    case = draft_export_case
    with case.store.session() as session:
        meeting = session.get_one(Meeting, case.rag_id)
        meeting.minutes[2].text = f"{REAL_NAME} was seen by the GP."
    with case.store.session() as session:
        assert find_names(session, case.rag_id, Document.DECISION_RECORD) == []
        assert find_names(session, case.rag_id, Document.MINUTES)
    export_decision_record(case.store, case.rag_id, tmp_path / "d.pdf")  # type: ignore[operator]
    with case.store.session() as session:
        meeting = session.get_one(Meeting, case.rag_id)
        assert meeting.decision is not None
        meeting.decision.rationale = f"{REAL_NAME} was harmed."
    with pytest.raises(NamesFound):
        export_decision_record(case.store, case.rag_id, tmp_path / "e.pdf")  # type: ignore[operator]


def test_approval_is_refused_until_each_name_is_resolved(draft_export_case: ExportCase) -> None:
    from lscp_desktop.meeting import record as meeting_record
    from lscp_desktop.meeting.record import NamesToResolve
    from lscp_desktop.settings import stored as settings

    case = draft_export_case
    with case.store.session() as session:
        settings.put(session, settings.USER_NAME, "Dr Miriam Achterberg")
        session.get_one(Meeting, case.rag_id).minutes[2].text = f"{REAL_NAME} was seen."
    refused = pytest.raises(NamesToResolve, match="Minutes: Multi-agency discussion")
    with refused, case.store.session() as session:
        meeting_record.approve(session, case.rag_id)
    with case.store.session() as session:
        meeting_record.approve(session, case.rag_id, names_confirmed=True)
