"""One partner's turn: the information they share, their opinion, and the reasons for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from sqlalchemy.orm import Session

from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting.agenda import PARTNER_FORM, Step
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import AttendanceStatus, Opinion
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import (
    bind_text,
    checked_choice,
    note,
    people_combo,
    radio_row,
    text_box,
)
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.vocabulary import DEATH_NOTIFIED, DEATH_OPINIONS, OPINIONS, with_accelerator

DEATH_OPINION_KINDS = frozenset(DEATH_NOTIFIED)

OPINION_CHOICES = [
    (with_accelerator(OPINIONS[opinion], key), opinion)
    for opinion, key in (
        (Opinion.NOTIFY, "t"),  # Alt+N is "Next step"
        (Opinion.DO_NOT_NOTIFY, "D"),
        (Opinion.UNDECIDED, "U"),
    )
]
# A looked-after child's or care leaver's death is notified whatever the views: the question
# for each partner is whether it is also a serious child safeguarding incident.
DEATH_OPINION_CHOICES = [
    (with_accelerator(DEATH_OPINIONS[opinion], key), opinion)
    for opinion, key in (
        (Opinion.NOTIFY, "l"),
        (Opinion.DO_NOT_NOTIFY, "t"),
        (Opinion.UNDECIDED, "U"),
    )
]


@register_form(PARTNER_FORM)
class PartnerForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        assert step.agency_id is not None
        agency_id = step.agency_id
        meeting_id = ctx.meeting_id
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, meeting_id)
            found = meeting_contributions.find_contribution(meeting, agency_id)
            # Only someone present speaks for the agency (a deputy shows whom they stand for).
            present = [
                (
                    a.person_id,
                    a.person.name + (f" (deputy for {a.deputy_for})" if a.deputy_for else ""),
                )
                for a in meeting.attendees
                if a.agency_id == agency_id and a.status is AttendanceStatus.PRESENT
            ]
            representative = found.representative_id if found else None
            if representative is None and present:
                representative = present[0][0]  # shown, and saved with what they first say
            elif representative is not None and all(p != representative for p, _ in present):
                gone = next((a for a in meeting.attendees if a.person_id == representative), None)
                if gone is not None:  # recorded earlier, since marked absent: still shown
                    present.append((representative, f"{gone.person.name} (not present)"))
            information = found.information if found else ""
            opinion = found.opinion if found else None
            reasons = found.reasons if found else ""
            name = step.title.rsplit(" (", 1)[0]
            death = meeting.case.kind in DEATH_OPINION_KINDS

        def write(field: str) -> Callable[[Session, Any], None]:
            def apply(session: Session, value: Any) -> None:
                shown = self.representative.currentData()
                meeting_contributions.set_contribution(
                    session,
                    meeting_id,
                    agency_id,
                    **{field: value},
                    shown_representative_id=shown if field != "representative_id" else None,
                )

            return apply

        form = QFormLayout()
        self.representative = people_combo(f"{name} represented by", present, representative)
        self.representative.setEnabled(not ctx.locked)
        self.representative.currentIndexChanged.connect(
            lambda _i: (
                self.representative.currentData() is not None
                and ctx.now(
                    ("contribution", agency_id, "representative"),
                    self.representative.currentData(),
                    write("representative_id"),
                )
            )
        )
        form.addRow("Represented by:", self.representative)
        self.information = text_box(
            f"Information shared by {name}",
            information,
            lines=9,
            placeholder="What the agency knows: involvement, history, the incident.",
        )
        bind_text(
            ctx, self.information, ("contribution", agency_id, "information"), write("information")
        )
        form.addRow("Information shared:", self.information)
        self.opinion_box, self.opinion_group = radio_row(
            f"Opinion of {name}", DEATH_OPINION_CHOICES if death else OPINION_CHOICES, opinion
        )
        self.opinion_box.setEnabled(not ctx.locked)
        self.opinion_group.buttonToggled.connect(
            lambda _button, on: (
                on
                and ctx.now(
                    ("contribution", agency_id, "opinion"),
                    checked_choice(self.opinion_group),
                    write("opinion"),
                )
            )
        )
        form.addRow(
            "Also a serious child\nsafeguarding incident?" if death else "Professional opinion:",
            self.opinion_box,
        )
        self.reasons = text_box(
            f"Reasons for the opinion of {name}",
            reasons,
            lines=6,
            placeholder="Required: why this agency holds this opinion.",
        )
        bind_text(ctx, self.reasons, ("contribution", agency_id, "reasons"), write("reasons"))
        form.addRow("Reasons (required):", self.reasons)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            note(
                "The reasons are needed before the chair moves on; 'Undecided' needs them too "
                "once anything has been shared."
            )
        )
        if not present:
            warning = QLabel(
                "No one from this agency is present; record a written contribution if one "
                "was sent, and say on the Close step why the meeting went ahead."
            )
            warning.setWordWrap(True)
            self.layout_.addWidget(warning)
        self.layout_.addStretch(1)

    def first_input(self) -> QWidget | None:
        return self.information
