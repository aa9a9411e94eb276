"""rapid review report: key practice episodes, sign-off, the Panel's wider response, the CSPR

Revision ID: 0008
Revises: 0007

`review_outcomes` gains the structured Rapid Review content (inequalities, good practice,
learning, immediate action, the view on a national review) and the resubmission date; the
Panel's response may also be `national_review` or `more_information`. New tables: key practice
episodes and the three partners' sign-off (one outcome each), the CSPR from commissioning to
publication with its progress notes (one case each), and joint reviews.

Widening the `panelresponse` CHECK constraint does not rebuild `review_outcomes`: a rebuild
would drop its approval-lock and search triggers, and renaming a rebuilt table back trips over
the triggers on `review_criteria` that name it. SQLite documents editing the stored CREATE
TABLE text for a change that leaves the rows' format alone (every stored value satisfies the
wider constraint); the schema version is bumped so every connection reparses it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_RESPONSES = ("agrees", "disagrees", "awaited")
NEW_RESPONSES = ("agrees", "disagrees", "national_review", "more_information", "awaited")
VIEWS = ("recommended", "not_recommended", "undecided")
JOINT_KINDS = ("sar", "dhr", "other")


def _check(values: Sequence[str]) -> str:
    return "panel_response IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _rewrite_panel_check(old: Sequence[str], new: Sequence[str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # a server alters its constraints in place
        name = bind.exec_driver_sql(
            "SELECT conname FROM pg_constraint WHERE contype = 'c' "
            "AND conrelid = 'review_outcomes'::regclass "
            "AND strpos(pg_get_constraintdef(oid), 'panel_response') > 0"
        ).scalar_one()
        op.execute(f'ALTER TABLE review_outcomes DROP CONSTRAINT "{name}"')
        op.execute(f'ALTER TABLE review_outcomes ADD CONSTRAINT "{name}" CHECK ({_check(new)})')
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'review_outcomes'"
    ).scalar_one()
    if _check(old) not in sql:
        raise RuntimeError("review_outcomes: the panel response constraint is not as expected")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'review_outcomes'",
        (sql.replace(_check(old), _check(new)),),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _enum(name: str, values: Sequence[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=40)


def upgrade() -> None:
    _rewrite_panel_check(OLD_RESPONSES, NEW_RESPONSES)
    # Plain ADD COLUMNs: the table keeps its triggers.
    for column in ("inequalities", "good_practice", "learning", "immediate_action"):
        op.execute(f"ALTER TABLE review_outcomes ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    allowed = ", ".join(f"'{view}'" for view in VIEWS)
    op.execute(
        "ALTER TABLE review_outcomes ADD COLUMN national_review_view VARCHAR(40) NOT NULL "
        "DEFAULT 'undecided' CONSTRAINT ck_review_outcomes_nationalreviewview "
        f"CHECK (national_review_view IN ({allowed}))"
    )
    op.execute(
        "ALTER TABLE review_outcomes ADD COLUMN national_review_rationale TEXT NOT NULL DEFAULT ''"
    )
    op.execute("ALTER TABLE review_outcomes ADD COLUMN resubmitted_to_panel_on DATE")

    op.create_table(
        "key_practice_episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("period", sa.String(length=200), nullable=False),
        sa.Column("agencies", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["review_outcomes.id"],
            name=op.f("fk_key_practice_episodes_outcome_id_review_outcomes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_practice_episodes")),
    )
    op.create_index(
        op.f("ix_key_practice_episodes_outcome_id"), "key_practice_episodes", ["outcome_id"]
    )
    op.create_table(
        "review_sign_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["review_outcomes.id"],
            name=op.f("fk_review_sign_offs_outcome_id_review_outcomes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_sign_offs")),
    )
    op.create_index(op.f("ix_review_sign_offs_outcome_id"), "review_sign_offs", ["outcome_id"])
    op.create_table(
        "csprs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("commissioned_on", sa.Date(), nullable=False),
        sa.Column("reviewers", sa.Text(), nullable=False),
        sa.Column("terms_of_reference_on", sa.Date(), nullable=True),
        sa.Column("final_report_on", sa.Date(), nullable=True),
        sa.Column("sent_to_panel_on", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("not_published_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_csprs_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csprs")),
        sa.UniqueConstraint("case_id", name=op.f("uq_csprs_case_id")),
    )
    op.create_table(
        "cspr_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cspr_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("next_check_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cspr_id"],
            ["csprs.id"],
            name=op.f("fk_cspr_progress_cspr_id_csprs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cspr_progress")),
    )
    op.create_index(op.f("ix_cspr_progress_cspr_id"), "cspr_progress", ["cspr_id"])
    op.create_table(
        "joint_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("jointreviewkind", JOINT_KINDS), nullable=False),
        sa.Column("partner_board", sa.String(length=300), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_joint_reviews_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_reviews")),
    )
    op.create_index(op.f("ix_joint_reviews_case_id"), "joint_reviews", ["case_id"])


def downgrade() -> None:
    op.drop_table("joint_reviews")
    op.drop_table("cspr_progress")
    op.drop_table("csprs")
    op.drop_table("review_sign_offs")
    op.drop_table("key_practice_episodes")
    op.execute(
        "UPDATE review_outcomes SET panel_response = 'awaited' "
        "WHERE panel_response IN ('national_review', 'more_information')"
    )
    for column in (
        "resubmitted_to_panel_on",
        "national_review_rationale",
        "national_review_view",
        "immediate_action",
        "learning",
        "good_practice",
        "inequalities",
    ):
        op.execute(f"ALTER TABLE review_outcomes DROP COLUMN {column}")
    _rewrite_panel_check(NEW_RESPONSES, OLD_RESPONSES)
