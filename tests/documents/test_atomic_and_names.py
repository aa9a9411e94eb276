from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from lscp_desktop.documents.errors import ExportError
from lscp_desktop.documents.files import NamesFound, export_decision_record, export_minutes
from lscp_desktop.files import writing
from lscp_desktop.models import Meeting
from lscp_desktop.names.check import find_names, replace_all, replace_hit
from lscp_desktop.settings import stored as settings
from tests.documents.conftest import REAL_NAME, SIBLING_NAME, ExportCase
from tests.documents.reading import docx_text


def plant_names(export_case: ExportCase) -> None:
    with export_case.store.session() as session:
        meeting = session.get(Meeting, export_case.rag_id)
        assert meeting is not None
        meeting.minutes[2].text += f"\n\nThe nursery said {REAL_NAME} was often hungry."
        meeting.contributions[1].information = f"Jaydon's sister {SIBLING_NAME} was at home."


def test_export_is_refused_while_a_real_name_is_in_the_text(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    plant_names(draft_export_case)
    with pytest.raises(NamesFound) as caught:
        export_minutes(draft_export_case.store, draft_export_case.rag_id, tmp_path / "m.docx")
    hits = caught.value.hits
    assert [(h.field.label, h.name) for h in hits] == [
        ("Minutes: Multi-agency discussion", REAL_NAME),
        ("Police's information", "Jaydon"),
        ("Police's information", SIBLING_NAME),
    ]
    assert hits[0].context.endswith(f"[{REAL_NAME}] was often hungry.…")
    assert not (tmp_path / "m.docx").exists()


def test_replacing_every_hit_clears_the_check_and_the_export_goes_ahead(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    plant_names(draft_export_case)
    with draft_export_case.store.session() as session:
        assert replace_all(session, find_names(session, draft_export_case.rag_id), "Child A") == 3
    with draft_export_case.store.session() as session:
        assert find_names(session, draft_export_case.rag_id) == []
    text = docx_text(
        export_minutes(draft_export_case.store, draft_export_case.rag_id, tmp_path / "m.docx")
    )
    assert "The nursery said Child A was often hungry." in text
    assert "Child A's sister Child A was at home." in text


def test_a_stale_hit_is_not_replaced_blindly(draft_export_case: ExportCase) -> None:
    plant_names(draft_export_case)
    with draft_export_case.store.session() as session:
        hit = find_names(session, draft_export_case.rag_id)[0]
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        meeting.minutes[2].text = "Rewritten since the check."
    with draft_export_case.store.session() as session:
        assert replace_hit(session, hit, "Child A") is False


def test_confirmed_names_are_exported_as_written(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    plant_names(draft_export_case)
    target = export_minutes(
        draft_export_case.store, draft_export_case.rag_id, tmp_path / "m.docx", confirm_names=True
    )
    assert SIBLING_NAME in docx_text(target)


def test_names_to_keep_out_come_from_settings(export_case: ExportCase) -> None:
    with export_case.store.session() as session:
        settings.put(session, settings.NAMES_TO_KEEP_OUT, "Civic Hall")
    with export_case.store.session() as session:
        hits = find_names(session, export_case.rag_id)
    assert [(h.field.label, h.name) for h in hits] == [("Place of the meeting", "Civic Hall")]


def test_a_failed_write_leaves_the_earlier_file_intact(
    export_case: ExportCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "record.pdf"
    target.write_bytes(b"yesterday's decision record")

    def disk_full(_source: object, _target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", disk_full)
    with pytest.raises(ExportError, match=r"the disk is full\. Any earlier copy is unchanged"):
        export_decision_record(export_case.store, export_case.rag_id, target)
    assert target.read_bytes() == b"yesterday's decision record"
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".part")]


def test_a_file_locked_by_word_is_reported_clearly(
    export_case: ExportCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"open in Word")

    def locked(_source: object, _target: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writing.os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        export_minutes(export_case.store, export_case.rag_id, target)
    assert target.read_bytes() == b"open in Word"


def test_a_folder_in_the_way_or_a_missing_folder_is_a_clear_error(
    export_case: ExportCase, tmp_path: Path
) -> None:
    (tmp_path / "minutes.docx").mkdir()
    with pytest.raises(ExportError, match="that is a folder"):
        export_minutes(export_case.store, export_case.rag_id, tmp_path / "minutes.docx")
    with pytest.raises(ExportError, match="the folder does not exist"):
        export_minutes(export_case.store, export_case.rag_id, tmp_path / "nowhere" / "m.docx")


def test_a_failed_export_changes_nothing_in_the_store(
    export_case: ExportCase, tmp_path: Path
) -> None:
    before = export_case.store.path.read_bytes()
    with pytest.raises(ExportError):
        export_minutes(export_case.store, export_case.rag_id, tmp_path / "no" / "m.docx")
    with export_case.store.session() as session:
        meeting = session.get(Meeting, export_case.rag_id)
        assert meeting is not None and len(meeting.contributions) == 4
    assert len(export_case.store.path.read_bytes()) == len(before)
