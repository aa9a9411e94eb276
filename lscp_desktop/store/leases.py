"""On a server, a case checked out to a laptop copy takes no change until it is checked in.

The lease itself (models/checkout.py) is taken and ended by interchange/checkout.py. The server
refuses changes to a checked-out case by itself (migration 0010's lease triggers, on every table
of a case's record, for SQL typed by hand too); this hook says so first, in the app's words,
in every unit of work on the server: any change to a checked-out case or to what hangs
from it (its meetings, minutes, children...), naming who holds it and since when. The one unit
of work allowed through is the check-in holding that lease's token (`allow_checkin`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from lscp_desktop.models import Case, Checkout, Meeting
from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.versions import parent_of

CHECKIN = "checkin_token"  # session.info: the lease whose case this unit of work checks in

# The tables migration 0010 puts a lease trigger on (`lease_<table>`); `check` reports any
# missing or disabled, and a test keeps this list equal to the migration's.
LEASED_TABLES = (
    "cases", "children", "case_themes", "case_links", "parallel_processes", "meetings",
    "csprs", "joint_reviews", "attendance", "contributions", "minute_items", "recipients",
    "addenda", "decisions", "actions", "review_outcomes", "step_times", "learning_sheets",
    "action_notes", "cspr_progress", "review_criteria", "key_practice_episodes",
    "review_sign_offs",
)  # fmt: skip
LEASE_TRIGGERS = tuple(f"lease_{table}" for table in LEASED_TABLES)


class CaseCheckedOut(StoreError):
    """A change to a checked-out case, refused; nothing of the unit of work was written."""


def install(sessions: Any) -> None:
    event.listen(sessions, "before_flush", _refuse_checked_out)


def allow_checkin(session: Session, token: str) -> None:
    """Let this unit of work change the case whose lease `token` is: the app's check here, and
    the server's lease triggers (migration 0010), which read it for this transaction only."""
    session.info[CHECKIN] = token
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT set_config('lscp.checkin_token', :token, true)"), {"token": token}
        )


def lease_words(lease: Checkout) -> str:
    return f"{lease.holder} on {lease.machine} since {lease.since:%d/%m/%Y %H:%M} UTC"


def _refuse_checked_out(session: Session, _context: object, _instances: object) -> None:
    case_ids: set[int] = set()
    references: set[str] = set()
    with session.no_autoflush:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Checkout):
                continue
            parent = parent_of(session, obj)
            if isinstance(parent, Meeting):
                if parent.case_id is not None:
                    case_ids.add(parent.case_id)  # no load: the lease is found through the id
                elif parent.case is not None:  # a new meeting, its case set but not its id
                    references.add(parent.case.reference)
            elif isinstance(parent, Case) and parent.reference:
                references.add(parent.reference)
        if not case_ids and not references:
            return
        # One query on every flush that touches a case (the checkouts table is tiny).
        leases = session.scalars(
            select(Checkout).where(
                Checkout.reference.in_(references)
                | Checkout.reference.in_(select(Case.reference).where(Case.id.in_(case_ids)))
            )
        )
        for lease in leases:
            if session.info.get(CHECKIN) == lease.token:
                continue
            raise CaseCheckedOut(
                f"{lease.reference} is checked out to {lease_words(lease)}: the server takes "
                "no change to it until that copy is checked in (lscp-desktop checkin) or the "
                "lease is taken over. Nothing was saved."
            )
