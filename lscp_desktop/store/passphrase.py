"""The store's passphrase on the command line: the environment, a terminal, or not at all."""

from __future__ import annotations

import os
import sys
import unicodedata

ENVIRONMENT_VARIABLE = "LSCP_DESKTOP_PASSPHRASE"
MIN_LENGTH = 8  # characters, after NFC normalisation


class PassphraseUnavailable(Exception):
    """No passphrase could be had without waiting on a terminal nobody is at."""


def from_environment() -> str | None:
    value = os.environ.get(ENVIRONMENT_VARIABLE)
    return unicodedata.normalize("NFC", value) if value else None


def too_short(passphrase: str) -> str | None:
    """Why a new passphrase is refused, or None: the same rule however it was given."""
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_LENGTH:
        return f"The passphrase must be at least {MIN_LENGTH} characters."
    return None


def for_command_line(*, creating: bool) -> str:
    """The passphrase from the environment, else asked for on the terminal, else refused."""
    import getpass  # only for the terminal: the GUI imports this module on its way to a window

    value = from_environment()
    if value is not None:
        if creating and (refusal := too_short(value)) is not None:
            raise PassphraseUnavailable(f"{refusal} ({ENVIRONMENT_VARIABLE}); nothing was created.")
        return value
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise PassphraseUnavailable(
            f"The database is encrypted and no passphrase was given: set {ENVIRONMENT_VARIABLE} "
            "or run the command in a terminal."
        )
    if not creating:
        return getpass.getpass("Passphrase: ")
    first = getpass.getpass("Choose a passphrase for the new database: ")
    if (refusal := too_short(first)) is not None:
        raise PassphraseUnavailable(refusal)
    if getpass.getpass("Type it again: ") != first:
        raise PassphraseUnavailable("The two passphrases differ; nothing was created.")
    return unicodedata.normalize("NFC", first)
