"""The minutes follow the case's kind: a looked-after child's death is minuted as a death to
notify whatever the criteria, with no Rapid Review due; an SCSI keeps its Rapid Review."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from lscp_desktop.documents.decision_record import render_decision_record
from lscp_desktop.documents.meeting_record import MeetingRecord, load_meeting_record
from lscp_desktop.documents.minutes_content import build_minutes
from lscp_desktop.models import Case, Decision, Meeting
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    CaseKind,
    CsprCriterion,
    DecisionOutcome,
    Harm,
)
from lscp_desktop.store.database import Store
from lscp_desktop.vocabulary import CSPR_CRITERIA
from tests.meeting_data import build_case, build_meeting

AT = dt.datetime(2026, 3, 5, 9, 0)


def record_of(store: Store, kind: CaseKind) -> MeetingRecord:
    demo = build_case(store)
    with store.session() as session:
        case = session.get(Case, demo.case_id)
        assert case is not None
        case.kind = kind
        case.abuse_or_neglect = AbuseOrNeglect.NOT_SUSPECTED
        case.harm = Harm.DIED
    meeting_id = build_meeting(store, demo)
    with store.session() as session:
        session.add(
            Decision(
                meeting_id=meeting_id,
                outcome=DecisionOutcome.NOTIFY,
                decided_on=dt.date(2026, 3, 4),
            )
        )
        session.get_one(Meeting, meeting_id).case.notified_on = dt.date(2026, 3, 4)
    with store.session() as session:
        return load_meeting_record(session, meeting_id)


def minutes_text(store: Store, kind: CaseKind) -> str:
    """Every section's words, in order."""
    return repr(build_minutes(record_of(store, kind), generated_at=AT))


def decision_record_text(store: Store, kind: CaseKind) -> str:
    pdf = render_decision_record(record_of(store, kind), generated_at=AT)
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_a_looked_after_childs_death_is_notified_whatever_the_criteria_and_has_no_rapid_review(
    store: Store,
) -> None:
    text = minutes_text(store, CaseKind.LOOKED_AFTER_DEATH)
    assert "To minute the notification of the death of a looked-after child" in text
    assert "notified whether or not the criteria are met" in text
    assert "Not applicable: no Rapid Review follows a looked-after child's death" in text
    assert "Safeguarding partners told (5 working days from day 0)" in text
    assert "25 Mar 2026" not in text  # the 15 working days an SCSI would have
    assert "Notify the death of a looked-after child (the Panel, the Department" in text


def test_the_decision_record_of_a_death_says_which_notification_it_records(
    store: Store,
) -> None:
    text = decision_record_text(store, CaseKind.LOOKED_AFTER_DEATH)
    assert "notification of the death of a looked-after child" in text
    assert "serious child safeguarding incident" not in text.split("Criteria")[0]
    assert "The death is notified whether or not the criteria are met." in text
    assert "Notify the death of a looked-after child" in text


def test_a_care_leavers_death_has_no_rapid_review(store: Store) -> None:
    text = minutes_text(store, CaseKind.CARE_LEAVER_DEATH)
    assert "death of a care leaver (up to and including age 24)" in text
    assert "Not applicable: no Rapid Review follows a care leaver's death" in text
    assert "Notify the death of a care leaver (the Secretary of State and Ofsted)" in text


def test_an_scsi_keeps_its_rapid_review_date(store: Store) -> None:
    text = minutes_text(store, CaseKind.SCSI)
    assert "25 Mar 2026" in text  # 15 working days from Wed 4 Mar 2026
    assert "Not applicable" not in text
    assert "Notify the Panel" in text


def test_regulation_11d_is_in_the_regulations_words() -> None:
    assert CSPR_CRITERIA[CsprCriterion.PANEL_CONCLUDED_LOCAL_REVIEW] == (
        "(d) the Child Safeguarding Practice Review Panel has considered and concluded a local "
        "review may be more appropriate"
    )
