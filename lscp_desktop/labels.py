"""The words users see for each value of the record's closed vocabularies (models/enums.py).

One place, so the case form, the meeting screens and every export say the same thing.
"""

from __future__ import annotations

from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    CaseKind,
    CsprCriterion,
    DecisionOutcome,
    Harm,
    LegalStatus,
    Opinion,
    ParallelProcessKind,
)

OPINIONS = {
    Opinion.NOTIFY: "Notify",
    Opinion.DO_NOT_NOTIFY: "Do not notify",
    Opinion.UNDECIDED: "Undecided",
}
OUTCOMES = {
    DecisionOutcome.NOTIFY: "Notify the National Panel",
    DecisionOutcome.DO_NOT_NOTIFY: "Do not notify the National Panel",
    DecisionOutcome.DEFERRED: "Decision deferred",
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
