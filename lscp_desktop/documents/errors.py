"""The one failure every export raises: its message is written for the user, not a developer."""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be made; nothing earlier was overwritten and the store is untouched."""
