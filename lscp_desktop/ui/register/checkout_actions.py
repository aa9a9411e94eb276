"""The case pane's "Check out to a laptop…" and "Check in…" (interchange/checkout.py).

On a server: check the case out into a laptop copy (an encrypted file, created if missing with
a passphrase and recovery key like any other), or check a copy's case back in. In a laptop copy
holding the lease: check the case in to the server it came from (named in the lease, without a
password: PostgreSQL finds that itself).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lscp_desktop.interchange.checkout import (
    CheckIn,
    CheckoutRefused,
    check_in,
    check_out,
    held_lease,
    refusal,
)
from lscp_desktop.models import Case
from lscp_desktop.store.database import Store
from lscp_desktop.store.errors import StoreError

TITLE_OUT = "Check out to a laptop"
TITLE_IN = "Check in"


def _reference(store: Store, case_id: int) -> str | None:
    with store.reading() as session:
        case = session.get(Case, case_id)
        return None if case is None else case.reference


def _open_copy(path: Path, parent: QWidget) -> Store | None:
    """The laptop copy, unlocked (or created) by the user; None if they cancelled."""
    from lscp_desktop.ui.safekeeping.recovery_key_dialog import show_recovery_key
    from lscp_desktop.ui.safekeeping.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(path, creating=not path.exists(), parent=parent)
    if not dialog.exec() or dialog.store is None:
        if dialog.failure is not None:
            QMessageBox.warning(parent, "The laptop copy", str(dialog.failure))
        return None
    if dialog.recovery_key is not None:
        show_recovery_key(dialog.recovery_key, path)
    return dialog.store


def check_out_case(store: Store, case_id: int, parent: QWidget) -> bool:
    """Ask for the copy's file, then check the case out into it; whether it was."""
    reference = _reference(store, case_id)
    if reference is None:
        return False
    refused = refusal(store, reference)
    if refused is not None:
        QMessageBox.warning(parent, TITLE_OUT, refused)
        return False
    name, _filter = QFileDialog.getSaveFileName(
        parent, f"Check out {reference} to", f"{reference}.db", "LSCP Desktop database (*.db)"
    )
    if not name:
        return False
    local = _open_copy(Path(name), parent)
    if local is None:
        return False
    try:
        lease = check_out(store, reference, local, Path(name).name)
    except StoreError as error:
        QMessageBox.warning(parent, TITLE_OUT, str(error))
        return False
    finally:
        local.close()
    QMessageBox.information(
        parent,
        TITLE_OUT,
        f"{reference} is checked out to {name} ({lease.holder} on {lease.machine}). Open that "
        "file on the laptop for the meeting; the server takes no change to the case until it "
        "is checked in.",
    )
    return True


def check_in_case(store: Store, case_id: int, parent: QWidget) -> bool:
    """On a server: ask for the copy and check its case in. In a copy: check in to the server
    its lease names. Whether it was checked in."""
    reference = _reference(store, case_id)
    if reference is None:
        return False
    try:
        if store.is_server:
            name, _filter = QFileDialog.getOpenFileName(
                parent, f"Check {reference} in from", "", "LSCP Desktop database (*.db)"
            )
            if not name:
                return False
            local = _open_copy(Path(name), parent)
            if local is None:
                return False
            try:
                done = check_in(store, reference, local, Path(name).name)
            finally:
                local.close()
        else:
            done = _check_in_to_server(store, reference)
    except StoreError as error:
        QMessageBox.warning(parent, TITLE_IN, str(error))
        return False
    QMessageBox.information(
        parent,
        TITLE_IN,
        f"{reference} is checked in: the server's record is this copy's, with its "
        f"{done.entries} audit entries; the lease has ended.",
    )
    return True


def _check_in_to_server(local: Store, reference: str) -> CheckIn:
    from lscp_desktop.store.server_store import open_server_store

    lease = held_lease(local, reference)
    if lease is None:
        raise CheckoutRefused(f"This copy holds no check-out of {reference}.")
    server = open_server_store(lease.server)
    try:
        return check_in(server, reference, local, local.path.name)
    finally:
        server.close()
