"""The RAG's assurance page: what is outstanding, with whom, since when — as a PDF."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from lscp_desktop.date_text import numeric_date, written_date
from lscp_desktop.documents.report_pdf import (
    data_table,
    para,
    styles,
    write_pdf,
)
from lscp_desktop.review.action_plan import ActionRow, count_by_status

HEADER = ("Action", "Case", "Owner", "Due", "Open since", "Days overdue", "Latest progress")
WIDTHS = (80 * mm, 28 * mm, 34 * mm, 20 * mm, 20 * mm, 18 * mm, 64 * mm)


def _cells(row: ActionRow) -> list[str]:
    progress = f"{numeric_date(row.last_note_on)}: {row.last_note}" if row.last_note else ""
    return [
        ("[Immediate] " if row.immediate else "") + row.description,
        f"{row.child_pseudonym}\n{row.case_reference}",
        row.owner,
        numeric_date(row.due),
        numeric_date(row.open_since),
        str(row.days_overdue) if row.overdue else "",
        progress,
    ]


def write_action_plan_pdf(
    path: Path, rows: list[ActionRow], today: dt.date, organisation: str = ""
) -> None:
    """Open actions grouped by agency, overdue ones shaded; `rows` as action_plan gives them."""
    sheet = styles()
    open_rows = [row for row in rows if row.status.value == "open"]
    counts = count_by_status(rows)
    story: list[Flowable] = [
        para("Action plan: what is outstanding, with whom, since when?", sheet["title"]),
        para(
            f"{organisation + ' — ' if organisation else ''}as at {written_date(today)}. "
            f"{counts['open']} open action{'s' if counts['open'] != 1 else ''}, "
            f"{counts['overdue']} overdue. Overdue actions are shaded. "
            "“Open since” is the date of the meeting that agreed the action.",
            sheet["body"],
        ),
        Spacer(1, 3 * mm),
    ]
    if not open_rows:
        story.append(para("No action is outstanding.", sheet["body"]))
    by_agency = sorted(open_rows, key=lambda row: (row.agency or "~", -row.days_overdue))
    for agency, group in groupby(by_agency, key=lambda row: row.agency):
        members = list(group)
        overdue = [index for index, row in enumerate(members) if row.overdue]
        heading = para(
            f"{agency or 'No agency given'} — {len(members)} open, {len(overdue)} overdue",
            sheet["h2"],
        )
        table = data_table(HEADER, [_cells(row) for row in members], WIDTHS, highlight_rows=overdue)
        story.append(KeepTogether([heading, table]) if len(members) < 8 else heading)
        if len(members) >= 8:
            story.append(table)
    write_pdf(path, "Action plan — outstanding actions", story, pagesize=landscape(A4))
