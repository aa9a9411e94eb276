"""The annual figures reproduce the seed report from recorded data, in code and on the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from lscp_desktop.review.annual_report import ReportPeriodError, annual_figures
from lscp_desktop.store.database import Store
from tests.review.seed_period import PERIOD_END, PERIOD_START, load_seed_period
from tests.store.cli import run

REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2023, 6, 1)


@pytest.fixture
def seeded(store: Store) -> Store:
    with store.session() as session:
        load_seed_period(session)
    return store


def test_business_unit_reproduces_the_seed_reports_figures(seeded: Store) -> None:
    with seeded.session() as session:
        figures = annual_figures(session, PERIOD_START, PERIOD_END, today=TODAY)
    assert figures.referrals == 21
    assert figures.referrals_by_agency == {
        "Leeds Children's Social Work Service": 9,
        "West Yorkshire Police": 9,
        "NHS West Yorkshire Integrated Care Board": 3,
    }
    assert figures.referrals_by_agency_short == {"CSWS": 9, "Police": 9, "Health (ICB)": 3}
    assert (figures.notified, figures.not_notified) == (15, 6)
    assert figures.retrospective_notifications == 1
    assert figures.rapid_reviews == 16
    assert figures.cspr_commissioned == 4
    assert figures.cspr_commissioned_retrospective == 1
    assert figures.other_reviews == 1
    assert figures.panel_response == {
        "agrees": 16,
        "disagrees": 0,
        "national_review": 0,
        "more_information": 0,
        "awaited": 0,
    }
    assert figures.themes == {"Professional curiosity": 21, "Domestic abuse": 5}
    assert figures.actions == {"open": 2, "overdue": 1, "done": 1, "cancelled": 0}


def test_timeliness_counts_the_late_notification_and_the_median(seeded: Store) -> None:
    with seeded.session() as session:
        figures = annual_figures(session, PERIOD_START, PERIOD_END, today=TODAY)
    # One case (index 7) was notified 9 working days after awareness; the rest in 3.
    assert (figures.notifications_within_limit, figures.notifications_late) == (14, 1)
    late = [timing for timing in figures.notification_timings if not timing.met_limit]
    assert [(timing.reference, timing.working_days) for timing in late] == [("LSCP-P007", 9)]
    # Decisions: 20 taken 2 working days after awareness, the last one on the day.
    assert figures.median_working_days_to_decision == 2.0
    assert figures.rapid_reviews_within_15_working_days == 16
    assert figures.rapid_reviews_late == 0


def test_a_narrower_period_counts_only_what_falls_inside_it(seeded: Store) -> None:
    with seeded.session() as session:
        first_day = annual_figures(session, PERIOD_START, PERIOD_START, today=TODAY)
        last_day = annual_figures(session, PERIOD_END, PERIOD_END, today=TODAY)
    assert first_day.referrals == 1 and first_day.notified == 0
    assert last_day.referrals == 1 and last_day.not_notified == 1
    assert last_day.themes == {"Professional curiosity": 1}


def test_a_period_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(ReportPeriodError, match="starts"):
        annual_figures(session, dt.date(2023, 1, 2), dt.date(2023, 1, 1))


def _cli(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("report", "--db", str(db_path), *args)


@pytest.mark.slow
def test_report_command_writes_the_seed_figures_as_json_and_pdf(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    if seeded.is_server:
        pytest.skip("the command is given the file's path (tests/server runs `report` on a server)")
    seeded.close()
    out = tmp_path / "figures.json"
    done = _cli(
        db_path, "--from", "2019-09-01", "--to", "31/03/2023", "--format", "json", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["referrals"] == 21
    assert data["referrals_by_agency"]["West Yorkshire Police"] == 9
    assert data["referrals_by_agency"]["Leeds Children's Social Work Service"] == 9
    assert data["referrals_by_agency"]["NHS West Yorkshire Integrated Care Board"] == 3
    assert (data["notified"], data["not_notified"]) == (15, 6)
    assert data["rapid_reviews"] == 16
    assert data["cspr_commissioned"] == 4
    assert data["themes"]["Professional curiosity"] == 21
    assert data["from"] == "2019-09-01" and data["to"] == "2023-03-31"
    assert any("date the referral was received" in rule for rule in data["counting_rules"])
    pdf = tmp_path / "figures.pdf"
    done = _cli(db_path, "--from", "2019-09-01", "--to", "2023-03-31", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".figures*"))  # no temp file left behind


@pytest.mark.slow
@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2023-04-01", "2023-03-31", "starts (01/04/2023) after it ends (31/03/2023)"),
        ("2023-02-30", "2023-03-31", "--from '2023-02-30' is not a date"),
        ("2023-01-01", "yesterday", "--to 'yesterday' is not a date"),
    ],
)
def test_report_command_explains_a_bad_period_and_fails(  # noqa: PLR0917
    seeded: Store, db_path: Path, tmp_path: Path, start: str, end: str, message: str
) -> None:
    seeded.close()
    out = tmp_path / "figures.json"
    done = _cli(db_path, "--from", start, "--to", end, "--format", "json", "-o", str(out))
    assert done.returncode != 0
    assert message in done.stderr
    assert not out.exists()
