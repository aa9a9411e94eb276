"""The referral summary: the facts of the case, by pseudonym, with the statutory clock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from lscp_desktop.cases.children import age_words
from lscp_desktop.cases.register import days_left_words
from lscp_desktop.clock import london_today
from lscp_desktop.date_text import weekday_date
from lscp_desktop.deadlines import statutory as deadlines
from lscp_desktop.deadlines.working_days import working_days_between
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import LegalStatus
from lscp_desktop.settings import stored as settings
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import heading, note
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.vocabulary import LEGAL


def days_left_text(due: dt.date, today: dt.date, extra_holidays: frozenset[dt.date]) -> str:
    """The deadline with what is left of it, in working days as it is counted."""
    return (
        f"{weekday_date(due)} — {days_left_words(working_days_between(today, due, extra_holidays))}"
    )


@register_form("referral")
class ReferralForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, ctx.meeting_id)
            case = meeting.case
            rules = settings.deadline_rules(session)
            due = deadlines.notification_due(case.la_aware, rules)
            day = case.incident_date or case.la_aware
            children = "; ".join(
                ", ".join(
                    part
                    for part in (
                        child.pseudonym,
                        age_words(child, day),
                        LEGAL[child.legal_status].lower()
                        if child.legal_status is not LegalStatus.UNKNOWN
                        else "",
                    )
                    if part
                )
                for child in case.children
            )
            facts = [
                ("Children" if len(case.children) > 1 else "Child", children or "—"),
                ("Case reference", case.reference),
                ("Referred by", case.referring_agency.name),
                ("Referral received", weekday_date(case.referral_received)),
                ("Incident", weekday_date(case.incident_date)),
                ("Local Authority aware (day 0)", weekday_date(case.la_aware)),
                (
                    "Notification due (5 working days)",
                    days_left_text(due, london_today(), rules.extra_holidays),
                ),
                (
                    "Notification sent",
                    weekday_date(case.notified_on) if case.notified_on else "Not yet",
                ),
            ]
            summary = case.summary
            elapsed = working_days_between(
                case.la_aware, meeting.held_at.date(), rules.extra_holidays
            )
        form = QFormLayout()
        for label, value in facts:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setAccessibleName(label)
            form.addRow(f"{label}:", shown)
        self.layout_.addLayout(form)
        self.layout_.addWidget(note(f"The meeting is on working day {elapsed} of 5."))
        self.layout_.addWidget(heading("Summary of the referral", 1.05))
        self.layout_.addWidget(note(summary or "No summary was entered with the referral."))
        self.layout_.addStretch(1)
