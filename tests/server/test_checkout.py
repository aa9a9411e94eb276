"""Check-out and check-in (contract): the whole cycle between the throw-away server and a
laptop copy, the lease belonging to the copy, approved content coming back unchanged, and
take-over of a lost laptop's lease."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select, text

from lscp_desktop.cli import main
from lscp_desktop.interchange.checkout import held_lease
from lscp_desktop.interchange.demo import add_demo_case
from lscp_desktop.meeting.record import approve
from lscp_desktop.models import Action, ActionNote, Case, Checkout, Meeting
from lscp_desktop.models.enums import MeetingKind, MeetingStatus
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import open_store
from lscp_desktop.store.leases import LEASE_TRIGGERS, CaseCheckedOut
from lscp_desktop.store.server_check import check_server
from lscp_desktop.store.server_store import ServerStore
from tests.conftest import PASSPHRASE


@pytest.fixture
def reference(server_store: ServerStore) -> str:
    with server_store.session() as session:
        made = add_demo_case(session)
    with server_store.session() as session:  # the Extra-Ordinary RAG's minutes approved
        settings.put(session, settings.USER_NAME, "Pat Chair")
        meeting_id = session.scalars(select(Meeting.id)).one()
    with server_store.session() as session:
        approve(session, meeting_id, names_confirmed=True)
    with server_store.reading() as session:
        assert session.get_one(Meeting, meeting_id).status is MeetingStatus.APPROVED
    return made


def _summary(store: ServerStore | object, reference: str) -> str:
    with store.reading() as session:  # type: ignore[attr-defined]
        return str(session.scalars(select(Case.summary).where(Case.reference == reference)).one())


def _edit_copy(copy: Path, reference: str, summary: str) -> None:
    local = open_store(copy, PASSPHRASE)
    try:
        with local.session() as session:
            case = session.scalars(select(Case).where(Case.reference == reference)).one()
            case.summary = summary
    finally:
        local.close()


def test_the_whole_cycle(
    server_store: ServerStore,
    postgres_url: str,
    reference: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = ["--db", postgres_url]
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", reference, "--to", str(laptop), *db]) == 0
    assert f"checked out {reference} to {laptop}" in capsys.readouterr().out

    # A second check-out is refused, even by the same person, and makes no file.
    second = tmp_path / "second.db"
    assert main(["checkout", reference, "--to", str(second), *db]) == 1
    err = capsys.readouterr().err
    assert f"{reference} is already checked out to " in err and " since " in err
    assert not second.exists()

    # The server refuses changes to the case, naming the holder and since when.
    refused = pytest.raises(CaseCheckedOut, match=rf"{reference} is checked out to .* since ")
    with refused, server_store.session() as session:
        session.scalars(select(Case)).one().summary = "changed on the server"
    with refused, server_store.session() as session:  # nor a new meeting for it
        session.add(
            Meeting(
                id="another",
                case_id=session.scalars(select(Case.id)).one(),
                kind=MeetingKind.RAPID_REVIEW,
                held_at=dt.datetime(2026, 12, 1, 10, 0),
            )
        )
    exported = tmp_path / "server.json"
    assert main(["export-data", "-o", str(exported), *db]) == 0
    assert main(["import", "--replace", str(exported), *db]) == 1
    assert "is checked out to" in capsys.readouterr().err

    # Work in the copy, including import --replace into it: it stays the checked-out copy.
    _edit_copy(laptop, reference, "Written at the meeting, offline.")
    from_copy = tmp_path / "copy.json"
    assert main(["export-data", "-o", str(from_copy), "--db", str(laptop)]) == 0
    assert main(["import", "--replace", str(from_copy), "--db", str(laptop)]) == 0
    local = open_store(laptop, PASSPHRASE)
    try:
        assert held_lease(local, reference) is not None
    finally:
        local.close()

    capsys.readouterr()
    assert main(["checkin", reference, "--from", str(laptop), *db]) == 0
    out = capsys.readouterr().out
    assert f"checked in {reference} from {laptop}" in out
    assert _summary(server_store, reference) == "Written at the meeting, offline."
    with server_store.reading() as session:
        assert session.scalars(select(Checkout)).all() == []
        details = [str(row[0]) for row in session.execute(text("SELECT detail FROM audit_log"))]
        actions = [str(row[0]) for row in session.execute(text("SELECT action FROM audit_log"))]
    assert any("fields: summary" in d and "in the laptop copy" in d for d in details)
    assert "checked out" in actions and "checked in" in actions
    assert check_server(postgres_url).problems == []
    # The lease is over: the server takes changes again, the copy cannot check in twice.
    with server_store.session() as session:
        session.scalars(select(Case)).one().summary = "Back on the server."
    assert main(["checkin", reference, "--from", str(laptop), *db]) == 1
    assert "holds no check-out" in capsys.readouterr().err


def test_approved_content_must_come_back_unchanged(
    server_store: ServerStore,
    postgres_url: str,
    reference: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", reference, "--to", str(laptop), "--db", postgres_url]) == 0
    local = open_store(laptop, PASSPHRASE)
    try:  # below the app: the copy's own lock dropped, approved minutes rewritten
        local.connection.execute("DROP TRIGGER lock_minute_items_update")
        local.connection.execute("UPDATE minute_items SET text = 'rewritten'")
    finally:
        local.close()
    capsys.readouterr()
    assert main(["checkin", reference, "--from", str(laptop), "--db", postgres_url]) == 1
    err = capsys.readouterr().err
    assert f"The check-in of {reference} is refused" in err
    assert "approved" in err and "minutes" in err
    with server_store.reading() as session:
        assert session.scalars(select(Checkout.reference)).all() == [reference]  # lease stays


def test_a_lease_taken_over_refuses_the_old_copys_check_in(
    server_store: ServerStore,
    postgres_url: str,
    reference: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = ["--db", postgres_url]
    lost = tmp_path / "lost-laptop.db"
    spare = tmp_path / "spare-laptop.db"
    assert main(["checkout", reference, "--to", str(lost), *db]) == 0
    _edit_copy(lost, reference, "Typed on the laptop that was lost.")
    assert main(["checkout", reference, "--take-over", "--to", str(spare), *db]) == 0
    assert "(lease taken over)" in capsys.readouterr().out
    _edit_copy(spare, reference, "Typed on the spare laptop.")

    assert main(["checkin", reference, "--from", str(lost), *db]) == 1
    err = capsys.readouterr().err
    assert "its lease was taken over by " in err and " on " in err
    assert "left as it is, for a person to reconcile" in err
    local = open_store(lost, PASSPHRASE)  # the old copy intact, still holding its lease
    try:
        assert held_lease(local, reference) is not None
        with local.reading() as session:
            summary = session.scalars(select(Case.summary)).one()
        assert summary == "Typed on the laptop that was lost."
    finally:
        local.close()

    assert main(["checkin", reference, "--from", str(spare), *db]) == 0
    assert _summary(server_store, reference) == "Typed on the spare laptop."
    with server_store.reading() as session:
        taken = session.execute(
            text("SELECT detail FROM audit_log WHERE action = 'taken over'")
        ).all()
    assert len(taken) == 1 and "taken over by" in str(taken[0][0])
    assert check_server(postgres_url).problems == []


def test_checkout_needs_a_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "file.db"
    assert main(["checkout", "X", "--to", str(tmp_path / "c.db"), "--db", str(db)]) == 1
    assert "give the server with --db postgresql://" in capsys.readouterr().err


def test_the_server_itself_refuses_sql_on_a_checked_out_case(
    server_store: ServerStore,
    postgres_url: str,
    reference: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", reference, "--to", str(laptop), "--db", postgres_url]) == 0
    statements = [
        "UPDATE cases SET summary = 'by hand'",
        "UPDATE children SET age = '15 months'",
        "DELETE FROM actions",
        "INSERT INTO action_notes (action_id, position, noted_on, author, text) "
        "SELECT id, 0, '2026-12-01', 'x', 'by hand' FROM actions LIMIT 1",
        "UPDATE minute_items SET item = item",
    ]
    for statement in statements:
        with (
            psycopg.connect(postgres_url) as connection,
            pytest.raises(
                psycopg.errors.RaiseException, match=rf"{reference} is checked out to .* since "
            ),
        ):
            connection.execute(statement)
    # The check-in's own transaction, holding the lease's token, goes through.
    assert main(["checkin", reference, "--from", str(laptop), "--db", postgres_url]) == 0
    with psycopg.connect(postgres_url) as connection:  # and afterwards SQL by hand again
        assert connection.execute("UPDATE cases SET summary = 'by hand'").rowcount == 1


def test_check_names_a_missing_lease_trigger(server_store: ServerStore, postgres_url: str) -> None:
    report = check_server(postgres_url)
    assert f"check-out leases: all {len(LEASE_TRIGGERS)} triggers present" in report.done
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        names = {
            str(row[0])
            for row in connection.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'lease\\_%'"
            )
        }
        assert names == set(LEASE_TRIGGERS)  # the migration's list is the check's
        connection.execute("DROP TRIGGER lease_minute_items ON minute_items")
    assert (
        "check-out leases: triggers missing: lease_minute_items"
        in check_server(postgres_url).problems
    )


def test_a_change_only_the_servers_trigger_sees_is_refused_in_the_apps_words(
    server_store: ServerStore, postgres_url: str, reference: str, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", reference, "--to", str(laptop), "--db", postgres_url]) == 0
    with server_store.reading() as session:
        action_id = session.scalars(select(Action.id)).first()
    refused = pytest.raises(CaseCheckedOut, match=rf"{reference} is checked out to .*Nothing was")
    with refused, server_store.session() as session:  # a note on one of the case's actions
        session.add(
            ActionNote(action_id=action_id, noted_on=dt.date(2026, 12, 1), author="x", text="y")
        )
