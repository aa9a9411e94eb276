"""The case register at 10,000 cases: first paint, and filtering as one types."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from benchmarks.figures import Figure


def measure(db: Path) -> list[Figure]:
    if importlib.util.find_spec("lscp_desktop.case_register") is None:
        reason = "lscp_desktop/case_register.py is not in this checkout yet"
        return [
            Figure("register.first_paint", None, None, "ms", 150, "max", skipped=reason),
            Figure("register.filter_keystroke_p99", None, None, "ms", 30, "max", skipped=reason),
        ]
    reason = "the case register's model has no adapter in this benchmark yet"
    return [
        Figure("register.first_paint", None, None, "ms", 150, "max", skipped=reason),
        Figure("register.filter_keystroke_p99", None, None, "ms", 30, "max", skipped=reason),
    ]
