"""The multi-agency discussion, and the criteria assessed limb by limb with their evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget
from sqlalchemy.orm import Session

from lscp_desktop.meeting import notification_criteria
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import AbuseOrNeglect, CaseKind, Harm
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import bind_text, heading, note, text_box
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.vocabulary import ABUSE, HARM_SHORT, opinion_words

# In the order the chair meets them: not yet established first, then the answers.
ABUSE_CHOICES = [
    (value, ABUSE[value])
    for value in (
        AbuseOrNeglect.UNKNOWN,
        AbuseOrNeglect.KNOWN,
        AbuseOrNeglect.SUSPECTED,
        AbuseOrNeglect.NOT_SUSPECTED,
    )
]
HARM_CHOICES = [
    (value, HARM_SHORT[value])
    for value in (Harm.UNKNOWN, Harm.DIED, Harm.SERIOUSLY_HARMED, Harm.NEITHER)
]


@register_form("discussion")
class DiscussionForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        self.layout_.addWidget(heading("Where the partners stand", 1.05))
        self.stances = note("")
        self.stances.setObjectName("stances")
        self.layout_.addWidget(self.stances)
        self.layout_.addWidget(heading("Prompts", 1.05))
        self.layout_.addWidget(
            note(
                "• Where do views differ, and why?\n"
                "• Is anything still unknown that the decision depends on?\n"
                "• Does every partner feel heard?\n"
                "Record the discussion in the minutes."
            )
        )
        self.layout_.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            meeting = session.get_one(Meeting, self.ctx.meeting_id)
            lines = [
                f"{c.agency.label}: {opinion_words(c.opinion, meeting.case.kind).lower()}"
                + (f" — {' '.join(c.reasons.split())}" if c.reasons.strip() else "")
                for c in meeting.contributions
            ]
        self.stances.setText("\n\n".join(lines) or "No partner has given a view yet.")


# What still holds for a death of the other kinds when the SCSI criteria are not met.
NOT_SCSI_DEATH = {
    CaseKind.LOOKED_AFTER_DEATH: "The death of a looked-after child is still notified; no "
    "Rapid Review follows.",
    CaseKind.CARE_LEAVER_DEATH: "The care leaver's death is still notified to the Secretary of "
    "State and Ofsted; no Rapid Review follows.",
}


@register_form("criteria")
class CriteriaForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        meeting_id = ctx.meeting_id
        with ctx.store.session() as session:
            case = session.get_one(Meeting, meeting_id).case
            abuse, abuse_evidence = case.abuse_or_neglect, case.abuse_or_neglect_evidence
            harm, harm_evidence = case.harm, case.harm_evidence
            self.case_kind = case.kind

        def write(field: str) -> Callable[[Session, Any], None]:
            def apply(session: Session, value: Any) -> None:
                notification_criteria.set_criteria(session, meeting_id, **{field: value})

            return apply

        form = QFormLayout()
        # Each question above its answer: the questions are long, the evidence needs width.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.abuse = self._combo("Limb 1: abuse or neglect", ABUSE_CHOICES, abuse)
        self.abuse.currentIndexChanged.connect(
            lambda _i: self._chosen("abuse_or_neglect", self.abuse, write)
        )
        form.addRow("1. Abuse or neglect known or suspected?", self.abuse)
        self.abuse_evidence = text_box(
            "Evidence for limb 1, abuse or neglect", abuse_evidence, lines=4
        )
        bind_text(
            ctx,
            self.abuse_evidence,
            ("criteria", "abuse_evidence"),
            write("abuse_or_neglect_evidence"),
        )
        form.addRow("Evidence:", self.abuse_evidence)
        self.harm = self._combo("Limb 2: death or serious harm", HARM_CHOICES, harm)
        self.harm.currentIndexChanged.connect(lambda _i: self._chosen("harm", self.harm, write))
        form.addRow("2. Has the child died or been seriously harmed?", self.harm)
        self.harm_evidence = text_box(
            "Evidence for limb 2, death or serious harm", harm_evidence, lines=4
        )
        bind_text(ctx, self.harm_evidence, ("criteria", "harm_evidence"), write("harm_evidence"))
        form.addRow("Evidence:", self.harm_evidence)
        self.layout_.addLayout(form)
        self.verdict = QLabel()
        self.verdict.setObjectName("criteriaVerdict")
        self.verdict.setWordWrap(True)
        self.layout_.addWidget(self.verdict)
        self.layout_.addStretch(1)
        self._show_verdict()

    def _combo(self, name: str, labels: list[tuple[Any, str]], current: Any) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value, label in labels:
            combo.addItem(label, value)
        combo.setCurrentIndex(combo.findData(current))
        combo.setEnabled(not self.ctx.locked)
        return combo

    def _chosen(
        self, field: str, combo: QComboBox, write: Callable[[str], Callable[[Session, Any], None]]
    ) -> None:
        self.ctx.now(("criteria", field), combo.currentData(), write(field))
        self._show_verdict()

    def first_input(self) -> QWidget | None:
        return self.abuse

    def _show_verdict(self) -> None:
        met = notification_criteria.criteria_met(self.abuse.currentData(), self.harm.currentData())
        text = {
            True: "Both limbs are met: this is a serious child safeguarding incident.",
            False: "At least one limb is not met: the criteria for notification are not met."
            if self.case_kind is CaseKind.SCSI
            else "At least one limb is not met: this is not also a serious child safeguarding "
            f"incident. {NOT_SCSI_DEATH[self.case_kind]}",
            None: "Not every limb has been assessed yet.",
        }[met]
        self.verdict.setText(text)
        self.verdict.setStyleSheet("font-weight:bold;")
