"""Learning themes: the editable list, tagging cases with them, and which themes recur."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lscp_desktop.models import Case, CaseTheme, Theme
from lscp_desktop.refusals import RuleRefused


class ThemeError(RuleRefused):
    """A change to the theme list that cannot be made; the message is meant for the user."""


@dataclass(frozen=True)
class ThemeCount:
    theme_id: int
    name: str
    cases: int


def all_themes(session: Session) -> list[Theme]:
    return list(session.scalars(select(Theme).order_by(func.lower(Theme.name))))


def _clean_name(session: Session, name: str, *, except_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ThemeError("A theme needs a name.")
    clash = session.scalar(select(Theme).where(func.lower(Theme.name) == name.lower()))
    if clash is not None and clash.id != except_id:
        raise ThemeError(f"There is already a theme called “{clash.name}”.")
    return name


def add_theme(session: Session, name: str) -> Theme:
    theme = Theme(name=_clean_name(session, name))
    session.add(theme)
    session.flush()
    return theme


def rename_theme(session: Session, theme_id: int, name: str) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None:
        raise ThemeError("That theme no longer exists.")
    theme.name = _clean_name(session, name, except_id=theme_id)
    return theme


def cases_tagged(session: Session, theme_id: int) -> int:
    return int(session.scalar(select(func.count()).where(CaseTheme.theme_id == theme_id)) or 0)


def delete_theme(session: Session, theme_id: int, *, untag_cases: bool = False) -> None:
    """Remove a theme; one still tagged on cases is only removed when asked to untag them."""
    theme = session.get(Theme, theme_id)
    if theme is None:
        return
    in_use = cases_tagged(session, theme_id)
    if in_use and not untag_cases:
        raise ThemeError(
            f"“{theme.name}” is tagged on {in_use} case{'s' if in_use != 1 else ''}; "
            "untag them first or confirm removing it from them."
        )
    for link in session.scalars(select(CaseTheme).where(CaseTheme.theme_id == theme_id)):
        session.delete(link)
    session.flush()
    session.delete(theme)


def set_case_themes(session: Session, case: Case, theme_ids: list[int]) -> None:
    """Tag the case with exactly these themes, in this order (duplicates ignored)."""
    wanted: list[int] = list(dict.fromkeys(theme_ids))
    themes = {
        theme.id: theme for theme in session.scalars(select(Theme).where(Theme.id.in_(wanted)))
    }
    missing = [theme_id for theme_id in wanted if theme_id not in themes]
    if missing:
        raise ThemeError("A chosen theme no longer exists; reopen the list and choose again.")
    existing = {link.theme_id: link for link in case.case_themes}
    case.case_themes = [
        existing.get(theme_id) or CaseTheme(theme_id=theme_id, theme=themes[theme_id])
        for theme_id in wanted
    ]


def theme_counts(
    session: Session,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    include_unused: bool = True,
) -> list[ThemeCount]:
    """How many cases carry each theme, most first; optionally cases referred in [start, end].

    A case counts once per theme however it was tagged (the key is (case, theme)).
    """
    counted = select(CaseTheme.theme_id, func.count(func.distinct(CaseTheme.case_id)).label("n"))
    counted = counted.join(Case, Case.id == CaseTheme.case_id)
    if start is not None:
        counted = counted.where(Case.referral_received >= start)
    if end is not None:
        counted = counted.where(Case.referral_received <= end)
    subquery = counted.group_by(CaseTheme.theme_id).subquery()
    rows = session.execute(
        select(Theme.id, Theme.name, func.coalesce(subquery.c.n, 0))
        .outerjoin(subquery, subquery.c.theme_id == Theme.id)
        .order_by(func.coalesce(subquery.c.n, 0).desc(), func.lower(Theme.name))
    )
    counts = [ThemeCount(theme_id, name, int(n)) for theme_id, name, n in rows]
    return counts if include_unused else [count for count in counts if count.cases > 0]
