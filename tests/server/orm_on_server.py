"""Just enough of a Store on the throw-away PostgreSQL for the record builders of the tests
(tests/store/records.py): ORM sessions with the app's approval-lock hooks, a migrated schema,
the seeded local authority and one approved meeting ("m1")."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from lscp_desktop.models import Agency, Meeting
from lscp_desktop.models.enums import MeetingStatus, PartnerRole
from lscp_desktop.store import approval_lock, server
from lscp_desktop.store.server_store import ServerStore, open_server_store
from tests.store.records import add_meeting


class OrmOnServer:
    """Just enough of a Store for tests/store/records.py: ORM sessions on the server, with the
    app's approval-lock flush hooks (store/approval_lock.py) installed as the store does."""

    def __init__(self, url: str) -> None:
        self.engine = server.server_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        approval_lock.install(self)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions.begin() as session:
            yield session


@pytest.fixture
def on_server(postgres_url: str) -> Iterator[OrmOnServer]:
    server.migrate(postgres_url)
    orm = OrmOnServer(postgres_url)
    with orm.session() as session:
        session.add(Agency(name="Local authority", partner_role=PartnerRole.LOCAL_AUTHORITY))
    add_meeting(orm)  # type: ignore[arg-type]
    with orm.session() as session:
        meeting = session.get_one(Meeting, "m1")
        meeting.minutes[0].text = "Final wording agreed by the chair."
        meeting.status = MeetingStatus.APPROVED
        meeting.approved_by = "Pat Chair"
        meeting.approved_at = dt.datetime(2026, 1, 10, 12, 0)
    yield orm
    orm.engine.dispose()


@pytest.fixture
def empty_server(postgres_url: str) -> Iterator[OrmOnServer]:
    """A migrated server with the local authority and the Police as agencies, no cases."""
    server.migrate(postgres_url)
    orm = OrmOnServer(postgres_url)
    with orm.session() as session:
        session.add(Agency(name="Local authority", partner_role=PartnerRole.LOCAL_AUTHORITY))
        session.add(Agency(name="Police", short_name="Police", partner_role=PartnerRole.POLICE))
    yield orm
    orm.engine.dispose()


@pytest.fixture
def server_store(postgres_url: str) -> Iterator[ServerStore]:
    """The app's own store on a migrated, empty throw-away server, as commands open it."""
    server.migrate(postgres_url)
    store = open_server_store(postgres_url)
    yield store
    store.close()
