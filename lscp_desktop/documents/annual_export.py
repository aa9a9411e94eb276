"""Writing the annual figures to a file, as PDF or JSON: what the CLI and the dialog share."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.orm import Session

from lscp_desktop.documents.annual_pdf import write_annual_pdf
from lscp_desktop.files.writing import write_via_temporary
from lscp_desktop.review.annual_report import AnnualFigures, annual_figures
from lscp_desktop.settings import stored as settings

FORMATS = ("pdf", "json")


def write_figures(
    path: Path, figures: AnnualFigures, report_format: str, organisation: str = ""
) -> None:
    if report_format == "json":
        text = json.dumps(figures.to_json(), indent=2, ensure_ascii=False) + "\n"

        def write(temp: Path) -> None:
            temp.write_text(text, encoding="utf-8")

        write_via_temporary(path, write)
    elif report_format == "pdf":
        write_annual_pdf(path, figures, organisation)
    else:
        raise ValueError(f"Unknown report format {report_format!r}; choose pdf or json.")


def export_report(
    session: Session, start: dt.date, end: dt.date, report_format: str, path: Path
) -> AnnualFigures:
    """Count the period's figures and write them to `path`; returns the figures written."""
    figures = annual_figures(session, start, end)
    write_figures(path, figures, report_format, settings.get(session, settings.ORGANISATION))
    return figures
