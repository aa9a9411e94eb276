"""Check-out and check-in: one case of a shared server taken whole into a laptop copy for an
offline meeting, and brought back (issue 17).

Not a sync: the server keeps one authoritative record, and while a case is checked out it
takes no change to it (store/leases.py). The lease belongs to the copy: its random token is
kept in the copy's own store (a setting per case, `checkout/REF`), so whatever is done to the
case inside the copy (the window, `import --replace` into it) it stays the checked-out copy, and
only the copy holding the current lease checks in.

Both ways go through the interchange document (export_document / import_document), so what
travels is exactly what `export-data` and `import --replace` carry, and a check-in that would
alter an approved meeting's minuted content is refused by the same rule, naming it. The
laptop's audit entries made since the check-out are appended to the server's chain with their
own time, user, action and detail (their content hashes are the laptop's rows', so they are
kept in the detail and not compared by `check`).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import socket
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lscp_desktop.interchange.document import InterchangeError
from lscp_desktop.interchange.exporter import export_document
from lscp_desktop.interchange.importer import import_document
from lscp_desktop.models import AuditEntry, Case, Checkout, CheckoutEnded, Setting
from lscp_desktop.store import audit, leases
from lscp_desktop.store.database import Store
from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.raw_sql import raw_connection

LEASE_PREFIX = "checkout/"  # the copy's settings: checkout/REF -> the lease, as JSON
CHECKED_IN = "checked in"
TAKEN_OVER = "taken over"


class CheckoutRefused(StoreError):
    """Check-out or check-in refused; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class Lease:
    """What the laptop copy keeps of its lease on one case."""

    reference: str
    token: str
    holder: str
    machine: str
    since: str  # ISO, UTC
    server: str  # the server's URL without password, to say where to check in
    audit_mark: int  # the copy's newest audit entry at check-out: later ones go back


def machine_name() -> str:
    return socket.gethostname() or "an unnamed computer"


def _now() -> dt.datetime:
    return audit.utc_now()


def _case_exists(session: Session, reference: str) -> bool:
    return session.scalars(select(Case.id).where(Case.reference == reference)).first() is not None


def held_lease(local: Store, reference: str) -> Lease | None:
    """The lease the copy holds on `reference`, or None."""
    with local.reading() as session:
        row = session.get(Setting, LEASE_PREFIX + reference)
        return None if row is None else Lease(**json.loads(row.value))


def refusal(server: Store, reference: str, *, take_over: bool = False) -> str | None:
    """Why a check-out of `reference` would be refused now, before any copy is made (the check
    is made again, under a lock, when the lease is taken)."""
    with server.reading() as session:
        if not _case_exists(session, reference):
            return f"There is no case {reference} on the server."
        current = session.get(Checkout, reference)
        if current is not None and not take_over:
            return _already(current)
    return None


def _already(current: Checkout) -> str:
    return (
        f"{current.reference} is already checked out to {leases.lease_words(current)}; a "
        "second check-out is refused, even by the same person. If that laptop is lost, a "
        "Business Unit officer takes the lease over with --take-over."
    )


def check_out(
    server: Store, reference: str, local: Store, copy_name: str, *, take_over: bool = False
) -> Lease:
    """Copy the case whole into `local` and lease it to that copy. A case already checked out
    is refused (even to the same person) unless `take_over` (a lost laptop): then the old
    lease ends, audited, and its holder's check-in is refused naming who took it over."""
    machine = machine_name()
    try:
        with server.session() as session:
            if not _case_exists(session, reference):
                raise CheckoutRefused(f"There is no case {reference} on the server.")
            holder = audit.current_user(session)
            current = session.get(Checkout, reference, with_for_update=True)
            if current is not None and not take_over:
                raise CheckoutRefused(_already(current))
            if current is not None:
                session.add(
                    CheckoutEnded(
                        token=current.token,
                        reference=reference,
                        holder=current.holder,
                        machine=current.machine,
                        how=TAKEN_OVER,
                        by=holder,
                        by_machine=machine,
                        at=_now(),
                    )
                )
                audit.record_event(
                    session,
                    "case",
                    reference,
                    TAKEN_OVER,
                    f"lease of {leases.lease_words(current)} taken over by {holder} on "
                    f"{machine} for {copy_name}",
                )
                session.delete(current)
                session.flush()
            lease = Checkout(
                reference=reference,
                token=secrets.token_hex(16),
                holder=holder,
                machine=machine,
                since=_now(),
                copy=copy_name,
            )
            session.add(lease)
            audit.record_event(
                session, "case", reference, "checked out", f"to {holder} on {machine}, {copy_name}"
            )
            document = export_document(session, reference=reference)
            kept = Lease(
                reference=reference,
                token=lease.token,
                holder=holder,
                machine=machine,
                since=lease.since.isoformat(),
                server=server.where,
                audit_mark=0,
            )
            # The copy is written inside the server's transaction: if it fails, no lease.
            _into_copy(local, document, kept)
    except IntegrityError:
        raise CheckoutRefused(
            f"{reference} was checked out by someone else at the same moment; nothing was "
            "changed. Try again to see by whom."
        ) from None
    except InterchangeError as error:
        raise CheckoutRefused(f"{reference} could not be copied: {error}. No lease.") from None
    return held_lease(local, reference) or kept


