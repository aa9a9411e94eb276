"""Full-text search over cases, minutes, contributions, decisions, outcomes and actions.

The FTS5 table `search_index` (migration 0003) is contentless: it answers which rows match
and how well, and the text for the snippet is read from the row itself. rowid = id * 8 + code.
The child's real name is never indexed, so searching for it finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from lscp_desktop.store import server_search

CASE, MINUTES, CONTRIBUTION, DECISION, REVIEW_OUTCOME, ACTION = 1, 2, 3, 4, 5, 6
SOURCE_LABELS = {
    CASE: "Case",
    MINUTES: "Minutes",
    CONTRIBUTION: "Contribution",
    DECISION: "Decision",
    REVIEW_OUTCOME: "CSPR decision",
    ACTION: "Action",
}

# Per source: the SQL giving (id, case id, meeting id, text) for a list of ids. Kept in step
# with migration 0003's SOURCES (the same columns, never cases.child_name).
_FETCH = {
    CASE: "SELECT c.id, c.id, NULL, c.reference || ' ' || c.child_pseudonym || ' ' || "
    "c.summary || ' ' || c.abuse_or_neglect_evidence || ' ' || c.harm_evidence "
    "FROM cases c WHERE c.id IN ({ids})",
    MINUTES: "SELECT x.id, m.case_id, m.id, x.item || ': ' || x.text "
    "FROM minute_items x JOIN meetings m ON m.id = x.meeting_id WHERE x.id IN ({ids})",
    CONTRIBUTION: "SELECT x.id, m.case_id, m.id, x.information || ' ' || x.reasons "
    "FROM contributions x JOIN meetings m ON m.id = x.meeting_id WHERE x.id IN ({ids})",
    DECISION: "SELECT x.id, m.case_id, m.id, x.rationale || ' ' || x.dissent || ' ' || "
    "x.dissent_considered || ' ' || x.escalation_notes || ' ' || x.deferral_reason "
    "FROM decisions x JOIN meetings m ON m.id = x.meeting_id WHERE x.id IN ({ids})",
    REVIEW_OUTCOME: "SELECT x.id, m.case_id, m.id, x.rationale || ' ' || x.panel_comments "
    "FROM review_outcomes x JOIN meetings m ON m.id = x.meeting_id WHERE x.id IN ({ids})",
    ACTION: "SELECT x.id, m.case_id, m.id, x.description "
    "FROM actions x JOIN meetings m ON m.id = x.meeting_id WHERE x.id IN ({ids})",
}
_REBUILD = {
    CASE: "SELECT id * 8 + 1, reference || ' ' || child_pseudonym || ' ' || summary || ' ' || "
    "abuse_or_neglect_evidence || ' ' || harm_evidence FROM cases",
    MINUTES: "SELECT id * 8 + 2, item || ' ' || text FROM minute_items",
    CONTRIBUTION: "SELECT id * 8 + 3, information || ' ' || reasons FROM contributions",
    DECISION: "SELECT id * 8 + 4, rationale || ' ' || dissent || ' ' || dissent_considered || "
    "' ' || escalation_notes || ' ' || deferral_reason FROM decisions",
    REVIEW_OUTCOME: "SELECT id * 8 + 5, rationale || ' ' || panel_comments FROM review_outcomes",
    ACTION: "SELECT id * 8 + 6, description FROM actions",
}

SNIPPET_CHARS = 70
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    source: int
    meeting_id: str | None
    snippet: str

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self.source]


@dataclass
class CaseResult:
    """One case and the places in it that match, best first."""

    case_id: int
    reference: str
    child_pseudonym: str
    hits: list[Hit] = field(default_factory=list)

    @property
    def meeting_id(self) -> str | None:
        """The meeting of the best hit that belongs to a meeting, if any."""
        return next((hit.meeting_id for hit in self.hits if hit.meeting_id), None)


def match_expression(query: str) -> str | None:
    """The user's words as an FTS5 query: every word must appear, the last one as a prefix.

    Each word is quoted, so punctuation and FTS5 operators typed by the user are just text.
    Every word is matched as a prefix so results appear while the user is still typing.
    """
    words = WORD.findall(query)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


def snippet(body: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """A short extract around the first matching word, on one line."""
    flat = " ".join(body.split())
    lowered = flat.lower()
    starts = [
        match.start()
        for word in words
        for match in re.finditer(r"\b" + re.escape(word.lower()), lowered)
    ]
    if not starts:
        return flat[: width * 2] + ("…" if len(flat) > width * 2 else "")
    first = min(starts)
    begin = max(0, first - width)
    end = min(len(flat), first + width)
    return ("…" if begin else "") + flat[begin:end].strip() + ("…" if end < len(flat) else "")


def search(session: Session, query: str, *, limit: int = 50) -> list[CaseResult]:
    """Cases matching `query`, newest case first, each with its matching places.

    Newest first rather than by bm25 rank: ranking scores every match before the first row
    comes back (180 ms for a common word on 10,000 cases), while rowid order lets FTS5 stop
    after `limit` rows, which keeps filtering as the user types under 50 ms.
    """
    expression = match_expression(query)
    if expression is None:
        return []
    sql = (
        "SELECT rowid FROM search_index WHERE search_index MATCH :query "
        "ORDER BY rowid DESC LIMIT :limit"
    )
    if _on_server(session):
        sql, expression = server_search.MATCH_SQL, server_search.tsquery(WORD.findall(query))
    rows = session.execute(text(sql), {"query": expression, "limit": limit * 4}).all()
    order = [int(row[0]) for row in rows]
    by_source: dict[int, list[int]] = {}
    for rowid in order:
        by_source.setdefault(rowid % 8, []).append(rowid // 8)
    found: dict[int, tuple[int, str | None, str]] = {}
    for source, ids in by_source.items():
        sql = _FETCH[source].format(ids=", ".join(str(int(i)) for i in ids))
        for source_id, case_id, meeting_id, body in session.execute(text(sql)):
            found[source_id * 8 + source] = (case_id, meeting_id, body or "")
    words = WORD.findall(query)
    results: dict[int, CaseResult] = {}
    for rowid in order:
        if rowid not in found:
            continue  # the row went between the two queries
        case_id, meeting_id, body = found[rowid]
        result = results.get(case_id)
        if result is None:
            if len(results) >= limit:
                continue
            result = results[case_id] = CaseResult(case_id, "", "")
        result.hits.append(Hit(rowid % 8, meeting_id, snippet(body, words)))
    if results:
        case_ids = ", ".join(str(case_id) for case_id in results)
        for case_id, reference, pseudonym in session.execute(
            text(f"SELECT id, reference, child_pseudonym FROM cases WHERE id IN ({case_ids})")
        ):
            results[case_id].reference = reference
            results[case_id].child_pseudonym = pseudonym
    return sorted(results.values(), key=lambda result: -result.case_id)


def rebuild_index(session: Session) -> None:
    """Re-index everything from the tables (after a bulk load with triggers off, say)."""
    session.execute(text("DELETE FROM search_index"))
    for select_sql in _REBUILD.values():
        if _on_server(session):
            session.execute(text(server_search.rebuild_insert(select_sql)))
        else:
            session.execute(text(f"INSERT INTO search_index(rowid, body) {select_sql}"))


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
