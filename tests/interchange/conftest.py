"""Import and export run on both backends: the embedded file and the PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lscp_desktop.store.database import Store
from tests.conftest import store_on


@pytest.fixture(params=["file", "server"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from store_on(request.param, request)
