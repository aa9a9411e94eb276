"""The words users see for each value of the record's closed vocabularies (models/enums.py).

One place, so the case form, the meeting screens, the register and every export say the same
thing. Where a value has two wordings, both are here and named for their length: `*_SHORT` for
lists, columns and the register, `*_LONG` for the minutes and the screens that mirror them (the
decision step uses the minutes' words, so what the chair clicks is what the record says).
Values with one wording keep a plain name.
"""

from __future__ import annotations

from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    ActionStatus,
    AttendanceStatus,
    CaseKind,
    CaseStatus,
    CsprCriterion,
    DecisionOutcome,
    Harm,
    JointReviewKind,
    LegalStatus,
    MeetingKind,
    NationalReviewView,
    Opinion,
    PanelResponse,
    ParallelProcessKind,
    ReviewRecommendation,
)

OPINIONS = {
    Opinion.NOTIFY: "Notify",
    Opinion.DO_NOT_NOTIFY: "Do not notify",
    Opinion.UNDECIDED: "Undecided",
}
OUTCOMES_SHORT = {
    DecisionOutcome.NOTIFY: "Notify",
    DecisionOutcome.DO_NOT_NOTIFY: "Do not notify",
    DecisionOutcome.DEFERRED: "Deferred",
}
OUTCOMES_LONG = {
    DecisionOutcome.NOTIFY: "Notify the Panel",
    DecisionOutcome.DO_NOT_NOTIFY: "Do not notify the Panel",
    DecisionOutcome.DEFERRED: "Decision deferred",
}
OUTCOMES = OUTCOMES_LONG  # the name earlier code imports
# A death of these kinds is notified whatever the criteria: the decision says what is sent.
DEATH_NOTIFIED = {
    CaseKind.LOOKED_AFTER_DEATH: "Notify the death of a looked-after child (the Panel, the "
    "Department for Education and Ofsted)",
    CaseKind.CARE_LEAVER_DEATH: "Notify the death of a care leaver (the Secretary of State and "
    "Ofsted)",
}

# At a meeting on such a death the notification is owed whatever the views: what a partner
# gives a view on is whether the death is also a serious child safeguarding incident.
DEATH_OPINIONS = {
    Opinion.NOTIFY: "Also an SCSI",
    Opinion.DO_NOT_NOTIFY: "Not an SCSI",
    Opinion.UNDECIDED: "Undecided",
}


def opinion_words(opinion: Opinion, kind: CaseKind) -> str:
    """A partner's professional opinion as it reads for this kind of case."""
    return (DEATH_OPINIONS if kind in DEATH_NOTIFIED else OPINIONS)[opinion]


def outcome_words(outcome: DecisionOutcome, kind: CaseKind) -> str:
    """The decision as the minutes and the decision record print it, for this kind of case."""
    if outcome is DecisionOutcome.NOTIFY and kind in DEATH_NOTIFIED:
        return DEATH_NOTIFIED[kind]
    return OUTCOMES_LONG[outcome]


