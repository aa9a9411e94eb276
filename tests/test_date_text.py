"""One way to write a date: the minutes, the reports and the screens agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.date_text import numeric_date, weekday_date, written_date, written_time
from lscp_desktop.documents.annual_pdf import write_annual_pdf
from lscp_desktop.review.annual_report import annual_figures
from lscp_desktop.store.database import Store
from tests.documents.reading import pdf_pages
from tests.review.seed_period import PERIOD_END, PERIOD_START, load_seed_period


def test_the_three_forms_of_a_date() -> None:
    day = dt.date(2026, 3, 4)
    assert written_date(day) == "4 Mar 2026"
    assert weekday_date(day) == "Wed 4 Mar 2026"
    assert numeric_date(day) == "04/03/2026"
    assert written_time(dt.datetime(2026, 3, 4, 9, 5)) == "4 Mar 2026 at 09:05"
    assert (written_date(None), weekday_date(None), numeric_date(None)) == ("", "—", "")


def test_the_annual_report_writes_its_dates_as_the_minutes_do(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        load_seed_period(session)
        figures = annual_figures(session, PERIOD_START, PERIOD_END)
    pdf = tmp_path / "figures.pdf"
    write_annual_pdf(pdf, figures)
    text = " ".join(pdf_pages(pdf)).replace("\n", " ")
    assert f"{written_date(PERIOD_START)} to {written_date(PERIOD_END)}" in text
    assert "1 Sep 2019 to 31 Mar 2023" in text
