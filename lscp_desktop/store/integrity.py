"""`check`: is the store whole? SQLite's and SQLCipher's integrity checks, then the audit chain.

`integrity_check` reads every b-tree; `cipher_integrity_check` verifies the HMAC of every page
of the file, so a single flipped byte anywhere is found; the audit chain and its seal show an
edited, deleted, reordered or recomputed audit row. Also confirms the approval lock's triggers
are all still in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from lscp_desktop.store import audit, keys
from lscp_desktop.store.approval_lock import TRIGGER_NAMES
from lscp_desktop.store.content_check import compare_content
from lscp_desktop.store.database import (
    DamagedDatabase,
    KeyFileDamaged,
    connect_keyed,
    unlock_key,
)
from lscp_desktop.store.seal_key import seal_key_for

MAX_LISTED = 20


@dataclass
class CheckReport:
    """What was checked (`done`) and what is wrong (`problems`); ok when nothing is wrong."""

    path: Path
    done: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(path: Path, passphrase: str) -> CheckReport:
    """Run every check on the database at `path`. WrongPassphrase propagates: nothing to check."""
    report = CheckReport(Path(path))
    try:
        key = unlock_key(report.path, passphrase)
    except KeyFileDamaged as error:
        report.problems.append(str(error))
        return report
    report.done.append(
        "key file: passphrase unwraps the data key, verifier matches"
        if keys.key_file_path(report.path).exists()
        else "no key file (a database keyed directly by its passphrase)"
    )
    try:
        connection = connect_keyed(
            report.path, key, key_file_used=keys.key_file_path(report.path).exists()
        )
    except DamagedDatabase as error:
        report.problems.append(str(error))
        return report
    try:
        _run_pragma(report, connection, "integrity_check", ok=["ok"])
        _run_pragma(report, connection, "cipher_integrity_check", ok=[])
        _run_pragma(report, connection, "foreign_key_check", ok=[])
        if report.ok:
            _check_triggers(report, connection)
            _check_audit(report, connection, key)
    finally:
        connection.close()
    return report


def _run_pragma(report: CheckReport, connection: Any, pragma: str, ok: list[str]) -> None:
    try:
        rows = [
            " ".join(str(part) for part in row)
            for row in connection.execute(f"PRAGMA {pragma}").fetchall()
        ]
    except sqlcipher.Error as error:
        report.problems.append(f"{pragma}: {error}")
        return
    if rows == ok:
        report.done.append(f"{pragma}: ok")
        return
    listed = rows[:MAX_LISTED]
    more = f" (and {len(rows) - MAX_LISTED} more)" if len(rows) > MAX_LISTED else ""
    report.problems.extend(f"{pragma}: {line}" for line in listed)
    if more:
        report.problems.append(f"{pragma}: {more.strip(' ()')}")


def _check_triggers(report: CheckReport, connection: Any) -> None:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {str(row[0]) for row in rows}
    missing = sorted(set(TRIGGER_NAMES) - present)
    if missing:
        report.problems.append("approval lock: triggers missing: " + ", ".join(missing))
    else:
        report.done.append(f"approval lock: all {len(TRIGGER_NAMES)} triggers present")


def _check_audit(report: CheckReport, connection: Any, key: str) -> None:
    seal = audit.read_seal(report.path, seal_key_for(key))
    chain = audit.verify_chain(audit.fetch_rows(connection), seal)
    report.problems.extend(chain.problems)
    if chain.ok:
        report.done.append(f"audit chain: {chain.entries} entries, every link and hash verified")
        sealed = "seal beside the database matches" if not chain.notes else chain.notes[0]
        report.done.append(f"audit seal: {sealed}")
        _check_content(report, connection)


def _check_content(report: CheckReport, connection: Any) -> None:
    """The records against the audit log's content hashes, and the approval lock closed."""
    released = connection.execute("SELECT meeting_id FROM approval_lock_release").fetchall()
    if released:
        names = ", ".join(str(row[0]) for row in released)
        report.problems.append(
            f"approval lock: left released for meeting(s) {names} (never so after a commit)"
        )
    compared, problems = compare_content(connection)
    listed = problems[:MAX_LISTED]
    report.problems.extend(f"records: {line}" for line in listed)
    if len(problems) > MAX_LISTED:
        report.problems.append(f"records: and {len(problems) - MAX_LISTED} more")
    if not problems:
        report.done.append(f"records: all {compared} audited rows match their last audit entry")
