"""Open the meeting window on a demo meeting at a given step, for screenshots and a look.

    python -m tests.show_meeting DB [STEP_KEY] [--filled] [--concluded] [--projector]
                                    [--rapid-review]

Creates the demo case and meeting in DB (a new file) through the domain code; with --filled,
three partners have spoken (one dissenting) and the decision is recorded. With --rapid-review
the case is notified at an approved decision meeting and its Rapid Review is opened instead
(--filled: summaries, minutes and two CSPR criteria with evidence are recorded).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from lscp_desktop.meeting import actions as meeting_actions
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Attendance, Meeting
from lscp_desktop.models.enums import AttendanceStatus, DecisionOutcome, MeetingKind, Opinion
from lscp_desktop.store.database import open_store
from tests.conftest import PASSPHRASE
from tests.meeting_data import Demo, build_case, build_meeting


def fill(store_path: Path, meeting_id: str, demo: Demo) -> None:
    store = open_store(store_path, PASSPHRASE)
    with store.session() as session:
        meeting_record.start(
            session, meeting_id, dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=34)
        )
        for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)):
            row.status = AttendanceStatus.PRESENT
        views = [
            (
                "CSWS",
                Opinion.NOTIFY,
                "The injury is unexplained and the family were known to "
                "Early Help; we suspect abuse and the harm is serious.",
            ),
            (
                "Police",
                Opinion.NOTIFY,
                "A criminal investigation is open; the account given does not match the injury.",
            ),
            (
                "Health (ICB)",
                Opinion.DO_NOT_NOTIFY,
                "The paediatric opinion is that an "
                "accidental fall cannot be ruled out; we would wait for the skeletal survey.",
            ),
        ]
        for agency, opinion, reasons in views:
            meeting_contributions.set_contribution(
                session,
                meeting_id,
                demo.agencies[agency],
                information="Known since 2025: two contacts, no open plan.",
                opinion=opinion,
                reasons=reasons,
                representative_id=None,
            )
        meeting_record.set_minutes(
            session,
            meeting_id,
            "Police (safeguarding partner)",
            "DI Hughes summarised the investigation so far. Mother's partner interviewed "
            "under caution on 3 March; account inconsistent with the CT findings.",
        )
        meeting_decision.set_decision(
            session,
            meeting_id,
            outcome=DecisionOutcome.NOTIFY,
            decided_by_id=demo.people["Priya Shah"],
            rationale="Abuse is suspected and the child was seriously harmed: both limbs are "
            "met. The Local Authority will notify the Panel today.",
            dissent_considered="Health's caution was weighed: the criteria need abuse to be "
            "suspected, not proven, so waiting for the survey would not change the duty.",
        )
        meeting_actions.add_action(
            session,
            meeting_id,
            "Notify the Panel",
            owner_id=demo.people["Priya Shah"],
            agency_id=demo.agencies["CSWS"],
            due=dt.date(2026, 3, 4),
            immediate=True,
        )
        meeting_record.set_current_step(session, meeting_id, "")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("step", nargs="?", default="")
    parser.add_argument("--filled", action="store_true")
    parser.add_argument("--projector", action="store_true")
    parser.add_argument("--concluded", action="store_true")
    parser.add_argument("--rapid-review", action="store_true")
    args = parser.parse_args()
    store = open_store(args.db, PASSPHRASE)
    kind = MeetingKind.RAPID_REVIEW if args.rapid_review else MeetingKind.EXTRAORDINARY_RAG
    with store.session() as session:
        existing = session.scalars(select(Meeting.id).where(Meeting.kind == kind)).first()
    if existing is None and args.rapid_review:
        from tests.review_data import build_notified_case, build_rapid_review, fill_rapid_review

        demo = build_notified_case(store)
        meeting_id = build_rapid_review(store, demo)
        if args.filled:
            started = dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=52)
            fill_rapid_review(store, meeting_id, demo, started)
    elif existing is None:
        demo = build_case(store)
        meeting_id = build_meeting(store, demo)
        if args.filled:
            store.close()
            fill(args.db, meeting_id, demo)
            store = open_store(args.db, PASSPHRASE)
    else:
        meeting_id = existing
    if args.concluded:
        with store.session() as session:
            meeting_record.conclude(session, meeting_id)
    if args.step:
        with store.session() as session:
            meeting_record.set_current_step(session, meeting_id, args.step)
    app = QApplication(sys.argv)
    from lscp_desktop.ui.meeting.meeting_view import MeetingView

    view = MeetingView(store, meeting_id)
    view.setGeometry(0, 0, 1366, 768)
    view.show()
    if args.projector:
        view.toggle_projector()
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
