"""Import then export gives back the same document: the whole record, nothing lost."""

from __future__ import annotations

import copy
import json
from typing import Any

from lscp_desktop.interchange import export_document, import_document
from lscp_desktop.store.database import Store
from tests.interchange.documents import rich_document, version_one_document


def without_deadlines(document: dict[str, Any]) -> dict[str, Any]:
    stripped = copy.deepcopy(document)
    for case in stripped["cases"]:
        case.pop("deadlines")
    return stripped


def test_rich_document_round_trips_exactly(store: Store) -> None:
    original = rich_document()
    with store.session() as session:
        import_document(session, copy.deepcopy(original))
    with store.session() as session:
        exported = export_document(session)
    assert without_deadlines(exported) == without_deadlines(original)
    # And it survives JSON text both ways, emoji and control characters included.
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported


def test_deadlines_are_recomputed_not_imported(store: Store) -> None:
    document = rich_document()
    document["cases"][1]["deadlines"] = {"notification_due": "1999-01-01"}
    with store.session() as session:
        import_document(session, document)
    with store.session() as session:
        deadlines = export_document(session, reference="LSCP-2025-014")["cases"][0]["deadlines"]
    # Aware Mon 22 Dec 2025: 5 working days is Wed 31 Dec. Notified Wed 24 Dec: 15 working
    # days (Christmas, Boxing Day and New Year's Day skipped) is Mon 19 Jan 2026.
    assert deadlines == {
        "notification_due": "2025-12-31",
        "partners_informed_due": "2025-12-31",
        "rapid_review_due": "2026-01-19",
        "cspr_publication_due": "2026-07-12",
    }


def test_a_file_written_before_kinds_imports_every_case_as_an_scsi(store: Store) -> None:
    document = version_one_document()
    for case in document["cases"]:
        del case["kind"]
    with store.session() as session:
        import_document(session, document)
    with store.session() as session:
        kinds = [case["kind"] for case in export_document(session)["cases"]]
    assert kinds == ["scsi", "scsi"]


def test_every_contract_field_is_written_even_when_empty(store: Store) -> None:
    document = {
        "format": "lscp-desktop",
        "version": 2,
        "cases": [
            {
                "reference": "MIN-1",
                "children": [{"pseudonym": "Child M"}],
                "referring_agency": "West Yorkshire Police",
                "referral_received": "2026-03-02",
                "la_aware": "2026-03-02",
                "meetings": [{"kind": "extraordinary_rag", "held_at": "2026-03-03T09:00"}],
            }
        ],
    }
    with store.session() as session:
        import_document(session, document)
    with store.session() as session:
        case = export_document(session)["cases"][0]
    assert case["children"] == [
        {
            "pseudonym": "Child M",
            "name": None,
            "date_of_birth": None,
            "age": "",
            "sex": "",
            "ethnicity": "",
            "disability": "",
            "legal_status": "unknown",
            "home_authority": "",
            "health": "",
        }
    ]
    assert case["incident_date"] is None and case["notified_on"] is None
    assert case["notifier"] == {"name": "", "role": "", "email": "", "phone": ""}
    assert case["incident_time"] is None and case["outside_england"] is False
    assert case["deadlines"]["partners_informed_due"] == "2026-03-09"
    assert case["themes"] == [] and case["summary"] == ""
    assert case["criteria"]["abuse_or_neglect"] == "unknown"
    assert case["deadlines"]["rapid_review_due"] is None
    meeting = case["meetings"][0]
    assert len(meeting["id"]) == 32  # generated when absent, kept from then on
    for key in ("attendees", "contributions", "minutes", "actions"):
        assert meeting[key] == []
    assert meeting["decision"] is None and meeting["review_outcome"] is None
    assert meeting["status"] == "planned" and meeting["chair"] == ""


