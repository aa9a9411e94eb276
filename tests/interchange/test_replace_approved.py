"""`import --replace` brings approved minutes and the LA decision back only unchanged."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.interchange import InterchangeError, export_document, import_document
from lscp_desktop.store.database import Store
from lscp_desktop.store.integrity import check_database
from tests.conftest import PASSPHRASE
from tests.interchange.documents import rich_document
from tests.store.cli import run

Change = Callable[[dict[str, Any]], None]


def approved_meeting(document: dict[str, Any]) -> dict[str, Any]:
    meeting: dict[str, Any] = document["cases"][1]["meetings"][0]
    assert meeting["status"] == "approved"
    return meeting


def set_minute_text(document: dict[str, Any]) -> None:
    approved_meeting(document)["minutes"][0]["text"] = "Not quorate."


def set_rationale(document: dict[str, Any]) -> None:
    approved_meeting(document)["decision"]["rationale"] = "Criteria not met."


def set_outcome(document: dict[str, Any]) -> None:
    approved_meeting(document)["decision"]["outcome"] = "do_not_notify"


def drop_a_minute(document: dict[str, Any]) -> None:
    approved_meeting(document)["minutes"].pop()


def set_approver(document: dict[str, Any]) -> None:
    approved_meeting(document)["approved_by"] = "Someone Else"


def drop_the_meeting(document: dict[str, Any]) -> None:
    document["cases"][1]["meetings"].pop(0)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (set_minute_text, "minutes[0].text differs"),
        (set_rationale, "decision.rationale differs"),
        (set_outcome, "decision.outcome differs"),
        (drop_a_minute, "minutes (a different number of items) differs"),
        (set_approver, "approved_by differs"),
        (drop_the_meeting, "is missing from the file"),
    ],
)
def test_changed_approved_content_is_refused_naming_meeting_and_field(
    store: Store, change: Change, named: str
) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    with store.session() as session:
        before = export_document(session)
    changed = rich_document()
    change(changed)
    with pytest.raises(InterchangeError) as refused, store.session() as session:
        import_document(session, copy.deepcopy(changed), replace=True)
    message = str(refused.value)
    assert "case 'LSCP-2025-014', approved meeting 'meeting-rag-1'" in message
    assert named in message
    with store.session() as session:
        assert export_document(session) == before  # nothing was imported


def test_unchanged_approved_content_with_follow_up_may_arrive(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    changed = rich_document()
    approved_meeting(changed)["decision"]["rationale_shared_on"] = "2025-12-27"  # follow-up
    changed["cases"][1]["panel_reference"] = "NP-2025-0043"  # the case's notification
    changed["cases"][1]["summary"] = "Updated."
    with store.session() as session:
        result = import_document(session, copy.deepcopy(changed), replace=True)
    assert "LSCP-2025-014" in result.replaced


def test_the_command_refuses_in_one_line_and_check_still_passes(tmp_path: Path) -> None:
    db, source = tmp_path / "a.db", tmp_path / "in.json"
    source.write_text(json.dumps(rich_document()), encoding="utf-8")
    assert run("import", str(source), "--db", str(db)).returncode == 0
    changed = rich_document()
    set_rationale(changed)
    source.write_text(json.dumps(changed), encoding="utf-8")

    result = run("import", str(source), "--replace", "--db", str(db))

    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "approved meeting 'meeting-rag-1': decision.rationale differs" in result.stderr
    assert "nothing was imported" in result.stderr
    assert check_database(db, PASSPHRASE).ok
