"""The Local Authority's decision whether to notify the Panel, and its rationale."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.directory import Person
from lscp_desktop.models.enums import DecisionOutcome

if TYPE_CHECKING:
    from lscp_desktop.models.meeting import Meeting


class Decision(Base):
    __tablename__ = "decisions"
    # The register's notification facts, read from the index alone (migrations 0004, 0007).
    __table_args__ = (Index("ix_decisions_register", "outcome", "meeting_id", "decided_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    outcome: Mapped[DecisionOutcome] = mapped_column(db_enum(DecisionOutcome))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    decided_on: Mapped[dt.date] = mapped_column(Date)
    rationale: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")
    dissent_considered: Mapped[str] = mapped_column(Text, default="")
    escalated: Mapped[bool] = mapped_column(default=False)
    escalation_notes: Mapped[str] = mapped_column(Text, default="")
    # Why a decision was deferred (more information needed, decision-maker absent).
    deferral_reason: Mapped[str] = mapped_column(Text, default="")
    # True when the LA decided after the meeting; recorded_by/at say who entered it and when.
    post_meeting: Mapped[bool] = mapped_column(default=False)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)

    # Follow-up, editable after approval. The notification itself (date sent, the Panel's
    # reference) is the case's since migration 0007: it may be sent before any meeting.
    notified_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    rationale_shared_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    meeting: Mapped[Meeting] = relationship(back_populates="decision")
    decided_by: Mapped[Person | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")
    notified_by: Mapped[Person | None] = relationship(foreign_keys=[notified_by_id], lazy="joined")
