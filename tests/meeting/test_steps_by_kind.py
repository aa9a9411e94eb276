"""The meetings offered follow the case's kind: no Rapid Review for the two death kinds."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Case
from lscp_desktop.models.enums import CaseKind, MeetingKind
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.setup_dialog import MeetingSetupDialog
from tests.meeting_data import Demo, build_case

AT = dt.datetime(2026, 3, 5, 10, 0)


def case_of_kind(store: Store, kind: CaseKind) -> Demo:
    demo = build_case(store)
    with store.session() as session:
        case = session.get(Case, demo.case_id)
        assert case is not None
        case.kind = kind
    return demo


@pytest.mark.parametrize("kind", [CaseKind.LOOKED_AFTER_DEATH, CaseKind.CARE_LEAVER_DEATH])
def test_a_death_of_the_other_kinds_cannot_have_a_rapid_review(
    store: Store, kind: CaseKind
) -> None:
    demo = case_of_kind(store, kind)
    with store.session() as session, pytest.raises(MeetingRuleError, match="no Rapid Review"):
        meeting_record.create_meeting(session, demo.case_id, AT, kind=MeetingKind.RAPID_REVIEW)
    with store.session() as session:  # an Extra-Ordinary RAG may still be held on it
        meeting_record.create_meeting(session, demo.case_id, AT)


def test_the_setup_dialog_offers_only_the_meetings_of_the_kind(qtbot: QtBot, store: Store) -> None:
    demo = case_of_kind(store, CaseKind.LOOKED_AFTER_DEATH)
    dialog = MeetingSetupDialog(store, demo.case_id)
    qtbot.addWidget(dialog)
    offered = [dialog.kind.itemData(index) for index in range(dialog.kind.count())]
    assert offered == [MeetingKind.EXTRAORDINARY_RAG]
    with store.session() as session:
        case = session.get(Case, demo.case_id)
        assert case is not None
        case.kind = CaseKind.SCSI
    scsi = MeetingSetupDialog(store, demo.case_id)
    qtbot.addWidget(scsi)
    assert MeetingKind.RAPID_REVIEW in [scsi.kind.itemData(i) for i in range(scsi.kind.count())]
