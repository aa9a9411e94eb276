"""Speed against its floors on a large synthetic store: `python -m benchmarks.run`.

    .venv/bin/python -m benchmarks.run [--cases 10000] [--runs 5] [--json FILE] [--bundle DIR]

Builds (once, cached by its parameters under ~/.cache/lscp-desktop-benchmarks) a store of
10,000 cases, 30,000 meetings, 100,000 contributions and 1,000,000 characters of minutes, then
prints one line a figure: `name (unit)  value  floor  ratio  target  verdict  note`. A figure
whose code is not in this checkout yet is printed as skipped, with the reason.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

# Qt must never look for a display, in this process or its children.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import export_speed, register_speed, startup, store_speed
from benchmarks.figures import Figure, format_line, header, write_json
from benchmarks.synthetic_store import Scale, cached_store, working_copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--cases", type=int, default=Scale.cases, help="store size (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs per median (default 5)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument(
        "--bundle",
        type=Path,
        metavar="DIR",
        help="time start-up of a built bundle (dist/lscp-desktop)",
    )
    args = parser.parse_args(argv)

    scale = Scale.for_cases(args.cases)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    log(f"store: {scale}")
    store = cached_store(scale, log=log)
    figures: list[Figure] = []
    started = time.perf_counter()
    print(header(), flush=True)
    with tempfile.TemporaryDirectory(prefix="lscp-bench-") as folder:
        # Start-up and reading run on a copy too: opening the store writes its WAL files.
        copy = lambda: working_copy(store, Path(folder))  # noqa: E731
        steps = [
            ("start-up", lambda: startup.measure(copy(), args.runs, args.bundle)),
            ("register", lambda: register_speed.measure(copy())),
            ("search", lambda: store_speed.measure_search(copy())),
            ("autosave", lambda: store_speed.measure_autosave(copy())),
            ("exports", lambda: export_speed.measure(copy())),
        ]  # fmt: skip
        for name, step in steps:
            log(f"measuring {name}...")
            for figure in step():
                figures.append(figure)
                print(format_line(figure), flush=True)
    log(f"measured in {time.perf_counter() - started:.0f} s")
    if args.json:
        context = {
            "command": " ".join(["python -m benchmarks.run", *(argv or sys.argv[1:])]),
            "scale": scale.__dict__,
            "python": sys.version.split()[0],
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        }
        write_json(figures, args.json, context)
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
