"""What a step's form is, and the table from a step's `form` name to the widget that runs it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from lscp_desktop.meeting.agenda import Step
from lscp_desktop.ui.meeting.context import MeetingContext


class StepForm(QWidget):
    """The centre of the meeting window for one step; it saves through `ctx`."""

    def __init__(self, ctx: MeetingContext, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.step = step
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def first_input(self) -> QWidget | None:
        """Where the keyboard goes when the step opens."""
        return None

    def refresh(self) -> None:
        """Re-read anything derived from other steps after a commit (dissent, quorum)."""


FormFactory = Callable[[MeetingContext, Step], StepForm]

FORMS: dict[str, FormFactory] = {}


def register_form(name: str) -> Callable[[type[StepForm]], type[StepForm]]:
    """Class decorator: this form runs steps whose `form` is `name`."""

    def add(cls: type[StepForm]) -> type[StepForm]:
        FORMS[name] = cls
        return cls

    return add


def form_for(ctx: MeetingContext, step: Step) -> StepForm:
    try:
        factory = FORMS[step.form]
    except KeyError:
        raise LookupError(f"No form is registered for '{step.form}' steps.") from None
    return factory(ctx, step)
