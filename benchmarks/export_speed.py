"""Exporting the 3-hour meeting's minutes (~40 pages) to Word and PDF, against the floors:
python-docx and reportlab writing the same text with no application code.
"""

from __future__ import annotations

import importlib
import importlib.util
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.figures import Figure, median
from benchmarks.synthetic_store import LONG_MEETING_ID, PASSPHRASE

RUNS = 5


@dataclass
class MinutesText:
    """The words of the minutes, as (heading, paragraphs) sections."""

    sections: list[tuple[str, list[str]]]

    @property
    def characters(self) -> int:
        return sum(len(text) for _, paragraphs in self.sections for text in paragraphs)


def read_minutes(db: Path) -> MinutesText:
    from lscp_desktop.models.database import connect_raw

    connection = connect_raw(db, PASSPHRASE)
    try:
        sections: list[tuple[str, list[str]]] = []
        for agency, information, opinion, reasons in connection.execute(
            "SELECT a.name, c.information, c.opinion, c.reasons FROM contributions c "
            "JOIN agencies a ON a.id = c.agency_id WHERE c.meeting_id = ? ORDER BY c.position",
            (LONG_MEETING_ID,),
        ):
            sections.append((agency, [information, f"View: {opinion}. {reasons}"]))
        for item, text in connection.execute(
            "SELECT item, text FROM minute_items WHERE meeting_id = ? ORDER BY position",
            (LONG_MEETING_ID,),
        ):
            sections.append((item, [part for part in text.split("\n\n") if part]))
    finally:
        connection.close()
    return MinutesText(sections)


def floor_docx(minutes: MinutesText, target: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Minutes of the Extra-Ordinary RAG meeting", level=1)
    for heading, paragraphs in minutes.sections:
        document.add_heading(heading, level=2)
        for text in paragraphs:
            document.add_paragraph(text)
    document.save(str(target))


def floor_pdf(minutes: MinutesText, target: Path) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph("Minutes of the Extra-Ordinary RAG meeting", styles["Title"])]
    for heading, paragraphs in minutes.sections:
        story.append(Paragraph(escape(heading), styles["Heading2"]))
        story.extend(Paragraph(escape(text), styles["BodyText"]) for text in paragraphs)
    document = SimpleDocTemplate(str(target), pagesize=A4)
    document.build(story)
    return int(document.page)


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _interleaved(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[float, float]:
    """Medians of RUNS alternating runs, so load from neighbours hits both alike."""
    first(), second()  # warm: fonts registered, templates parsed, pages cached
    pairs = [(_timed(first), _timed(second)) for _ in range(RUNS)]
    return median([a for a, _ in pairs]), median([b for _, b in pairs])


def app_exporter() -> Callable[..., Any] | str:
    """The application's minutes export (store, meeting id, target, format), or why none."""
    if importlib.util.find_spec("lscp_desktop.exports") is None:
        return "lscp_desktop/exports is not in this checkout yet"
    try:
        files = importlib.import_module("lscp_desktop.exports.files")
    except ImportError as error:
        return f"lscp_desktop.exports.files cannot be imported: {error}"
    return getattr(files, "export_minutes", "lscp_desktop.exports.files has no export_minutes")


def measure(db: Path) -> list[Figure]:
    minutes = read_minutes(db)
    floors: dict[str, Callable[[Path], Any]] = {"docx": floor_docx, "pdf": floor_pdf}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        pages = floor_pdf(minutes, out / "floor.pdf")
        size = f"{minutes.characters:,} chars, {pages} A4 pages in the floor PDF"
        export = app_exporter()
        if isinstance(export, str):
            return [
                Figure(f"export.minutes_{kind}", None, _interleaved(
                    lambda w=write, k=kind: w(minutes, out / f"floor.{k}"), lambda: None)[0],
                    "ms", 1.5, note=size, skipped=export)
                for kind, write in floors.items()
            ]  # fmt: skip
        from lscp_desktop.models.database import open_store

        store = open_store(db, PASSPHRASE, create=False)  # opened once, outside the timing
        figures = []
        try:
            for kind, write in floors.items():
                # The whole real path: name check, reading the record, rendering, atomic write.
                value, floor = _interleaved(
                    lambda k=kind: export(store, LONG_MEETING_ID, out / f"app.{k}", k),
                    lambda w=write, k=kind: w(minutes, out / f"floor.{k}"),
                )
                note = f"median of {RUNS} interleaved; {size}; export_minutes incl. name check"
                figures.append(Figure(f"export.minutes_{kind}", value, floor, "ms", 1.5, note=note))
        finally:
            store.close()
        return figures
