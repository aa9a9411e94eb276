"""The closed vocabularies of the record. Values are the names used in the JSON interchange."""

from __future__ import annotations

import enum


class PartnerRole(enum.StrEnum):
    """Which statutory safeguarding partner an agency is, if any."""

    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    HEALTH = "health"


class AbuseOrNeglect(enum.StrEnum):
    KNOWN = "known"
    SUSPECTED = "suspected"
    NOT_SUSPECTED = "not_suspected"
    UNKNOWN = "unknown"


class Harm(enum.StrEnum):
    DIED = "died"
    SERIOUSLY_HARMED = "seriously_harmed"
    NEITHER = "neither"
    UNKNOWN = "unknown"


class CaseKind(enum.StrEnum):
    """Which notification duty a case is: the kind decides its statutory path."""

    SCSI = "scsi"  # Children Act 2004 s16C (a looked-after child's death meeting the criteria too)
    LOOKED_AFTER_DEATH = "looked_after_death"  # notified whether or not abuse is suspected
    CARE_LEAVER_DEATH = "care_leaver_death"  # up to and including age 24


class CaseStatus(enum.StrEnum):
    REFERRED = "referred"
    UNDER_CONSIDERATION = "under_consideration"
    NOTIFIED = "notified"
    NOT_NOTIFIED = "not_notified"
    RAPID_REVIEW = "rapid_review"
    CSPR = "cspr"
    CLOSED = "closed"


class LegalStatus(enum.StrEnum):
    NONE = "none"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    LOOKED_AFTER = "looked_after"
    CARE_LEAVER = "care_leaver"
    UNKNOWN = "unknown"


class ParallelProcessKind(enum.StrEnum):
    POLICE_INVESTIGATION = "police_investigation"
    CORONER_INQUEST = "coroner_inquest"
    CHILD_DEATH_REVIEW = "child_death_review"
    OTHER = "other"


class MeetingKind(enum.StrEnum):
    EXTRAORDINARY_RAG = "extraordinary_rag"
    RAPID_REVIEW = "rapid_review"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"
    APPROVED = "approved"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class Opinion(enum.StrEnum):
    NOTIFY = "notify"
    DO_NOT_NOTIFY = "do_not_notify"
    UNDECIDED = "undecided"


class DecisionOutcome(enum.StrEnum):
    NOTIFY = "notify"
    DO_NOT_NOTIFY = "do_not_notify"
    DEFERRED = "deferred"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class CsprCriterion(enum.StrEnum):
    """Regulation 11 of the 2018 Regulations: when a local CSPR may be appropriate."""

    IMPROVEMENTS_NEEDED = "improvements_needed"
    RECURRENT_THEMES = "recurrent_themes"
    AGENCIES_WORKING_TOGETHER = "agencies_working_together"
    PANEL_CONCLUDED_LOCAL_REVIEW = "panel_concluded_local_review"


class ReviewRecommendation(enum.StrEnum):
    CSPR = "cspr"
    NO_CSPR = "no_cspr"
    OTHER_REVIEW = "other_review"


class PanelResponse(enum.StrEnum):
    AGREES = "agrees"
    DISAGREES = "disagrees"
    NATIONAL_REVIEW = "national_review"
    MORE_INFORMATION = "more_information"
    AWAITED = "awaited"


class NationalReviewView(enum.StrEnum):
    """The safeguarding partners' view, in the Rapid Review, on a national review."""

    RECOMMENDED = "recommended"
    NOT_RECOMMENDED = "not_recommended"
    UNDECIDED = "undecided"


class JointReviewKind(enum.StrEnum):
    """A review run jointly with another board or partnership."""

    SAR = "sar"  # Safeguarding Adults Review (Care Act 2014 s44)
    DHR = "dhr"  # Domestic Homicide / domestic abuse related death review
    OTHER = "other"


class RapidReviewDayZero(enum.StrEnum):
    """Where the 15 working days of a Rapid Review count from (sources differ)."""

    NOTIFICATION = "notification"
    AWARENESS = "awareness"
