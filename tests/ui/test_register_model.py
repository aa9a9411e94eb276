"""The register's table model obeys Qt's model contract (QAbstractItemModelTester), through
paging, filtering, sorting and a reload, as the view drives it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from lscp_desktop.cases import editing as cases
from lscp_desktop.models import Case
from lscp_desktop.models.enums import CaseStatus
from lscp_desktop.store.database import Store
from lscp_desktop.ui.register.register_model import PAGE, Column
from lscp_desktop.ui.register.register_page import RegisterPage

CASES = PAGE * 2 + 50  # more than two pages, so fetching more is exercised


def add_cases(store: Store) -> None:
    with store.session() as session:
        agency = cases.agency_choices(session)[0].id
        session.execute(
            insert(Case),
            [
                {
                    "reference": f"LSCP-{n:04}",
                    "child_pseudonym": f"Child {n}",
                    "referring_agency_id": agency,
                    "referral_received": dt.date(2026, 1, 5) + dt.timedelta(days=n % 300),
                    "la_aware": dt.date(2026, 1, 5) + dt.timedelta(days=n % 300),
                    "status": CaseStatus.REFERRED if n % 3 else CaseStatus.CLOSED,
                }
                for n in range(CASES)
            ],
        )


def test_register_model_keeps_qts_model_contract_through_paging_filtering_and_sorting(
    qtbot: QtBot, qtmodeltester: ModelTester, store: Store
) -> None:
    add_cases(store)
    page = RegisterPage(store)
    qtbot.addWidget(page)
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    model = page.model
    assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
    # The tester fetches every page as it walks the model, and stays attached: every change
    # below is checked as it happens.
    qtmodeltester.check(model)
    assert model.rowCount() == CASES and not model.canFetchMore(QModelIndex())

    page.table.selectRow(5)
    selected = model.index(5, Column.REFERENCE).data()
    page.table.sortByColumn(Column.DEADLINE, Qt.SortOrder.DescendingOrder)
    page.table.sortByColumn(Column.REFERENCE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, Column.REFERENCE).data() == f"LSCP-{CASES - 1:04}"
    chosen = page.table.selectionModel().selectedRows()
    assert [index.data() for index in chosen] == [selected]  # the selection followed its case

    # Resets are checked into one page: after a reset that leaves pages to fetch, Qt's tester
    # fetches from inside the reset signal and trips on its own insertion (a limitation of the
    # tester, QAbstractItemModelTester's and pytest-qt's alike, with any incremental model).
    page.search.setText("LSCP-01")
    assert model.rowCount() == 100 and not model.canFetchMore(QModelIndex())
    page.refresh()
    assert model.total == CASES and model.total_matching == 100
    assert model.index(0, Column.REFERENCE).data() == "LSCP-0199"  # still sorted descending
