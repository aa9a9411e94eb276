"""`check` on a server: the audit chain, the approval lock's triggers, the foreign keys, the
records against the audit log. The pages themselves are the server's to keep whole (data
checksums, pg_amcheck, its backups): the app has no file of its own there to check.
"""

from __future__ import annotations

from lscp_desktop.store import audit
from lscp_desktop.store.approval_lock import TRIGGER_NAMES
from lscp_desktop.store.content_check import compare_content
from lscp_desktop.store.integrity import MAX_LISTED, CheckReport
from lscp_desktop.store.leases import LEASE_TRIGGERS
from lscp_desktop.store.server_store import ServerStore, open_server_store

TRIGGERS_SQL = """
SELECT tgname, tgenabled FROM pg_trigger
WHERE NOT tgisinternal AND (tgname LIKE 'lock\\_%' OR tgname LIKE 'lease\\_%')
"""
UNVALIDATED_KEYS_SQL = """
SELECT conrelid::regclass::text, conname FROM pg_constraint
WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND NOT convalidated
"""
KEYS_SQL = """
SELECT count(*) FROM pg_constraint
WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
"""


def check_server(url: str) -> CheckReport:
    """Every check `check` runs on a server. StoreError propagates (the server unreachable)."""
    store = open_server_store(url)
    try:
        report = CheckReport(store.path)
        report.done.append(
            "pages: kept whole by the server (its data checksums and backups, docs/server.md)"
        )
        _check_foreign_keys(report, store)
        _check_triggers(report, store)
        _check_audit(report, store)
    finally:
        store.close()
    return report


def _check_foreign_keys(report: CheckReport, store: ServerStore) -> None:
    connection = store.connection
    loose = connection.execute(UNVALIDATED_KEYS_SQL).fetchall()
    for table, name in loose[:MAX_LISTED]:
        report.problems.append(f"foreign keys: {table}.{name} is not validated (NOT VALID)")
    if not loose:
        (count,) = connection.execute(KEYS_SQL).fetchone()
        report.done.append(f"foreign keys: all {count} enforced by the server")


def _check_triggers(report: CheckReport, store: ServerStore) -> None:
    rows = store.connection.execute(TRIGGERS_SQL).fetchall()
    for what, names in (("approval lock", TRIGGER_NAMES), ("check-out leases", LEASE_TRIGGERS)):
        enabled = {str(name) for name, state in rows if state != "D"}
        disabled = sorted({str(name) for name, state in rows if state == "D"} & set(names))
        missing = sorted(set(names) - enabled - set(disabled))
        if missing:
            report.problems.append(f"{what}: triggers missing: " + ", ".join(missing))
        if disabled:
            report.problems.append(f"{what}: triggers disabled: " + ", ".join(disabled))
        if not missing and not disabled:
            report.done.append(f"{what}: all {len(names)} triggers present")


def _check_audit(report: CheckReport, store: ServerStore) -> None:
    connection = store.connection
    chain = audit.verify_chain(audit.fetch_rows(connection), None, sealed=False)
    report.problems.extend(chain.problems)
    if not chain.ok:
        return
    report.done.append(f"audit chain: {chain.entries} entries, every link and hash verified")
    released = connection.execute("SELECT meeting_id FROM approval_lock_release").fetchall()
    if released:
        names = ", ".join(str(row[0]) for row in released)
        report.problems.append(
            f"approval lock: left released for meeting(s) {names} (never so after a commit)"
        )
    compared, problems = compare_content(connection, store.engine)
    report.problems.extend(f"records: {line}" for line in problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        report.problems.append(f"records: and {len(problems) - MAX_LISTED} more")
    if not problems:
        report.done.append(f"records: all {compared} audited rows match their last audit entry")
