"""What a Rapid Review concluded: the CSPR decision and the National Panel's response."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.enums import (
    CsprCriterion,
    PanelResponse,
    ReviewRecommendation,
)

if TYPE_CHECKING:
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

    meeting: Mapped[Meeting] = relationship(back_populates="review_outcome")
    criteria: Mapped[list[ReviewCriterion]] = relationship(
        order_by="ReviewCriterion.position",
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
