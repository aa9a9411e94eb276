"""Running `lscp-desktop` as a subprocess, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


def run(
    *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    environment.pop("LSCP_DESKTOP_PASSPHRASE", None)
    if passphrase is not None:
        environment["LSCP_DESKTOP_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "lscp_desktop", *args],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
