"""Two officers at once on the server (migration 0010, store/versions.py): different cases
never block each other; two edits of the same meeting or case never overwrite each other
silently, the second is told who changed what and keeps their text to re-apply."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.cases import editing
from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.meeting.autosave import PendingWrites
from lscp_desktop.models import Case, MinuteItem
from lscp_desktop.settings import stored as settings
from lscp_desktop.store import server
from lscp_desktop.store.server_check import check_server
from lscp_desktop.store.server_store import ServerStore, open_server_store
from lscp_desktop.store.versions import EditConflict, seen_now
from tests.store.records import add_meeting

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def second_officer(server_store: ServerStore, postgres_url: str) -> Iterator[ServerStore]:
    """Another officer's app on the same server (its own connections and sessions)."""
    store = open_server_store(postgres_url)
    yield store
    store.close()


def _name(store: ServerStore, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    login = name.split(maxsplit=1)[0].lower()
    monkeypatch.setattr(server, "login_name", lambda: login)
    with store.session() as session:
        settings.put(session, settings.USER_NAME, name)


def _type_minutes(text: str) -> object:
    def apply(session: object, value: str) -> None:
        item = session.scalars(select(MinuteItem)).one()  # type: ignore[attr-defined]
        item.text = value

    return apply


def _minutes(store: ServerStore) -> str:
    with store.reading() as session:
        return session.scalars(select(MinuteItem.text)).one()


def test_the_second_writer_of_a_meeting_is_told_and_keeps_their_text(
    server_store: ServerStore, second_officer: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meeting(server_store)
    pat = PendingWrites(server_store)
    sam = PendingWrites(second_officer)
    pat.watch(("meeting", "m1"))
    sam.watch(("meeting", "m1"))  # both have the meeting on screen

    _name(server_store, "Pat Officer", monkeypatch)
    pat.put("minutes", "Pat's wording.", _type_minutes(""))  # type: ignore[arg-type]
    assert pat.flush()
    assert _minutes(server_store) == "Pat's wording."

    _name(second_officer, "Sam Chair", monkeypatch)
    sam.put("minutes", "Sam's wording.", _type_minutes(""))  # type: ignore[arg-type]
    assert not sam.flush()
    assert sam.conflict is not None
    message = str(sam.conflict)
    assert "The meeting of LSCP-1 on 23/12/2025 10:00 was changed by Pat Officer" in message
    assert "minutes (text)" in message
    assert _minutes(server_store) == "Pat's wording."  # not overwritten
    assert sam.has_pending and sam.pending_value("minutes") == "Sam's wording."  # kept
    assert not sam.flush()  # retrying alone never writes over Pat's
    assert _minutes(server_store) == "Pat's wording."

    assert sam.reapply()  # Sam chooses to write theirs over Pat's
    assert _minutes(server_store) == "Sam's wording."
    assert not sam.has_pending and sam.conflict is None

    pat.put("minutes", "Pat again.", _type_minutes(""))  # type: ignore[arg-type]
    assert not pat.flush()  # now Pat is the one behind
    pat.discard()
    assert not pat.has_pending
    assert _minutes(server_store) == "Sam's wording."
    pat.put("minutes", "Pat, after reading Sam's.", _type_minutes(""))  # type: ignore[arg-type]
    assert pat.flush()
    assert check_server(server_store.url).problems == []


def test_the_writers_own_successive_saves_are_no_conflict(server_store: ServerStore) -> None:
    add_meeting(server_store)
    pat = PendingWrites(server_store)
    pat.watch(("meeting", "m1"))
    for text in ("One.", "One. Two.", "One. Two. Three."):
        pat.put("minutes", text, _type_minutes(""))  # type: ignore[arg-type]
        assert pat.flush()
    with server_store.session() as session:  # the same app changes it another way
        session.scalars(select(MinuteItem)).one().item = "Discussion (renamed)"
    pat.put("minutes", "Four.", _type_minutes(""))  # type: ignore[arg-type]
    assert pat.flush()
    assert _minutes(server_store) == "Four."


def test_a_case_form_saved_over_a_newer_version_is_refused(
    server_store: ServerStore, second_officer: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    with server_store.session() as session:
        reference = add_demo_case(session)
    with server_store.reading() as session:
        case_id = session.scalars(select(Case.id)).one()
        pat_form = editing.form_for(session, case_id)
        pat_seen = seen_now(session, ("case", case_id))
    with second_officer.reading() as session:
        sam_form = editing.form_for(session, case_id)
        sam_seen = seen_now(session, ("case", case_id))
    _name(server_store, "Pat Officer", monkeypatch)
    pat_form.summary = "Pat's summary."
    with server_store.session() as session:
        editing.update_case(session, case_id, pat_form, seen=pat_seen)
    _name(second_officer, "Sam Chair", monkeypatch)
    sam_form.summary = "Sam's summary."
    refused = pytest.raises(EditConflict, match=rf"Case {reference} was changed by Pat Officer")
    with refused, second_officer.session() as session:
        editing.update_case(session, case_id, sam_form, seen=sam_seen)
    with server_store.reading() as session:
        assert session.get_one(Case, case_id).summary == "Pat's summary."


WRITER = """
import sys
from sqlalchemy import select
from lscp_desktop.models import Case
from lscp_desktop.store.server_store import open_server_store
url, reference = sys.argv[1], sys.argv[2]
store = open_server_store(url)
for n in range(30):
    with store.session() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        case.summary = f"{reference} edit {n}"
store.close()
"""


def test_two_processes_writing_different_cases_at_once(
    server_store: ServerStore, postgres_url: str
) -> None:
    add_meeting(server_store, "m1", "LSCP-1")
    add_meeting(server_store, "m2", "LSCP-2")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, postgres_url, reference],
            cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            stderr=subprocess.PIPE,
            text=True,
        )
        for reference in ("LSCP-1", "LSCP-2")
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    with server_store.reading() as session:
        summaries = {
            ref: text for ref, text in session.execute(select(Case.reference, Case.summary))
        }
        versions = set(session.scalars(select(Case.version)))
    assert summaries == {"LSCP-1": "LSCP-1 edit 29", "LSCP-2": "LSCP-2 edit 29"}
    assert versions == {31}  # created at 1, raised by each of the 30 edits
    assert check_server(postgres_url).problems == []  # one audit chain, every edit in it


def test_the_case_form_keeps_the_typing_and_saves_over_only_when_saved_again(
    qtbot: QtBot, server_store: ServerStore, second_officer: ServerStore
) -> None:
    from lscp_desktop.ui.register.case_dialog import CaseDialog

    with server_store.session() as session:
        reference = add_demo_case(session)
    with server_store.reading() as session:
        case_id = session.scalars(select(Case.id)).one()
    dialog = CaseDialog(server_store, case_id)
    qtbot.addWidget(dialog)
    with second_officer.session() as session:  # Sam saves the case meanwhile
        session.get_one(Case, case_id).summary = "Sam's summary."
    dialog.summary.setPlainText("Pat's summary.")
    dialog.save()
    assert dialog.result() == 0  # not accepted: still open, with Pat's typing
    assert f"Case {reference} was changed by " in dialog.problems.text()
    assert dialog.summary.toPlainText() == "Pat's summary."
    with server_store.reading() as session:
        assert session.get_one(Case, case_id).summary == "Sam's summary."
    dialog.save()  # saved again, knowingly
    assert dialog.result() == 1
    with server_store.reading() as session:
        assert session.get_one(Case, case_id).summary == "Pat's summary."
