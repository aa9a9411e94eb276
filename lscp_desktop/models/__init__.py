"""The record: SQLAlchemy models and the encrypted store they live in. No Qt here."""

from lscp_desktop.models.action import Action, ActionNote
from lscp_desktop.models.audit import AuditEntry
from lscp_desktop.models.base import Base
from lscp_desktop.models.case import Case, CaseLink, CaseTheme, ParallelProcess, Theme
from lscp_desktop.models.decision import Decision
from lscp_desktop.models.directory import Agency, Person
from lscp_desktop.models.meeting import (
    Addendum,
    Attendance,
    Contribution,
    Meeting,
    MinuteItem,
    Recipient,
    StepTime,
)
from lscp_desktop.models.review import LearningSheet, ReviewCriterion, ReviewOutcome
from lscp_desktop.models.setting import ExtraHoliday, Setting

__all__ = [
    "Action",
    "ActionNote",
    "Addendum",
    "Agency",
    "Attendance",
    "AuditEntry",
    "Base",
    "Case",
    "CaseLink",
    "CaseTheme",
    "Contribution",
    "Decision",
    "ExtraHoliday",
    "LearningSheet",
    "Meeting",
    "MinuteItem",
    "ParallelProcess",
    "Person",
    "Recipient",
    "ReviewCriterion",
    "ReviewOutcome",
    "Setting",
    "StepTime",
    "Theme",
]
