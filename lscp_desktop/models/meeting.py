"""A meeting about a case and what was said in it: attendance, contributions, minutes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.directory import Agency, Person
from lscp_desktop.models.enums import (
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    Opinion,
)

if TYPE_CHECKING:
    from lscp_desktop.models.action import Action
    from lscp_desktop.models.case import Case
    from lscp_desktop.models.decision import Decision
    from lscp_desktop.models.review import LearningSheet, ReviewOutcome


def _ordered(target: str) -> dict[str, object]:
    return {
        "order_by": f"{target}.position",
        "collection_class": ordering_list("position"),
        "cascade": "all, delete-orphan",
    }


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_held_at", "held_at"),
        Index("ix_meetings_kind_status_case", "kind", "status", "case_id"),  # the register
    )

    # Opaque and kept across laptops, so not an autoincrement number.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[MeetingKind] = mapped_column(db_enum(MeetingKind))
    # Local (Europe/London) wall-clock time, minute precision, as people say it.
    held_at: Mapped[dt.datetime] = mapped_column(DateTime)
    location: Mapped[str] = mapped_column(Text, default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    minute_taker_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    status: Mapped[MeetingStatus] = mapped_column(
        db_enum(MeetingStatus), default=MeetingStatus.PLANNED
    )
    # Where the stepper was, so a restart after a crash reopens the meeting at the same step.
    current_step: Mapped[str] = mapped_column(String(100), default="")
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    concluded_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    approved_by: Mapped[str | None] = mapped_column(String(200), default=None)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    # The statutory deadlines as they stood at approval (JSON, written by the approval): the
    # approved minutes print these, whatever later settings or bank holidays do to the
    # register. Locked with the minutes (migration 0007). "" until approved.
    approved_deadlines: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Why the meeting concluded though a safeguarding partner was not represented or gave no
    # opinion (e.g. "Health sent a written view, read into the minutes"); printed in the minutes.
    quorum_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # On a server, raised by one at every change to the meeting or what hangs from it
    # (store/versions.py, migration 0010): an edit made on an older version is refused.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Set by store/versions.py; SQLAlchemy checks it in each UPDATE's WHERE clause.
    __mapper_args__ = {  # noqa: RUF012 - SQLAlchemy reads it once, at mapping
        "version_id_col": version,
        "version_id_generator": False,
    }

    case: Mapped[Case] = relationship(back_populates="meetings")
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id], lazy="joined")
    minute_taker: Mapped[Person | None] = relationship(
        foreign_keys=[minute_taker_id], lazy="joined"
    )
    attendees: Mapped[list[Attendance]] = relationship(**_ordered("Attendance"))  # type: ignore[arg-type]
    contributions: Mapped[list[Contribution]] = relationship(**_ordered("Contribution"))  # type: ignore[arg-type]
    minutes: Mapped[list[MinuteItem]] = relationship(**_ordered("MinuteItem"))  # type: ignore[arg-type]
    step_times: Mapped[list[StepTime]] = relationship(**_ordered("StepTime"))  # type: ignore[arg-type]
    distribution: Mapped[list[Recipient]] = relationship(**_ordered("Recipient"))  # type: ignore[arg-type]
    addenda: Mapped[list[Addendum]] = relationship(**_ordered("Addendum"))  # type: ignore[arg-type]
    actions: Mapped[list[Action]] = relationship(back_populates="meeting", **_ordered("Action"))  # type: ignore[arg-type]
    decision: Mapped[Decision | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", uselist=False
    )
    review_outcome: Mapped[ReviewOutcome | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", uselist=False
    )
    learning_sheet: Mapped[LearningSheet | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", uselist=False
    )


class Attendance(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    # Role and agency as they were on the day: people move on.
    role: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), default=None)
    status: Mapped[AttendanceStatus] = mapped_column(
        db_enum(AttendanceStatus), default=AttendanceStatus.PRESENT
    )
    deputy_for: Mapped[str | None] = mapped_column(String(200), default=None)
    invited_professional: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")


class Contribution(Base):
    """A partner's information and professional opinion, with its reasons."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    representative_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    information: Mapped[str] = mapped_column(Text, default="")
    opinion: Mapped[Opinion] = mapped_column(db_enum(Opinion), default=Opinion.UNDECIDED)
    reasons: Mapped[str] = mapped_column(Text, default="")

    agency: Mapped[Agency] = relationship(lazy="joined")
    representative: Mapped[Person | None] = relationship(lazy="joined")


class MinuteItem(Base):
    """The minutes of one agenda item, kept verbatim."""

    __tablename__ = "minute_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    item: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")


class StepTime(Base):
    """Time spent on one step of the meeting, for the record and the chair's clock."""

    __tablename__ = "step_times"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    step: Mapped[str] = mapped_column(String(100))
    seconds: Mapped[int] = mapped_column(default=0)


class Recipient(Base):
    """One entry of a meeting's distribution list."""

    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="")


class Addendum(Base):
    """A correction made after the minutes were approved, with its own date and author."""

    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
