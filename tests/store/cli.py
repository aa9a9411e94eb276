"""Running `lscp-desktop COMMAND ...` as a user or a script would, and reading what it printed.

By default the command runs in this process, through the same `lscp_desktop.cli.main` the
console script calls, with its own environment, an empty standard input and standard output
and error captured: what a subprocess would see, without paying ~1 s to start Python and import
SQLAlchemy for every command (most of the suite's command tests). The store's one-writer lock
is per open file, so a command is refused by a store this process holds open, as a second
process would be. `separate=True` runs a real process: for what only a process boundary shows
(exit on a signal, two processes at once, the interpreter's own start-up).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

from lscp_desktop.cli import main
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE_VARIABLE = "LSCP_DESKTOP_PASSPHRASE"


def run(
    *args: str | Path, passphrase: str | None = PASSPHRASE, separate: bool = False, **env: str
) -> subprocess.CompletedProcess[str]:
    argv = [str(arg) for arg in args]
    if separate:
        return _in_a_process(argv, passphrase, env)
    return _in_this_process(argv, passphrase, env)


def _in_a_process(
    argv: list[str], passphrase: str | None, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    environment.pop(PASSPHRASE_VARIABLE, None)
    if passphrase is not None:
        environment[PASSPHRASE_VARIABLE] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "lscp_desktop", *argv],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@contextmanager
def _environment(passphrase: str | None, env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.pop(PASSPHRASE_VARIABLE, None)
    os.environ.update(env)
    if passphrase is not None:
        os.environ[PASSPHRASE_VARIABLE] = passphrase
    stdin, sys.stdin = sys.stdin, io.StringIO("")  # not a terminal: nothing is asked
    try:
        yield
    finally:
        sys.stdin = stdin
        os.environ.clear()
        os.environ.update(saved)


def _in_this_process(
    argv: list[str], passphrase: str | None, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    with _environment(passphrase, env), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's usage errors and --version, as the process
            if stop.code is None or isinstance(stop.code, int):
                code = stop.code or 0
            else:
                print(stop.code, file=sys.stderr)
                code = 1
    return subprocess.CompletedProcess(
        ["lscp-desktop", *argv], code, out.getvalue(), err.getvalue()
    )
