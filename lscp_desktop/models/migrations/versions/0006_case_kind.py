"""case kind: an SCSI, a looked-after child's death or a care leaver's death

Revision ID: 0006
Revises: 0005

The kind decides a case's statutory path (only an SCSI has a Rapid Review). Every existing
case was an SCSI. The register's covering index gains the kind and the date the safeguarding
partners were told, so the register still reads an index rather than the wide case rows.
A plain ADD COLUMN, not a batch rebuild: rebuilding `cases` would drop the search triggers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("scsi", "looked_after_death", "care_leaver_death")


def upgrade() -> None:
    allowed = ", ".join(f"'{kind}'" for kind in KINDS)
    op.execute(
        "ALTER TABLE cases ADD COLUMN kind VARCHAR(40) NOT NULL DEFAULT 'scsi' "
        f"CONSTRAINT ck_cases_casekind CHECK (kind IN ({allowed}))"
    )
    op.drop_index("ix_cases_register", table_name="cases")
    op.create_index(
        "ix_cases_register",
        "cases",
        [
            sa.text("referral_received DESC"),
            "reference",
            "child_pseudonym",
            "status",
            "la_aware",
            "referring_agency_id",
            "kind",
            "partners_informed_on",
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_cases_register", table_name="cases")
    op.create_index(
        "ix_cases_register",
        "cases",
        [
            sa.text("referral_received DESC"),
            "reference",
            "child_pseudonym",
            "status",
            "la_aware",
            "referring_agency_id",
        ],
    )
    op.execute("ALTER TABLE cases DROP COLUMN kind")
