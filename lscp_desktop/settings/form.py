"""The settings dialog's form: everything it edits, read, checked and saved as one unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines.rules import RAPID_REVIEW_DAY_ZERO
from lscp_desktop.models import (
    Action,
    Agency,
    Attendance,
    Case,
    Contribution,
    Decision,
    ExtraHoliday,
    Meeting,
    Person,
)
from lscp_desktop.models.enums import PartnerRole, RapidReviewDayZero
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.settings.stored import (
    DEFAULT_CHAIR,
    DEFAULT_MINUTE_TAKER,
    IDLE_LOCK_MINUTES,
    NAMES_TO_KEEP_OUT,
    ORGANISATION,
    USER_NAME,
    get,
    put,
)

MAX_IDLE_LOCK_MINUTES = 240


def extra_holidays(session: Session) -> list[dt.date]:
    return list(session.scalars(select(ExtraHoliday.day).order_by(ExtraHoliday.day)))


@dataclass
class AgencyEntry:
    id: int | None  # None for an agency added in the dialog
    name: str
    short_name: str = ""
    partner_role: PartnerRole | None = None


@dataclass
class PersonEntry:
    id: int | None
    name: str
    role: str = ""
    agency_id: int | None = None
    email: str = ""
    # An agency added in the same form (it has no id yet), by its name.
    agency_name: str = ""


@dataclass
class HolidayEntry:
    day: dt.date
    name: str = ""


@dataclass
class SettingsForm:
    user_name: str = ""
    organisation: str = ""
    # Defaults for a new meeting, by the person's name (names are unique in the directory).
    default_chair: str = ""
    default_minute_taker: str = ""
    rapid_review_day_zero: RapidReviewDayZero = RapidReviewDayZero.NOTIFICATION
    # Names to keep out of every export besides the child's (parents, partners), one a line.
    names_to_keep_out: str = ""
    idle_lock_minutes: int = 10  # 0: no idle lock (suspend and screen lock still lock)
    agencies: list[AgencyEntry] = field(default_factory=list)
    people: list[PersonEntry] = field(default_factory=list)
    extra_holidays: list[HolidayEntry] = field(default_factory=list)


class SettingsInvalid(RuleRefused):
    """The settings cannot be saved as they stand; `problems` are messages for the user."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_form(session: Session) -> SettingsForm:
    return SettingsForm(
        user_name=get(session, USER_NAME),
        organisation=get(session, ORGANISATION),
        default_chair=get(session, DEFAULT_CHAIR),
        default_minute_taker=get(session, DEFAULT_MINUTE_TAKER),
        rapid_review_day_zero=RapidReviewDayZero(get(session, RAPID_REVIEW_DAY_ZERO)),
        names_to_keep_out=get(session, NAMES_TO_KEEP_OUT),
        idle_lock_minutes=_minutes(get(session, IDLE_LOCK_MINUTES)),
        agencies=[
            AgencyEntry(agency.id, agency.name, agency.short_name, agency.partner_role)
            for agency in session.scalars(select(Agency).order_by(func.lower(Agency.name)))
        ],
        people=[
            PersonEntry(person.id, person.name, person.role, person.agency_id, person.email)
            for person in session.scalars(select(Person).order_by(func.lower(Person.name)))
        ],
        extra_holidays=[
            HolidayEntry(holiday.day, holiday.name)
            for holiday in session.scalars(select(ExtraHoliday).order_by(ExtraHoliday.day))
        ],
    )


def _uses_of_agency(session: Session, agency_id: int) -> int:
    return sum(
        session.scalar(select(func.count()).where(column == agency_id)) or 0
        for column in (
            Case.referring_agency_id,
            Person.agency_id,
            Attendance.agency_id,
            Contribution.agency_id,
            Action.agency_id,
        )
    )


def _uses_of_person(session: Session, person_id: int) -> int:
    return sum(
        session.scalar(select(func.count()).where(column == person_id)) or 0
        for column in (
            Meeting.chair_id,
            Meeting.minute_taker_id,
            Attendance.person_id,
            Contribution.representative_id,
            Decision.decided_by_id,
            Decision.notified_by_id,
            Action.owner_id,
        )
    )


