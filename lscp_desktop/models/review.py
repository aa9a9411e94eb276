"""What a Rapid Review concluded: the CSPR decision and the Panel's response."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.enums import (
    CsprCriterion,
    JointReviewKind,
    NationalReviewView,
    PanelResponse,
    ReviewRecommendation,
)

if TYPE_CHECKING:
    from lscp_desktop.models.case import Case
    from lscp_desktop.models.meeting import Meeting


class ReviewOutcome(Base):
    __tablename__ = "review_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    recommendation: Mapped[ReviewRecommendation | None] = mapped_column(
        db_enum(ReviewRecommendation), default=None
    )
    rationale: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    submitted_to_panel_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    panel_response: Mapped[PanelResponse] = mapped_column(
        db_enum(PanelResponse), default=PanelResponse.AWAITED
    )
    panel_response_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    panel_comments: Mapped[str] = mapped_column(Text, default="")
    cspr_published_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # The Panel asked for more information: the date the Rapid Review went back to it.
    resubmitted_to_panel_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    inequalities: Mapped[str] = mapped_column(Text, default="", server_default="")
    good_practice: Mapped[str] = mapped_column(Text, default="", server_default="")
    learning: Mapped[str] = mapped_column(Text, default="", server_default="")
    immediate_action: Mapped[str] = mapped_column(Text, default="", server_default="")
    national_review_view: Mapped[NationalReviewView] = mapped_column(
        db_enum(NationalReviewView),
        default=NationalReviewView.UNDECIDED,
        server_default=NationalReviewView.UNDECIDED.value,
    )
    national_review_rationale: Mapped[str] = mapped_column(Text, default="", server_default="")

    meeting: Mapped[Meeting] = relationship(back_populates="review_outcome")
    criteria: Mapped[list[ReviewCriterion]] = relationship(
        order_by="ReviewCriterion.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    episodes: Mapped[list[KeyPracticeEpisode]] = relationship(
        order_by="KeyPracticeEpisode.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    sign_off: Mapped[list[SignOff]] = relationship(
        order_by="SignOff.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def criteria_met(self) -> list[CsprCriterion]:
        return [row.criterion for row in self.criteria if row.met]


class ReviewCriterion(Base):
    """One regulation 11 criterion as the Rapid Review assessed it, with its evidence."""

    __tablename__ = "review_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("review_outcomes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    criterion: Mapped[CsprCriterion] = mapped_column(db_enum(CsprCriterion))
    met: Mapped[bool] = mapped_column(default=False)
    evidence: Mapped[str] = mapped_column(Text, default="")


class LearningSheet(Base):
    """The Business Unit's one-page summary of a review for partners' training leads."""

    __tablename__ = "learning_sheets"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str] = mapped_column(String(300), default="")
    incident_summary: Mapped[str] = mapped_column(Text, default="")
    good_practice: Mapped[str] = mapped_column(Text, default="")
    learning: Mapped[str] = mapped_column(Text, default="")
    do_differently: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)

    meeting: Mapped[Meeting] = relationship(back_populates="learning_sheet")


class KeyPracticeEpisode(Base):
    """A point in the child's story where practice mattered, as the Rapid Review analysed it."""

    __tablename__ = "key_practice_episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("review_outcomes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300), default="")
    period: Mapped[str] = mapped_column(String(200), default="")  # a date or a period, as written
    agencies: Mapped[str] = mapped_column(Text, default="")  # one agency a line
    description: Mapped[str] = mapped_column(Text, default="")
    analysis: Mapped[str] = mapped_column(Text, default="")

    @property
    def agency_list(self) -> list[str]:
        return [line.strip() for line in (self.agencies or "").splitlines() if line.strip()]


class SignOff(Base):
    """One safeguarding partner's sign-off of the Rapid Review before it goes to the Panel."""

    __tablename__ = "review_sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("review_outcomes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    agency: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class Cspr(Base):
    """A local Child Safeguarding Practice Review from commissioning to publication."""

    __tablename__ = "csprs"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    commissioned_on: Mapped[dt.date] = mapped_column(Date)
    reviewers: Mapped[str] = mapped_column(Text, default="")  # one reviewer a line
    terms_of_reference_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    final_report_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    sent_to_panel_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    published_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    not_published_reason: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="cspr")
    progress: Mapped[list[CsprProgress]] = relationship(
        order_by="CsprProgress.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def reviewer_list(self) -> list[str]:
        return [line.strip() for line in (self.reviewers or "").splitlines() if line.strip()]


class CsprProgress(Base):
    """A dated note of the partners' monitoring of the CSPR (regulation 14)."""

    __tablename__ = "cspr_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    cspr_id: Mapped[int] = mapped_column(ForeignKey("csprs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    next_check_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class JointReview(Base):
    """A SAR, a domestic abuse related death review or another review run jointly."""

    __tablename__ = "joint_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[JointReviewKind] = mapped_column(db_enum(JointReviewKind))
    partner_board: Mapped[str] = mapped_column(String(300), default="")
    started_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    completed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
