"""The case form and `import` keep one set of case rules: what one accepts, the other accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases import rules as case_rules
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.cases.editing import CaseForm, CaseInvalid, LinkedCase, ParallelProcessEntry
from lscp_desktop.models.enums import AbuseOrNeglect, Harm, LegalStatus, ParallelProcessKind
from lscp_desktop.store.database import Store
from tests.store.cli import run

TODAY = dt.date(2026, 1, 10)


def police_id(store: Store) -> int:
    with store.session() as session:
        return next(c.id for c in cases.agency_choices(session) if "Police" in c.label)


def test_a_pseudonym_holding_the_real_name_is_refused_by_the_form(store: Store) -> None:
    form = CaseForm(
        reference="LSCP-1",
        children=[ChildEntry(pseudonym="Child A (Jane Example)", name="jane example")],
        referring_agency_id=police_id(store),
        referral_received=dt.date(2025, 12, 22),
        la_aware=dt.date(2025, 12, 22),
    )
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, form, today=TODAY)
    assert [p.field for p in error.value.problems] == ["children[0].pseudonym"]


def test_a_decision_date_is_between_awareness_and_today() -> None:
    aware = dt.date(2025, 12, 22)
    assert case_rules.decision_date_problems(aware, aware, TODAY) == []
    before = case_rules.decision_date_problems(dt.date(2025, 12, 21), aware, TODAY)
    assert [p.field for p in before] == ["decided_on"]
    assert "before the Local Authority became aware (22/12/2025)" in before[0].message
    future = case_rules.decision_date_problems(dt.date(2026, 1, 11), aware, TODAY)
    assert "is in the future" in future[0].message


def test_references_differing_only_in_letter_case_are_one_case() -> None:
    assert case_rules.reference_problems("lscp-é-1", ["LSCP-É-1"])[0].field == "reference"
    assert case_rules.reference_problems("LSCP-2", ["LSCP-1"]) == []


def test_a_case_made_through_the_form_round_trips_through_export_data_and_import(
    store: Store, tmp_path: Path
) -> None:
    if store.is_server:
        pytest.skip("the commands are given the file's path (tests/server runs them on a server)")
    with store.session() as session:
        themes = [choice.id for choice in cases.theme_choices(session)[:2]]
    form = CaseForm(
        reference="LSCP-2025-014",
        children=[
            ChildEntry(
                pseudonym="Child A",
                name="Jane Example",
                age="4",
                legal_status=LegalStatus.CHILD_PROTECTION_PLAN,
            )
        ],
        referring_agency_id=police_id(store),
        referral_received=dt.date(2025, 12, 23),
        la_aware=dt.date(2025, 12, 22),
        incident_date=dt.date(2025, 12, 20),
        summary="Head injury not explained.",
        abuse_or_neglect=AbuseOrNeglect.SUSPECTED,
        harm=Harm.SERIOUSLY_HARMED,
        chair_and_business_unit_told_on=dt.date(2025, 12, 22),
        partners_informed_on=dt.date(2025, 12, 23),
        theme_ids=themes,
        links=[LinkedCase("lscp-2025-013", "sibling")],
        parallel_processes=[ParallelProcessEntry(ParallelProcessKind.POLICE_INVESTIGATION)],
    )
    with store.session() as session:
        cases.create_case(session, form)
    store.close()
    exported = tmp_path / "cases.json"
    db = str(store.path)
    assert run("--db", db, "export-data", "-o", str(exported)).returncode == 0
    fresh = str(tmp_path / "fresh.db")
    imported = run("--db", fresh, "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    again = tmp_path / "again.json"
    assert run("--db", fresh, "export-data", "-o", str(again)).returncode == 0
    first = json.loads(exported.read_text(encoding="utf-8"))["cases"]
    second = json.loads(again.read_text(encoding="utf-8"))["cases"]
    assert second == first
    # And importing it a second time clashes, whatever the letter case of the reference.
    first[0]["reference"] = "lscp-2025-014"
    exported.write_text(
        json.dumps({"format": "lscp-desktop", "version": 1, "cases": first}), encoding="utf-8"
    )
    clash = run("--db", fresh, "import", str(exported))
    assert clash.returncode != 0
    assert "'LSCP-2025-014' is already in the database" in clash.stderr


def test_import_refuses_a_decision_dated_before_awareness_naming_the_field(
    tmp_path: Path,
) -> None:
    from tests.interchange.documents import rich_document

    document = rich_document()
    document["cases"][1]["meetings"][0]["decision"]["decided_on"] = "2025-12-01"
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    db = str(tmp_path / "store.db")
    done = run("--db", db, "import", str(path))
    assert done.returncode != 0
    assert "cases[1].meetings[0].decision.decided_on: The decision date (01/12/2025) is before" in (
        done.stderr
    )
    # One line for the refusal (after the new database's recovery key, shown once).
    refusal = done.stderr.split("nothing was imported")[0].splitlines()
    assert "decided_on" in refusal[-1] and "Traceback" not in done.stderr
    listed = run("--db", db, "list")
    assert listed.returncode == 0 and listed.stdout == ""  # nothing was imported
