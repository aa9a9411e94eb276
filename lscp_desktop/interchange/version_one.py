"""Reading a version-1 document: each case rewritten into version 2's shape before it is read.

Version 1 had one child on the case (`child_pseudonym`, `child_name`, `child`) and the
notification on a meeting's decision (`notified_on`, `panel_reference`), and a CSPR's
publication on the review outcome (`cspr_published_on`). Version 2 holds the children as a
list, and the notification and the CSPR (`cspr.published_on`) on the case. A version-1 case
becomes an `scsi` case (unless it says otherwise) with one child; the latest `notify`
decision's notification (by `decided_on`, then the meeting's place in the case) becomes the
case's, and every decision loses the two fields. Anything malformed is left where it is,
for the reader to name.
"""

from __future__ import annotations

from typing import Any

CHILD_FIELDS = ("age", "sex", "ethnicity", "disability", "legal_status")


def upgrade_case(case: Any) -> Any:
    """A version-1 case as version 2 would write it (a new dict; `case` is not changed)."""
    if not isinstance(case, dict):
        return case
    case = dict(case)
    child = case.pop("child", None)
    child = dict(child) if isinstance(child, dict) else {}
    entry: dict[str, Any] = {
        "pseudonym": case.pop("child_pseudonym", None),
        "name": case.pop("child_name", None),
        "date_of_birth": None,
    }
    for key in CHILD_FIELDS:
        if key in child:
            entry[key] = child.pop(key)
    entry.update({"home_authority": "", "health": ""})
    entry.update(child)  # anything else the old child held: the reader names it
    case["children"] = [entry]
    case.setdefault("kind", "scsi")
    case.update(
        {
            "incident_time": None,
            "incident_location": "",
            "incident_area": "",
            "outside_england": False,
            "notifier": {"name": "", "role": "", "email": "", "phone": ""},
        }
    )
    notified_on, panel_reference = _notification(case)
    case["notified_on"] = notified_on
    case["panel_reference"] = panel_reference
    case["cspr"] = _cspr(case)
    return case


def _cspr(case: dict[str, Any]) -> Any:
    """A review outcome's `cspr_published_on` becomes the case's `cspr.published_on`.

    The CSPR was commissioned by the latest Rapid Review that recommended one (its decision
    date, else the meeting's day); each outcome loses the field.
    """
    meetings = case.get("meetings")
    if not isinstance(meetings, list):
        return None
    commissioned: Any = None
    published: Any = None
    copied = []
    for given in meetings:
        meeting = given
        if isinstance(given, dict) and isinstance(given.get("review_outcome"), dict):
            meeting = dict(given)
            outcome = dict(given["review_outcome"])
            meeting["review_outcome"] = outcome
            on = outcome.pop("cspr_published_on", None)
            if outcome.get("recommendation") == "cspr":
                held = meeting.get("held_at")
                commissioned = outcome.get("decided_on") or (
                    held[:10] if isinstance(held, str) else None
                )
                published = on if on is not None else published
            elif on is not None:
                published = on  # kept: the reader names a publication with no CSPR
        copied.append(meeting)
    case["meetings"] = copied
    if published is None:
        return None
    return {
        "commissioned_on": commissioned,
        "reviewers": [],
        "terms_of_reference_on": None,
        "progress": [],
        "final_report_on": None,
        "sent_to_panel_on": None,
        "published_on": published,
        "not_published_reason": "",
    }


def _notification(case: dict[str, Any]) -> tuple[Any, Any]:
    """The latest notify decision's (notified_on, panel_reference); removes both from every
    decision of the case (a copy of each meeting and decision is made)."""
    meetings = case.get("meetings")
    if not isinstance(meetings, list):
        return None, ""
    latest: tuple[str, int] | None = None
    found: tuple[Any, Any] = (None, "")
    copied = []
    for position, given in enumerate(meetings):
        meeting = given
        if isinstance(given, dict) and isinstance(given.get("decision"), dict):
            meeting = dict(given)
            decision = dict(given["decision"])
            meeting["decision"] = decision
            notified_on = decision.pop("notified_on", None)
            panel_reference = decision.pop("panel_reference", "")
            decided_on = decision.get("decided_on")
            if decision.get("outcome") == "notify" and isinstance(decided_on, str):
                key = (decided_on, position)
                if latest is None or key > latest:
                    latest, found = key, (notified_on, panel_reference)
        copied.append(meeting)
    case["meetings"] = copied
    return found
