"""In-process measurements on the large store: full-text search and autosave latency.

Each is measured through the application's own code and, in the same run, the floor: the same
work done straight on a sqlcipher3 connection with the store's pragmas and no application code.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, median, percentile
from benchmarks.synthetic_store import LONG_MEETING_ID, PASSPHRASE

# What a Business Unit officer types: whole words, phrases and a word as it is being typed.
SEARCH_QUERIES = [
    "bruise", "domestic abuse", "disguised compliance", "strategy discussion", "Section 47",
    "professional curiosity", "escalated", "Early Help", "midwife", "chronology",
    "d", "do", "dom", "dome", "domes", "domest", "domesti", "domestic",
]  # fmt: skip
KEYSTROKES = 200


def available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def raw_connection(db: Path) -> Any:
    """sqlcipher3 with the store's key and pragmas (connect_keyed only sets pragmas)."""
    from lscp_desktop.store.database import connect_keyed, unlock_key

    return connect_keyed(db, unlock_key(db, PASSPHRASE), key_file_used=True)


def measure_search(db: Path) -> list[Figure]:
    if not available("lscp_desktop.cases.search"):
        reason = "lscp_desktop/cases/search.py is not in this checkout yet"
        return [Figure("search.query_p50", None, None, "ms", 50, "max", skipped=reason)]
    from lscp_desktop.cases.search import match_expression, search
    from lscp_desktop.store.database import open_store

    store = open_store(db, PASSPHRASE, create=False)
    try:
        with store.session() as session:
            search(session, "warm up")
            app = [_timed(lambda q=q: search(session, q)) for q in SEARCH_QUERIES * 3]
    finally:
        store.close()
    connection = raw_connection(db)
    try:
        sql = (
            "SELECT rowid FROM search_index WHERE search_index MATCH ? "
            "ORDER BY rowid DESC LIMIT 200"
        )
        floor = [
            _timed(lambda q=q: connection.execute(sql, (match_expression(q),)).fetchall())
            for q in SEARCH_QUERIES * 3
        ]
    finally:
        connection.close()
    slowest = max(zip(app, SEARCH_QUERIES * 3, strict=True))
    return [
        Figure("search.query_p50", median(app), median(floor), "ms", 50, "max",
               note=f"{len(SEARCH_QUERIES)} queries x3 incl. as-you-type prefixes"),
        Figure("search.query_max", max(app), max(floor), "ms", 50, "max",
               note=f"slowest: {slowest[1]!r}; floor: the FTS5 MATCH alone, raw sqlcipher3"),
    ]  # fmt: skip


def measure_autosave(db: Path) -> list[Figure]:
    """Typing into the minutes of the 3-hour meeting: one commit per keystroke.

    The app's autosave waits (debounce) before it writes; that wait is a choice, not work, so
    the figure is the time from the keystroke's write being queued to it being committed once
    the flush runs: `put` + `flush`, the part that runs on the GUI thread.
    """
    if not available("lscp_desktop.meeting.autosave"):
        reason = "lscp_desktop/autosave.py is not in this checkout yet"
        return [
            Figure("autosave.commit_p50", None, None, "ms", 3.0, skipped=reason),
            Figure("autosave.commit_p99", None, None, "ms", 3.0, skipped=reason),
        ]
    from lscp_desktop.meeting import autosave
    from lscp_desktop.models import MinuteItem
    from lscp_desktop.store.database import open_store

    connection = raw_connection(db)
    try:
        item_id, title, text = connection.execute(
            "SELECT id, item, text FROM minute_items WHERE meeting_id = ? ORDER BY position "
            "LIMIT 1",
            (LONG_MEETING_ID,),
        ).fetchone()

        def raw_commit(value: str) -> None:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("UPDATE minute_items SET text = ? WHERE id = ?", (value, item_id))
            connection.execute("COMMIT")

        floor = [_timed(lambda n=n: raw_commit(text + "x" * n)) for n in range(KEYSTROKES)]
    finally:
        connection.close()

    def apply(session: Any, value: str) -> None:
        session.get(MinuteItem, item_id).text = value

    try:
        from lscp_desktop.meeting.record import set_minutes

        def apply_real(session: Any, value: str) -> None:
            set_minutes(session, LONG_MEETING_ID, title, value)

        apply, how = apply_real, "meeting.record.set_minutes"
    except ImportError:
        how = "ORM attribute set (meeting_record not merged)"
    store = open_store(db, PASSPHRASE, create=False)
    try:
        writes = autosave.PendingWrites(store)
        put_ms: list[float] = []
        app: list[float] = []
        for n in range(KEYSTROKES):
            value = text + "y" * n
            started = time.perf_counter()
            writes.put(("minutes", item_id), value, apply)
            queued = time.perf_counter()
            if not writes.flush():
                raise RuntimeError(f"autosave failed: {writes.error}")
            app.append((time.perf_counter() - started) * 1000)
            put_ms.append((queued - started) * 1000)
    finally:
        store.close()
    note = (
        f"{KEYSTROKES} keystrokes into a {len(text):,}-char item via PendingWrites.put+flush "
        f"({how}); put alone p99 {percentile(put_ms, 0.99):.3f} ms; debounce "
        f"{autosave.DEBOUNCE_SECONDS}s/max {autosave.MAX_LATENCY_SECONDS}s not counted"
    )
    return [
        Figure("autosave.commit_p50", median(app), median(floor), "ms", None,
               note="floor: UPDATE+COMMIT on raw sqlcipher3, same pragmas"),
        Figure("autosave.commit_p99", percentile(app, 0.99), percentile(floor, 0.99), "ms", 3.0,
               note=note),
    ]  # fmt: skip
