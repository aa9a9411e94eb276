"""Every PDF the app writes wears the minutes' page furniture (exports/pdf_page.py)."""

from __future__ import annotations

from pathlib import Path

from lscp_desktop.documents.annual_pdf import write_annual_pdf
from lscp_desktop.review.annual_report import annual_figures
from lscp_desktop.store.database import Store
from tests.documents.reading import pdf_pages
from tests.review.seed_period import PERIOD_END, PERIOD_START, load_seed_period


def test_a_report_carries_the_minutes_page_furniture(store: Store, tmp_path: Path) -> None:
    """One page furniture for every PDF: marking at head and foot, title, "Page X of Y"."""
    with store.session() as session:
        load_seed_period(session)
        figures = annual_figures(session, PERIOD_START, PERIOD_END)
    pdf = tmp_path / "figures.pdf"
    write_annual_pdf(pdf, figures)
    pages = pdf_pages(pdf)
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2
        assert f"Page {number} of {len(pages)}" in page
