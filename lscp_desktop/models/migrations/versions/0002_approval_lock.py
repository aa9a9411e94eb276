"""approval lock: triggers refuse changes to what was minuted once a meeting is approved

Revision ID: 0002
Revises: 0001

What was minuted — attendance, contributions, minute items, the decision (its outcome,
rationale, dissent and how it was reached) and the meeting's core fields — cannot be inserted,
changed or deleted while the meeting's status is 'approved'. Follow-up stays editable: the
decision's notified_on, notified_by_id, panel_reference and rationale_shared_on; actions and
action notes; the case's status and themes; the distribution list; and addenda can be added.

`approval_lock_release` lets lscp_desktop.store.approval_lock write a whole meeting at once
(created, deleted or approved in one flush); its rows never outlive a flush.

NOTE: SQLite drops a table's triggers when the table is dropped. Any later migration that
rebuilds attendance, contributions, minute_items, decisions or meetings (batch_alter_table
does, for most ALTERs) MUST recreate these triggers afterwards: call `create_triggers()` from
this module (import it by path) or copy the statements.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "approved minutes are locked: add an addendum instead"

# Tables whose every row belongs to the minutes of one meeting.
MINUTED_TABLES = ("attendance", "contributions", "minute_items")

# The decision as minuted; the follow-up columns are left out on purpose.
DECISION_COLUMNS = (
    "meeting_id",
    "outcome",
    "decided_by_id",
    "decided_on",
    "rationale",
    "dissent",
    "dissent_considered",
    "escalated",
    "escalation_notes",
    "deferral_reason",
    "post_meeting",
    "recorded_by",
    "recorded_at",
)

MEETING_COLUMNS = (
    "id",
    "case_id",
    "kind",
    "held_at",
    "location",
    "chair_id",
    "minute_taker_id",
    "started_at",
    "concluded_at",
    "approved_by",
    "approved_at",
)


# A Rapid Review's CSPR decision as minuted; the Panel's response and the CSPR's publication
# are follow-ups and stay editable.
REVIEW_OUTCOME_COLUMNS = ("meeting_id", "recommendation", "rationale", "decided_on")


def _locked(meeting_id: str) -> str:
    return (
        f"(SELECT status FROM meetings WHERE id = {meeting_id}) = 'approved' "
        f"AND {meeting_id} NOT IN (SELECT meeting_id FROM approval_lock_release)"
    )


def trigger_statements() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) for every trigger of the lock."""
    raise_it = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    statements: list[tuple[str, str]] = []
    for table in (*MINUTED_TABLES, "decisions"):
        statements.append(
            (
                f"lock_{table}_insert",
                f"CREATE TRIGGER lock_{table}_insert BEFORE INSERT ON {table} "
                f"WHEN {_locked('NEW.meeting_id')} {raise_it}",
            )
        )
        statements.append(
            (
                f"lock_{table}_delete",
                f"CREATE TRIGGER lock_{table}_delete BEFORE DELETE ON {table} "
                f"WHEN {_locked('OLD.meeting_id')} {raise_it}",
            )
        )
    for table in MINUTED_TABLES:
        statements.append(
            (
                f"lock_{table}_update",
                f"CREATE TRIGGER lock_{table}_update BEFORE UPDATE ON {table} "
                f"WHEN {_locked('OLD.meeting_id')} OR {_locked('NEW.meeting_id')} {raise_it}",
            )
        )
    statements.append(
        (
            "lock_decisions_update",
            f"CREATE TRIGGER lock_decisions_update BEFORE UPDATE OF "
            f"{', '.join(DECISION_COLUMNS)} ON decisions "
            f"WHEN {_locked('OLD.meeting_id')} "
            # A decision the minutes record as deferred may be made later, once, as a
            # post-meeting decision; after that it is locked like any other.
            "AND NOT (OLD.outcome = 'deferred' AND NEW.outcome <> 'deferred' "
            f"AND NEW.post_meeting = 1) {raise_it}",
        )
    )
    statements.append(
        (
            "lock_review_outcomes_update",
            f"CREATE TRIGGER lock_review_outcomes_update BEFORE UPDATE OF "
            f"{', '.join(REVIEW_OUTCOME_COLUMNS)} ON review_outcomes "
            f"WHEN {_locked('OLD.meeting_id')} {raise_it}",
        )
    )
    statements.append(
        (
            "lock_review_outcomes_delete",
            f"CREATE TRIGGER lock_review_outcomes_delete BEFORE DELETE ON review_outcomes "
            f"WHEN {_locked('OLD.meeting_id')} {raise_it}",
        )
    )
    outcome_meeting = "(SELECT meeting_id FROM review_outcomes WHERE id = {}.outcome_id)"
    for verb, row in (("insert", "NEW"), ("update", "OLD"), ("delete", "OLD")):
        statements.append(
            (
                f"lock_review_criteria_{verb}",
                f"CREATE TRIGGER lock_review_criteria_{verb} BEFORE {verb.upper()} ON "
                f"review_criteria WHEN {_locked(outcome_meeting.format(row))} {raise_it}",
            )
        )
    statements.append(
        (
            "lock_meetings_update",
            f"CREATE TRIGGER lock_meetings_update BEFORE UPDATE OF "
            f"{', '.join(MEETING_COLUMNS)} ON meetings "
            f"WHEN {_locked('OLD.id')} {raise_it}",
        )
    )
    # Un-approving would unlock everything: refused too.
    statements.append(
        (
            "lock_meetings_unapprove",
            "CREATE TRIGGER lock_meetings_unapprove BEFORE UPDATE OF status ON meetings "
            f"WHEN OLD.status = 'approved' AND NEW.status != 'approved' "
            f"AND OLD.id NOT IN (SELECT meeting_id FROM approval_lock_release) {raise_it}",
        )
    )
    statements.append(
        (
            "lock_meetings_delete",
            f"CREATE TRIGGER lock_meetings_delete BEFORE DELETE ON meetings "
            f"WHEN {_locked('OLD.id')} {raise_it}",
        )
    )
    return statements


def create_triggers() -> None:
    for _name, statement in trigger_statements():
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL: 0009_server_store makes the lock in PL/pgSQL
    op.execute("CREATE TABLE approval_lock_release (meeting_id VARCHAR(64) NOT NULL PRIMARY KEY)")
    create_triggers()


def downgrade() -> None:
    for name, _statement in trigger_statements():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE approval_lock_release")
