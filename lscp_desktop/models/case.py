"""A case: one referred incident, the children it affected, and what is known about it.

One notification per incident, however many children it affected (the Panel's form takes up to
four and the rest in the outline): a case holds one or more `Child` rows. `child_pseudonym` on
the case is the incident's name in every register and document ("Child A and Child B"), written
from the children's pseudonyms by `cases.children.children_label` whenever they are saved.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lscp_desktop.models.base import Base, db_enum
from lscp_desktop.models.directory import Agency
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    CaseKind,
    CaseStatus,
    Harm,
    LegalStatus,
    ParallelProcessKind,
)

if TYPE_CHECKING:
    from lscp_desktop.models.meeting import Meeting
    from lscp_desktop.models.review import Cspr, JointReview


class Theme(Base):
    """A cross-cutting learning theme (professional curiosity, disguised compliance, ...)."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class CaseTheme(Base):
    __tablename__ = "case_themes"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    theme: Mapped[Theme] = relationship(lazy="joined")


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_referral_received", "referral_received"),
        # Covers the register's columns in its order (migrations 0004, 0005, 0006, 0007).
        Index(
            "ix_cases_register",
            text("referral_received DESC"),
            "reference",
            "child_pseudonym",
            "status",
            "la_aware",
            "referring_agency_id",
            "kind",
            "partners_informed_on",
            "notified_on",
        ),
        # The few archived cases, which the register leaves out (migration 0005).
        Index("ix_cases_archived", "id", sqlite_where=text("archived_on IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    # The kind decides the path: only an SCSI has a Rapid Review and a CSPR decision.
    kind: Mapped[CaseKind] = mapped_column(
        db_enum(CaseKind), default=CaseKind.SCSI, server_default=CaseKind.SCSI.value
    )
    # The children's pseudonyms as documents name the incident; see cases/children.py.
    child_pseudonym: Mapped[str] = mapped_column(String(100))
    referring_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    referral_received: Mapped[dt.date] = mapped_column(Date)
    la_aware: Mapped[dt.date] = mapped_column(Date)
    incident_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CaseStatus] = mapped_column(db_enum(CaseStatus), default=CaseStatus.REFERRED)
    retrospective: Mapped[bool] = mapped_column(default=False)
    # Archived: kept whole (approved records are never erased) but out of the open register;
    # still searchable and exportable.
    archived_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    # The two limbs of a serious child safeguarding incident, each with its evidence.
    abuse_or_neglect: Mapped[AbuseOrNeglect] = mapped_column(
        db_enum(AbuseOrNeglect), default=AbuseOrNeglect.UNKNOWN
    )
    abuse_or_neglect_evidence: Mapped[str] = mapped_column(Text, default="")
    harm: Mapped[Harm] = mapped_column(db_enum(Harm), default=Harm.UNKNOWN)
    harm_evidence: Mapped[str] = mapped_column(Text, default="")

    # Who was told that a notification is being considered, and when.
    chair_and_business_unit_told_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    partners_informed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    # The notification record (the case's, not a meeting's: it may be sent before the meeting),
    # in the order the Panel's online form asks for it (migration 0007).
    incident_time: Mapped[str | None] = mapped_column(String(5), default=None)  # "HH:MM"
    incident_location: Mapped[str] = mapped_column(Text, default="", server_default="")
    incident_area: Mapped[str] = mapped_column(Text, default="", server_default="")
    outside_england: Mapped[bool] = mapped_column(default=False, server_default="0")
    notifier_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notifier_role: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notifier_email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notifier_phone: Mapped[str] = mapped_column(String(100), default="", server_default="")
    notified_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    panel_reference: Mapped[str] = mapped_column(String(100), default="", server_default="")

    # Retired by migration 0007 (each child has its own legal status now). SQLite cannot drop a
    # column its CHECK constraint names without rebuilding `cases`, which would cascade deletes
    # through every table that refers to it; the column stays, always "unknown", unread.
    retired_legal_status: Mapped[LegalStatus] = mapped_column(
        "legal_status", db_enum(LegalStatus), default=LegalStatus.UNKNOWN
    )
    # On a server, raised by one at every change to the case or its children, links, themes
    # (store/versions.py, migration 0010): an edit made on an older version is refused.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Set by store/versions.py; SQLAlchemy checks it in each UPDATE's WHERE clause.
    __mapper_args__ = {  # noqa: RUF012 - SQLAlchemy reads it once, at mapping
        "version_id_col": version,
        "version_id_generator": False,
    }

    referring_agency: Mapped[Agency] = relationship(lazy="joined")
    case_themes: Mapped[list[CaseTheme]] = relationship(
        order_by="CaseTheme.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    children: Mapped[list[Child]] = relationship(
        order_by="Child.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    links: Mapped[list[CaseLink]] = relationship(
        order_by="CaseLink.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    parallel_processes: Mapped[list[ParallelProcess]] = relationship(
        order_by="ParallelProcess.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="case",
        order_by="Meeting.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    cspr: Mapped[Cspr | None] = relationship(
        back_populates="case", cascade="all, delete-orphan", uselist=False
    )
    joint_reviews: Mapped[list[JointReview]] = relationship(
        order_by="JointReview.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )

    @property
    def themes(self) -> list[Theme]:
        return [link.theme for link in self.case_themes]


class Child(Base):
    """A child the incident affected, as the Panel's notification form asks about each one."""

    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    pseudonym: Mapped[str] = mapped_column(String(100))
    # The only place a real name lives; only the archive export (`export-data`) carries it.
    name: Mapped[str | None] = mapped_column(Text, default=None)
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    age: Mapped[str] = mapped_column(String(100), default="")  # where the date is not known
    sex: Mapped[str] = mapped_column(String(100), default="")
    ethnicity: Mapped[str] = mapped_column(String(200), default="")
    disability: Mapped[str] = mapped_column(Text, default="")
    legal_status: Mapped[LegalStatus] = mapped_column(
        db_enum(LegalStatus), default=LegalStatus.UNKNOWN
    )
    home_authority: Mapped[str] = mapped_column(String(200), default="")
    health: Mapped[str] = mapped_column(Text, default="")


class CaseLink(Base):
    """Another case this one is linked to (a sibling, the same incident), by reference."""

    __tablename__ = "case_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # A reference rather than a key: the linked case may live on another laptop.
    linked_reference: Mapped[str] = mapped_column(String(100))
    relation: Mapped[str] = mapped_column(String(200), default="")


class ParallelProcess(Base):
    """A process running beside the review: police investigation, inquest, child death review."""

    __tablename__ = "parallel_processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[ParallelProcessKind] = mapped_column(db_enum(ParallelProcessKind))
    notes: Mapped[str] = mapped_column(Text, default="")
