"""The settings form: the user, organisation, directory, bank holidays and day-0 rule."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.cases.editing import CaseForm
from lscp_desktop.models.enums import PartnerRole, RapidReviewDayZero
from lscp_desktop.settings import form as settings_form
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store


def test_settings_round_trip_through_the_form(store: Store) -> None:
    with store.session() as session:
        form = settings_form.load_form(session)
        police = next(a for a in form.agencies if a.partner_role is PartnerRole.POLICE)
        form.user_name = "Sam Okafor"
        form.organisation = "Leeds Safeguarding Children Partnership"
        form.agencies.append(settings_form.AgencyEntry(None, "Leeds Youth Justice Service", "YJS"))
        form.people.append(settings_form.PersonEntry(None, "Pat Chair", "Independent Chair"))
        form.people.append(
            settings_form.PersonEntry(None, "DI Rao", "Detective Inspector", police.id)
        )
        form.default_chair = "Pat Chair"
        form.default_minute_taker = "DI Rao"
        form.rapid_review_day_zero = RapidReviewDayZero.AWARENESS
        form.extra_holidays = [settings_form.HolidayEntry(dt.date(2026, 5, 8), "Extra day")]
        settings_form.save_form(session, form)
    with store.session() as session:
        again = settings_form.load_form(session)
        assert again.user_name == "Sam Okafor"
        assert again.rapid_review_day_zero is RapidReviewDayZero.AWARENESS
        assert "Leeds Youth Justice Service" in {a.name for a in again.agencies}
        assert {(p.name, p.agency_id) for p in again.people} == {
            ("Pat Chair", None),
            ("DI Rao", police.id),
        }
        assert [(h.day, h.name) for h in again.extra_holidays] == [
            (dt.date(2026, 5, 8), "Extra day")
        ]
        chair = settings_form.default_chair(session)
        assert chair is not None and chair.role == "Independent Chair"
        assert settings.deadline_rules(session).extra_holidays == {dt.date(2026, 5, 8)}


def test_an_agency_that_cases_refer_to_cannot_be_removed(store: Store) -> None:
    with store.session() as session:
        police = next(c for c in cases.agency_choices(session) if "Police" in c.label)
        cases.create_case(
            session,
            CaseForm(
                reference="R-1",
                children=[ChildEntry(pseudonym="Child A")],
                referring_agency_id=police.id,
                referral_received=dt.date(2025, 12, 22),
                la_aware=dt.date(2025, 12, 22),
            ),
        )
    with store.session() as session:
        form = settings_form.load_form(session)
        form.agencies = [a for a in form.agencies if a.id != police.id]
        with pytest.raises(settings_form.SettingsInvalid) as error:
            settings_form.save_form(session, form)
    assert error.value.problems == [
        "West Yorkshire Police cannot be removed: cases, people or meetings refer to it."
    ]


def test_duplicate_names_and_a_missing_default_chair_are_explained(store: Store) -> None:
    with store.session() as session:
        form = settings_form.load_form(session)
        form.people = [
            settings_form.PersonEntry(None, "Alex Smith"),
            settings_form.PersonEntry(None, "alex smith "),
        ]
        form.default_chair = "Nobody Here"
        form.organisation = " "
        with pytest.raises(settings_form.SettingsInvalid) as error:
            settings_form.save_form(session, form)
    assert error.value.problems == [
        "Enter the organisation's name; it heads the minutes.",
        "Two people are called alex smith; add something to tell them apart.",
        "The default chair (Nobody Here) is not among the people.",
    ]
