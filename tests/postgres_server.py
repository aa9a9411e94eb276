"""A throw-away PostgreSQL server for the tests: Debian's packages, a Unix socket in a temporary
folder, no TCP port, gone when the test session ends.

`initdb` refuses to run as root, so as root the server runs as the `postgres` user (made by the
Debian package) through `runuser`; as anyone else it runs as that user. Nothing here is product
code: the app reaches the server through an ordinary `postgresql://` URL, as it would a council's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

# Debian installs each major version side by side; the newest found is used.
BIN_ROOT = Path("/usr/lib/postgresql")
# Set by scripts/run-tests (so CI): a missing or broken PostgreSQL fails the run, not skips.
REQUIRE_VARIABLE = "LSCP_REQUIRE_POSTGRES"
SUPERUSER = "postgres"


class PostgresUnavailable(Exception):
    """Why no throw-away server could be started (shown as the skip reason)."""


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None if there is none."""
    if not BIN_ROOT.is_dir():
        return None
    versions = sorted(
        (d for d in BIN_ROOT.iterdir() if (d / "bin" / "initdb").is_file()),
        key=lambda d: int(d.name) if d.name.isdigit() else 0,
    )
    return versions[-1] / "bin" if versions else None


@dataclass
class ThrowAwayPostgres:
    bin_dir: Path
    folder: Path
    as_postgres_user: bool

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq-style URL, as a council would give one, reaching the server by its socket."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.as_postgres_user:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        # The folder as working directory: the postgres user may not be able to read ours.
        return subprocess.run(
            command, capture_output=True, text=True, timeout=120, check=False, cwd=self.folder
        )

    def _checked(self, *args: str) -> None:
        result = self._run(*args)
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-500:]}"
            )

    def start(self) -> None:
        self._checked(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # No TCP at all; fsync off: a test server's data is thrown away anyway.
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        )
        self._checked(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def superuser_connection(self) -> psycopg.Connection[Any]:
        import psycopg  # here: the tests without a server need no psycopg

        return psycopg.connect(self.url(), autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of `template` (which nobody may be connected to);
        its name."""
        name = f"lscp_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.superuser_connection() as connection:
            connection.execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop_database(self, name: str) -> None:
        with self.superuser_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_throw_away_server() -> ThrowAwayPostgres:
    """Start a server, or raise PostgresUnavailable saying why not."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise PostgresUnavailable(f"psycopg is not installed ({error})") from error
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable(
            f"PostgreSQL is not installed (no {BIN_ROOT}/*/bin/initdb; apt-get install postgresql)"
        )
    as_root = os.geteuid() == 0
    if as_root and shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root and runuser is missing")
    # Short path: a Unix socket's path is limited to about 100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="lscp-pg-", dir="/tmp"))
    if as_root:
        try:
            shutil.chown(folder, user=SUPERUSER, group=SUPERUSER)
        except LookupError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise PostgresUnavailable(f"no '{SUPERUSER}' user to run the server as") from error
    server = ThrowAwayPostgres(bin_dir=bin_dir, folder=folder, as_postgres_user=as_root)
    try:
        server.start()
    except (PostgresUnavailable, OSError, subprocess.TimeoutExpired) as error:
        server.stop()
        if isinstance(error, PostgresUnavailable):
            raise
        raise PostgresUnavailable(f"the server did not start: {error}") from error
    return server


def required() -> bool:
    return os.environ.get(REQUIRE_VARIABLE, "") not in ("", "0")
