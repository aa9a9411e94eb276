"""Who takes part: agencies and the people who represent them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.enums import PartnerRole


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(40), default="")
    # Set for the three statutory safeguarding partners; None for a relevant agency.
    partner_role: Mapped[PartnerRole | None] = mapped_column(db_enum(PartnerRole), default=None)

    people: Mapped[list[Person]] = relationship(back_populates="agency")

    @property
    def is_statutory(self) -> bool:
        return self.partner_role is not None

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), default=None)

    agency: Mapped[Agency | None] = relationship(back_populates="people")
