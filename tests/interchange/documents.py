"""Interchange documents for tests: rich cases that use every field the format has.

`rich_document()` is version 2, what `export-data` writes today; `version_one_document()` is
the same record as version 1 wrote it (one child on the case, the notification on the
decision): a version-1 file must always import.
"""

from __future__ import annotations

import copy
from typing import Any


def version_one_document() -> dict[str, Any]:
    rag = {
        "id": "meeting-rag-1",
        "kind": "extraordinary_rag",
        "held_at": "2025-12-23T14:30",
        "location": "Merrion House, Room 4 / Teams",
        "chair": "Dr Morgan Ellis",
        "minute_taker": "Sam Okafor",
        "status": "approved",
        "current_step": "close",
        "started_at": "2025-12-23T14:31:05",
        "concluded_at": "2025-12-23T15:58:40",
        "approved_by": "Dr Morgan Ellis",
        "approved_at": "2025-12-29T09:12:00",
        "attendees": [
            {
                "name": "Dr Morgan Ellis",
                "role": "Independent Chair",
                "agency": "",
                "status": "present",
                "deputy_for": None,
                "invited_professional": False,
            },
            {
                "name": "Jordan Price",
                "role": "Head of Service",
                "agency": "Leeds Children's Social Work Service",
                "status": "present",
                "deputy_for": "Director of Children's Services",
                "invited_professional": False,
            },
            {
                "name": "DI Alex Carter",
                "role": "Detective Inspector",
                "agency": "West Yorkshire Police",
                "status": "present",
                "deputy_for": None,
                "invited_professional": False,
            },
            {
                "name": "Priya Shah",
                "role": "Designated Nurse",
                "agency": "A New Health Agency Not Seeded",
                "status": "apologies",
                "deputy_for": None,
                "invited_professional": False,
            },
            {
                "name": "Dr Lee Barnes",
                "role": "Consultant Paediatrician",
                "agency": "Leeds Teaching Hospitals NHS Trust",
                "status": "present",
                "deputy_for": None,
                "invited_professional": True,
            },
        ],
        "contributions": [
            {
                "agency": "West Yorkshire Police",
                "representative": "DI Alex Carter",
                "information": "Arrest made.\nInterview: account inconsistent.\t(see log)",
                "opinion": "notify",
                "reasons": "Both limbs met.",
            },
            {
                "agency": "Leeds Children's Social Work Service",
                "representative": "Jordan Price",
                "information": "Known to Early Help — 6 months. Ünïcödé, עברית, 中文, 😀",
                "opinion": "notify",
                "reasons": "Serious harm likely long-term.",
            },
            {
                "agency": "A New Health Agency Not Seeded",
                "representative": "",
                "information": "",
                "opinion": "do_not_notify",
                "reasons": "Recovery expected.\u0007 Control characters kept \u202e as given.",
            },
        ],
        "minutes": [
            {"item": "Welcome and attendance", "text": "Quorate."},
            {"item": "Welcome and attendance", "text": "A second note under the same item."},
            {"item": "  Free text item, kept verbatim  ", "text": ""},
        ],
        "step_times": [{"step": "welcome", "seconds": 300}, {"step": "decision", "seconds": 912}],
        "distribution": [
            {"name": "LSCP Executive", "email": "executive@example.invalid"},
            {"name": "National Panel", "email": ""},
        ],
        "addenda": [
            {
                "added_at": "2026-01-05T11:00:00",
                "author": "Sam Okafor",
                "text": "Correction: the incident date is 20 December.",
            }
        ],
        "decision": {
            "outcome": "notify",
            "decided_by": "Jordan Price",
            "decided_on": "2025-12-23",
            "rationale": "Criteria met.",
            "dissent": "Health: harm not met.",
            "dissent_considered": "Recovery does not rule out serious harm.",
            "escalated": True,
            "escalation_notes": "Escalated to head of service.",
            "deferral_reason": "",
            "post_meeting": False,
            "recorded_by": "Sam Okafor",
            "recorded_at": "2025-12-23T15:40:00",
            "notified_on": "2025-12-24",
            "notified_by": "Jordan Price",
            "panel_reference": "NP-2025-0042",
            "rationale_shared_on": "2025-12-24",
        },
        "review_outcome": None,
        "learning_sheet": None,
        "actions": [
            {
                "description": "Notify the Panel",
                "owner": "Jordan Price",
                "agency": "Leeds Children's Social Work Service",
                "due": "2025-12-31",
                "status": "done",
                "immediate": True,
                "progress": [{"noted_on": "2025-12-24", "author": "Sam Okafor", "text": "Sent."}],
            },
            {
                "description": "Safety plan for sibling",
                "owner": "",
                "agency": "",
                "due": None,
                "status": "open",
                "immediate": True,
                "progress": [],
            },
        ],
    }
    review = {
        "id": "meeting-rr-1",
        "kind": "rapid_review",
        "held_at": "2026-01-12T10:00",
        "location": "Teams",
        "chair": "Dr Morgan Ellis",
        "minute_taker": "Sam Okafor",
        "status": "concluded",
        "current_step": "",
        "started_at": None,
        "concluded_at": None,
        "approved_by": None,
        "approved_at": None,
        "attendees": [],
        "contributions": [],
        "minutes": [{"item": "Good practice", "text": "Prompt strategy meeting."}],
        "step_times": [],
        "distribution": [],
        "addenda": [],
        "decision": None,
        "review_outcome": {
            "cspr_criteria": ["agencies_working_together", "improvements_needed"],
            "cspr_criteria_assessed": [
                {"criterion": "agencies_working_together", "met": True, "evidence": "Gaps."},
                {"criterion": "improvements_needed", "met": True, "evidence": "Training."},
                {"criterion": "recurrent_themes", "met": False, "evidence": ""},
            ],
            "recommendation": "cspr",
            "rationale": "Multi-agency learning warrants a local review.",
            "decided_on": "2026-01-12",
            "submitted_to_panel_on": "2026-01-14",
            "panel_response": "agrees",
            "panel_response_on": "2026-02-02",
            "panel_comments": "The Panel agrees.",
            "cspr_published_on": None,
        },
        "learning_sheet": {
            "title": "Learning from Child A",
            "incident_summary": "An infant was injured.",
            "good_practice": "Quick referral.",
            "learning": "Missed appointments.",
            "do_differently": "Follow up Was Not Brought.",
            "updated_at": None,
        },
        "actions": [],
    }
    case = {
        "reference": "LSCP-2025-014",
        "kind": "scsi",
        "child_pseudonym": "Child A",
        "child_name": "Real Name Kept Only In The Archive",
        "referring_agency": "West Yorkshire Police",
        "referral_received": "2025-12-22",
        "la_aware": "2025-12-22",
        "incident_date": "2025-12-20",
        "summary": "Summary with a newline\nand a tab\t.",
        "criteria": {
            "abuse_or_neglect": "suspected",
            "harm": "seriously_harmed",
            "abuse_or_neglect_evidence": "Unexplained fracture.",
            "harm_evidence": "Long-term impairment likely.",
        },
        "themes": ["Was Not Brought", "A brand new theme", "Professional curiosity"],
        "deadlines": {
            "notification_due": "2025-12-31",
            "partners_informed_due": "2025-12-31",
            "rapid_review_due": "2026-01-16",
            "cspr_publication_due": "2026-07-12",
        },
        "status": "cspr",
        "retrospective": False,
        "chair_and_business_unit_told_on": "2025-12-22",
        "partners_informed_on": "2025-12-23",
        "child": {
            "age": "14 months",
            "sex": "Female",
            "ethnicity": "Mixed White and Black Caribbean",
            "disability": "",
            "legal_status": "child_in_need",
        },
        "linked_cases": [{"reference": "LSCP-2025-015", "relation": "sibling"}],
        "parallel_processes": [
            {"kind": "police_investigation", "notes": "Ongoing."},
            {"kind": "child_death_review", "notes": ""},
        ],
        "meetings": [rag, review],
    }
    second = copy.deepcopy(case)
    second.update(
        reference="LSCP-2025-002",
        kind="looked_after_death",
        child_pseudonym="Child B",
        child_name=None,
        themes=[],
        linked_cases=[],
        parallel_processes=[],
        meetings=[],
    )
    second["deadlines"] = {
        "notification_due": "2025-12-31",
        "partners_informed_due": "2025-12-31",
        "rapid_review_due": None,
        "cspr_publication_due": None,
    }
    second["status"] = "referred"
    # Ordered by reference on export.
    return {"format": "lscp-desktop", "version": 1, "cases": [second, case]}


