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


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _search_vector(VECTOR_0009)
    op.drop_table("checkouts_ended")
    op.drop_table("checkouts")
    for table in TABLES:
        # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild would break the lock triggers.
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
