"""A Rapid Review imported from another tool still takes the Panel's response after approval."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.interchange import export_document, import_document
from lscp_desktop.models.enums import PanelResponse
from lscp_desktop.review import review_record
from lscp_desktop.store.database import Store
from tests.interchange.documents import rich_document


def test_panel_response_is_recorded_on_an_approved_review_that_came_with_only_ticked_criteria(
    store: Store,
) -> None:
    document = rich_document()
    review = document["cases"][1]["meetings"][1]
    outcome = review["review_outcome"]
    del outcome["cspr_criteria_assessed"]  # only the contract's ticked list
    outcome.update(
        panel_response="awaited",
        panel_response_on=None,
        panel_comments="",
        resubmitted_to_panel_on=None,
    )
    review.update(
        status="approved", approved_by="Dr Morgan Ellis", approved_at="2026-01-13T09:00:00"
    )
    with store.session() as session:
        import_document(session, document)
    with store.session() as session:
        review_record.record_panel(
            session,
            review["id"],
            submitted_on=dt.date(2026, 1, 14),
            response=PanelResponse.AGREES,
            responded_on=dt.date(2026, 2, 2),
            comments="The Panel agrees.",
        )
    with store.session() as session:
        exported = export_document(session)["cases"][1]["meetings"][1]["review_outcome"]
    assert exported["panel_response"] == "agrees"
    assert exported["cspr_criteria"] == ["agencies_working_together", "improvements_needed"]
    assert [row["criterion"] for row in exported["cspr_criteria_assessed"]] == [
        "agencies_working_together",
        "improvements_needed",
        "recurrent_themes",
        "panel_concluded_local_review",
    ]
