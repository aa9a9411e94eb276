"""The notification record laid out as the Panel's online form asks for it, field by field.

The Business Unit officer sending the notification copies from this, one field at a time, into
the GOV.UK "Report a serious child safeguarding incident" form. Real names are in it on purpose
(the form asks for them), marked so the screen can hide them until asked; nothing here is ever
exported or printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.cases.children import FORM_CHILDREN
from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines.statutory import notification_due, partners_informed_due
from lscp_desktop.models import Case, Child
from lscp_desktop.settings import stored as settings
from lscp_desktop.vocabulary import CASE_KINDS, LEGAL

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class FormField:
    section: str
    label: str
    value: str
    real_name: bool = False  # shown only when the user asks, never exported


def _or_not_recorded(text: str) -> str:
    return text.strip() or NOT_RECORDED


def _child_fields(section: str, child: Child) -> list[FormField]:
    born = numeric_date(child.date_of_birth) if child.date_of_birth else ""
    return [
        FormField(section, "Name", child.name or NOT_RECORDED, real_name=bool(child.name)),
        FormField(section, "Pseudonym (for the app's records)", child.pseudonym),
        FormField(
            section,
            "Date of birth" if born else "Age (date of birth not known)",
            born or _or_not_recorded(child.age),
        ),
        FormField(section, "Sex", _or_not_recorded(child.sex)),
        FormField(section, "Ethnicity", _or_not_recorded(child.ethnicity)),
        FormField(section, "Disability", _or_not_recorded(child.disability)),
        FormField(section, "Legal status", LEGAL[child.legal_status]),
        FormField(section, "Health information", _or_not_recorded(child.health)),
        FormField(section, "Home local authority", _or_not_recorded(child.home_authority)),
    ]


def notification_form(session: Session, case: Case) -> list[FormField]:
    """Every field of the notification, in the order the online form asks for it."""
    rules = settings.deadline_rules(session)
    fields = [
        FormField("The notification", "Kind", CASE_KINDS[case.kind]),
        FormField(
            "The notification",
            "Local authority / partnership",
            _or_not_recorded(settings.get(session, settings.ORGANISATION)),
        ),
        FormField("The notification", "Case reference", case.reference),
        FormField(
            "The notification",
            "Due (5 working days from day 0)",
            numeric_date(notification_due(case.la_aware, rules)),
        ),
    ]
    for number, child in enumerate(case.children[:FORM_CHILDREN], start=1):
        fields += _child_fields(f"Child {number}", child)
    further = case.children[FORM_CHILDREN:]
    outline = case.summary.strip()
    if further:
        named = "; ".join(
            f"{child.name or child.pseudonym} ({LEGAL[child.legal_status].lower()})"
            for child in further
        )
        outline = f"{outline}\n\nFurther children affected: {named}".strip()
    fields += [
        FormField("The incident", "Date", numeric_date(case.incident_date) or NOT_RECORDED),
        FormField("The incident", "Time", case.incident_time or "Not known"),
        FormField("The incident", "Location", _or_not_recorded(case.incident_location)),
        FormField(
            "The incident",
            "Happened outside England",
            "Yes" if case.outside_england else "No",
        ),
        FormField("The incident", "Area where it happened", _or_not_recorded(case.incident_area)),
        FormField(
            "The incident",
            "Outline",
            outline or NOT_RECORDED,
            real_name=bool(further) and any(child.name for child in further),
        ),
        FormField("The notifier", "Name", _or_not_recorded(case.notifier_name)),
        FormField("The notifier", "Role", _or_not_recorded(case.notifier_role)),
        FormField("The notifier", "Email", _or_not_recorded(case.notifier_email)),
        FormField("The notifier", "Phone", _or_not_recorded(case.notifier_phone)),
        FormField(
            "Sent",
            "Date the notification was sent",
            numeric_date(case.notified_on) if case.notified_on else "Not yet sent",
        ),
        FormField("Sent", "Panel reference", _or_not_recorded(case.panel_reference)),
        FormField(
            "Sent",
            "Safeguarding partners told",
            numeric_date(case.partners_informed_on)
            if case.partners_informed_on
            else f"Not yet (due {numeric_date(partners_informed_due(case.la_aware, rules))})",
        ),
    ]
    return fields