def rich_document() -> dict[str, Any]:
    """Version 2: two children in one incident, the notification on the case, approved
    minutes with the deadlines they were approved with."""
    second, case = copy.deepcopy(version_one_document()["cases"])
    for each in (second, case):
        decision = each["meetings"][0]["decision"] if each["meetings"] else None
        if decision is not None:
            each["notified_on"] = decision.pop("notified_on")
            each["panel_reference"] = decision.pop("panel_reference")
        else:
            each["notified_on"], each["panel_reference"] = None, ""
        child = each.pop("child")
        each["children"] = [
            {
                "pseudonym": each.pop("child_pseudonym"),
                "name": each.pop("child_name"),
                "date_of_birth": None,
                **child,
                "home_authority": "",
                "health": "",
            }
        ]
        each.update(
            incident_time=None,
            incident_location="",
            incident_area="",
            outside_england=False,
            notifier={"name": "", "role": "", "email": "", "phone": ""},
        )
        for meeting in each["meetings"]:
            meeting["approved_deadlines"] = None
            outcome = meeting.get("review_outcome")
            if outcome is not None:
                del outcome["cspr_published_on"]  # version 2: on the case's cspr
                outcome.update(
                    resubmitted_to_panel_on=None,
                    key_practice_episodes=[],
                    inequalities="",
                    good_practice="",
                    learning="",
                    immediate_action="",
                    national_review_view="undecided",
                    national_review_rationale="",
                    sign_off=[],
                )
        each.update(cspr=None, joint_reviews=[])
    case["children"][0].update(date_of_birth="2024-10-15", home_authority="Leeds")
    case["children"].append(
        {
            "pseudonym": "Child C",
            "name": "Second Real Name Kept Only In The Archive",
            "date_of_birth": None,
            "age": "3 years",
            "sex": "Male",
            "ethnicity": "Mixed White and Black Caribbean",
            "disability": "Global developmental delay",
            "legal_status": "child_protection_plan",
            "home_authority": "Bradford",
            "health": "Bruising to the face; discharged home the same day.",
        }
    )
    case.update(
        incident_time="19:45",
        incident_location="The family home, Leeds",
        incident_area="Leeds",
        outside_england=False,
        notifier={
            "name": "Jordan Price",
            "role": "Head of Service",
            "email": "jordan.price@example.invalid",
            "phone": "0113 000 0000",
        },
    )
    case["meetings"][0]["approved_deadlines"] = {
        "notification_due": "2025-12-31",
        "partners_informed_due": "2025-12-31",
        "rapid_review_due": "2026-01-16",
        "cspr_publication_due": None,
    }
    # Issue 15: the Rapid Review's structured content, the CSPR and a joint review.
    outcome = case["meetings"][1]["review_outcome"]
    outcome.update(
        panel_response="more_information",
        panel_comments="Please send the health chronology.",
        resubmitted_to_panel_on="2026-02-05",
        key_practice_episodes=[
            {
                "title": "Missed health appointments",
                "period": "March to June 2025",
                "agencies": ["Health visiting", "GP"],
                "description": "Three appointments were missed.",
                "analysis": "Was Not Brought was not followed up.",
            }
        ],
        inequalities="The family's first language was not English; no interpreter was used.",
        good_practice="Quick referral.",
        learning="Follow up Was Not Brought.",
        immediate_action="A safety plan for the sibling.",
        national_review_view="not_recommended",
        national_review_rationale="The learning is local.",
        sign_off=[
            {
                "agency": "Local Authority",
                "name": "Jordan Price",
                "role": "Director of Children's Services",
                "signed_on": "2026-01-13",
            }
        ],
    )
    case["cspr"] = {
        "commissioned_on": "2026-01-12",
        "reviewers": ["Alex Reviewer", "Sam Second"],
        "terms_of_reference_on": "2026-02-10",
        "progress": [
            {
                "noted_on": "2026-03-01",
                "author": "Business Unit",
                "text": "Practitioner event held.",
                "next_check_on": "2026-04-01",
            }
        ],
        "final_report_on": None,
        "sent_to_panel_on": None,
        "published_on": None,
        "not_published_reason": "",
    }
    case["joint_reviews"] = [
        {
            "kind": "sar",
            "partner_board": "Leeds Safeguarding Adults Board",
            "started_on": "2026-02-01",
            "completed_on": None,
            "notes": "The mother's care needs.",
        }
    ]
    second["children"][0].update(legal_status="looked_after", home_authority="Wakefield")
    second.update(
        incident_location="Residential children's home, Wakefield", incident_area="Wakefield"
    )
    return {"format": "lscp-desktop", "version": 2, "cases": [second, case]}
