"""The case register at 10,000 cases: first paint, and filtering as one types.

Measured in-process on the real page (`RegisterPage`: the query, the model, the table view),
offscreen. Floors, in the same run: the register's columns read straight from sqlcipher3 with
no application code (first paint), and a plain substring test over the same 10,000 rows'
lower-cased text (per keystroke).
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, median, percentile
from benchmarks.synthetic_store import PASSPHRASE

# What a Business Unit officer types into the register's filter, one keystroke at a time.
TYPED = ["RAG-2021-01", "Child AB", "police", "health (icb)"]
RUNS = 5


def _skip(reason: str) -> list[Figure]:
    return [
        Figure("register.first_paint", None, None, "ms", 150, "max", skipped=reason),
        Figure("register.filter_keystroke_p50", None, None, "ms", 30, "max", skipped=reason),
        Figure("register.filter_keystroke_p99", None, None, "ms", 30, "max", skipped=reason),
    ]


def _floor_rows(db: Path) -> tuple[float, list[str]]:
    from lscp_desktop.store.database import connect_keyed, unlock_key

    connection = connect_keyed(db, unlock_key(db, PASSPHRASE), key_file_used=True)
    try:
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            rows = connection.execute(
                "SELECT c.id, c.reference, c.child_pseudonym, a.short_name, c.status, "
                "c.referral_received, c.la_aware FROM cases c "
                "JOIN agencies a ON a.id = c.referring_agency_id"
            ).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        connection.close()
    return median(timings), [f"{r[1]} {r[2]} {r[3]}".lower() for r in rows]


def measure(db: Path) -> list[Figure]:
    if importlib.util.find_spec("lscp_desktop.cases.register") is None:
        return _skip("lscp_desktop/cases/register.py is not in this checkout yet")
    if importlib.util.find_spec("lscp_desktop.ui.register") is None:
        return _skip("lscp_desktop/ui/register/ (the register page) is not in this checkout yet")
    from PySide6.QtWidgets import QApplication

    from lscp_desktop.store.database import open_store

    page_module = importlib.import_module("lscp_desktop.ui.register.register_page")

    floor_paint, texts = _floor_rows(db)
    app = QApplication.instance() or QApplication([])
    store = open_store(db, PASSPHRASE, create=False)
    try:
        paints: list[float] = []
        page: Any = None
        for _ in range(RUNS):
            if page is not None:
                page.close()
                page.deleteLater()
                app.processEvents()
            started = time.perf_counter()
            page = page_module.RegisterPage(store)
            if page.model.total == 0:  # the page may leave the first read to its window
                page.refresh()
            page.resize(1280, 760)
            page.show()
            app.processEvents()  # offscreen, this delivers the first paint of every widget
            paints.append((time.perf_counter() - started) * 1000)
        rows = page.model.total
        keystrokes: list[float] = []
        floor_keys: list[float] = []
        for typed in TYPED:
            for end in range(1, len(typed) + 1):
                needle = typed[:end]
                started = time.perf_counter()
                page.search.setText(needle)  # as a keystroke does: filter, then repaint
                app.processEvents()
                keystrokes.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                _ = [text for text in texts if needle.lower() in text]
                floor_keys.append((time.perf_counter() - started) * 1000)
            page.search.clear()
            app.processEvents()
        page.close()
    finally:
        store.close()
    typed = f"{len(keystrokes)} keystrokes typing {', '.join(repr(t) for t in TYPED)}"
    return [
        Figure("register.first_paint", median(paints), floor_paint, "ms", 150, "max",
               note=f"median of {RUNS}, {rows:,} cases; floor: the columns by raw sqlcipher3"),
        Figure("register.filter_keystroke_p50", median(keystrokes), median(floor_keys), "ms",
               30, "max", note=typed),
        Figure("register.filter_keystroke_p99", percentile(keystrokes, 0.99),
               percentile(floor_keys, 0.99), "ms", 30, "max",
               note="floor: substring test over the same rows' text, no Qt"),
    ]  # fmt: skip
