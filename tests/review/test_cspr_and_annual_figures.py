"""Issue 15: the CSPR from commissioning to publication, joint reviews, and the annual figures
of a small data set worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.cases.register import register_rows
from lscp_desktop.deadlines.rules import read_deadline_rules
from lscp_desktop.deadlines.statutory import DeadlineKind
from lscp_desktop.interchange.version_one import upgrade_case
from lscp_desktop.models import Agency, Case, Cspr, Meeting, ReviewOutcome
from lscp_desktop.models.enums import (
    CaseStatus,
    JointReviewKind,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.review import cspr as cspr_rules
from lscp_desktop.review.annual_report import annual_figures
from lscp_desktop.store.database import Store

NOTIFIED = dt.date(2026, 3, 2)  # a Monday: 15 working days on is Monday 23 March 2026


def _case(
    store: Store,
    reference: str,
    *,
    submitted: dt.date | None,
    response: PanelResponse = PanelResponse.AGREES,
    recommendation: ReviewRecommendation = ReviewRecommendation.NO_CSPR,
) -> int:
    with store.session() as session:
        police = session.scalars(select(Agency).where(Agency.short_name == "Police")).one()
        case = Case(
            reference=reference,
            child_pseudonym=f"Child {reference[-1]}",
            referring_agency_id=police.id,
            referral_received=dt.date(2026, 2, 26),
            la_aware=dt.date(2026, 2, 26),
            notified_on=NOTIFIED,
            partners_informed_on=NOTIFIED,
            status=CaseStatus.RAPID_REVIEW,
        )
        outcome = ReviewOutcome(
            recommendation=recommendation,
            rationale="Recorded.",
            decided_on=dt.date(2026, 3, 10),
            submitted_to_panel_on=submitted,
            panel_response=response if submitted else PanelResponse.AWAITED,
            panel_response_on=None if submitted is None else submitted + dt.timedelta(days=10),
        )
        case.meetings.append(
            Meeting(
                id=f"rr-{reference}",
                kind=MeetingKind.RAPID_REVIEW,
                held_at=dt.datetime(2026, 3, 10, 10, 0),
                status=MeetingStatus.CONCLUDED,
                review_outcome=outcome,
            )
        )
        session.add(case)
        session.flush()
        return case.id


def test_annual_figures_of_a_small_data_set_worked_out_by_hand(store: Store) -> None:
    # Due 23 March (15 working days after Monday 2 March).
    on_time = _case(store, "R-1", submitted=dt.date(2026, 3, 20))  # 3 days early
    # Thursday 26 March: 24, 25, 26 March are 3 working days late.
    three_late = _case(
        store,
        "R-2",
        submitted=dt.date(2026, 3, 26),
        response=PanelResponse.DISAGREES,
        recommendation=ReviewRecommendation.CSPR,
    )
    # Thursday 2 April: 24-27, 30, 31 March, 1, 2 April are 8 working days late.
    _case(
        store,
        "R-3",
        submitted=dt.date(2026, 4, 2),
        response=PanelResponse.MORE_INFORMATION,
        recommendation=ReviewRecommendation.CSPR,
    )
    _case(store, "R-4", submitted=None)  # held, not yet sent: timing unknown
    with store.session() as session:
        first = session.get_one(Case, on_time)
        first.cspr = Cspr(commissioned_on=dt.date(2026, 3, 10), published_on=dt.date(2026, 9, 10))
        second = session.get_one(Case, three_late)
        second.cspr = Cspr(commissioned_on=dt.date(2026, 3, 10), published_on=dt.date(2026, 9, 11))
        cspr_rules.add_joint_review(
            first, JointReviewKind.SAR, "Leeds SAB", started_on=dt.date(2026, 4, 1)
        )
        cspr_rules.add_joint_review(
            second, JointReviewKind.DHR, "Safer Leeds", started_on=dt.date(2025, 12, 1)
        )
        figures = annual_figures(
            session, dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=dt.date(2026, 12, 31)
        )
    data = figures.to_json()
    assert data["rapid_reviews"] == 4
    assert data["rapid_reviews_sent_within_15_working_days"] == 1
    assert data["rapid_reviews_sent_late"] == 2
    assert sorted(data["rapid_reviews_late_by_working_days"]) == [3, 8]
    assert data["rapid_reviews_timing_unknown"] == 1
    assert data["panel_responses"] == {
        "agrees": 1,
        "disagrees": 1,
        "national_review": 0,
        "more_information": 1,
        "awaited": 1,
    }
    # 10 March + 6 months = 10 September: the first on the day, the second a day late.
    assert data["cspr_published"] == 2
    assert data["cspr_published_within_6_months"] == 1
    assert data["joint_reviews"] == {"sar": 1, "dhr": 0, "other": 0}


def test_the_cspr_runs_from_commissioning_to_publication_and_closes_the_case(
    store: Store,
) -> None:
    case_id = _case(
        store,
        "C-1",
        submitted=dt.date(2026, 3, 20),
        recommendation=ReviewRecommendation.CSPR,
    )

    def register_row() -> tuple[DeadlineKind | None, dt.date | None, dt.date | None]:
        rows = register_rows(
            store.connection, read_deadline_rules(store.connection), dt.date(2026, 5, 1)
        )
        row = next(row for row in rows if row.case_id == case_id)
        return row.deadline_kind, row.deadline, row.next_check

    with store.session() as session:
        case = session.get_one(Case, case_id)
        case.status = CaseStatus.CSPR
        case.cspr = Cspr(commissioned_on=dt.date(2026, 3, 10))
        cspr = case.cspr
        with pytest.raises(cspr_rules.CsprRuleError, match="before the decision to commission"):
            cspr_rules.record_commissioning(
                cspr, reviewers=["A Reviewer"], terms_of_reference_on=dt.date(2026, 3, 1)
            )
        cspr_rules.record_commissioning(
            cspr, reviewers=["A Reviewer", " "], terms_of_reference_on=dt.date(2026, 4, 1)
        )
        assert cspr.reviewer_list == ["A Reviewer"]
        with pytest.raises(cspr_rules.CsprRuleError, match="Write what"):
            cspr_rules.add_progress(cspr, dt.date(2026, 4, 20), "BU", "  ", None)
        with pytest.raises(cspr_rules.CsprRuleError, match="next check date"):
            cspr_rules.add_progress(
                cspr, dt.date(2026, 4, 20), "BU", "On track.", dt.date(2026, 4, 1)
            )
        cspr_rules.add_progress(cspr, dt.date(2026, 4, 20), "BU", "On track.", dt.date(2026, 6, 1))
        assert cspr_rules.next_check_on(cspr) == dt.date(2026, 6, 1)
        assert cspr_rules.publication_due(cspr) == dt.date(2026, 9, 10)
    # Until publication the register shows the publication due date, and the next check.
    assert register_row() == (
        DeadlineKind.CSPR_PUBLICATION,
        dt.date(2026, 9, 10),
        dt.date(2026, 6, 1),
    )
    with store.session() as session:
        cspr = session.get_one(Case, case_id).cspr
        assert cspr is not None
        with pytest.raises(cspr_rules.CsprRuleError, match="received before it is sent"):
            cspr_rules.record_final_report(cspr, None, dt.date(2026, 8, 1))
        cspr_rules.record_final_report(cspr, dt.date(2026, 7, 20), dt.date(2026, 8, 1))
        with pytest.raises(cspr_rules.CsprRuleError, match="before the final report"):
            cspr_rules.record_publication(cspr, dt.date(2026, 7, 1))
        cspr_rules.record_publication(cspr, dt.date(2026, 8, 20))
        assert cspr.case.status is CaseStatus.CLOSED
        assert cspr_rules.next_check_on(cspr) is None
    assert register_row() == (None, None, None)


def test_not_published_needs_its_reason(store: Store) -> None:
    case_id = _case(store, "C-2", submitted=dt.date(2026, 3, 20))
    with store.session() as session:
        case = session.get_one(Case, case_id)
        case.status = CaseStatus.CSPR
        case.cspr = Cspr(commissioned_on=dt.date(2026, 3, 10))
        with pytest.raises(cspr_rules.CsprRuleError, match="reason"):
            cspr_rules.record_not_published(case.cspr, " ")
        cspr_rules.record_not_published(case.cspr, "Criminal proceedings; the Panel was told.")
        assert case.status is CaseStatus.CLOSED


def test_a_joint_review_needs_its_partner_board_and_dates_in_order(store: Store) -> None:
    case_id = _case(store, "J-1", submitted=None)
    with store.session() as session:
        case = session.get_one(Case, case_id)
        with pytest.raises(cspr_rules.CsprRuleError, match="Name the board"):
            cspr_rules.add_joint_review(case, JointReviewKind.DHR, " ")
        with pytest.raises(cspr_rules.CsprRuleError, match="before the start"):
            cspr_rules.add_joint_review(
                case,
                JointReviewKind.OTHER,
                "Board",
                started_on=dt.date(2026, 5, 1),
                completed_on=dt.date(2026, 4, 1),
            )


def test_a_version_one_publication_becomes_the_case_cspr() -> None:
    case = {
        "reference": "V1",
        "meetings": [
            {
                "kind": "rapid_review",
                "held_at": "2026-01-12T10:00",
                "review_outcome": {
                    "recommendation": "cspr",
                    "decided_on": "2026-01-12",
                    "cspr_published_on": "2026-07-01",
                },
            }
        ],
    }
    upgraded = upgrade_case(case)
    assert "cspr_published_on" not in upgraded["meetings"][0]["review_outcome"]
    assert upgraded["cspr"]["commissioned_on"] == "2026-01-12"
    assert upgraded["cspr"]["published_on"] == "2026-07-01"
    assert "cspr_published_on" in case["meetings"][0]["review_outcome"]  # input unchanged


def test_the_cspr_page_records_progress_and_publication_through_its_widgets(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from lscp_desktop.ui.register.cspr_dialog import CsprDialog
    from lscp_desktop.ui.register.date_fields import to_qdate

    case_id = _case(store, "G-1", submitted=dt.date(2026, 3, 20))
    with store.session() as session:
        case = session.get_one(Case, case_id)
        case.status = CaseStatus.CSPR
        case.cspr = Cspr(commissioned_on=dt.date(2026, 3, 10))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dialog = CsprDialog(store, case_id)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_note_button, Qt.MouseButton.LeftButton)
    assert shown == ["Write what the progress check found."]
    dialog.reviewers.setPlainText("Alex Reviewer\nSam Second")
    dialog.note_date.setDate(to_qdate(dt.date(2026, 4, 20)))
    dialog.note_author.setText("Business Unit")
    dialog.note_text.setText("Practitioner event held; draft due in June.")
    dialog.note_next.set_value(dt.date(2026, 6, 1))
    qtbot.mouseClick(dialog.add_note_button, Qt.MouseButton.LeftButton)
    dialog.published.set_value(dt.date(2026, 3, 1))  # before commissioning: refused
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "before the decision to review" in shown[-1]
    with store.session() as session:
        assert session.get_one(Case, case_id).cspr.progress == []  # nothing saved
    dialog.published.set_value(dt.date(2026, 9, 1))
    dialog.joint_board.setText("Leeds Safeguarding Adults Board")
    dialog.joint_started.set_value(dt.date(2026, 4, 1))
    qtbot.mouseClick(dialog.add_joint_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        case = session.get_one(Case, case_id)
        assert case.cspr is not None
        assert case.cspr.reviewer_list == ["Alex Reviewer", "Sam Second"]
        assert [n.text for n in case.cspr.progress] == [
            "Practitioner event held; draft due in June."
        ]
        assert case.cspr.published_on == dt.date(2026, 9, 1)
        assert case.status is CaseStatus.CLOSED
        assert [(j.kind, j.partner_board) for j in case.joint_reviews] == [
            (JointReviewKind.SAR, "Leeds Safeguarding Adults Board")
        ]


def test_the_case_pane_opens_the_cspr_page_and_the_register_is_read_again(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from lscp_desktop.ui.register import cspr_dialog
    from lscp_desktop.ui.register.register_page import RegisterPage

    case_id = _case(store, "P-1", submitted=dt.date(2026, 3, 20))
    opened: list[int] = []

    def exec_(dialog: cspr_dialog.CsprDialog) -> int:
        opened.append(dialog.case_id)
        assert not dialog.has_cspr  # nothing commissioned: the page says so
        return 1

    monkeypatch.setattr(cspr_dialog.CsprDialog, "exec", exec_)
    page = RegisterPage(store)
    qtbot.addWidget(page)
    page.refresh()
    assert page.select_case(case_id)
    qtbot.mouseClick(page.detail.cspr_button, Qt.MouseButton.LeftButton)
    assert opened == [case_id]