ATTENDANCE = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.ABSENT: "Absent",
}
ACTION_STATUSES = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.CANCELLED: "Cancelled",
}
CASE_STATUSES = {
    CaseStatus.REFERRED: "Referred",
    CaseStatus.UNDER_CONSIDERATION: "Under consideration",
    CaseStatus.NOTIFIED: "Notified",
    CaseStatus.NOT_NOTIFIED: "Not notified",
    CaseStatus.RAPID_REVIEW: "Rapid Review",
    CaseStatus.CSPR: "CSPR",
    CaseStatus.CLOSED: "Closed",
}
MEETING_KINDS_SHORT = {
    MeetingKind.EXTRAORDINARY_RAG: "Extra-Ordinary RAG",
    MeetingKind.RAPID_REVIEW: "Rapid Review",
}
MEETING_KINDS_LONG = {
    MeetingKind.EXTRAORDINARY_RAG: "Extra-Ordinary Review Advisory Group (RAG) meeting",
    MeetingKind.RAPID_REVIEW: "Rapid Review meeting",
}
RECOMMENDATIONS_SHORT = {
    ReviewRecommendation.CSPR: "Commission a CSPR",
    ReviewRecommendation.NO_CSPR: "No CSPR",
    ReviewRecommendation.OTHER_REVIEW: "Another learning review",
}
RECOMMENDATIONS_LONG = {
    ReviewRecommendation.CSPR: "Commission a local Child Safeguarding Practice Review (CSPR)",
    ReviewRecommendation.NO_CSPR: "No CSPR",
    ReviewRecommendation.OTHER_REVIEW: "Another learning review",
}
PANEL_RESPONSES_SHORT = {
    PanelResponse.AGREES: "Agrees",
    PanelResponse.DISAGREES: "Disagrees",
    PanelResponse.NATIONAL_REVIEW: "National review",
    PanelResponse.MORE_INFORMATION: "More information asked",
    PanelResponse.AWAITED: "Awaited",
}
PANEL_RESPONSES_LONG = {
    PanelResponse.AGREES: "The Panel agrees with the local decision",
    PanelResponse.DISAGREES: "The Panel disagrees with the local decision",
    PanelResponse.NATIONAL_REVIEW: "The Panel will undertake a national review",
    PanelResponse.MORE_INFORMATION: "The Panel asks for more information",
    PanelResponse.AWAITED: "Awaited",
}
ABUSE = {
    AbuseOrNeglect.KNOWN: "Known",
    AbuseOrNeglect.SUSPECTED: "Suspected",
    AbuseOrNeglect.NOT_SUSPECTED: "Not suspected",
    AbuseOrNeglect.UNKNOWN: "Not yet established",
}
HARM = {
    Harm.DIED: "The child died",
    Harm.SERIOUSLY_HARMED: "The child was seriously harmed",
    Harm.NEITHER: "Neither died nor seriously harmed",
    Harm.UNKNOWN: "Not yet established",
}
HARM_SHORT = {
    Harm.DIED: "The child died",
    Harm.SERIOUSLY_HARMED: "Seriously harmed",
    Harm.NEITHER: "Neither",
    Harm.UNKNOWN: "Not yet established",
}
HARM_LONG = HARM
# The notification duties, in the words of the GOV.UK "Report a serious child safeguarding
# incident" guidance and Working Together 2023.
CASE_KINDS = {
    CaseKind.SCSI: "Serious child safeguarding incident",
    CaseKind.LOOKED_AFTER_DEATH: "Death of a looked-after child",
    CaseKind.CARE_LEAVER_DEATH: "Death of a care leaver (up to and including age 24)",
}
# Why the Rapid Review row of the deadlines reads "not applicable", by kind.
NO_RAPID_REVIEW = {
    CaseKind.LOOKED_AFTER_DEATH: "Not applicable: no Rapid Review follows a looked-after "
    "child's death unless it is also a Serious Child Safeguarding Incident",
    CaseKind.CARE_LEAVER_DEATH: "Not applicable: no Rapid Review follows a care leaver's death",
}
LEGAL = {
    LegalStatus.NONE: "None",
    LegalStatus.CHILD_IN_NEED: "Child in need",
    LegalStatus.CHILD_PROTECTION_PLAN: "Child protection plan",
    LegalStatus.LOOKED_AFTER: "Looked after",
    LegalStatus.CARE_LEAVER: "Care leaver",
    LegalStatus.UNKNOWN: "Not known",
}
PROCESSES = {
    ParallelProcessKind.POLICE_INVESTIGATION: "Police investigation",
    ParallelProcessKind.CORONER_INQUEST: "Coroner's inquest",
    ParallelProcessKind.CHILD_DEATH_REVIEW: "Child death review",
    ParallelProcessKind.OTHER: "Other",
}
# Regulation 11 of the Child Safeguarding Practice Review and Relevant Agency (England)
# Regulations 2018: when a local CSPR may be appropriate.
CSPR_CRITERIA = {
    CsprCriterion.IMPROVEMENTS_NEEDED: (
        "(a) highlights or may highlight improvements needed, including ones identified before"
    ),
    CsprCriterion.RECURRENT_THEMES: "(b) highlights or may highlight recurrent themes",
    CsprCriterion.AGENCIES_WORKING_TOGETHER: (
        "(c) highlights or may highlight concerns about two or more agencies working together"
    ),
    CsprCriterion.PANEL_CONCLUDED_LOCAL_REVIEW: (
        "(d) the Child Safeguarding Practice Review Panel has considered and concluded a "
        "local review may be more appropriate"
    ),
}

# The regulation's criteria are what the partners must consider; they are not a checklist.
CSPR_CRITERIA_NOTE = (
    "The criteria in regulation 11 include these, but are not limited to them: meeting one does "
    "not make a review automatic, and a review may be recommended when none is ticked, with the "
    "rationale saying why."
)


def with_accelerator(text: str, key: str | None) -> str:
    """`text` with a keyboard accelerator (Qt's "&") on the first `key` in it, for a button."""
    if key is None:
        return text
    at = text.index(key)
    return f"{text[:at]}&{text[at:]}"


NATIONAL_REVIEW_VIEWS = {
    NationalReviewView.RECOMMENDED: "A national review is recommended",
    NationalReviewView.NOT_RECOMMENDED: "A national review is not recommended",
    NationalReviewView.UNDECIDED: "Not yet decided",
}
JOINT_REVIEW_KINDS = {
    JointReviewKind.SAR: "Safeguarding Adults Review",
    JointReviewKind.DHR: "Domestic Homicide Review (domestic abuse related death review)",
    JointReviewKind.OTHER: "Other learning review",
}


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 referral", "2 referrals", "1 Rapid Review", "0 CSPRs commissioned" (plural given)."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"
