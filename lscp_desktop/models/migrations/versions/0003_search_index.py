"""full-text search index over cases, minutes, contributions, decisions, outcomes and actions

Revision ID: 0003
Revises: 0001 (relinked after 0002 at merge)

A contentless FTS5 table (the text stays only in its own tables, once) whose rowid encodes the
source: rowid = source id * 8 + source code. Triggers keep it in step with every insert, update
and delete, so the ORM, imports and foreign-key cascades all keep it right. The child's real
name (cases.child_name) is never indexed.

This file is a frozen snapshot: lscp_desktop/cases/search.py holds the same source list for
rebuilding, and must stay in step with the latest migration that changes it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table, source code, the columns whose change re-indexes a row, and the indexed text.
SOURCES: list[tuple[str, int, list[str]]] = [
    (
        "cases",
        1,
        [
            "reference",
            "child_pseudonym",
            "summary",
            "abuse_or_neglect_evidence",
            "harm_evidence",
        ],
    ),
    ("minute_items", 2, ["item", "text"]),
    ("contributions", 3, ["information", "reasons"]),
    (
        "decisions",
        4,
        ["rationale", "dissent", "dissent_considered", "escalation_notes", "deferral_reason"],
    ),
    ("review_outcomes", 5, ["rationale", "panel_comments"]),
    ("actions", 6, ["description"]),
]


def _text(row: str, columns: list[str]) -> str:
    return " || ' ' || ".join(f"coalesce({row}.{column}, '')" for column in columns)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL: 0009_server_store makes search in PL/pgSQL
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, content='', contentless_delete=1, "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    for table, code, columns in SOURCES:
        insert_new = (
            f"INSERT INTO search_index(rowid, body) VALUES (new.id * 8 + {code}, "
            f"{_text('new', columns)});"
        )
        delete_old = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code};"
        op.execute(
            f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {insert_new} END"
        )
        op.execute(
            f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {delete_old} END"
        )
        op.execute(
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF id, {', '.join(columns)} "
            f"ON {table} BEGIN {delete_old} {insert_new} END"
        )
        op.execute(
            f"INSERT INTO search_index(rowid, body) "
            f"SELECT t.id * 8 + {code}, {_text('t', columns)} FROM {table} AS t"
        )


def downgrade() -> None:
    for table, _code, _columns in SOURCES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_index")
