"""edit versions and check-outs: for one record set shared by several officers and laptops

Revision ID: 0010
Revises: 0009

On a shared server two officers may edit the same case or meeting. Each row carries a version
that every change to it or to what hangs from it (children, minutes, attendance...) raises by
one (store/versions.py); an edit made on an older version is refused, never written over the
newer one. Every existing row starts at 1. A plain ADD COLUMN on both dialects: rebuilding the
tables on SQLite would drop their lock and search triggers.

Check-outs (models/checkout.py): the lease on a case checked out to a laptop copy, and every
lease that ended (checked in or taken over), by its token.

On PostgreSQL the lease is also the server's own rule: a trigger on every table of a case's
record refuses a change to a checked-out case, naming who holds it and since when, unless the
transaction is the check-in holding that lease's token (`SET LOCAL lscp.checkin_token`).

On PostgreSQL, search words are split as FTS5 splits them (0009 left that to PostgreSQL's
parser, which reads "LSCP-2023-017" as the word "lscp" and the numbers -2023 and -017, so a
reference was not found): every run of non-word characters becomes a space before
`to_tsvector`, and the index is rebuilt.
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("cases", "meetings")


# The search words: 0009's function, then this one (FTS5's unicode61 splitting on \W).
VECTOR_0009 = "to_tsvector('simple', lscp_unaccent(coalesce($1, '')))"
VECTOR = "to_tsvector('simple', regexp_replace(lscp_unaccent(coalesce($1, '')), '\\W+', ' ', 'g'))"


def _search_vector(body: str) -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION lscp_search_vector(text) RETURNS tsvector LANGUAGE sql "
        f"IMMUTABLE PARALLEL SAFE AS $f$ SELECT {body} $f$"
    )
    path = Path(__file__).with_name("0003_search_index.py")
    spec = importlib.util.spec_from_file_location("lscp_migration_0003", path)
    assert spec is not None and spec.loader is not None
    search = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search)
    op.execute("DELETE FROM search_index")
    for table, code, columns in search.SOURCES:
        op.execute(
            f"INSERT INTO search_index(rowid, body) SELECT t.id * 8 + {code}, "
            f"lscp_search_vector({search._text('t', columns)}) FROM {table} AS t"
        )


# Each table of a case's record, and how a row of it finds its case's reference (X: the row).
_CASE = "(SELECT reference FROM cases WHERE id = {})"
_MEETING = "(SELECT c.reference FROM cases c JOIN meetings m ON m.case_id = c.id WHERE m.id = {})"
LEASED_TABLES: dict[str, str] = {
    "cases": "X.reference",
    **{
        table: _CASE.format("X.case_id")
        for table in (
            "children", "case_themes", "case_links", "parallel_processes", "meetings",
            "csprs", "joint_reviews",
        )
    },
    **{
        table: _MEETING.format("X.meeting_id")
        for table in (
            "attendance", "contributions", "minute_items", "recipients", "addenda",
            "decisions", "actions", "review_outcomes", "step_times", "learning_sheets",
        )
    },
    "action_notes": _MEETING.format("(SELECT meeting_id FROM actions WHERE id = X.action_id)"),
    "cspr_progress": _CASE.format("(SELECT case_id FROM csprs WHERE id = X.cspr_id)"),
    **{
        table: _MEETING.format(
            "(SELECT meeting_id FROM review_outcomes WHERE id = X.outcome_id)"
        )
        for table in ("review_criteria", "key_practice_episodes", "review_sign_offs")
    },
}  # fmt: skip


def _create_lease_triggers() -> None:
    op.execute(
        "CREATE FUNCTION lscp_refuse_checked_out(ref text) RETURNS void LANGUAGE plpgsql AS $f$ "
        "DECLARE lease checkouts%ROWTYPE; "
        "BEGIN "
        "IF ref IS NULL THEN RETURN; END IF; "
        "SELECT * INTO lease FROM checkouts WHERE reference = ref; "
        "IF FOUND AND lease.token IS DISTINCT FROM "
        "current_setting('lscp.checkin_token', true) THEN "
        "RAISE EXCEPTION '% is checked out to % on % since % UTC: the server takes no change "
        "to it until that copy is checked in', ref, lease.holder, lease.machine, "
        "to_char(lease.since, 'DD/MM/YYYY HH24:MI'); "
        "END IF; "
        "END $f$"
    )
    for table, reference in LEASED_TABLES.items():
        old, new = reference.replace("X.", "OLD."), reference.replace("X.", "NEW.")
        op.execute(
            f"CREATE FUNCTION lease_{table}() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN PERFORM lscp_refuse_checked_out({old}); END IF; "
            f"IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; "
            f"PERFORM lscp_refuse_checked_out({new}); RETURN NEW; END $f$"
        )
        op.execute(
            f"CREATE TRIGGER lease_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION lease_{table}()"
        )


def _drop_lease_triggers() -> None:
    for table in LEASED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS lease_{table} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS lease_{table}()")
    op.execute("DROP FUNCTION IF EXISTS lscp_refuse_checked_out(text)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _search_vector(VECTOR)
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    op.create_table(
        "checkouts",
        sa.Column("reference", sa.String(100), primary_key=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("machine", sa.String(200), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("copy", sa.Text(), nullable=False),
    )
    op.create_table(
        "checkouts_ended",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("machine", sa.String(200), nullable=False),
        sa.Column("how", sa.String(20), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("by_machine", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _create_lease_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _search_vector(VECTOR_0009)
        _drop_lease_triggers()
    op.drop_table("checkouts_ended")
    op.drop_table("checkouts")
    for table in TABLES:
        # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild would break the lock triggers.
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
