"""The audit chain on PostgreSQL: appends from two connections at once are serialised
(pg_advisory_xact_lock), so the chain stays one unbroken line; the "user" column is the
officer's name, not the login role."""

from __future__ import annotations

import datetime as dt
import threading

import psycopg
from sqlalchemy.orm import Session

from lscp_desktop.store import audit
from tests.server.orm_on_server import OrmOnServer


def _change(n: int, user: str) -> audit.Change:
    return audit.Change(
        at=dt.datetime(2026, 1, 10, 12, 0, n % 60),
        user=user,
        entity="case",
        entity_id=str(n),
        action="changed",
        detail=f"edit {n}",
        content_hash="",
    )


def test_two_writers_at_once_keep_one_chain(empty_server: OrmOnServer, postgres_url: str) -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def officer(user: str) -> None:
        try:
            barrier.wait()
            for n in range(25):
                with Session(empty_server.engine) as session, session.begin():
                    audit._append(session, [_change(n, user)])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=officer, args=(u,)) for u in ("Pat Officer", "Sam Chair")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with psycopg.connect(postgres_url) as connection:
        rows = audit.fetch_rows(connection)
    assert len(rows) == 50
    assert {row[2] for row in rows} == {"Pat Officer", "Sam Chair"}  # not the login role
    # Every link and hash holds; the seal file is the embedded store's, not a server's.
    report = audit.verify_chain(rows, None)
    assert report.entries == 50
    assert [p for p in report.problems if "seal" not in p] == []
