"""children and the notification record: a case is an incident

Revision ID: 0007
Revises: 0006

One notification per incident, however many children it affected: each case's child moves to
a row of `children` (pseudonym, real name, age, sex, ethnicity, disability, legal status), and
the case's own child columns go. `cases.child_pseudonym` stays: it is the incident's name in
the register and every document ("Child A and Child B"), written from the children.
`cases.legal_status` stays too, unread: SQLite cannot drop a column its CHECK constraint names
without rebuilding `cases`, and a rebuild would cascade deletes through every table referring
to it.

The notification is the case's, not a meeting's (it may be sent before the meeting): the
latest notify decision's `notified_on` and `panel_reference` move to the case, with the
incident's time and place and the notifier. `meetings.approved_deadlines` keeps the deadlines
that held when the minutes were approved, locked with them.

The moved rows are recorded in the audit log by the upgrade (store/database.py), since their
content changed below the app.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEGAL_STATUSES = (
    "none",
    "child_in_need",
    "child_protection_plan",
    "looked_after",
    "care_leaver",
    "unknown",
)

# The meeting columns migrations 0002 and 0005 lock once the minutes are approved.
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
    "quorum_reason",
)

# The register's covering index of migration 0006.
REGISTER_INDEX = [
    sa.text("referral_received DESC"),
    "reference",
    "child_pseudonym",
    "status",
    "la_aware",
    "referring_agency_id",
    "kind",
    "partners_informed_on",
]

MOVED_CHILD_COLUMNS = (
    "child_name",
    "child_age",
    "child_sex",
    "child_ethnicity",
    "child_disability",
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
    allowed = ", ".join(f"'{status}'" for status in LEGAL_STATUSES)
    op.create_table(
        "children",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("age", sa.String(length=100), nullable=False),
        sa.Column("sex", sa.String(length=100), nullable=False),
        sa.Column("ethnicity", sa.String(length=200), nullable=False),
        sa.Column("disability", sa.Text(), nullable=False),
        sa.Column("legal_status", sa.String(length=40), nullable=False),
        sa.Column("home_authority", sa.String(length=200), nullable=False),
        sa.Column("health", sa.Text(), nullable=False),
        sa.CheckConstraint(f"legal_status IN ({allowed})", name="ck_children_legalstatus"),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_children_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_children"),
    )
    op.create_index("ix_children_case_id", "children", ["case_id"])
    op.execute(
        "INSERT INTO children (case_id, position, pseudonym, name, date_of_birth, age, sex, "
        "ethnicity, disability, legal_status, home_authority, health) "
        "SELECT id, 0, child_pseudonym, child_name, NULL, child_age, child_sex, "
        "child_ethnicity, child_disability, legal_status, '', '' FROM cases ORDER BY id"
    )
    for column in MOVED_CHILD_COLUMNS:
        op.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    op.execute("UPDATE cases SET legal_status = 'unknown'")

    # The notification record, on the case.
    op.add_column("cases", sa.Column("incident_time", sa.String(length=5), nullable=True))
    for column in ("incident_location", "incident_area"):
        op.add_column("cases", sa.Column(column, sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "cases",
        sa.Column("outside_england", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    for column, length in (
        ("notifier_name", 200),
        ("notifier_role", 200),
        ("notifier_email", 200),
        ("notifier_phone", 100),
    ):
        op.add_column(
            "cases",
            sa.Column(column, sa.String(length=length), nullable=False, server_default=""),
        )
    op.add_column("cases", sa.Column("notified_on", sa.Date(), nullable=True))
    op.add_column(
        "cases",
        sa.Column("panel_reference", sa.String(length=100), nullable=False, server_default=""),
    )
    # The latest notify decision's notification becomes the case's: by decision date, then
    # the meeting's place in the case (the register's rule).
    op.execute(
        "UPDATE cases SET (notified_on, panel_reference) = ("
        "SELECT d.notified_on, d.panel_reference FROM decisions AS d "
        "JOIN meetings AS m ON m.id = d.meeting_id "
        "WHERE m.case_id = cases.id AND d.outcome = 'notify' "
        "ORDER BY d.decided_on DESC, m.position DESC LIMIT 1) "
        "WHERE EXISTS (SELECT 1 FROM decisions AS d JOIN meetings AS m ON m.id = d.meeting_id "
        "WHERE m.case_id = cases.id AND d.outcome = 'notify')"
    )
    op.drop_index("ix_cases_register", table_name="cases")
    op.create_index("ix_cases_register", "cases", [*REGISTER_INDEX, "notified_on"])
    op.drop_index("ix_decisions_register", table_name="decisions")
    op.execute("ALTER TABLE decisions DROP COLUMN notified_on")
    op.execute("ALTER TABLE decisions DROP COLUMN panel_reference")
    op.create_index("ix_decisions_register", "decisions", ["outcome", "meeting_id", "decided_on"])

    # The deadlines as they stood when the minutes were approved: locked with the minutes.
    op.add_column(
        "meetings",
        sa.Column("approved_deadlines", sa.Text(), nullable=False, server_default=""),
    )
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL: 0009_server_store locks it
        op.execute("DROP TRIGGER IF EXISTS lock_meetings_update")
        op.execute(_lock_meetings_update((*LOCKED_MEETING_COLUMNS, "approved_deadlines")))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS lock_meetings_update")
        op.execute(_lock_meetings_update(LOCKED_MEETING_COLUMNS))
    op.execute("ALTER TABLE meetings DROP COLUMN approved_deadlines")
    op.drop_index("ix_decisions_register", table_name="decisions")
    op.add_column("decisions", sa.Column("notified_on", sa.Date(), nullable=True))
    op.add_column(
        "decisions",
        sa.Column("panel_reference", sa.String(length=100), nullable=False, server_default=""),
    )
    op.execute(
        "UPDATE decisions SET (notified_on, panel_reference) = (SELECT c.notified_on, "
        "c.panel_reference FROM meetings AS m JOIN cases AS c ON c.id = m.case_id "
        "WHERE m.id = decisions.meeting_id) WHERE outcome = 'notify'"
    )
    op.create_index(
        "ix_decisions_register", "decisions", ["outcome", "meeting_id", "decided_on", "notified_on"]
    )
    op.drop_index("ix_cases_register", table_name="cases")
    op.create_index("ix_cases_register", "cases", REGISTER_INDEX)
    for column in (
        "panel_reference",
        "notified_on",
        "notifier_phone",
        "notifier_email",
        "notifier_role",
        "notifier_name",
        "outside_england",
        "incident_area",
        "incident_location",
        "incident_time",
    ):
        op.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    for column, kind in (
        ("child_name", "TEXT"),
        ("child_age", "VARCHAR(100) NOT NULL DEFAULT ''"),
        ("child_sex", "VARCHAR(100) NOT NULL DEFAULT ''"),
        ("child_ethnicity", "VARCHAR(200) NOT NULL DEFAULT ''"),
        ("child_disability", "TEXT NOT NULL DEFAULT ''"),
    ):
        op.execute(f"ALTER TABLE cases ADD COLUMN {column} {kind}")
    op.execute(
        "UPDATE cases SET (child_name, child_age, child_sex, child_ethnicity, child_disability, "
        "legal_status) = (SELECT name, age, sex, ethnicity, disability, legal_status "
        "FROM children WHERE children.case_id = cases.id ORDER BY position LIMIT 1) "
        "WHERE EXISTS (SELECT 1 FROM children WHERE children.case_id = cases.id)"
    )
    op.drop_index("ix_children_case_id", table_name="children")
    op.drop_table("children")