def _into_copy(local: Store, document: object, lease: Lease) -> None:
    with local.session() as session:
        import_document(session, document, replace=True)
        audit.record_event(
            session, "case", lease.reference, "checked out", f"from {lease.server} to this copy"
        )
        mark = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
        value = json.dumps(asdict(lease) | {"audit_mark": int(mark or 0)})
        row = session.get(Setting, LEASE_PREFIX + lease.reference)
        if row is None:
            session.add(Setting(key=LEASE_PREFIX + lease.reference, value=value))
        else:
            row.value = value


@dataclass(frozen=True)
class CheckIn:
    reference: str
    entries: int  # the laptop's audit entries appended to the server's chain


def check_in(server: Store, reference: str, local: Store, copy_name: str) -> CheckIn:
    """Write the copy's case back to the server wholesale, keep the laptop's audit entries,
    end the lease. Refused, changing nothing on either side, when the copy does not hold the
    current lease (naming who took it over, if so) or would alter approved minutes."""
    lease = held_lease(local, reference)
    if lease is None:
        raise CheckoutRefused(
            f"{copy_name} holds no check-out of {reference}; nothing was changed."
        )
    with local.reading() as session:
        if not _case_exists(session, reference):
            raise CheckoutRefused(
                f"{copy_name} no longer holds the case {reference} (deleted in the copy?); "
                "nothing was checked in and the lease stays."
            )
        document = export_document(session, reference=reference)
        laptop = [
            audit.Change(
                at=at,
                user=str(user),
                entity=str(entity),
                entity_id=str(entity_id),
                action=str(action),
                detail=_laptop_detail(str(detail), str(content_hash), lease),
                content_hash="",
            )
            for (_id, at, user, entity, entity_id, action, detail, content_hash, *_rest) in (
                audit.fetch_rows(raw_connection(session.connection()))
            )
            if int(_id) > lease.audit_mark and entity != "setting"
        ]
    try:
        with server.session() as session:
            current = session.get(Checkout, reference, with_for_update=True)
            if current is None or current.token != lease.token:
                raise CheckoutRefused(_not_current(session, lease, copy_name))
            leases.allow_checkin(session, lease.token)
            by = audit.current_user(session)
            audit.append_changes(session, laptop)
            import_document(session, document, replace=True)
            audit.record_event(
                session,
                "case",
                reference,
                CHECKED_IN,
                f"from {copy_name} ({lease.holder} on {lease.machine}); "
                f"{len(laptop)} audit entries of the copy kept",
            )
            session.add(
                CheckoutEnded(
                    token=lease.token,
                    reference=reference,
                    holder=lease.holder,
                    machine=lease.machine,
                    how=CHECKED_IN,
                    by=by,
                    by_machine=machine_name(),
                    at=_now(),
                )
            )
            session.delete(current)
    except InterchangeError as error:
        raise CheckoutRefused(
            f"The check-in of {reference} is refused: {error}. Nothing was changed on the "
            f"server; the lease stays with {copy_name}."
        ) from None
    with local.session() as session:
        row = session.get(Setting, LEASE_PREFIX + reference)
        if row is not None:
            session.delete(row)
        audit.record_event(session, "case", reference, CHECKED_IN, f"to {lease.server}")
    return CheckIn(reference, len(laptop))


def _laptop_detail(detail: str, content_hash: str, lease: Lease) -> str:
    where = f"in the laptop copy ({lease.holder} on {lease.machine})"
    parts = [detail] if detail else []
    if content_hash:
        parts.append(f"content {content_hash}")
    return "; ".join([*parts, where])


def _not_current(session: Session, lease: Lease, copy_name: str) -> str:
    ended = session.get(CheckoutEnded, lease.token)
    left = f"{copy_name} is left as it is, for a person to reconcile with the server's record."
    if ended is not None and ended.how == TAKEN_OVER:
        return (
            f"The check-in of {lease.reference} is refused: its lease was taken over by "
            f"{ended.by} on {ended.by_machine} at {ended.at:%d/%m/%Y %H:%M} UTC. {left}"
        )
    if ended is not None:
        return (
            f"{lease.reference} was already checked in from this copy at "
            f"{ended.at:%d/%m/%Y %H:%M} UTC; nothing was changed."
        )
    return (
        f"The check-in of {lease.reference} is refused: the server holds no lease of this "
        f"copy on it. {left}"
    )
