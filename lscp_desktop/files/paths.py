"""Where files live by default: the platform's per-user data and cache directories."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "lscp-desktop"
APP_AUTHOR = "LSCP"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    """For files the app can always rebuild, kept apart from the data so clearing it is safe."""
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """Where the app's error log is kept (tracebacks for whoever supports the app)."""
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "lscp-desktop.db"
