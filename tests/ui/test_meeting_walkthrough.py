"""A whole Extra-Ordinary RAG, the way a chair and minute-taker run it, through the widgets only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lscp_desktop.models import Case, Meeting
from lscp_desktop.models.enums import (
    AttendanceStatus,
    DecisionOutcome,
    MeetingStatus,
    Opinion,
)
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.meeting.setup_dialog import MeetingSetupDialog
from tests.meeting_data import build_case


def named(parent: QWidget, kind: type[Any], name: str) -> Any:
    """The one widget of `kind` whose accessible name is `name` (as a screen reader finds it)."""
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, f"expected one {kind.__name__} named {name!r}, found {len(found)}"
    return found[0]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def next_step(qtbot: QtBot, view: MeetingView) -> None:
    qtbot.keyClick(view.minutes.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} is not offered in {combo.accessibleName()}"
    combo.setCurrentIndex(index)


def partner_speaks(
    qtbot: QtBot, view: MeetingView, agency: str, opinion: str, reasons: str
) -> None:
    assert view.step_title.text() == f"{agency} (safeguarding partner)"
    type_into(
        qtbot,
        named(view, QPlainTextEdit, f"Information shared by {agency}"),
        "Known to us since 2025.",
    )
    named(view, QRadioButton, f"Opinion of {agency}: {opinion}").click()
    next_step(qtbot, view)
    assert view.step_title.text() == f"{agency} (safeguarding partner)", "moved on without reasons"
    assert "Record the reasons" in view.blockers.text()
    type_into(qtbot, named(view, QPlainTextEdit, f"Reasons for the opinion of {agency}"), reasons)
    type_into(qtbot, view.minutes.editor, f"{agency} shared its chronology.")
    next_step(qtbot, view)


@pytest.mark.slow
def test_chair_runs_a_meeting_records_dissent_and_approves_the_minutes(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = build_case(store)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    # Set-up: the Business Unit invites the partners and the hospital's named nurse.
    dialog = MeetingSetupDialog(store, demo.case_id)
    qtbot.addWidget(dialog)
    assert dialog.chair.currentText() == "Morgan Ellis"
    assert dialog.minute_taker.currentText() == "Sam Okafor"
    type_into(qtbot, dialog.location, "Microsoft Teams")
    for row in range(dialog.invitees.count()):
        item = dialog.invitees.item(row)
        if item is not None and item.text().startswith("Alex Carter"):
            item.setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert dialog.meeting_id is not None and len(dialog.meeting_id) == 32

    view = MeetingView(store, dialog.meeting_id)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):  # keyboard shortcuts go to the active window
        view.activateWindow()
    named(view, QPushButton, "Start the meeting").click()  # opening it does not start it

    # Attendance: the doctor sends apologies, so the meeting is not quorate until a deputy joins.
    assert view.step_title.text() == "Welcome and attendance"
    choose(named(view, QComboBox, "Attendance of Priya Shah"), "Present")
    choose(named(view, QComboBox, "Attendance of Tom Hughes"), "Present")
    choose(named(view, QComboBox, "Attendance of Alex Carter"), "Present")
    choose(named(view, QComboBox, "Attendance of Dr Ruth Adeyemi"), "Apologies")
    assert view.quorum_banner.isVisible()
    assert "Health (ICB)" in view.quorum_banner.text()
    type_into(qtbot, named(view, QLineEdit, "Name of the person joining"), "Jo Patel")
    choose(named(view, QComboBox, "Agency of the person joining"), "Health (ICB)")
    named(view, QPushButton, "Add to attendance").click()
    type_into(qtbot, named(view, QLineEdit, "Jo Patel is deputising for"), "Dr Ruth Adeyemi")
    assert not view.quorum_banner.isVisible()
    type_into(qtbot, view.minutes.editor, "Introductions. Apologies from Dr Adeyemi.")

    next_step(qtbot, view)
    assert view.step_title.text() == "Confidentiality and declarations of interest"
    type_into(qtbot, view.minutes.editor, "None declared.")
    next_step(qtbot, view)
    next_step(qtbot, view)
    assert view.step_title.text() == "Referral summary"
    assert "Child A" in named(view, QLabel, "Child").text()
    next_step(qtbot, view)

    partner_speaks(qtbot, view, "CSWS", "Notify", "Unexplained head injury; known to Early Help.")
    partner_speaks(qtbot, view, "Police", "Notify", "The account does not match the injury.")
    assert view.matrix.opinion_text(demo.agencies["Police"]) == "Notify"
    partner_speaks(qtbot, view, "Health (ICB)", "Do not notify", "An accidental fall is possible.")
    assert view.matrix.opinion_text(demo.agencies["Health (ICB)"]) == "Do not notify"
    assert view.step_title.text() == "LTHT (invited professional)"
    next_step(qtbot, view)  # the named nurse had nothing to add

    assert view.step_title.text() == "Multi-agency discussion"
    type_into(qtbot, view.minutes.editor, "Health's view was explored at length.")
    next_step(qtbot, view)

    assert view.step_title.text() == "Criteria assessed"
    choose(named(view, QComboBox, "Limb 1: abuse or neglect"), "Suspected")
    type_into(
        qtbot,
        named(view, QPlainTextEdit, "Evidence for limb 1, abuse or neglect"),
        "Injury inconsistent with the account.",
    )
    choose(named(view, QComboBox, "Limb 2: death or serious harm"), "Seriously harmed")
    assert "Both limbs are met" in view.findChild(QLabel, "criteriaVerdict").text()  # type: ignore[union-attr]
    next_step(qtbot, view)

    # The Local Authority decides to notify; Health's differing view is listed automatically.
    assert view.step_title.text() == "Local Authority decision"
    named(view, QRadioButton, "Decision: Notify the Panel").click()
    assert named(view, QComboBox, "Decision-maker (Local Authority)").currentText() == (
        "Priya Shah (CSWS)"
    )
    type_into(
        qtbot,
        named(view, QPlainTextEdit, "Rationale for the decision"),
        "Both limbs met: abuse suspected, serious harm.",
    )
    dissent = named(view, QLabel, "Partners whose opinion differs from the decision")
    assert "Health (ICB) advised 'do not notify'" in dissent.text()
    next_step(qtbot, view)
    assert "differing view of Health (ICB)" in view.blockers.text()
    type_into(
        qtbot,
        named(view, QPlainTextEdit, "How the differing views were considered"),
        "Suspicion, not proof, is the test.",
    )
    next_step(qtbot, view)

    assert view.step_title.text() == "Immediate safeguarding and other actions"
    type_into(qtbot, named(view, QLineEdit, "Action description"), "Safety plan for the sibling")
    choose(named(view, QComboBox, "Action owner"), "Priya Shah")
    named(view, QDateEdit, "Action due date").setDate(QDate.currentDate().addDays(7))
    named(view, QCheckBox, "Immediate safeguarding action").setChecked(True)
    qtbot.keyClick(named(view, QLineEdit, "Action description"), Qt.Key.Key_Return)
    assert "Safety plan for the sibling" in " ".join(
        label.text() for label in view.findChildren(QLabel)
    )
    next_step(qtbot, view)
    assert view.step_title.text() == "Next steps and deadlines"
    next_step(qtbot, view)

    assert view.step_title.text() == "Close"
    named(view, QPushButton, "Conclude the meeting").click()
    approve = named(view, QPushButton, "Approve the minutes")
    assert approve.hasFocus()  # the next thing to do, not a stray button
    approve.click()
    assert view.minutes.editor.isReadOnly()

    with store.session() as session:
        meeting = session.get_one(Meeting, dialog.meeting_id)
        assert meeting.status is MeetingStatus.APPROVED
        assert meeting.approved_by == "Morgan Ellis"
        assert meeting.location == "Microsoft Teams"
        attendance = {a.person.name: a for a in meeting.attendees}
        assert attendance["Dr Ruth Adeyemi"].status is AttendanceStatus.APOLOGIES
        assert attendance["Jo Patel"].status is AttendanceStatus.PRESENT
        assert attendance["Jo Patel"].deputy_for == "Dr Ruth Adeyemi"
        opinions = {c.agency.label: (c.opinion, c.reasons) for c in meeting.contributions}
        assert opinions["Health (ICB)"] == (
            Opinion.DO_NOT_NOTIFY,
            "An accidental fall is possible.",
        )
        assert opinions["CSWS"][0] is Opinion.NOTIFY
        assert opinions["Police"][0] is Opinion.NOTIFY
        decision = meeting.decision
        assert decision is not None
        assert decision.outcome is DecisionOutcome.NOTIFY
        assert decision.decided_by is not None and decision.decided_by.name == "Priya Shah"
        assert decision.dissent.startswith("Health (ICB) advised 'do not notify'")
        assert decision.dissent_considered == "Suspicion, not proof, is the test."
        minutes = {m.item: m.text for m in meeting.minutes}
        assert minutes["Welcome and attendance"] == "Introductions. Apologies from Dr Adeyemi."
        assert minutes["Police (safeguarding partner)"] == "Police shared its chronology."
        assert meeting.actions[0].immediate
        assert meeting.actions[0].owner is not None
        assert meeting.case.abuse_or_neglect_evidence == "Injury inconsistent with the account."
        assert {t.step for t in meeting.step_times} >= {"Welcome and attendance", "Close"}


def test_every_input_of_every_step_has_an_accessible_name(qtbot: QtBot, store: Store) -> None:
    demo = build_case(store)
    dialog = MeetingSetupDialog(store, demo.case_id)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.meeting_id is not None
    view = MeetingView(store, dialog.meeting_id)
    qtbot.addWidget(view)
    inputs = (QPlainTextEdit, QLineEdit, QComboBox, QAbstractButton)
    for index in range(len(view.steps)):
        view.go_to(index)
        assert view.index == index
        unnamed = [
            f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for kind in inputs
            for w in view.findChildren(kind)
            if not w.accessibleName()
            and w.isVisibleTo(view)
            and w.parent() is not None
            # the line edit inside a combo or date box is named through its owner
            and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
        ]
        assert unnamed == [], f"step {view.step.title}: {unnamed}"


def test_return_in_a_set_up_field_does_not_set_the_meeting_up(qtbot: QtBot, store: Store) -> None:
    demo = build_case(store)
    dialog = MeetingSetupDialog(store, demo.case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line_edit = dialog.chair.lineEdit()
    target = line_edit if line_edit is not None else dialog.chair
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)  # finishing the chair's name
    type_into(qtbot, dialog.location, "Civic Hall")
    qtbot.keyClick(dialog.location, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.meeting_id is None
    with store.session() as session:
        assert session.get_one(Case, demo.case_id).meetings == []
