"""Start-up, first window and peak memory: the app as a subprocess against a bare window.

Every run is measured the same way, from the parent: from just before the process is spawned
to the moment a line arrives on its stdout (the probe's `first-window`, or the smoke test's
report once the main window is ready, then its report once SQLAlchemy is attached). Peak
memory is the child's ru_maxrss from wait4.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.figures import Figure, median
from benchmarks.synthetic_store import PASSPHRASE
from benchmarks.window_probe import FIRST_WINDOW

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    lines: list[tuple[float, str]] = field(default_factory=list)
    returncode: int = 0
    max_rss_mb: float = 0.0
    stderr: str = ""

    def first_line_at(self, prefix: str = "") -> float | None:
        for at, line in self.lines:
            if line.startswith(prefix):
                return at
        return None


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LSCP_DESKTOP_PASSPHRASE"] = PASSPHRASE
    return env


def timed_run(command: list[str], env: dict[str, str], timeout: float = 120) -> Run:
    run = Run()
    with tempfile.TemporaryFile(mode="w+") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL,
            env=env, text=True, cwd=tempfile.gettempdir(),
        )  # fmt: skip
        assert process.stdout is not None
        for line in process.stdout:
            run.lines.append(((time.perf_counter() - started) * 1000, line.rstrip("\n")))
            if time.perf_counter() - started > timeout:
                process.kill()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = run.returncode = os.waitstatus_to_exitcode(status)
        run.max_rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        stderr.seek(0)
        run.stderr = stderr.read()
    return run


def app_command(bundle: Path | None) -> list[str]:
    if bundle is not None:
        return [str(bundle / "lscp-desktop")]
    return [sys.executable, "-m", "lscp_desktop"]


def measure(db: Path, runs: int, bundle: Path | None, log: object = print) -> list[Figure]:
    env = environment()
    bare = [sys.executable, "-m", "benchmarks.bare_window"]
    smoke = [*app_command(bundle), "--smoke-test", "--db", str(db)]
    probed = [
        sys.executable,
        "-m",
        "benchmarks.window_probe",
        "--",
        "--smoke-test",
        "--db",
        str(db),
    ]

    if not (REPO / "lscp_desktop" / "ui" / "start" / "launch.py").exists():
        reason = "lscp_desktop/ui/start/launch.py (the GUI shell) is not in this checkout yet"
        return [
            Figure("startup.first_window", None, None, "ms", 1.5, skipped=reason),
            Figure("startup.main_window_ready", None, None, "ms", 3.0, skipped=reason),
            Figure("startup.orm_ready", None, None, "ms", None, skipped=reason),
            Figure("memory.peak_rss", None, None, "MB", 300, "max", skipped=reason),
        ]

    # Interleaved rounds, so a neighbour's load on this shared machine hits all three alike.
    commands = {"bare": (bare, FIRST_WINDOW), "first": (probed, FIRST_WINDOW), "ready": (smoke, "")}
    timings: dict[str, list[float]] = {name: [] for name in commands}
    done: dict[str, list[Run]] = {name: [] for name in commands}
    orm_ms: list[float] = []
    for number in range(runs + 1):  # the first round only warms the disk cache
        for name, (command, marker) in commands.items():
            run = timed_run(command, env)
            at = run.first_line_at(marker)
            if run.returncode != 0 or at is None:
                raise RuntimeError(
                    f"{' '.join(command)} failed (exit {run.returncode}, no '{marker}' line):\n"
                    f"{run.stderr[-3000:]}"
                )
            if number:
                timings[name].append(at)
                done[name].append(run)
                if name == "ready":  # SQLAlchemy attached beside the window, after it is up
                    orm_at = run.first_line_at("orm_ready_ms")
                    if orm_at is not None:
                        orm_ms.append(orm_at)
    bare_ms, first_ms, ready_ms = timings["bare"], timings["first"], timings["ready"]
    bare_runs, smoke_runs = done["bare"], done["ready"]
    floor = median(bare_ms)
    reported = smoke_runs[0].lines[0][1] if smoke_runs and smoke_runs[0].lines else ""
    spread = lambda xs: f"{min(xs):.0f}-{max(xs):.0f}"  # noqa: E731
    return [
        Figure("startup.first_window", median(first_ms), floor, "ms", 1.5,
               note=f"median of {runs} ({spread(first_ms)}); bare window {spread(bare_ms)}"),
        Figure("startup.main_window_ready", median(ready_ms), floor, "ms", 3.0,
               note=f"median of {runs} ({spread(ready_ms)}); app said: {reported!r}"),
        Figure("startup.orm_ready", median(orm_ms) if orm_ms else None, floor, "ms", None,
               note="the smoke test's orm_ready_ms line: SQLAlchemy loaded beside the window "
               "and attached, one query run; no target (the window is usable before)"),
        Figure("memory.peak_rss", max(run.max_rss_mb for run in smoke_runs),
               median([run.max_rss_mb for run in bare_runs]), "MB", 300, "max",
               note="ru_maxrss of the smoke test on the large store; floor: bare window"),
    ]  # fmt: skip
