"""One measured figure beside its floor, and printing them as `name  value  floor  ratio`."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Figure:
    """A measurement; `floor` is the same work done with no application code (None if none).

    `target` is what the issue asks for: a ratio to the floor (`target_kind="ratio"`) or an
    absolute value in `unit` (`target_kind="max"`).
    """

    name: str
    value: float | None
    floor: float | None
    unit: str
    target: float | None = None
    target_kind: str = "ratio"
    note: str = ""
    skipped: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        if self.target_kind == "ratio":
            return None if self.ratio is None else self.ratio <= self.target
        return self.value <= self.target


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: p99 of 200 samples is the 198th smallest."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}"


def format_line(figure: Figure) -> str:
    name = f"{figure.name} ({figure.unit})"
    if figure.skipped:
        floor = "" if figure.floor is None else f"{'-':>8}  {_number(figure.floor):>8}  "
        return f"{name:<38}  {floor}skipped: {figure.skipped}"
    ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}"
    if figure.target is None:
        target = ""
    elif figure.target_kind == "ratio":
        target = f"target ratio <= {figure.target:g}"
    else:
        target = f"target <= {figure.target:g} {figure.unit}"
    verdict = {True: "ok", False: "MISSED", None: ""}[figure.meets_target]
    line = f"{name:<38}  {_number(figure.value):>8}  {_number(figure.floor):>8}  {ratio:>6}"
    tail = "  ".join(part for part in (target, verdict, figure.note) if part)
    return f"{line}  {tail}" if tail else line


def header() -> str:
    return f"{'name':<38}  {'value':>8}  {'floor':>8}  {'ratio':>6}"


def write_json(figures: list[Figure], path: Path, context: dict[str, object]) -> None:
    records = [
        {**asdict(figure), "ratio": figure.ratio, "meets_target": figure.meets_target}
        for figure in figures
    ]
    path.write_text(json.dumps({"context": context, "figures": records}, indent=2) + "\n")
