"""Nothing approved is erased: such a case is closed or archived; a draft one deleted, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.register import matching, register_rows
from lscp_desktop.cases.search import search
from lscp_desktop.interchange import export_document
from lscp_desktop.models import AuditEntry, Case
from lscp_desktop.models.enums import CaseStatus
from lscp_desktop.settings.stored import deadline_rules
from lscp_desktop.store.database import Store
from tests.meeting_data import build_case, build_meeting
from tests.review_data import build_notified_case


def test_a_case_with_approved_minutes_cannot_be_deleted(store: Store) -> None:
    demo = build_notified_case(store)
    with (
        pytest.raises(cases.CaseHasApprovedRecords, match="Close or archive it instead"),
        store.session() as session,
    ):
        cases.delete_case(session, demo.case_id)
    with store.session() as session:
        assert session.get(Case, demo.case_id) is not None


def test_an_archived_case_leaves_the_open_register_and_stays_searchable_and_exportable(
    store: Store,
) -> None:
    demo = build_notified_case(store)
    with store.session() as session:
        cases.archive_case(session, demo.case_id, today=dt.date(2026, 4, 1))
    with store.session() as session:
        rows = register_rows(store.connection, deadline_rules(session), dt.date(2026, 4, 1))
        assert [row.archived for row in rows] == [True]
        assert matching(rows, archived=False) == []  # the open register
        assert [row.case_id for row in matching(rows, archived=True)] == [demo.case_id]
        assert [hit.case_id for hit in search(session, "head injury")] == [demo.case_id]
        assert [c["reference"] for c in export_document(session)["cases"]] == ["LSCP-2026-014"]
        cases.close_case(session, demo.case_id)
    with store.session() as session:
        case = session.get_one(Case, demo.case_id)
        assert (case.status, case.archived_on) == (CaseStatus.CLOSED, dt.date(2026, 4, 1))


def test_a_case_with_nothing_approved_is_deleted_and_the_deletion_audited(store: Store) -> None:
    demo = build_case(store)
    build_meeting(store, demo)
    with store.session() as session:
        cases.delete_case(session, demo.case_id)
    with store.session() as session:
        assert session.get(Case, demo.case_id) is None
        event = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "case", AuditEntry.action == "deleted")
        ).all()[-1]
        assert (event.entity_id, event.detail) == (
            "LSCP-2026-014",
            "nothing approved; 1 draft meeting(s) deleted with it",
        )
