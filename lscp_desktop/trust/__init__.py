"""Keeping the record safe, Qt-free: encryption keys, recovery, backups, integrity checks,
the tamper-evident audit log and the lock on approved minutes."""
