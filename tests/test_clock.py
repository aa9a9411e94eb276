"""One clock: the record's times and the deadlines' "today" are England's, not the machine's."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from lscp_desktop import clock
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Meeting
from lscp_desktop.store.database import Store
from tests.meeting_data import build_case, build_meeting


@pytest.fixture
def laptop_in_auckland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own clock set to a zone never within hours of England's."""
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def london() -> dt.datetime:
    return dt.datetime.now(ZoneInfo("Europe/London")).replace(tzinfo=None)


def test_london_now_is_englands_wall_clock_whatever_the_machine_says(
    laptop_in_auckland: None,
) -> None:
    assert abs(dt.datetime.now() - london()) > dt.timedelta(hours=9)  # the machine disagrees
    assert abs(clock.london_now() - london()) < dt.timedelta(minutes=1)
    assert clock.london_today() == london().date()


def test_a_meeting_started_abroad_is_minuted_at_englands_time(
    store: Store, laptop_in_auckland: None
) -> None:
    meeting_id = build_meeting(store, build_case(store))
    with store.session() as session:
        meeting_record.start(session, meeting_id)
    with store.session() as session:
        started = session.get_one(Meeting, meeting_id).started_at
    assert started is not None
    assert abs(started - london()) < dt.timedelta(minutes=1)
