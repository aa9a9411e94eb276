"""A Rapid Review's discussion steps: purpose, agency summaries, and the topics minuted in turn."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QWidget
from sqlalchemy.orm import Session

from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting import attendance as meeting_attendance
from lscp_desktop.meeting import contributions as meeting_contributions
from lscp_desktop.meeting.agenda import Step
from lscp_desktop.models import Meeting
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import bind_text, heading, note, text_box
from lscp_desktop.ui.meeting.steps.base import StepForm, register_form
from lscp_desktop.ui.meeting.steps.opening import statement_box

CONFIDENTIALITY_STATEMENT = (
    "The information shared in this Rapid Review is confidential and is shared to learn from "
    "a serious child safeguarding incident and to keep children safe. It must not be shared "
    "outside this meeting except as agreed. The minutes are OFFICIAL-SENSITIVE and name the "
    "child by pseudonym only."
)

PURPOSE = (
    "<p>A Rapid Review follows the notification of a serious child safeguarding incident and "
    "is expected within 15 working days. It:</p><ul>"
    "<li>gathers the facts as far as they can readily be established;</li>"
    "<li>decides whether immediate action is needed to keep children safe, and shares "
    "learning;</li>"
    "<li>considers potential improvements, key practice episodes and the impact of racism and "
    "other inequalities;</li>"
    "<li>decides whether a local Child Safeguarding Practice Review (CSPR) is appropriate, "
    "against the four criteria of regulation 11, and records the rationale.</li></ul>"
)

# What the chair asks at each discussion step; the answers go in the minutes beside it.
PROMPTS: dict[str, list[str]] = {
    "good_practice": [
        "What did each agency do well for the child and family?",
        "What helped: information shared in time, curiosity, persistence, escalation?",
        "What should partners keep doing and spread?",
    ],
    "learning": [
        "What could have been done differently, and by whom?",
        "Which improvements were identified before, in earlier reviews?",
        "What would improve practice across the partnership?",
    ],
    "key_practice_episodes": [
        "When could practice have changed the outcome?",
        "At each moment: what happened, what was known, what was decided, and why?",
        "Was the child's voice and lived experience heard?",
    ],
    "racism_and_inequalities": [
        "How did race, ethnicity, culture or faith shape the child's experience?",
        "Did disability, poverty, housing, language or immigration status affect the response?",
        "Were any assumptions made about the family, and were they challenged?",
    ],
}


@register_form("review_purpose")
class ReviewPurposeForm(StepForm):
    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        self.layout_.addWidget(heading("Read aloud", 1.05))
        self.layout_.addWidget(statement_box(CONFIDENTIALITY_STATEMENT))
        self.layout_.addWidget(heading("Declarations of interest", 1.05))
        self.layout_.addWidget(note("Record each declaration, or 'None declared', in the minutes."))
        self.layout_.addWidget(heading("What a Rapid Review does", 1.05))
        self.layout_.addWidget(statement_box(PURPOSE))
        self.layout_.addStretch(1)


def _information_writer(meeting_id: str, agency_id: int) -> Callable[[Session, str], None]:
    def apply(session: Session, text: str) -> None:
        meeting_contributions.set_contribution(session, meeting_id, agency_id, information=text)

    return apply


@register_form("agency_summaries")
class AgencySummariesForm(StepForm):
    """One box per agency for its summary and chronology; the combined account goes in the
    minutes. Kept as each agency's contribution, so the minutes list them by agency."""

    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        with ctx.store.session() as session:
            meeting = session.get_one(Meeting, ctx.meeting_id)
            people = meeting_steps.contributors(
                meeting, meeting_attendance.statutory_partners(session)
            )
            summaries = []
            for person in people:
                found = meeting_contributions.find_contribution(meeting, person.agency_id)
                summaries.append((person, found.information if found else ""))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.summaries: dict[int, QWidget] = {}
        for person, text in summaries:
            edit = text_box(
                f"Summary and chronology from {person.label}",
                text,
                lines=4,
                placeholder="Involvement with the child and family, and the key dates.",
            )
            bind_text(
                ctx,
                edit,
                ("contribution", person.agency_id, "information"),
                _information_writer(ctx.meeting_id, person.agency_id),
            )
            form.addRow(f"{meeting_steps.partner_title(person)}:", edit)
            self.summaries[person.agency_id] = edit
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            note(
                "Record the facts as far as they can readily be established; note in the "
                "minutes what is still unknown and who will find out."
            )
        )
        self.layout_.addStretch(1)

    def first_input(self) -> QWidget | None:
        return next(iter(self.summaries.values()), None)


@register_form("review_topic")
class ReviewTopicForm(StepForm):
    """A discussion step: the questions to ask; the answers are typed into the minutes."""

    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(ctx, step, parent)
        self.layout_.addWidget(heading("Prompts", 1.05))
        prompts = PROMPTS.get(step.key, [])
        self.layout_.addWidget(note("\n".join(f"• {prompt}" for prompt in prompts)))
        self.layout_.addWidget(
            note("Record the discussion in the minutes: it drafts the learning sheet.")
        )
        self.layout_.addStretch(1)
