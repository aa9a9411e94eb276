"""The shared store's speed on PostgreSQL (issue 17): register first paint, search and an
autosave commit, each beside its floor, the same work through psycopg alone.

    python -m benchmarks.server_speed [--cases 2000] [--db postgresql://...]

Without --db a throw-away server is started from Debian's packages (tests/postgres_server.py,
a Unix socket, so no network in the figures; a council's server adds its round trips to both
the figure and its floor). The synthetic rows are those of the file benchmark
(synthetic_store.fill), written through the server's engine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import Any

# Qt must never look for a display (as benchmarks.run): the register is painted offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.figures import Figure, format_line, header, median, percentile
from benchmarks.store_speed import KEYSTROKES, SEARCH_QUERIES
from benchmarks.synthetic_store import LONG_MEETING_ID, Scale, fill

RUNS = 5


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def measure_register(url: str) -> list[Figure]:
    import psycopg
    from PySide6.QtWidgets import QApplication

    from lscp_desktop.store.server_store import open_server_store
    from lscp_desktop.ui.register.register_page import RegisterPage

    with psycopg.connect(url) as raw:
        floor = median(
            [
                _timed(
                    lambda: raw.execute(
                        "SELECT c.id, c.reference, c.child_pseudonym, a.short_name, c.status, "
                        "c.referral_received, c.la_aware FROM cases c "
                        "JOIN agencies a ON a.id = c.referring_agency_id"
                    ).fetchall()
                )
                for _ in range(RUNS)
            ]
        )
    app = QApplication.instance() or QApplication([])
    store = open_server_store(url, attach=False)
    try:
        paints = []
        for _ in range(RUNS):
            started = time.perf_counter()
            page = RegisterPage(store)
            if page.model.total == 0:
                page.refresh()
            page.resize(1280, 760)
            page.show()
            app.processEvents()
            paints.append((time.perf_counter() - started) * 1000)
            rows = page.model.total
            page.close()
            page.deleteLater()
            app.processEvents()
    finally:
        store.close()
    return [
        Figure("server.register.first_paint", median(paints), floor, "ms", 150, "max",
               note=f"median of {RUNS}, {rows:,} cases; floor: the columns by psycopg alone"),
    ]  # fmt: skip


def measure_search(url: str) -> list[Figure]:
    import psycopg

    from lscp_desktop.cases.search import WORD, search
    from lscp_desktop.store import server_search
    from lscp_desktop.store.server_store import open_server_store

    store = open_server_store(url)
    try:
        with store.reading() as session:
            search(session, "warm up")
            app = [_timed(lambda q=q: search(session, q)) for q in SEARCH_QUERIES * 3]
    finally:
        store.close()
    sql = server_search.MATCH_SQL.replace(":query", "%(query)s").replace(":limit", "%(limit)s")
    with psycopg.connect(url) as raw:
        floor = [
            _timed(
                lambda q=q: raw.execute(
                    sql, {"query": server_search.tsquery(WORD.findall(q)), "limit": 200}
                ).fetchall()
            )
            for q in SEARCH_QUERIES * 3
        ]
    return [
        Figure("server.search.query_p50", median(app), median(floor), "ms", 50, "max",
               note=f"{len(SEARCH_QUERIES)} queries x3 incl. as-you-type prefixes"),
        Figure("server.search.query_max", max(app), max(floor), "ms", 50, "max",
               note="floor: the tsquery match alone, psycopg"),
    ]  # fmt: skip


def measure_autosave(url: str) -> list[Figure]:
    import psycopg

    from lscp_desktop.meeting import autosave
    from lscp_desktop.meeting.record import set_minutes
    from lscp_desktop.store.server_store import open_server_store

    with psycopg.connect(url) as raw:
        item_id, title, text = raw.execute(
            "SELECT id, item, text FROM minute_items WHERE meeting_id = %s ORDER BY position "
            "LIMIT 1",
            (LONG_MEETING_ID,),
        ).fetchone() or (0, "", "")
        raw.commit()

        def raw_commit(value: str) -> None:
            raw.execute("UPDATE minute_items SET text = %s WHERE id = %s", (value, item_id))
            raw.commit()

        floor = [_timed(lambda n=n: raw_commit(text + "x" * n)) for n in range(KEYSTROKES)]

    def apply(session: Any, value: str) -> None:
        set_minutes(session, LONG_MEETING_ID, title, value)

    store = open_server_store(url)
    try:
        writes = autosave.PendingWrites(store)
        writes.watch(("meeting", LONG_MEETING_ID))
        app = []
        for n in range(KEYSTROKES):
            started = time.perf_counter()
            writes.put(("minutes", item_id), text + "y" * n, apply)
            if not writes.flush():
                raise RuntimeError(f"autosave failed: {writes.error}")
            app.append((time.perf_counter() - started) * 1000)
    finally:
        store.close()
    note = (
        f"{KEYSTROKES} keystrokes into a {len(text):,}-char item via PendingWrites.put+flush "
        "(set_minutes, version checked, audited); floor: UPDATE+COMMIT by psycopg alone"
    )
    return [
        Figure("server.autosave.commit_p50", median(app), median(floor), "ms", None, note=note),
        Figure("server.autosave.commit_p99", percentile(app, 0.99), percentile(floor, 0.99),
               "ms", 3.0),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server_speed", description=__doc__)
    parser.add_argument("--cases", type=int, default=2000, help="store size (default 2000)")
    parser.add_argument("--db", metavar="URL", help="an empty database (default: a throw-away)")
    args = parser.parse_args(argv)

    from lscp_desktop.store import server
    from lscp_desktop.store.server_store import open_server_store

    throw_away = None
    url = args.db
    if url is None:
        from tests.postgres_server import start_throw_away_server

        throw_away = start_throw_away_server()
        url = throw_away.url(throw_away.create_database())
    try:
        scale = Scale.for_cases(args.cases)
        print(f"server store: {scale}", file=sys.stderr, flush=True)
        server.migrate(url)
        store = open_server_store(url)  # seeds the agencies
        try:
            fill(store.engine, scale)
        finally:
            store.close()
        print(header(), flush=True)
        for step in (measure_register, measure_search, measure_autosave):
            for figure in step(url):
                print(format_line(figure), flush=True)
    finally:
        if throw_away is not None:
            throw_away.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
