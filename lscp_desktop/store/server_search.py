"""Search on the PostgreSQL store: the SQL that stands in for FTS5's MATCH (migration 0009).

The index has the same shape as SQLite's (rowid = source id * 8 + source code), so
cases/search.py reads either the same way; only the matching and re-indexing differ.
"""

from __future__ import annotations

# Every word must appear, each as a prefix (results while the user types), accents folded.
MATCH_SQL = (
    "SELECT rowid FROM search_index "
    "WHERE body @@ to_tsquery('simple', lscp_unaccent(:query)) "
    "ORDER BY rowid DESC LIMIT :limit"
)


def tsquery(words: list[str]) -> str:
    """The user's words (already split on \\w+) as a tsquery: each quoted, each a prefix."""
    return " & ".join("'" + word.replace("'", "''") + "':*" for word in words)


def rebuild_insert(select_sql: str) -> str:
    """Re-indexing from a `SELECT rowid, text` (cases/search.py's rebuild list)."""
    return (
        "INSERT INTO search_index(rowid, body) "
        f"SELECT s.r, lscp_search_vector(s.b) FROM ({select_sql}) AS s(r, b)"
    )
