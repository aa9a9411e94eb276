"""File > Shared server…: which records the window opens at its next start, remembered on this
computer (store/remembered_server.py): a PostgreSQL server's URL, or none for this computer's
encrypted file. Never a password."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.remembered_server import remember, remembered

PROMPT = (
    "The shared server to open at the next start, as a postgresql:// URL without a password\n"
    "(e.g. postgresql://alice@db.council.example/lscp?sslmode=verify-full).\n"
    "The password comes from PostgreSQL's own files or a certificate, never from the app.\n"
    "Leave it empty to open this computer's encrypted file."
)


def choose_server(parent: QWidget) -> bool:
    """Ask, remember, say when it takes effect; whether anything was remembered."""
    current = remembered() or ""
    url, ok = QInputDialog.getText(
        parent, "Shared server", PROMPT, QLineEdit.EchoMode.Normal, current
    )
    if not ok or url.strip() == current:
        return False
    try:
        remember(url)
    except (StoreError, OSError) as error:
        QMessageBox.warning(parent, "Shared server", str(error))
        return False
    where = url.strip() or "this computer's encrypted file"
    QMessageBox.information(
        parent, "Shared server", f"From the next start, LSCP Desktop opens {where}."
    )
    return True
