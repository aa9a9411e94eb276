"""The minutes as HTML for the screen: the same document model as the Word and PDF minutes.

The chair reads the draft through on the close step before approving; rendering the very
document the exports render means the preview cannot leave out what the Word file prints (the
Rapid Review's agency summaries, the deadlines, the distribution). Plain HTML that Qt's rich
text understands; every text is escaped.
"""

from __future__ import annotations

from html import escape

from lscp_desktop.documents.minutes_content import MinutesDocument, Paragraph, Section, Table


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines()) or "&nbsp;"


def _paragraph(paragraph: Paragraph) -> str:
    label = f"<b>{escape(paragraph.label)}:</b> " if paragraph.label else ""
    body = _lines(paragraph.text)
    return f"<p>{label}<i>{body}</i></p>" if paragraph.note else f"<p>{label}{body}</p>"


def _table(table: Table) -> str:
    rows = []
    if not table.key_value:
        rows.append("<tr>" + "".join(f"<th>{escape(c)}</th>" for c in table.columns) + "</tr>")
    for row in table.rows:
        cells = []
        for index, text in enumerate(row):
            tag = "th" if table.key_value and index == 0 else "td"
            cells.append(f"<{tag} align='left' valign='top'>{_lines(text)}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table_open = "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
    return table_open + "".join(rows) + "</table>"


def _section(section: Section) -> str:
    level = min(3 + section.level - 1, 6)  # the document's title is h2
    parts = [f"<h{level}>{escape(section.heading)}</h{level}>"]
    for block in section.blocks:
        if isinstance(block, Section):
            parts.append(_section(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        else:
            parts.append(_paragraph(block))
    return "".join(parts)


def render_html(document: MinutesDocument) -> str:
    """The whole document: marking, title, subtitle, then every section in reading order."""
    parts = [
        f"<p><b>{escape(document.marking)}</b></p>",
        f"<h2>{escape(document.title)}</h2>",
        f"<p>{escape(document.organisation)}<br>{escape(document.subtitle)}</p>",
    ]
    parts.extend(_section(section) for section in document.sections)
    parts.append(f"<p><b>{escape(document.marking)}</b></p>")
    return "".join(parts)
