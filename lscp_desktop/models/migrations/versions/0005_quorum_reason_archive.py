"""meeting rules: why a partner went unheard, and archived cases

Revision ID: 0005
Revises: 0004

`meetings.quorum_reason` holds the chair's reason for concluding a meeting where a statutory
partner was not represented or gave no opinion; the minutes print it. `cases.archived_on`
marks a case kept whole but out of the open register (a case with anything approved is never
deleted); a partial index lets the register find the few archived cases without reading rows.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The meeting columns migration 0002 locks once the minutes are approved.
LOCKED_MEETING_COLUMNS = (
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


def _lock_meetings_update(columns: Sequence[str]) -> str:
    """Migration 0002's trigger on meetings, over `columns`."""
    return (
        f"CREATE TRIGGER lock_meetings_update BEFORE UPDATE OF {', '.join(columns)} ON meetings "
        "WHEN (SELECT status FROM meetings WHERE id = OLD.id) = 'approved' "
        "AND OLD.id NOT IN (SELECT meeting_id FROM approval_lock_release) "
        "BEGIN SELECT RAISE(ABORT, 'approved minutes are locked: add an addendum instead'); END"
    )


def upgrade() -> None:
    # Plain ADD COLUMNs: no table rebuild, so the approval-lock triggers stay as they are.
    op.add_column(
        "meetings", sa.Column("quorum_reason", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("cases", sa.Column("archived_on", sa.Date(), nullable=True))
    op.create_index(
        "ix_cases_archived", "cases", ["id"], sqlite_where=sa.text("archived_on IS NOT NULL")
    )
    # The reason is minuted: locked with the rest of the minutes, below the app too.
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL: 0009_server_store locks it
        op.execute("DROP TRIGGER IF EXISTS lock_meetings_update")
        op.execute(_lock_meetings_update((*LOCKED_MEETING_COLUMNS, "quorum_reason")))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS lock_meetings_update")
        op.execute(_lock_meetings_update(LOCKED_MEETING_COLUMNS))
    op.drop_index("ix_cases_archived", table_name="cases")
    # SQLite's own DROP COLUMN (3.35+) keeps the tables, and so the lock's triggers, in place.
    op.execute("ALTER TABLE cases DROP COLUMN archived_on")
    op.execute("ALTER TABLE meetings DROP COLUMN quorum_reason")