def _duplicates(names: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for name in names:
        key = name.strip().lower()
        if key in seen and name.strip() not in repeated:
            repeated.append(name.strip())
        seen.add(key)
    return repeated


def _minutes(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 10


def problems_with_form(session: Session, form: SettingsForm) -> list[str]:
    problems: list[str] = []
    if not 0 <= form.idle_lock_minutes <= MAX_IDLE_LOCK_MINUTES:
        problems.append(
            f"The idle lock is between 1 and {MAX_IDLE_LOCK_MINUTES} minutes, or 0 for none."
        )
    if not form.organisation.strip():
        problems.append("Enter the organisation's name; it heads the minutes.")
    if any(not agency.name.strip() for agency in form.agencies):
        problems.append("Every agency needs a name.")
    for name in _duplicates([agency.name for agency in form.agencies]):
        problems.append(f"Two agencies are called {name}; agency names must differ.")
    if any(not person.name.strip() for person in form.people):
        problems.append("Every person needs a name.")
    for name in _duplicates([person.name for person in form.people]):
        problems.append(f"Two people are called {name}; add something to tell them apart.")
    for person in form.people:
        if person.email.strip() and "@" not in person.email:
            problems.append(f"{person.name}'s email address ({person.email}) is not valid.")
    kept_agencies = {agency.id for agency in form.agencies if agency.id is not None}
    for agency in session.scalars(select(Agency)):
        if agency.id not in kept_agencies and _uses_of_agency(session, agency.id):
            problems.append(
                f"{agency.name} cannot be removed: cases, people or meetings refer to it."
            )
    known_agencies = kept_agencies
    new_agencies = {agency.name.strip() for agency in form.agencies if agency.id is None}
    for person in form.people:
        if person.agency_name and person.agency_name.strip() not in new_agencies:
            problems.append(f"{person.name}'s agency is being removed; choose another first.")
        if person.agency_id is not None and person.agency_id not in known_agencies:
            problems.append(f"{person.name}'s agency is being removed; choose another first.")
    kept_people = {person.id for person in form.people if person.id is not None}
    for existing in session.scalars(select(Person)):
        if existing.id not in kept_people and _uses_of_person(session, existing.id):
            problems.append(
                f"{existing.name} cannot be removed: meetings, decisions or actions name them."
            )
    names = {person.name.strip() for person in form.people}
    defaults = (("chair", form.default_chair), ("minute-taker", form.default_minute_taker))
    for label, chosen in defaults:
        if chosen.strip() and chosen.strip() not in names:
            problems.append(f"The default {label} ({chosen}) is not among the people.")
    days = [holiday.day for holiday in form.extra_holidays]
    for day in sorted({day for day in days if days.count(day) > 1}):
        problems.append(f"The bank holiday on {numeric_date(day)} is listed twice.")
    return problems


def save_form(session: Session, form: SettingsForm) -> None:
    """Store the whole form, or nothing: raises SettingsInvalid before changing anything."""
    problems = problems_with_form(session, form)
    if problems:
        raise SettingsInvalid(problems)
    put(session, USER_NAME, form.user_name.strip())
    put(session, ORGANISATION, form.organisation.strip())
    listed = (" ".join(line.split()) for line in form.names_to_keep_out.splitlines())
    put(session, NAMES_TO_KEEP_OUT, "\n".join(line for line in listed if line))
    put(session, IDLE_LOCK_MINUTES, str(form.idle_lock_minutes))
    put(session, DEFAULT_CHAIR, form.default_chair.strip())
    put(session, DEFAULT_MINUTE_TAKER, form.default_minute_taker.strip())
    put(session, RAPID_REVIEW_DAY_ZERO, form.rapid_review_day_zero.value)

    # Removals first, so a renamed-and-re-added name does not hit the unique constraint.
    kept_people = {person.id for person in form.people if person.id is not None}
    for person in session.scalars(select(Person)).all():
        if person.id not in kept_people:
            session.delete(person)
    kept_agencies = {agency.id for agency in form.agencies if agency.id is not None}
    for agency in session.scalars(select(Agency)).all():
        if agency.id not in kept_agencies:
            session.delete(agency)
    session.flush()

    for entry in form.agencies:
        found = Agency() if entry.id is None else session.get(Agency, entry.id)
        assert found is not None, "checked above: kept agencies exist"
        agency = found
        agency.name = entry.name.strip()
        agency.short_name = entry.short_name.strip()
        agency.partner_role = entry.partner_role
        session.add(agency)
    session.flush()
    by_name = {agency.name: agency.id for agency in session.scalars(select(Agency))}
    for person_entry in form.people:
        known = Person() if person_entry.id is None else session.get(Person, person_entry.id)
        assert known is not None, "checked above: kept people exist"
        person = known
        person.name = person_entry.name.strip()
        person.role = person_entry.role.strip()
        person.agency_id = (
            person_entry.agency_id
            if person_entry.agency_id is not None
            else by_name.get(person_entry.agency_name.strip())
        )
        person.email = person_entry.email.strip()
        session.add(person)

    session.execute(delete(ExtraHoliday))
    for holiday in form.extra_holidays:
        session.add(ExtraHoliday(day=holiday.day, name=holiday.name.strip()))
    session.flush()


def person_named(session: Session, name: str) -> Person | None:
    """The person a name setting (default chair, minute-taker) points at, if still there."""
    if not name.strip():
        return None
    return session.scalar(select(Person).where(Person.name == name.strip()))


def default_chair(session: Session) -> Person | None:
    return person_named(session, get(session, DEFAULT_CHAIR))


def default_minute_taker(session: Session) -> Person | None:
    return person_named(session, get(session, DEFAULT_MINUTE_TAKER))
