"""`lscp-desktop cases`: the register on stdout, five tab-separated fields a line."""

from __future__ import annotations

from pathlib import Path

from lscp_desktop.models import Decision
from lscp_desktop.models.enums import CaseKind, CaseStatus, DecisionOutcome
from lscp_desktop.store.database import open_store
from tests.cases.test_register import AWARE, add_case, add_meeting
from tests.conftest import PASSPHRASE
from tests.store.cli import run


def test_one_case_a_line_ordered_by_reference_with_its_next_deadline(db_path: Path) -> None:
    store = open_store(db_path, PASSPHRASE)
    try:
        add_case(store, "R-2", pseudonym="Child B")
        notified = add_case(
            store, "R-1", pseudonym="Child A", kind=CaseKind.SCSI, status=CaseStatus.NOTIFIED
        )
        meeting_id = add_meeting(store, notified)
        with store.session() as session:
            session.add(
                Decision(meeting_id=meeting_id, outcome=DecisionOutcome.NOTIFY, decided_on=AWARE)
            )
        add_case(store, "R-3", pseudonym="Child C", status=CaseStatus.CLOSED)
        add_case(
            store,
            "R-4",
            pseudonym="Child D",
            status=CaseStatus.NOTIFIED,
            partners_informed_on=AWARE,
        )
    finally:
        store.close()
    result = run("cases", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "R-1\tChild A\tnotified\tpartners_informed\t2025-12-31",
        "R-2\tChild B\treferred\tnotification\t2025-12-31",
        "R-3\tChild C\tclosed\tnone\t",
        # Notified with no notification date recorded: the Rapid Review's day 0 is missing.
        "R-4\tChild D\tnotified\trapid_review\t",
    ]
    assert all(len(line.split("\t")) == 5 for line in result.stdout.splitlines())


def test_a_missing_database_is_one_line_on_stderr_and_nothing_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    result = run("cases", "--db", str(missing))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"lscp-desktop: No database at {missing}."
    assert not missing.exists()
