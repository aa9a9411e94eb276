"""The record: SQLAlchemy models and the encrypted store they live in. No Qt here.

The models load on first use of any of them (PEP 562 `__getattr__`), all together so that
relationships named by string always resolve. `lscp_desktop.models.enums` and
`lscp_desktop.store.database` can be imported without SQLAlchemy: the app's window goes up
and reads its register before the ORM is needed, and SQLAlchemy (~0.4 s) loads beside it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lscp_desktop.models.action import Action, ActionNote
    from lscp_desktop.models.audit import AuditEntry
    from lscp_desktop.models.base import Base
    from lscp_desktop.models.case import (
        Case,
        CaseLink,
        CaseTheme,
        Child,
        ParallelProcess,
        Theme,
    )
    from lscp_desktop.models.checkout import Checkout, CheckoutEnded
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
    from lscp_desktop.models.review import (
        Cspr,
        CsprProgress,
        JointReview,
        KeyPracticeEpisode,
        LearningSheet,
        ReviewCriterion,
        ReviewOutcome,
        SignOff,
    )
    from lscp_desktop.models.setting import ExtraHoliday, Setting

# Each model's module, by name.
_MODULES: dict[str, tuple[str, ...]] = {
    "action": ("Action", "ActionNote"),
    "audit": ("AuditEntry",),
    "base": ("Base",),
    "case": ("Case", "CaseLink", "CaseTheme", "Child", "ParallelProcess", "Theme"),
    "checkout": ("Checkout", "CheckoutEnded"),
    "decision": ("Decision",),
    "directory": ("Agency", "Person"),
    "meeting": (
        "Addendum",
        "Attendance",
        "Contribution",
        "Meeting",
        "MinuteItem",
        "Recipient",
        "StepTime",
    ),
    "review": (
        "Cspr",
        "CsprProgress",
        "JointReview",
        "KeyPracticeEpisode",
        "LearningSheet",
        "ReviewCriterion",
        "ReviewOutcome",
        "SignOff",
    ),
    "setting": ("ExtraHoliday", "Setting"),
}

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
    "Checkout",
    "CheckoutEnded",
    "Child",
    "Contribution",
    "Cspr",
    "CsprProgress",
    "Decision",
    "ExtraHoliday",
    "JointReview",
    "KeyPracticeEpisode",
    "LearningSheet",
    "Meeting",
    "MinuteItem",
    "ParallelProcess",
    "Person",
    "Recipient",
    "ReviewCriterion",
    "ReviewOutcome",
    "Setting",
    "SignOff",
    "StepTime",
    "Theme",
]


def load_all() -> None:
    """Import every model (once), making each a plain attribute of this package."""
    for module_name, names in _MODULES.items():
        module = importlib.import_module(f"{__name__}.{module_name}")
        for name in names:
            globals()[name] = getattr(module, name)


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    load_all()
    return globals()[name]
