"""Cycles once hidden by imports inside functions are gone: these modules import each other at
the top (one way only) or not at all, so an import-order change cannot break them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lscp_desktop"

# module -> the modules it once reached for inside a function, to dodge a cycle
ONCE_HIDDEN = {
    "meeting/record.py": ("lscp_desktop.meeting.decision", "lscp_desktop.review"),
    "meeting/contributions.py": ("lscp_desktop.meeting.decision",),
    "meeting/agenda.py": ("lscp_desktop.review",),
    "review/learning_sheet.py": ("lscp_desktop.documents",),
}


def imports_inside_functions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    found.append(inner.module)
    return found


@pytest.mark.parametrize("module", sorted(ONCE_HIDDEN))
def test_no_cycle_is_hidden_in_a_function(module: str) -> None:
    hidden = [
        name
        for name in imports_inside_functions(PACKAGE / module)
        if name.startswith(ONCE_HIDDEN[module])
    ]
    assert hidden == []


def test_the_meeting_decision_and_the_review_rules_import_nothing_above_them() -> None:
    decision = (PACKAGE / "meeting/decision.py").read_text(encoding="utf-8")
    for above in ("record", "contributions"):
        assert f"lscp_desktop.meeting.{above}" not in decision
        assert f"from lscp_desktop.meeting import {above}" not in decision
    sheet = (PACKAGE / "review/learning_sheet.py").read_text(encoding="utf-8")
    assert "lscp_desktop.documents" not in sheet
