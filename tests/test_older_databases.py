"""A store made by every earlier version opens in this one: migrated, its records intact,
approved minutes still locked, every integrity check passing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from lscp_desktop.meeting import lock as meeting_lock
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import DecisionOutcome, MeetingStatus
from lscp_desktop.store.database import known_revisions, open_store
from lscp_desktop.store.integrity import check_database
from tests.conftest import PASSPHRASE, copy_store_files
from tests.fixtures.make_older_databases import MINUTES, fixture_path


def test_a_database_of_every_earlier_schema_is_kept() -> None:
    """Adding a migration without keeping a store of the schema before it fails here."""
    missing = [r for r in known_revisions()[:-1] if not fixture_path(r).exists()]
    assert not missing, f"run `python -m tests.fixtures.make_older_databases` for {missing}"


@pytest.mark.parametrize("revision", known_revisions()[:-1])
def test_an_older_database_opens_migrated_with_its_records(revision: str, tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    copy_store_files(fixture_path(revision), db_path)
    with db_path.open("rb") as raw:
        assert not raw.read(16).startswith(b"SQLite format 3")  # encrypted, as shipped

    store = open_store(db_path, PASSPHRASE)
    try:
        with store.session() as session:
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == known_revisions()[-1]
            meeting = session.query(Meeting).one()
            assert meeting.status is MeetingStatus.APPROVED
            assert meeting.case.reference == "LSCP-2026-014"
            # Before 0007 the child lived on the case: it is the incident's one child now.
            children = [(child.pseudonym, child.name) for child in meeting.case.children]
            assert children == [("Child A", "Jordan Realname")]
            assert meeting.case.child_pseudonym == "Child A"
            assert [item.text for item in meeting.minutes] == [MINUTES]
            assert meeting.decision is not None
            assert meeting.decision.outcome is DecisionOutcome.NOTIFY
            assert [c.reasons for c in meeting.contributions if c.reasons]
            assert [action.description for action in meeting.actions] == [
                "Notify the National Panel"
            ]
            meeting_id = meeting.id
        with pytest.raises(meeting_lock.MinutesLocked), store.session() as session:
            meeting_record.set_minutes(session, meeting_id, "Welcome", "Changed afterwards.")
    finally:
        store.close()
    assert (tmp_path / f"store.db.before-{known_revisions()[-1]}.bak").exists()
    report = check_database(db_path, PASSPHRASE)
    assert report.ok, report.problems
