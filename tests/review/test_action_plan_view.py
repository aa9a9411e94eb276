"""The action plan screen, driven through its widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from lscp_desktop.models import Action
from lscp_desktop.models.enums import ActionStatus
from lscp_desktop.store.database import Store
from lscp_desktop.ui.pages.action_plan_model import OVERDUE_BACKGROUND, ActionIdRole, OverdueRole
from lscp_desktop.ui.pages.action_plan_view import ActionPlanView
from tests.review.test_themes_and_actions import TODAY, _actions


def _view(qtbot: QtBot, store: Store) -> ActionPlanView:
    view = ActionPlanView(store, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    return view


def _select(view: ActionPlanView, row: int) -> None:
    view.table.selectionModel().select(
        view.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_overdue_actions_stand_out_and_filters_narrow_the_list(
    qtbot: QtBot, store: Store, qtmodeltester: ModelTester
) -> None:
    _actions(store)
    view = _view(qtbot, store)
    qtmodeltester.check(view.model)
    model = view.model
    assert model.rowCount() == 2  # open actions by default
    first = model.index(0, 0)
    assert model.data(first) == "Strategy discussion"
    assert model.data(first, OverdueRole) is True
    assert model.data(first, Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert model.data(model.index(0, 6)) == "10"
    assert model.data(model.index(0, 5)) == "08/01/2025"
    assert model.data(model.index(1, 0), OverdueRole) is False
    assert "2 open, 1 overdue, 1 done" in view.summary.text()
    view.status_filter.setCurrentIndex(view.status_filter.findData("overdue"))
    assert model.rowCount() == 1
    view.status_filter.setCurrentIndex(view.status_filter.findData(None))
    assert model.rowCount() == 3
    view.agency_filter.setCurrentIndex(view.agency_filter.findText("Health (ICB)"))
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["GP records"]


def test_officer_adds_a_dated_progress_note_and_closes_the_action(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    ids = _actions(store)
    view = _view(qtbot, store)
    assert view.open_note_dialog() is None
    assert "Choose an action" in view.message.text()
    _select(view, 0)
    dialog = view.open_note_dialog()
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # nothing written yet
    assert "Write the progress" in dialog.error_label.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.text_edit, "Strategy meeting held; chronology shared.")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ActionStatus.DONE.value))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with store.session() as session:
        action = session.get(Action, ids["Strategy discussion"])
        assert action is not None and action.status is ActionStatus.DONE
        assert [(n.noted_on, n.text) for n in action.notes] == [
            (TODAY, "Strategy meeting held; chronology shared.")
        ]
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 0), ActionIdRole) == ids["GP records"]
    out = tmp_path / "outstanding.pdf"
    view.export_pdf(out)
    assert out.read_bytes().startswith(b"%PDF") and "Saved" in view.message.text()
