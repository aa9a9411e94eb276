"""Cases checked out of a shared server to a laptop copy for an offline meeting (issue 17).

A row of `checkouts` is the lease: the case (by reference, which a check-in keeps while the
rows are replaced), who holds it, on which machine, since when, and a random token that the
laptop copy carries in its own store. `checkouts_ended` keeps every lease that ended, by its
token, so a check-in with a lease that was taken over can say who took it over.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lscp_desktop.models.base import Base


class Checkout(Base):
    __tablename__ = "checkouts"

    reference: Mapped[str] = mapped_column(String(100), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    holder: Mapped[str] = mapped_column(String(200))
    machine: Mapped[str] = mapped_column(String(200))
    since: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC, to the second
    copy: Mapped[str] = mapped_column(Text, default="")  # the laptop file, as its holder named it


class CheckoutEnded(Base):
    __tablename__ = "checkouts_ended"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    reference: Mapped[str] = mapped_column(String(100))
    holder: Mapped[str] = mapped_column(String(200))
    machine: Mapped[str] = mapped_column(String(200))
    how: Mapped[str] = mapped_column(String(20))  # "checked in" or "taken over"
    by: Mapped[str] = mapped_column(String(200))
    by_machine: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC, to the second
