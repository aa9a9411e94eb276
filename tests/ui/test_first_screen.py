"""The first screen at start: the register drawn before SQLAlchemy loads, then the ORM attached."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.store.database import Store
from lscp_desktop.ui.main_window import MainWindow
from lscp_desktop.ui.start import launch
from lscp_desktop.ui.start.first_screen import (
    attach_orm_beside_window,
    main_window_beside,
    open_without_orm,
)
from lscp_desktop.ui.start.start_ahead import StartAhead
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


def add_case(store: Store, reference: str) -> int:
    with store.session() as session:
        agency = cases.agency_choices(session)[0].id
    form = cases.CaseForm(
        reference=reference,
        children=[ChildEntry(pseudonym="Child A")],
        referring_agency_id=agency,
        referral_received=dt.date(2025, 12, 22),
        la_aware=dt.date(2025, 12, 22),
    )
    with store.session() as session:
        return cases.create_case(session, form, today=dt.date(2026, 6, 1))


def run_python(*arguments: str) -> subprocess.CompletedProcess[str]:
    """This checkout's Python in a fresh process, offscreen: nothing already imported."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_main_window_is_drawn_with_its_register_before_sqlalchemy_loads(
    store: Store, db_path: Path
) -> None:
    add_case(store, "LSCP-2025-0001")
    store.close()
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from lscp_desktop.ui.start.start_ahead import StartAhead
        from lscp_desktop.ui.start import first_screen
        from lscp_desktop.ui.main_window import MainWindow

        app = QApplication([])
        path = Path({str(db_path)!r})
        ahead = StartAhead(path, {PASSPHRASE!r})
        store = first_screen.open_without_orm(path, "-", check=False, key=ahead.key())
        window = MainWindow(store, rows=[])
        window.register.show_rows(ahead.rows())
        window.show()
        app.processEvents()
        print("register", window.register.model.rowCount(), window.windowTitle())
        print("sqlalchemy loaded", "sqlalchemy" in sys.modules)
        first_screen.attach_orm_beside_window(store, app.quit, print)
        app.exec()
        with store.session() as session:
            print("orm attached", store.orm_attached, session.connection() is not None)
        window.close()
        store.close()
        """
    )
    result = run_python("-c", script)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("register 1 LSCP Desktop: Leeds Safeguarding")
    assert lines[1:] == ["sqlalchemy loaded False", "orm attached True True"]


def test_a_store_opened_for_the_first_screen_attaches_the_orm_on_first_use(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    add_case(store, "LSCP-2025-0001")
    store.close()
    store = open_without_orm(db_path, PASSPHRASE, check=False)
    assert not store.orm_attached
    window = MainWindow(store, rows=[])
    qtbot.addWidget(window)
    assert window.register.model.rowCount() == 0  # the register is still being read
    window.register.show_rows(StartAhead(db_path, PASSPHRASE).rows())
    assert window.register.current_case_id() is not None  # the most urgent, chosen
    assert [window.register.model.index(0, 0).data()] == ["LSCP-2025-0001"]
    # The chair adds a case before the background load has finished: it attaches there and then.
    add_case(store, "LSCP-2025-0002")
    assert store.orm_attached
    window.register.refresh()
    assert window.register.model.rowCount() == 2
    attached: list[bool] = []
    attach_orm_beside_window(store, lambda: attached.append(store.orm_attached), print)
    qtbot.waitUntil(lambda: attached == [True])
    window.close()
    store.close()


def test_a_wrong_passphrase_behind_the_opening_frame_is_explained_and_nothing_opens(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    before = db_path.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setenv("LSCP_DESKTOP_PASSPHRASE", "not the passphrase")
    assert launch.open_behind_frame(db_path, interactive=True) == launch.EXIT_ERROR
    assert len(shown) == 1 and "the passphrase is wrong" in shown[0]
    assert db_path.read_bytes() == before


def test_a_new_database_behind_the_opening_frame_is_created_with_the_orm_attached(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys_shown: list[str] = []
    monkeypatch.setattr(launch, "show_recovery_key", lambda key, _path: keys_shown.append(key))
    opened = launch.open_behind_frame(db_path, interactive=True)
    assert not isinstance(opened, int)
    store, ahead = opened
    assert store.orm_attached and ahead is None and len(keys_shown) == 1
    store.close()


def test_the_key_and_register_read_ahead_open_the_store_and_a_wrong_passphrase_gives_none(
    store: Store, db_path: Path
) -> None:
    add_case(store, "LSCP-2025-0001")
    store.close()
    ahead = StartAhead(db_path, PASSPHRASE)
    key = ahead.key()
    assert key is not None
    assert [row.reference for row in ahead.rows() or []] == ["LSCP-2025-0001"]
    # The passphrase given with the key is not used again: the key alone opens the store.
    opened = open_without_orm(db_path, "not asked again", check=False, key=key)
    opened.close()
    wrong = StartAhead(db_path, "not the passphrase")
    assert wrong.key() is None and wrong.rows() is None


def test_nothing_is_read_ahead_of_a_migration(store: Store, db_path: Path) -> None:
    """A store whose schema is older is migrated by its opening before anything reads it."""
    add_case(store, "LSCP-2025-0001")
    store.connection.execute("UPDATE alembic_version SET version_num = '0003'")
    store.close()
    ahead = StartAhead(db_path, PASSPHRASE)
    assert ahead.key() is not None and ahead.rows() is None


def test_the_main_window_is_built_while_the_register_is_read_ahead(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    add_case(store, "LSCP-2025-0001")
    add_case(store, "LSCP-2025-0002")
    store.close()
    ahead = StartAhead(db_path, PASSPHRASE)
    opened = open_without_orm(db_path, "-", check=False, key=ahead.key())
    window = main_window_beside(opened, ahead, QSize(760, 560))
    qtbot.addWidget(window)
    assert window.size() == QSize(760, 560)  # the opening frame's size, within the screen
    assert window.register.model.rowCount() == 2
    assert window.register.current_case_id() is not None
    assert not opened.orm_attached
    window.close()
    opened.close()


@pytest.mark.slow
def test_the_smoke_test_on_an_existing_store_takes_the_quick_way_and_exits_0(
    store: Store, db_path: Path
) -> None:
    add_case(store, "LSCP-2025-0001")
    store.close()
    result = run_python("-m", "lscp_desktop", "--smoke-test", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "ready_ms",
        "orm_ready_ms",
    ]


def test_an_orm_that_cannot_attach_is_said_and_leaves_the_store_open_to_try_again(
    qtbot: QtBot, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.store import audit
    from lscp_desktop.store.errors import StoreError

    add_case(store, "LSCP-2025-0001")
    store.close()
    opened = open_without_orm(db_path, PASSPHRASE, check=False)
    real_install = audit.install

    def busy(_store: Store) -> None:
        raise StoreError("The database is busy.")

    monkeypatch.setattr(audit, "install", busy)
    said: list[str] = []
    attach_orm_beside_window(opened, lambda: said.append("attached"), lambda e: said.append(str(e)))
    qtbot.waitUntil(lambda: said == ["The database is busy."])
    assert not opened.orm_attached
    # The connection the window reads through is still open, outside any transaction.
    assert [row.reference for row in StartAhead(db_path, PASSPHRASE).rows() or []] == [
        "LSCP-2025-0001"
    ]
    assert opened.connection.execute("SELECT count(*) FROM cases").fetchone() == (1,)
    assert not opened.connection.in_transaction
    monkeypatch.setattr(audit, "install", real_install)
    add_case(opened, "LSCP-2025-0002")  # the next use attaches
    assert opened.orm_attached
    opened.close()
