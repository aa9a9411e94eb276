"""Keeping the open record safe: unlock and passphrase dialogs, the recovery key, automatic
backups and restore, the idle and session auto-lock."""
