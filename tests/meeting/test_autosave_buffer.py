"""The Qt-free autosave buffer: when writes are due, and what a failed commit keeps."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from lscp_desktop.meeting import lock as meeting_lock
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.autosave import PendingWrites, describe_failure
from lscp_desktop.models import Meeting
from lscp_desktop.store.database import Store
from tests.meeting_data import build_case, build_meeting


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def note_text(meeting_id: str):  # type: ignore[no-untyped-def]
    def apply(session: Session, text: str) -> None:
        meeting_record.set_minutes(session, meeting_id, "Close", text)

    return apply


def test_writes_wait_for_a_pause_but_never_more_than_a_second(store: Store) -> None:
    clock = FakeClock()
    writes = PendingWrites(store, clock=clock)
    assert writes.due_in() is None
    writes.put("k", "a", lambda s, v: None)
    assert writes.due_in() == pytest.approx(0.3)
    for _ in range(6):  # a keystroke every 0.1 s
        clock.now += 0.1
        writes.put("k", "ab", lambda s, v: None)
    # 0.6 s after the first keystroke the cap (0.8 s) is nearer than the debounce (0.3 s).
    assert writes.due_in() == pytest.approx(0.2)
    clock.now += 0.5
    assert writes.due_in() == 0.0


def test_failed_commit_keeps_every_write_and_the_reason(store: Store) -> None:
    meeting_id = build_meeting(store, build_case(store))
    writes = PendingWrites(store)
    writes.put(("minutes", "Close"), "Thank you all.", note_text(meeting_id))

    def read_only(_session: Session) -> None:
        raise PermissionError("attempt to write a readonly database")

    event.listen(store.sessions, "before_commit", read_only)
    try:
        assert not writes.flush()
        assert writes.state.text == "Not saved: the database file is read-only"
        assert writes.pending_value(("minutes", "Close")) == "Thank you all."
    finally:
        event.remove(store.sessions, "before_commit", read_only)
    assert writes.flush()
    assert writes.state.text == "Saved"
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).minutes[0].text == "Thank you all."


def test_a_write_the_rules_refuse_does_not_hold_up_the_others(store: Store) -> None:
    meeting_id = build_meeting(store, build_case(store))
    writes = PendingWrites(store)

    def refused(_session: Session, _value: object) -> None:
        raise meeting_lock.MinutesLocked("These minutes were approved and cannot be changed.")

    writes.put("locked", "x", refused)
    writes.put(("minutes", "Close"), "Kept.", note_text(meeting_id))
    assert writes.flush()
    assert not writes.has_pending
    assert writes.state.text.startswith("Not saved: These minutes were approved")
    with store.session() as session:
        assert session.get_one(Meeting, meeting_id).minutes[0].text == "Kept."


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("database or disk is full", "the disk is full"),
        ("attempt to write a readonly database", "the database file is read-only"),
        ("database is locked", "the database is locked by another program"),
        ("disk I/O error", "disk I/O error"),
    ],
)
def test_failures_are_described_in_plain_words(message: str, reason: str) -> None:
    assert describe_failure(OSError(message)) == reason


def test_a_programming_error_in_a_save_keeps_the_text_for_a_retry(store: Store) -> None:
    """A fault is not a rule: the typed text stays pending, the others are saved, and it is
    said — today's text is never dropped behind a "Saved"."""
    meeting_id = build_meeting(store, build_case(store))
    writes = PendingWrites(store)
    broken = [True]

    def welcome(session: Session, text: str) -> None:
        if broken[0]:
            raise ValueError("invalid literal for int() with base 10: 'x'")  # a bug, not a rule
        meeting_record.set_minutes(session, meeting_id, "Welcome", text)

    writes.put(("minutes", "Welcome"), "Everyone introduced themselves.", welcome)
    writes.put(("minutes", "Close"), "Thank you all.", note_text(meeting_id))
    assert not writes.flush()
    assert writes.pending_value(("minutes", "Welcome")) == "Everyone introduced themselves."
    assert writes.pending_value(("minutes", "Close")) is None  # the other write was saved
    assert writes.state.text.startswith("Not saved: invalid literal")
    assert writes.due_in() is not None  # still due: the caller retries

    broken[0] = False
    assert writes.flush()
    assert writes.state.text == "Saved"
    with store.session() as session:
        texts = {item.item: item.text for item in session.get_one(Meeting, meeting_id).minutes}
    assert texts == {"Welcome": "Everyone introduced themselves.", "Close": "Thank you all."}


def test_every_refusal_of_the_domain_is_a_rule_refused() -> None:
    from lscp_desktop.cases.editing import CaseInvalid
    from lscp_desktop.refusals import RuleRefused
    from lscp_desktop.review.action_plan import ActionPlanError
    from lscp_desktop.review.annual_report import ReportPeriodError
    from lscp_desktop.review.learning_sheet import LearningSheetError
    from lscp_desktop.review.rapid_review import ReviewRuleError
    from lscp_desktop.review.themes import ThemeError
    from lscp_desktop.settings.form import SettingsInvalid

    for refusal in (
        meeting_lock.MeetingRuleError,
        meeting_lock.MinutesLocked,
        ReviewRuleError,
        ThemeError,
        LearningSheetError,
        ReportPeriodError,
        ActionPlanError,
        CaseInvalid,
        SettingsInvalid,
    ):
        assert issubclass(refusal, RuleRefused), refusal
