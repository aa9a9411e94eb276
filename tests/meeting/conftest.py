"""The meeting tests' shared starting point: the demo case and a started meeting, on both
backends (the embedded file and the PostgreSQL server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.store.database import Store
from tests.conftest import store_on
from tests.meeting_data import (
    AT,
    Demo,
    build_case,
    build_meeting,
    excuse_unheard_partners,
    mark_present,
)


@pytest.fixture(params=["file", "server"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The meeting rules run on both backends: the embedded file and the PostgreSQL server."""
    yield from store_on(request.param, request)


@pytest.fixture
def demo(store: Store) -> Demo:
    return build_case(store)


@pytest.fixture
def meeting_id(store: Store, demo: Demo) -> str:
    meeting_id = build_meeting(store, demo)
    with store.session() as session:
        meeting_record.start(session, meeting_id, AT)
    # The decision-maker must be present, and a partner not heard needs the chair's reason:
    # tests of other rules start from a meeting where both hold.
    mark_present(store, meeting_id)
    excuse_unheard_partners(store, meeting_id)
    return meeting_id
