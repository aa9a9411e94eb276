"""One module per step (or group of steps); importing this package registers every form."""

from lscp_desktop.ui.meeting.steps import (  # noqa: F401  (imported to register the forms)
    actions,
    closing,
    decision,
    discussion,
    opening,
    partner,
    referral,
)
from lscp_desktop.ui.meeting.steps.base import FORMS, StepForm, form_for, register_form

__all__ = ["FORMS", "StepForm", "form_for", "register_form"]
