"""The statutory deadlines: one module, per kind, and the register, export and report agree."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from lscp_desktop.cases.register import DeadlineKind
from lscp_desktop.deadlines.rules import RAPID_REVIEW_DAY_ZERO
from lscp_desktop.deadlines.statutory import (
    CaseDeadlines,
    NextDeadline,
    case_deadlines,
    case_facts,
    next_deadline,
)
from lscp_desktop.interchange import export_document
from lscp_desktop.models import Case, Decision, ReviewOutcome
from lscp_desktop.models.enums import (
    CaseKind,
    CaseStatus,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    RapidReviewDayZero,
    ReviewRecommendation,
)
from lscp_desktop.review.annual_report import annual_figures
from lscp_desktop.settings import stored as stored_settings
from lscp_desktop.store.database import Store
from tests.cases.test_register import AWARE, add_case, add_meeting, rows_on

NOTIFIED_ON = dt.date(2025, 12, 23)  # Tuesday: 15 working days on is Fri 16 Jan 2026


def notify(store: Store, case_id: int, notified_on: dt.date | None = NOTIFIED_ON) -> None:
    meeting_id = add_meeting(store, case_id)
    with store.session() as session:
        session.add(
            Decision(
                meeting_id=meeting_id,
                outcome=DecisionOutcome.NOTIFY,
                decided_on=AWARE,
            )
        )
        session.get_one(Case, case_id).notified_on = notified_on


def orm_deadlines(store: Store, reference: str) -> tuple[NextDeadline | None, CaseDeadlines]:
    with store.session() as session:
        rules = stored_settings.deadline_rules(session)
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        return next_deadline(case_facts(case), rules), case_deadlines(case, rules)


def set_day_zero(store: Store, day_zero: RapidReviewDayZero) -> None:
    with store.session() as session:
        stored_settings.put(session, RAPID_REVIEW_DAY_ZERO, day_zero.value)


def test_notify_without_a_notification_date_gives_one_rapid_review_date_everywhere(
    store: Store,
) -> None:
    # Day 0 is awareness: the register counted from it, deadlines.py gave nothing at all.
    case_id = add_case(store, "R-1", status=CaseStatus.NOTIFIED, partners_informed_on=NOTIFIED_ON)
    notify(store, case_id, notified_on=None)
    set_day_zero(store, RapidReviewDayZero.AWARENESS)
    row = rows_on(store, AWARE)["R-1"]
    _, deadlines = orm_deadlines(store, "R-1")
    assert row.deadline_kind is DeadlineKind.RAPID_REVIEW
    assert row.deadline == dt.date(2026, 1, 15)
    assert deadlines.rapid_review_due == row.deadline


def test_annual_report_does_not_count_from_the_decision_when_the_notification_date_is_missing(
    store: Store,
) -> None:
    # Day 0 is the notification and it was never recorded: the report used the decision date
    # and called a Rapid Review on its 15th working day from the decision "within time".
    case_id = add_case(
        store, "R-1", status=CaseStatus.RAPID_REVIEW, partners_informed_on=NOTIFIED_ON
    )
    notify(store, case_id, notified_on=None)
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
    assert rows_on(store, AWARE)["R-1"].deadline is None
    with store.session() as session:
        figures = annual_figures(
            session, dt.date(2025, 4, 1), dt.date(2026, 3, 31), today=dt.date(2026, 2, 1)
        )
    assert figures.rapid_reviews == 1
    assert figures.rapid_reviews_timing_unknown == 1
    assert figures.rapid_reviews_within_15_working_days == 0


def test_the_death_kinds_have_no_rapid_review(store: Store) -> None:
    for reference, kind in [
        ("R-1", CaseKind.LOOKED_AFTER_DEATH),
        ("R-2", CaseKind.CARE_LEAVER_DEATH),
        ("R-3", CaseKind.SCSI),
    ]:
        case_id = add_case(
            store, reference, kind=kind, status=CaseStatus.NOTIFIED, partners_informed_on=AWARE
        )
        notify(store, case_id)
    rows = rows_on(store, AWARE)
    for reference in ("R-1", "R-2"):
        assert rows[reference].deadline_kind is None
        _, deadlines = orm_deadlines(store, reference)
        assert deadlines.rapid_review_due is None
        assert deadlines.notification_due == dt.date(2025, 12, 31)
    assert rows["R-3"].deadline == dt.date(2026, 1, 16)


def test_every_kind_is_due_for_notification_in_five_working_days(store: Store) -> None:
    for number, kind in enumerate(CaseKind):
        add_case(store, f"R-{number}", kind=kind)
    for row in rows_on(store, AWARE).values():
        assert (row.deadline_kind, row.deadline) == (
            DeadlineKind.NOTIFICATION,
            dt.date(2025, 12, 31),  # Mon 22 Dec + 5 working days over Christmas
        )


def test_partners_told_is_due_once_notified_and_shown_until_met(store: Store) -> None:
    case_id = add_case(store, "R-1", kind=CaseKind.CARE_LEAVER_DEATH, status=CaseStatus.NOTIFIED)
    notify(store, case_id)
    row = rows_on(store, AWARE)["R-1"]
    assert (row.deadline_kind, row.deadline) == (
        DeadlineKind.PARTNERS_INFORMED,
        dt.date(2025, 12, 31),
    )
    assert row.deadline_kind.value == "Partners informed"  # the words the register shows
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.partners_informed_on = NOTIFIED_ON
    assert rows_on(store, AWARE)["R-1"].deadline_kind is None  # a death kind: nothing else due


def test_export_data_writes_the_partners_told_deadline_for_every_case(store: Store) -> None:
    add_case(store, "R-1", kind=CaseKind.LOOKED_AFTER_DEATH)
    with store.session() as session:
        (case,) = export_document(session)["cases"]
    assert case["deadlines"]["partners_informed_due"] == "2025-12-31"
    assert case["deadlines"]["rapid_review_due"] is None


_reference_numbers = itertools.count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from(CaseKind),
    status=st.sampled_from(CaseStatus),
    day_zero=st.sampled_from(RapidReviewDayZero),
    decisions=st.lists(
        st.tuples(
            st.sampled_from(DecisionOutcome),
            st.integers(0, 10),
            st.one_of(st.none(), st.integers(0, 10)),
        ),
        max_size=3,
    ),
    partners_told=st.booleans(),
    review=st.one_of(
        st.none(),
        st.tuples(st.sampled_from(MeetingStatus), st.sampled_from(ReviewRecommendation)),
    ),
)
def test_register_export_and_report_agree_on_every_deadline(
    store: Store,
    *,
    kind: CaseKind,
    status: CaseStatus,
    day_zero: RapidReviewDayZero,
    decisions: list[tuple[DecisionOutcome, int, int | None]],
    partners_told: bool,
    review: tuple[MeetingStatus, ReviewRecommendation] | None,
) -> None:
    reference = f"P-{next(_reference_numbers)}"
    set_day_zero(store, day_zero)
    case_id = add_case(
        store,
        reference,
        kind=kind,
        status=status,
        partners_informed_on=AWARE if partners_told else None,
    )
    for outcome, decided, notified in decisions:
        meeting_id = add_meeting(store, case_id)
        with store.session() as session:
            session.add(
                Decision(
                    meeting_id=meeting_id,
                    outcome=outcome,
                    decided_on=AWARE + dt.timedelta(days=decided),
                )
            )
            if notified is not None:  # the notification is the case's: the latest one holds
                session.get_one(Case, case_id).notified_on = AWARE + dt.timedelta(days=notified)
    if review is not None:
        review_status, recommendation = review
        meeting_id = add_meeting(
            store,
            case_id,
            kind=MeetingKind.RAPID_REVIEW,
            status=review_status,
            held_on=dt.date(2026, 1, 12),
        )
        with store.session() as session:
            session.add(
                ReviewOutcome(
                    meeting_id=meeting_id,
                    recommendation=recommendation,
                    decided_on=dt.date(2026, 1, 12),
                )
            )
    row = rows_on(store, AWARE)[reference]
    following, deadlines = orm_deadlines(store, reference)
    register = None if row.deadline_kind is None else (row.deadline_kind, row.deadline)
    assert register == (None if following is None else (following.kind, following.due))
    with store.session() as session:
        (exported,) = export_document(session, reference=reference)["cases"]
    assert exported["deadlines"] == {
        "notification_due": deadlines.notification_due.isoformat(),
        "partners_informed_due": deadlines.partners_informed_due.isoformat(),
        "rapid_review_due": (
            None if deadlines.rapid_review_due is None else deadlines.rapid_review_due.isoformat()
        ),
        "cspr_publication_due": (
            None
            if deadlines.cspr_publication_due is None
            else deadlines.cspr_publication_due.isoformat()
        ),
    }
    if row.deadline_kind is DeadlineKind.RAPID_REVIEW:
        assert row.deadline == deadlines.rapid_review_due


def test_a_decision_to_notify_not_yet_sent_shows_the_notification_due(store: Store) -> None:
    """The notification is the duty: until it is recorded as sent, the register shows it (not
    the partners-told date that falls on the same day)."""
    from lscp_desktop.deadlines.statutory import DeadlineFacts

    with store.session() as session:
        rules = stored_settings.deadline_rules(session)
    aware = dt.date(2026, 12, 3)
    waiting = DeadlineFacts(
        CaseKind.LOOKED_AFTER_DEATH,
        CaseStatus.UNDER_CONSIDERATION,
        aware,
        True,
        True,
        None,
        None,
        False,
        None,
        False,
    )
    shown = next_deadline(waiting, rules)
    assert shown is not None and shown.kind is DeadlineKind.NOTIFICATION
    assert shown.due == dt.date(2026, 12, 10)
    sent = waiting._replace(notified_on=dt.date(2026, 12, 4))
    told = next_deadline(sent, rules)
    assert told is not None and told.kind is DeadlineKind.PARTNERS_INFORMED