def test_known_names_are_matched_and_unknown_ones_created_once(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    from sqlalchemy import func, select

    from lscp_desktop.models import Agency, Person, Theme

    with store.session() as session:
        police = session.scalar(select(func.count()).where(Agency.name == "West Yorkshire Police"))
        new_agency = session.scalar(
            select(func.count()).where(Agency.name == "A New Health Agency Not Seeded")
        )
        theme = session.scalar(select(func.count()).where(Theme.name == "A brand new theme"))
        chair = session.scalar(select(func.count()).where(Person.name == "Dr Morgan Ellis"))
    assert (police, new_agency, theme, chair) == (1, 1, 1, 1)


def test_redacted_export_leaves_the_real_name_out(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    with store.session() as session:
        redacted = export_document(session, redact=True)
    assert "Real Name Kept Only In The Archive" not in json.dumps(redacted)
    assert all(child["name"] is None for case in redacted["cases"] for child in case["children"])


def test_replace_swaps_a_case_wholesale_so_it_can_go_back_and_forth(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    changed = rich_document()
    changed["cases"][1]["summary"] = "Updated by the Business Unit."
    # Not the approved meeting (0): its minutes may only arrive unchanged.
    changed["cases"][1]["meetings"][1]["minutes"].append({"item": "AOB", "text": "None."})
    with store.session() as session:
        result = import_document(session, copy.deepcopy(changed), replace=True)
    assert result.replaced == ["LSCP-2025-002", "LSCP-2025-014"]
    with store.session() as session:
        assert without_deadlines(export_document(session)) == without_deadlines(changed)


def test_a_version_one_file_imports_as_version_two_would_have_written_it(store: Store) -> None:
    """One child from child_pseudonym, child_name and child; the latest notify decision's
    notification becomes the case's; the export is version 2."""
    with store.session() as session:
        import_document(session, version_one_document())
    with store.session() as session:
        exported = export_document(session)
    assert exported["version"] == 2
    second, case = exported["cases"]
    assert case["children"] == [
        {
            "pseudonym": "Child A",
            "name": "Real Name Kept Only In The Archive",
            "date_of_birth": None,
            "age": "14 months",
            "sex": "Female",
            "ethnicity": "Mixed White and Black Caribbean",
            "disability": "",
            "legal_status": "child_in_need",
            "home_authority": "",
            "health": "",
        }
    ]
    assert (case["notified_on"], case["panel_reference"]) == ("2025-12-24", "NP-2025-0042")
    decision = case["meetings"][0]["decision"]
    assert "notified_on" not in decision and "panel_reference" not in decision
    assert decision["notified_by"] == "Jordan Price"  # the decision keeps its other fields
    assert (second["kind"], second["children"][0]["pseudonym"]) == ("looked_after_death", "Child B")
    assert (second["notified_on"], second["panel_reference"]) == (None, "")
    assert case["deadlines"]["rapid_review_due"] == "2026-01-19"  # from the moved notification


def test_a_version_one_case_takes_the_latest_notify_decisions_notification(store: Store) -> None:
    document = version_one_document()
    case = document["cases"][1]
    later = copy.deepcopy(case["meetings"][0])
    later.update(id="meeting-rag-2", status="concluded", approved_by=None, approved_at=None)
    later["decision"].update(decided_on="2025-12-29", notified_on="2025-12-30")
    later["decision"]["panel_reference"] = "NP-LATER"
    case["meetings"].insert(1, later)
    with store.session() as session:
        import_document(session, document)
    with store.session() as session:
        (exported,) = export_document(session, reference="LSCP-2025-014")["cases"]
    assert (exported["notified_on"], exported["panel_reference"]) == ("2025-12-30", "NP-LATER")


def test_two_children_of_one_incident_are_one_case_named_by_both_pseudonyms(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    from sqlalchemy import select

    from lscp_desktop.models import Case

    with store.session() as session:
        case = session.scalars(select(Case).where(Case.reference == "LSCP-2025-014")).one()
        assert case.child_pseudonym == "Child A and Child C"
        assert [child.pseudonym for child in case.children] == ["Child A", "Child C"]
