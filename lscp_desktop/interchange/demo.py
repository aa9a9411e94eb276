"""A realistic, clearly fictional case with a concluded Extra-Ordinary RAG meeting.

Built as an interchange document and imported, so the demo exercises the same path as a file.
Dates are relative to today so the register shows a live statutory clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.clock import london_today
from lscp_desktop.deadlines.working_days import add_working_days
from lscp_desktop.interchange import FORMAT, VERSION, import_document
from lscp_desktop.models import Case

FICTIONAL = "FICTIONAL DEMONSTRATION RECORD - not a real child or family."


def _next_reference(session: Session, year: int) -> str:
    taken = set(session.scalars(select(Case.reference).where(Case.reference.like("DEMO-%"))))
    number = 1
    while f"DEMO-{year}-{number:03d}" in taken:
        number += 1
    return f"DEMO-{year}-{number:03d}"


def demo_pseudonym(reference: str) -> str:
    """Child D for the first demo case, Child E for the next, ... so two are told apart."""
    number = int(reference.rsplit("-", 1)[1])
    return f"Child {chr(ord('D') + (number - 1) % 23)}"


def demo_document(reference: str, today: dt.date) -> dict[str, Any]:
    pseudonym = demo_pseudonym(reference)
    aware = add_working_days(today - dt.timedelta(days=7), 0)
    incident = aware - dt.timedelta(days=2)
    meeting_day = add_working_days(aware, 2)
    held_at = dt.datetime.combine(meeting_day, dt.time(10, 0))
    chair = "Dr Morgan Ellis (fictional)"
    minute_taker = "Sam Okafor (fictional)"
    la, police, health = (
        "Leeds Children's Social Work Service",
        "West Yorkshire Police",
        "NHS West Yorkshire Integrated Care Board",
    )
    people = {
        la: ("Jordan Price (fictional)", "Head of Service, Safeguarding"),
        police: ("DI Alex Carter (fictional)", "Detective Inspector, Safeguarding Unit"),
        health: ("Priya Shah (fictional)", "Designated Nurse, Safeguarding Children"),
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "cases": [
            {
                "reference": reference,
                "kind": "scsi",
                "children": [
                    {
                        "pseudonym": pseudonym,
                        "name": "Ruby Fictitious",  # made up: shows the name check at work
                        "date_of_birth": None,
                        "age": "14 months",
                        "sex": "Female",
                        "ethnicity": "White British",
                        "disability": "None known",
                        "legal_status": "child_in_need",
                        "home_authority": "",
                        "health": "Fractured femur; surgical treatment; recovering in hospital.",
                    }
                ],
                "referring_agency": police,
                "referral_received": aware.isoformat(),
                "la_aware": aware.isoformat(),
                "incident_date": incident.isoformat(),
                "summary": (
                    f"{FICTIONAL} {pseudonym}, aged 14 months, was taken to the Emergency "
                    "Department "
                    "with a fractured femur. The explanation given by the carer was not consistent "
                    "with the injury. The family was known to Early Help; two health appointments "
                    "were missed in the previous three months (Was Not Brought)."
                ),
                "criteria": {
                    "abuse_or_neglect": "suspected",
                    "harm": "seriously_harmed",
                    "abuse_or_neglect_evidence": (
                        "Unexplained fracture in a non-mobile infant; child protection medical "
                        "concluded the injury is likely to be non-accidental."
                    ),
                    "harm_evidence": (
                        "Surgical treatment required; likely long-term impairment of physical "
                        "health and development per the consultant paediatrician."
                    ),
                },
                "themes": ["Was Not Brought", "Professional curiosity", "Early Help"],
                "status": "notified",
                "retrospective": False,
                "chair_and_business_unit_told_on": aware.isoformat(),
                "partners_informed_on": aware.isoformat(),
                "incident_time": None,
                "incident_location": "The family home",
                "incident_area": "",
                "outside_england": False,
                "notifier": {"name": "", "role": "", "email": "", "phone": ""},
                "notified_on": meeting_day.isoformat(),
                "panel_reference": "",
                "linked_cases": [],
                "parallel_processes": [
                    {
                        "kind": "police_investigation",
                        "notes": "Section 47 enquiry and joint "
                        "investigation under way; no charging decision yet.",
                    }
                ],
                "meetings": [
                    {
                        "kind": "extraordinary_rag",
                        "held_at": held_at.strftime("%Y-%m-%dT%H:%M"),
                        "location": "Microsoft Teams (LSCP Business Unit link)",
                        "chair": chair,
                        "minute_taker": minute_taker,
                        "status": "concluded",
                        "attendees": [
                            {
                                "name": chair,
                                "role": "Independent Chair",
                                "agency": "",
                                "status": "present",
                                "deputy_for": None,
                                "invited_professional": False,
                            },
                            *[
                                {
                                    "name": name,
                                    "role": role,
                                    "agency": agency,
                                    "status": "present",
                                    "deputy_for": None,
                                    "invited_professional": False,
                                }
                                for agency, (name, role) in people.items()
                            ],
                            {
                                "name": "Dr Lee Barnes (fictional)",
                                "role": "Consultant Paediatrician",
                                "agency": "Leeds Teaching Hospitals NHS Trust",
                                "status": "present",
                                "deputy_for": None,
                                "invited_professional": True,
                            },
                            {
                                "name": minute_taker,
                                "role": "Business Unit Officer",
                                "agency": "LSCP Business Unit",
                                "status": "present",
                                "deputy_for": None,
                                "invited_professional": False,
                            },
                        ],
                        "contributions": [
                            {
                                "agency": police,
                                "representative": people[police][0],
                                "information": "Referral received from the hospital. Carer "
                                "arrested and interviewed; account inconsistent with the injury.",
                                "opinion": "notify",
                                "reasons": "Both limbs are met: abuse is suspected and the "
                                "injury amounts to serious harm.",
                            },
                            {
                                "agency": la,
                                "representative": people[la][0],
                                "information": "Family open to Early Help for six months; no "
                                "previous child protection involvement. Strategy meeting held.",
                                "opinion": "notify",
                                "reasons": "Suspected non-accidental injury to a non-mobile "
                                "infant with likely long-term impact.",
                            },
                            {
                                "agency": health,
                                "representative": people[health][0],
                                "information": "Two missed health visiting contacts; GP records "
                                "show no prior injuries.",
                                "opinion": "do_not_notify",
                                "reasons": "Full recovery is expected; the view is that the "
                                "threshold for serious harm is not yet clearly met.",
                            },
                        ],
                        "minutes": [
                            {
                                "item": "Welcome and attendance",
                                "text": "The Chair welcomed members. All safeguarding partners "
                                "were represented; quorate.",
                            },
                            {
                                "item": "Multi-agency discussion",
                                "text": "Members discussed whether a recovery from a one-off "
                                "incident can still be serious harm; guidance confirms it can.",
                            },
                        ],
                        "decision": {
                            "outcome": "notify",
                            "decided_by": people[la][0],
                            "decided_on": meeting_day.isoformat(),
                            "rationale": "Abuse is suspected and the child has been seriously "
                            "harmed; the criteria for a serious child safeguarding incident "
                            "are met.",
                            "dissent": "Health (ICB) considered the serious harm limb not "
                            "clearly met.",
                            "dissent_considered": "The decision-maker noted that a child who "
                            "recovers may still have been seriously harmed (Working Together).",
                            "escalated": False,
                            "rationale_shared_on": meeting_day.isoformat(),
                        },
                        "actions": [
                            {
                                "description": "Submit the notification to the Panel.",
                                "owner": people[la][0],
                                "agency": la,
                                "due": meeting_day.isoformat(),
                                "status": "done",
                                "immediate": True,
                                "progress": [],
                            },
                            {
                                "description": "Share the decision rationale with all safeguarding "
                                "partners.",
                                "owner": minute_taker,
                                "agency": "LSCP Business Unit",
                                "due": add_working_days(meeting_day, 1).isoformat(),
                                "status": "open",
                                "immediate": False,
                                "progress": [],
                            },
                        ],
                    }
                ],
            }
        ],
    }


def add_demo_case(session: Session, today: dt.date | None = None) -> str:
    """Adds a fresh demo case and returns its reference."""
    today = today or london_today()
    reference = _next_reference(session, today.year)
    import_document(session, demo_document(reference, today))
    return reference
