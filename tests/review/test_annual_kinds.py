"""The annual figures count incidents by kind: deaths of looked-after children and care leavers
apart from serious child safeguarding incidents, and no Rapid Review for the death kinds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from lscp_desktop.models import ReviewOutcome
from lscp_desktop.models.enums import (
    CaseKind,
    CaseStatus,
    MeetingKind,
    ReviewRecommendation,
)
from lscp_desktop.review.annual_report import annual_figures
from lscp_desktop.store.database import open_store
from tests.cases.test_register import add_case, add_meeting
from tests.conftest import PASSPHRASE
from tests.deadlines.test_statutory import notify
from tests.store.cli import run

START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)


def seed(db_path: Path) -> None:
    """One SCSI, two looked-after deaths and a care leaver's death, all notified; each has a
    Rapid Review meeting on record (a mistake for the death kinds, which must not count)."""
    store = open_store(db_path, PASSPHRASE)
    try:
        for number, kind in enumerate(
            [
                CaseKind.SCSI,
                CaseKind.LOOKED_AFTER_DEATH,
                CaseKind.LOOKED_AFTER_DEATH,
                CaseKind.CARE_LEAVER_DEATH,
            ]
        ):
            case_id = add_case(store, f"K-{number}", kind=kind, status=CaseStatus.RAPID_REVIEW)
            notify(store, case_id)
            review = add_meeting(
                store, case_id, kind=MeetingKind.RAPID_REVIEW, held_on=dt.date(2026, 1, 12)
            )
            with store.session() as session:
                session.add(
                    ReviewOutcome(
                        meeting_id=review,
                        recommendation=ReviewRecommendation.NO_CSPR,
                        decided_on=dt.date(2026, 1, 12),
                    )
                )
    finally:
        store.close()


def test_deaths_of_looked_after_children_and_care_leavers_are_counted_apart(
    db_path: Path,
) -> None:
    seed(db_path)
    store = open_store(db_path, PASSPHRASE)
    try:
        with store.session() as session:
            figures = annual_figures(session, START, END, today=dt.date(2026, 2, 1))
    finally:
        store.close()
    assert figures.notified == 1
    assert figures.children_in_notified_incidents == 1
    assert figures.looked_after_deaths_notified == 2
    assert figures.care_leaver_deaths_notified == 1
    assert figures.rapid_reviews == 1  # the SCSI's only


def test_report_json_names_the_figures_by_kind(db_path: Path, tmp_path: Path) -> None:
    seed(db_path)
    out = tmp_path / "report.json"
    done = run(
        "report",
        "--db",
        str(db_path),
        "--from",
        START.isoformat(),
        "--to",
        END.isoformat(),
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {
        key: report[key]
        for key in (
            "notified",
            "rapid_reviews",
            "looked_after_deaths_notified",
            "care_leaver_deaths_notified",
            "children_in_notified_incidents",
        )
    } == {
        "notified": 1,
        "rapid_reviews": 1,
        "looked_after_deaths_notified": 2,
        "care_leaver_deaths_notified": 1,
        "children_in_notified_incidents": 1,
    }
