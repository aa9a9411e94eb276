"""The end of the meeting: next steps and deadlines, then conclude, approve and addenda."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QWidget,
)
from sqlalchemy.orm import Session

from lscp_desktop.date_text import weekday_date
from lscp_desktop.deadlines import statutory as deadlines
from lscp_desktop.meeting import decision as meeting_decision
from lscp_desktop.meeting import partner_voices
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.meeting.autosave import CommitReport
from lscp_desktop.meeting.lock import MeetingRuleError
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import (
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    RapidReviewDayZero,
)
from lscp_desktop.names.check import find_names
from lscp_desktop.settings import stored as settings
from lscp_desktop.ui.documents.name_check_dialog import NameCheckDialog, NameChoice
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.draft_minutes import draft_minutes_html
from lscp_desktop.ui.meeting.fields import (
    bind_text,
    date_edit,
    date_value,
    heading,
    note,
    text_box,
)
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.vocabulary import NO_RAPID_REVIEW


def _follow_up(meeting_id: str, field: str) -> Callable[[Session, Any], None]:
    def apply(session: Session, value: Any) -> None:
        meeting_decision.set_follow_up(session, meeting_id, **{field: value})

    return apply


@register_form("next_steps")
class NextStepsForm(StepForm):
    """Follow-up dates stay editable after approval: they are not what was minuted."""

    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        meeting_id = ctx.meeting_id
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, meeting_id)
            rules = settings.deadline_rules(session)
            case = meeting.case
            notify_due = deadlines.notification_due(case.la_aware, rules)
            review_due = deadlines.rapid_review_due(case, rules)
            case_kind = case.kind
            decision = meeting.decision
            outcome = decision.outcome if decision else None
            notified_on = case.notified_on  # the case's: it may have been sent before the meeting
            shared_on = decision.rationale_shared_on if decision else None
            reference = case.panel_reference
        form = QFormLayout()
        form.addRow(
            "Notification due (5 working days from day 0):", QLabel(weekday_date(notify_due))
        )
        if not deadlines.has_rapid_review(case_kind):
            review_text = NO_RAPID_REVIEW[case_kind]
        elif review_due is not None:
            review_text = weekday_date(review_due)
        elif rules.rapid_review_day_zero is RapidReviewDayZero.AWARENESS:
            review_text = "15 working days from day 0, once notified"
        else:
            review_text = "15 working days from the date the notification is sent"
        self.review_due = QLabel(review_text)
        self.review_due.setObjectName("rapidReviewDue")
        self.review_due.setWordWrap(True)  # the "not applicable" sentence wraps in its pane
        form.addRow("Rapid Review due:", self.review_due)
        self.layout_.addWidget(heading("Deadlines", 1.05))
        self.layout_.addLayout(form)
        self.layout_.addWidget(heading("Follow-up", 1.05))
        follow = QFormLayout()
        self.notified_on = date_edit("Date the notification was sent", notified_on)
        self.shared_on = date_edit("Date the rationale was shared with partners", shared_on)
        self.reference = QLineEdit(reference)
        self.reference.setAccessibleName("Panel reference")
        if decision is None:
            self.layout_.addWidget(note("Record the decision first; its follow-up goes here."))
            for widget in (self.notified_on, self.shared_on, self.reference):
                widget.setEnabled(False)
        else:
            notify = outcome is DecisionOutcome.NOTIFY
            self.notified_on.setEnabled(notify)
            self.reference.setEnabled(notify)
            self.notified_on.dateChanged.connect(
                lambda _d: ctx.now(
                    ("follow_up", "notified_on"),
                    date_value(self.notified_on),
                    _follow_up(meeting_id, "notified_on"),
                )
            )
            self.shared_on.dateChanged.connect(
                lambda _d: ctx.save(
                    ("follow_up", "shared_on"),
                    date_value(self.shared_on),
                    _follow_up(meeting_id, "rationale_shared_on"),
                )
            )
            self.reference.textChanged.connect(
                lambda text: ctx.save(
                    ("follow_up", "reference"), text, _follow_up(meeting_id, "panel_reference")
                )
            )
        follow.addRow("Notification sent on:", self.notified_on)
        follow.addRow("Panel reference:", self.reference)
        follow.addRow("Rationale shared with partners on:", self.shared_on)
        self.layout_.addLayout(follow)
        self.layout_.addWidget(
            note(
                "Agree in the minutes who sends the notification and who "
                "shares the rationale, and when."
            )
        )
        self.layout_.addStretch(1)

    def first_input(self) -> QWidget | None:
        return self.notified_on if self.notified_on.isEnabled() else self.shared_on

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            due = deadlines.rapid_review_due(meeting.case, settings.deadline_rules(session))
        if due is not None:
            self.review_due.setText(weekday_date(due))


QUORUM_REASON = ("meeting", "quorum_reason")


def _quorum_reason(meeting_id: str) -> Callable[[Session, Any], None]:
    def apply(session: Session, value: Any) -> None:
        partner_voices.set_quorum_reason(session, meeting_id, value)

    return apply


@register_form("close")
class CloseForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        self.status = QLabel()
        self.status.setObjectName("meetingStatus")
        self.status.setWordWrap(True)
        self.layout_.addWidget(self.status)
        self.problems = QLabel()
        self.problems.setObjectName("conclusionProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#a4262c;")
        self.layout_.addWidget(self.problems)
        # A safeguarding partner not represented or without an opinion: the chair says why,
        # and the minutes print it. Asked here, before the meeting can be concluded.
        self.unheard = QLabel()
        self.unheard.setObjectName("unheardPartners")
        self.unheard.setWordWrap(True)
        self.layout_.addWidget(self.unheard)
        with ctx.store.session() as session:
            reason = session.get_one(Meeting, ctx.meeting_id).quorum_reason
        self.quorum_reason = text_box(
            "Why the meeting went ahead without every partner's view",
            reason,
            lines=2,
            placeholder='e.g. "Health sent a written view, read into the minutes."',
        )
        bind_text(ctx, self.quorum_reason, QUORUM_REASON, _quorum_reason(ctx.meeting_id))
        self.layout_.addWidget(self.quorum_reason)
        ctx.autosave.committed.connect(self._committed)
        buttons = QHBoxLayout()
        self.conclude_button = QPushButton("C&onclude the meeting…")
        self.conclude_button.setAccessibleName("Conclude the meeting")
        self.conclude_button.clicked.connect(self._conclude)
        self.approve_button = QPushButton("&Approve the minutes…")
        self.approve_button.setAccessibleName("Approve the minutes")
        self.approve_button.clicked.connect(self._approve)
        buttons.addWidget(self.conclude_button)
        buttons.addWidget(self.approve_button)
        if ctx.export is not None:
            self.export_button = QPushButton("Export the &minutes…")
            self.export_button.setAccessibleName("Export the minutes")
            self.export_button.clicked.connect(ctx.export)
            buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.addendum_heading = heading("Add a correction (addendum)", 1.05)
        self.layout_.addWidget(self.addendum_heading)
        self.addendum = text_box(
            "Addendum text", lines=3, placeholder="The correction, signed with your name and dated."
        )
        self.layout_.addWidget(self.addendum)
        self.addendum_button = QPushButton("Add &addendum")
        self.addendum_button.setAccessibleName("Add addendum")
        self.addendum_button.clicked.connect(self._add_addendum)
        self.layout_.addWidget(self.addendum_button)
        self.addenda = note("")
        self.layout_.addWidget(self.addenda)
        self.draft_heading = heading("Draft minutes — read them through", 1.05)
        self.layout_.addWidget(self.draft_heading)
        self.draft = QTextBrowser()
        self.draft.setObjectName("draftMinutes")
        self.draft.setAccessibleName("Draft minutes")
        self.layout_.addWidget(self.draft, 1)
        self.layout_.addStretch(0)  # takes the room while there is no draft to show
        self.refresh()

    def _committed(self, report: CommitReport) -> None:
        if QUORUM_REASON in report.values:  # the reason may be what held the meeting up
            self.refresh()

    def first_input(self) -> QWidget | None:
        if self.quorum_reason.isVisible() and not self.quorum_reason.toPlainText().strip():
            return self.quorum_reason
        for button in (self.conclude_button, self.approve_button):
            if button.isEnabled():
                return button
        return self.addendum if self.addendum.isVisible() else None

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            status = meeting.status
            problems = (
                meeting_record.conclusion_blockers(session, meeting)
                if status in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)
                else []
            )
            approved = (
                f"Approved by {meeting.approved_by} on {weekday_date(meeting.approved_at.date())}."
                if meeting.approved_at
                else ""
            )
            unheard = (
                partner_voices.unheard_partners(session, meeting)
                if meeting.kind is MeetingKind.EXTRAORDINARY_RAG
                else []
            )
            has_reason = bool(meeting.quorum_reason.strip())
            draft = draft_minutes_html(session, meeting)
            addenda = [
                f"{weekday_date(a.added_at.date())}, {a.author}: {a.text}" for a in meeting.addenda
            ]
        words = {
            MeetingStatus.PLANNED: "The meeting has not started.",
            MeetingStatus.IN_PROGRESS: "The meeting is in progress. Conclude it when the "
            "business is done: the minutes become a draft to read through and correct.",
            MeetingStatus.CONCLUDED: "Concluded: the minutes are a draft. Read them through, "
            "correct them, then approve them. Approval locks them.",
            MeetingStatus.APPROVED: approved + " The minutes are locked; corrections are "
            "added as addenda.",
        }
        self.status.setText(words[status])
        self.unheard.setText(
            "Not every safeguarding partner was heard: " + "; ".join(unheard) + ". Record why the "
            "meeting went ahead; the minutes print it."
            if unheard
            else "Why the meeting went ahead without every partner's view (printed in the minutes):"
        )
        asked = bool(unheard) or has_reason
        self.unheard.setVisible(asked)
        self.quorum_reason.setVisible(asked)
        self.quorum_reason.setReadOnly(
            status not in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)
        )
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        self.conclude_button.setEnabled(status is MeetingStatus.IN_PROGRESS and not problems)
        self.approve_button.setEnabled(status is MeetingStatus.CONCLUDED)
        is_approved = status is MeetingStatus.APPROVED
        for widget in (self.addendum_heading, self.addendum, self.addendum_button, self.addenda):
            widget.setVisible(is_approved)
        self.addenda.setText("\n".join(addenda))
        self.draft.setHtml(draft)
        concluded = status in (MeetingStatus.CONCLUDED, MeetingStatus.APPROVED)
        self.draft_heading.setText(
            "The approved minutes, as they are exported"
            if is_approved
            else "Draft minutes — read them through"
        )
        self.draft.setAccessibleName("Approved minutes" if is_approved else "Draft minutes")
        self.draft_heading.setVisible(concluded)
        self.draft.setVisible(concluded)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _run(self, operation: Callable[[Session], object]) -> bool:
        if not self.ctx.autosave.flush():
            QMessageBox.warning(
                self,
                "Not saved",
                "Your last changes are not saved yet; the app keeps trying. Try again in a moment.",
            )
            return False
        try:
            with self.ctx.store.session() as session:
                operation(session)
        except MeetingRuleError as error:
            QMessageBox.warning(self, "Not possible yet", str(error))
            return False
        self.ctx.changed()
        self.ctx.rebuild()
        return True

    def _conclude(self) -> None:
        if self._confirm(
            "Conclude the meeting",
            "Conclude the meeting now? The clock stops and the minutes become a "
            "draft you can still correct.",
        ):
            self._run(lambda s: meeting_record.conclude(s, self.ctx.meeting_id))

    def names_resolved(self) -> bool | None:
        """The name check before the minutes lock: None if cancelled, else whether the user
        confirmed names that remain (False when none remain)."""
        if not self.ctx.autosave.flush():
            return None
        with self.ctx.store.session() as session:
            hits = find_names(session, self.ctx.meeting_id)
            pseudonym = session.get_one(Meeting, self.ctx.meeting_id).case.child_pseudonym
        if not hits:
            return False
        dialog = NameCheckDialog(
            self.ctx.store, self.ctx.meeting_id, hits, pseudonym, self, approving=True
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if dialog.replaced:  # the record changed under the texts shown, even if now cancelled
            self.ctx.reread()  # the minutes pane and this form, the draft preview with it
        if not accepted:
            return None
        self.ctx.changed()
        return dialog.choice is NameChoice.KEEP

    def _approve(self) -> None:
        confirmed = self.names_resolved()
        if confirmed is None:
            return
        with self.ctx.store.session() as session:
            name = settings.get(session, settings.USER_NAME).strip() or "(no name set)"
        if self._confirm(
            "Approve the minutes",
            f"Approve these minutes as {name}? Once approved they cannot be "
            "changed; corrections become dated addenda.",
        ):
            self._run(
                lambda s: meeting_record.approve(s, self.ctx.meeting_id, names_confirmed=confirmed)
            )

    def _add_addendum(self) -> None:
        text = self.addendum.toPlainText()
        if self._run(lambda s: meeting_record.add_addendum(s, self.ctx.meeting_id, text)):
            self.addendum.clear()
