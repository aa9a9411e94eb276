"""server store: on PostgreSQL, the approval lock and the search index (0002/0003 on SQLite)

Revision ID: 0009
Revises: 0008

Nothing happens on SQLite. On PostgreSQL, 0002 and 0003 write nothing (RAISE(ABORT) and FTS5
are SQLite's); this makes the same lock from the same column lists (imported from 0002 by path,
so the two cannot drift): one function and one BEFORE ... FOR EACH ROW trigger per SQLite
trigger, refusing with the same message. A WHEN clause cannot hold a subquery in PostgreSQL,
so each condition is tested inside its function.

Search: `search_index(rowid, body)` as in 0003 (rowid = source id * 8 + source code), body a
tsvector of the same text (the 'simple' configuration, accents folded by `unaccent` when the
server has it), kept in step by triggers, a GIN index for `@@` with prefix queries. As in 0003,
only the words are kept, not the text, and the child's real name is never indexed.
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The meeting columns later migrations added to the lock (0005, 0007).
LATER_MEETING_COLUMNS = ("quorum_reason", "approved_deadlines")


def _lock_module() -> ModuleType:
    return _migration("0002_approval_lock.py")


def _migration(name: str) -> ModuleType:
    path = Path(__file__).with_name(name)
    spec = importlib.util.spec_from_file_location(f"lscp_migration_{name[:4]}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _locked(meeting_id: str) -> str:
    return (
        f"(SELECT status FROM meetings WHERE id = {meeting_id}) = 'approved' "
        f"AND {meeting_id} NOT IN (SELECT meeting_id FROM approval_lock_release)"
    )


def lock_triggers() -> list[tuple[str, str, str, str]]:
    """(name, table, event, condition) for every trigger of the lock on PostgreSQL."""
    lock = _lock_module()
    triggers: list[tuple[str, str, str, str]] = []
    for table in (*lock.MINUTED_TABLES, "decisions"):
        triggers.append((f"lock_{table}_insert", table, "INSERT", _locked("NEW.meeting_id")))
        triggers.append((f"lock_{table}_delete", table, "DELETE", _locked("OLD.meeting_id")))
    for table in lock.MINUTED_TABLES:
        condition = f"({_locked('OLD.meeting_id')}) OR ({_locked('NEW.meeting_id')})"
        triggers.append((f"lock_{table}_update", table, "UPDATE", condition))
    triggers.append(
        (
            "lock_decisions_update",
            "decisions",
            f"UPDATE OF {', '.join(lock.DECISION_COLUMNS)}",
            f"{_locked('OLD.meeting_id')} AND NOT (OLD.outcome = 'deferred' "
            "AND NEW.outcome <> 'deferred' AND NEW.post_meeting)",
        )
    )
    triggers.append(
        (
            "lock_review_outcomes_update",
            "review_outcomes",
            f"UPDATE OF {', '.join(lock.REVIEW_OUTCOME_COLUMNS)}",
            _locked("OLD.meeting_id"),
        )
    )
    triggers.append(
        ("lock_review_outcomes_delete", "review_outcomes", "DELETE", _locked("OLD.meeting_id"))
    )
    outcome_meeting = "(SELECT meeting_id FROM review_outcomes WHERE id = {}.outcome_id)"
    for verb, row in (("insert", "NEW"), ("update", "OLD"), ("delete", "OLD")):
        triggers.append(
            (
                f"lock_review_criteria_{verb}",
                "review_criteria",
                verb.upper(),
                _locked(outcome_meeting.format(row)),
            )
        )
    triggers.append(
        (
            "lock_meetings_update",
            "meetings",
            # 0005 added quorum_reason to what is locked, 0007 approved_deadlines.
            f"UPDATE OF {', '.join((*lock.MEETING_COLUMNS, *LATER_MEETING_COLUMNS))}",
            _locked("OLD.id"),
        )
    )
    triggers.append(
        (
            "lock_meetings_unapprove",
            "meetings",
            "UPDATE OF status",
            "OLD.status = 'approved' AND NEW.status <> 'approved' "
            "AND OLD.id NOT IN (SELECT meeting_id FROM approval_lock_release)",
        )
    )
    triggers.append(("lock_meetings_delete", "meetings", "DELETE", _locked("OLD.id")))
    return triggers


def _create_search() -> None:
    bind = op.get_bind()
    # unaccent is a contrib extension: present in Debian's server package, but creating it may
    # need rights the owner lacks; without it, search still works, accents not folded.
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        savepoint.commit()
        folded = "public.unaccent('public.unaccent'::regdictionary, $1)"
    except Exception:
        savepoint.rollback()
        folded = "$1"
    # IMMUTABLE (unaccent itself is only STABLE): the index stays valid as long as the
    # unaccent rules file is not edited, which a rebuild_index after such an edit repairs.
    op.execute(
        "CREATE FUNCTION lscp_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $f$ SELECT {folded} $f$"
    )
    op.execute(
        "CREATE FUNCTION lscp_search_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
        "PARALLEL SAFE AS $f$ SELECT to_tsvector('simple', lscp_unaccent(coalesce($1, ''))) $f$"
    )
    op.execute("CREATE TABLE search_index (rowid BIGINT PRIMARY KEY, body TSVECTOR NOT NULL)")
    op.execute("CREATE INDEX ix_search_index_body ON search_index USING gin (body)")
    search = _migration("0003_search_index.py")
    for table, code, columns in search.SOURCES:
        insert_new = (
            f"INSERT INTO search_index(rowid, body) VALUES (NEW.id * 8 + {code}, "
            f"lscp_search_vector({search._text('NEW', columns)}));"
        )
        delete_old = f"DELETE FROM search_index WHERE rowid = OLD.id * 8 + {code};"
        for suffix, event, body, returned in (
            ("ai", "INSERT", insert_new, "NEW"),
            ("ad", "DELETE", delete_old, "OLD"),
            ("au", f"UPDATE OF id, {', '.join(columns)}", delete_old + " " + insert_new, "NEW"),
        ):
            name = f"search_{table}_{suffix}"
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $search$ "
                f"BEGIN {body} RETURN {returned}; END $search$"
            )
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        op.execute(
            f"INSERT INTO search_index(rowid, body) SELECT t.id * 8 + {code}, "
            f"lscp_search_vector({search._text('t', columns)}) FROM {table} AS t"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _create_search()
    message = _lock_module().MESSAGE
    op.execute(
        "CREATE TABLE IF NOT EXISTS approval_lock_release "
        "(meeting_id VARCHAR(64) NOT NULL PRIMARY KEY)"
    )
    for name, table, event, condition in lock_triggers():
        returned = "OLD" if event == "DELETE" else "NEW"
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $lock$ "
            f"BEGIN IF {condition} THEN RAISE EXCEPTION '{message}' "
            f"USING ERRCODE = 'restrict_violation'; END IF; RETURN {returned}; END $lock$"
        )
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, _event, _condition in lock_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.execute("DROP TABLE IF EXISTS approval_lock_release")
    for table, _code, _columns in _migration("0003_search_index.py").SOURCES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{suffix} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS search_{table}_{suffix}()")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("DROP FUNCTION IF EXISTS lscp_search_vector(text)")
    op.execute("DROP FUNCTION IF EXISTS lscp_unaccent(text)")
