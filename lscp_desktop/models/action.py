"""Actions agreed at a meeting and the dated progress notes the Business Unit keeps on them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.directory import Agency, Person
from lscp_desktop.models.enums import ActionStatus

if TYPE_CHECKING:
    from lscp_desktop.models.meeting import Meeting


class Action(Base):
    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_status_due", "status", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), default=None)
    due: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[ActionStatus] = mapped_column(db_enum(ActionStatus), default=ActionStatus.OPEN)
    # An immediate safeguarding action, as opposed to learning or follow-up.
    immediate: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    owner: Mapped[Person | None] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")
    notes: Mapped[list[ActionNote]] = relationship(
        order_by="ActionNote.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )


class ActionNote(Base):
    __tablename__ = "action_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
