"""Adding, editing and deleting cases from the referral form, and the checks on it."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.cases.editing import CaseForm, CaseInvalid, LinkedCase, ParallelProcessEntry
from lscp_desktop.models import Case, Meeting
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    Harm,
    MeetingKind,
    ParallelProcessKind,
)
from lscp_desktop.store.database import Store

TODAY = dt.date(2026, 1, 10)


def police_id(store: Store) -> int:
    with store.session() as session:
        return next(c.id for c in cases.agency_choices(session) if "Police" in c.label)


def a_form(store: Store, **changes: object) -> CaseForm:
    form = CaseForm(
        reference="LSCP-2025-014",
        children=[ChildEntry(pseudonym="Child A", name="Jane Example")],
        referring_agency_id=police_id(store),
        referral_received=dt.date(2025, 12, 22),
        la_aware=dt.date(2025, 12, 22),
        incident_date=dt.date(2025, 12, 20),
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def messages(error: pytest.ExceptionInfo[CaseInvalid]) -> dict[str, str]:
    return {problem.field: problem.message for problem in error.value.problems}


def test_officer_adds_a_case_with_criteria_themes_links_and_parallel_processes(
    store: Store,
) -> None:
    with store.session() as session:
        themes = cases.theme_choices(session)[:2]
    form = a_form(
        store,
        abuse_or_neglect=AbuseOrNeglect.SUSPECTED,
        abuse_or_neglect_evidence="Unexplained bruising",
        harm=Harm.SERIOUSLY_HARMED,
        harm_evidence="Skull fracture",
        theme_ids=[themes[1].id, themes[0].id],
        links=[LinkedCase(" LSCP-2025-013 ", "sibling")],
        parallel_processes=[ParallelProcessEntry(ParallelProcessKind.POLICE_INVESTIGATION, "Op X")],
    )
    with store.session() as session:
        case_id = cases.create_case(session, form, today=TODAY)
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert (case.reference, case.child_pseudonym, case.children[0].name) == (
            "LSCP-2025-014",
            "Child A",
            "Jane Example",
        )
        assert case.harm is Harm.SERIOUSLY_HARMED and case.harm_evidence == "Skull fracture"
        assert [theme.id for theme in case.themes] == [themes[1].id, themes[0].id]
        assert [(link.linked_reference, link.relation) for link in case.links] == [
            ("LSCP-2025-013", "sibling")
        ]
        assert case.parallel_processes[0].kind is ParallelProcessKind.POLICE_INVESTIGATION
        assert cases.form_for(session, case_id) == form.__class__(
            **{**form.__dict__, "links": [LinkedCase("LSCP-2025-013", "sibling")]}
        )


def test_duplicate_reference_is_refused_whatever_its_case(store: Store) -> None:
    with store.session() as session:
        cases.create_case(session, a_form(store), today=TODAY)
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, a_form(store, reference="lscp-2025-014 "), today=TODAY)
    assert messages(error) == {"reference": "Another case already has the reference lscp-2025-014."}
    with store.session() as session:
        assert session.scalar(select(func.count(Case.id))) == 1


def test_a_case_keeps_its_own_reference_when_edited(store: Store) -> None:
    with store.session() as session:
        case_id = cases.create_case(session, a_form(store), today=TODAY)
    with store.session() as session:
        cases.update_case(session, case_id, a_form(store, summary="More known"), today=TODAY)
        assert cases.form_for(session, case_id).summary == "More known"


def test_every_missing_field_is_reported_at_once(store: Store) -> None:
    empty = CaseForm()
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, empty, today=TODAY)
    assert set(messages(error)) == {
        "reference",
        "children",
        "referring_agency_id",
        "referral_received",
        "la_aware",
    }
    assert messages(error)["children"] == "Add the child (or children) the incident affected."


def test_awareness_before_the_incident_is_refused(store: Store) -> None:
    form = a_form(store, incident_date=dt.date(2025, 12, 23))
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, form, today=TODAY)
    assert messages(error)["la_aware"] == (
        "The date the Local Authority became aware (22/12/2025) is before the incident "
        "(23/12/2025)."
    )


def test_dates_in_the_future_are_refused(store: Store) -> None:
    form = a_form(store, partners_informed_on=dt.date(2026, 2, 1))
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, form, today=TODAY)
    assert messages(error) == {
        "partners_informed_on": "The date partners were informed (01/02/2026) is in the future."
    }


def test_pseudonym_that_is_the_real_name_is_refused(store: Store) -> None:
    form = a_form(store, children=[ChildEntry(pseudonym="jane example", name="Jane Example")])
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, form, today=TODAY)
    assert "must not contain a child's real name" in messages(error)["children[0].pseudonym"]


def test_a_case_cannot_be_linked_to_itself(store: Store) -> None:
    form = a_form(store, links=[LinkedCase("LSCP-2025-014")])
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, form, today=TODAY)
    assert messages(error) == {"links": "A case cannot be linked to itself."}


def test_changing_themes_keeps_the_chosen_order(store: Store) -> None:
    with store.session() as session:
        themes = [choice.id for choice in cases.theme_choices(session)[:3]]
    form = a_form(store, theme_ids=themes[:2])
    with store.session() as session:
        case_id = cases.create_case(session, form, today=TODAY)
    with store.session() as session:
        form = cases.form_for(session, case_id)
        form.theme_ids = [themes[2], themes[0]]
        cases.update_case(session, case_id, form, today=TODAY)
    with store.session() as session:
        assert cases.form_for(session, case_id).theme_ids == [themes[2], themes[0]]


def test_deleting_a_case_deletes_its_meetings(store: Store) -> None:
    with store.session() as session:
        case_id = cases.create_case(session, a_form(store), today=TODAY)
        session.add(
            Meeting(
                id=uuid.uuid4().hex,
                case_id=case_id,
                kind=MeetingKind.EXTRAORDINARY_RAG,
                held_at=dt.datetime(2025, 12, 23, 10, 0),
            )
        )
    with store.session() as session:
        cases.delete_case(session, case_id)
    with store.session() as session:
        assert session.scalar(select(func.count(Meeting.id))) == 0
        assert session.get(Case, case_id) is None


def test_editing_a_deleted_case_says_so(store: Store) -> None:
    with pytest.raises(cases.CaseNotFound, match="no longer exists"), store.session() as session:
        cases.update_case(session, 999, a_form(store), today=TODAY)


def test_the_next_reference_follows_the_partnerships_pattern(store: Store) -> None:
    with store.session() as session:
        assert cases.suggested_reference(session, 2026) == "LSCP-2026-001"  # nothing yet
    for reference in ("LSCP-2025-040", "LSCP-2026-003", "LSCP-2026-012", "old case 7"):
        with store.session() as session:
            cases.create_case(session, a_form(store, reference=reference), today=TODAY)
    with store.session() as session:
        assert cases.suggested_reference(session, 2026) == "LSCP-2026-013"
        assert cases.suggested_reference(session, 2027) == "LSCP-2027-001"  # a new year
    with store.session() as session:  # another prefix, taken up by the latest case
        cases.create_case(session, a_form(store, reference="CSP-2026-0100"), today=TODAY)
    with store.session() as session:
        assert cases.suggested_reference(session, 2026) == "CSP-2026-0101"
