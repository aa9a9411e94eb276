"""The annual figures count incidents by kind: deaths of looked-after children and care leavers
apart from serious child safeguarding incidents, and no Rapid Review for the death kinds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from lscp_desktop.cases.children import ChildEntry
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
            # The SCSI harmed two siblings: one incident, one notification, two children.
            children = [ChildEntry("Child A"), ChildEntry("Child B")] if number == 0 else None
            case_id = add_case(
                store,
                f"K-{number}",
                kind=kind,
                status=CaseStatus.RAPID_REVIEW,
                **({"children": children} if children else {}),
            )
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
    assert figures.children_in_notified_incidents == 2
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
        "children_in_notified_incidents": 2,
    }


def test_health_referrals_are_grouped_as_health_with_each_organisation_under_it(
    db_path: Path,
) -> None:
    from lscp_desktop.cases import editing as cases
    from lscp_desktop.models import Agency
    from lscp_desktop.models.enums import PartnerRole

    store = open_store(db_path, PASSPHRASE)
    try:
        with store.session() as session:
            session.add(Agency(name="Leeds Teaching Hospitals", partner_role=PartnerRole.HEALTH))
        with store.session() as session:
            health = [
                agency
                for agency in session.query(Agency).order_by(Agency.name).all()
                if agency.partner_role is PartnerRole.HEALTH
            ]
            police = next(c.id for c in cases.agency_choices(session) if "Police" in c.label)
        assert len(health) == 2
        for number, agency_id in enumerate([health[0].id, health[0].id, health[1].id, police]):
            case_id = add_case(store, f"H-{number}")
            with store.session() as session:
                cases.update_case(
                    session,
                    case_id,
                    cases.CaseForm(
                        **{
                            **vars(cases.form_for(session, case_id)),
                            "referring_agency_id": agency_id,
                        }
                    ),
                    today=dt.date(2026, 6, 1),
                )
        with store.session() as session:
            figures = annual_figures(session, START, END, today=dt.date(2026, 2, 1))
    finally:
        store.close()
    assert figures.referrals_by_partner == {
        "Local Authority": 0,
        "Police": 1,
        "Health": 3,
        "Other agencies": 0,
    }
    assert figures.health_referrals_by_organisation == {health[0].name: 2, health[1].name: 1}
