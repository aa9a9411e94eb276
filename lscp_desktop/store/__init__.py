"""The record's safekeeping, Qt-free: opening the encrypted store, its keys and recovery,
backups, integrity checks, the tamper-evident audit log and the lock on approved minutes."""
