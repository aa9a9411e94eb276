"""A bad file gets a clear message naming its place, and the database is left as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from lscp_desktop.interchange import (
    InterchangeError,
    export_document,
    import_document,
    parse_document,
)
from lscp_desktop.store.database import Store
from tests.interchange.documents import rich_document

Doc = dict[str, Any]


def _set(path: list[Any], value: Any) -> Callable[[Doc], None]:
    def change(document: Doc) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


BAD_FILES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("wrong version", _set(["version"], 3), "version: this version of LSCP Desktop reads"),
    ("wrong format", _set(["format"], "something-else"), "format: expected 'lscp-desktop'"),
    (
        "unknown opinion",
        _set(["cases", 1, "meetings", 0, "contributions", 2, "opinion"], "maybe"),
        "cases[1].meetings[0].contributions[2].opinion: 'maybe' is not one of notify",
    ),
    (
        "impossible date",
        _set(["cases", 0, "la_aware"], "2025-02-30"),
        "cases[0].la_aware: '2025-02-30' is not a real date",
    ),
    (
        "date in another shape",
        _set(["cases", 0, "referral_received"], "22/12/2025"),
        "cases[0].referral_received: '22/12/2025' is not a date in the form YYYY-MM-DD",
    ),
    (
        "held_at with seconds",
        _set(["cases", 1, "meetings", 0, "held_at"], "2025-12-23T14:30:00"),
        "cases[1].meetings[0].held_at",
    ),
    (
        "duplicate reference",
        _set(["cases", 0, "reference"], "LSCP-2025-014"),
        "cases[1].reference: 'LSCP-2025-014' appears twice",
    ),
    (
        "duplicate meeting id",
        _set(["cases", 1, "meetings", 1, "id"], "meeting-rag-1"),
        "cases[1].meetings[1].id: meeting id 'meeting-rag-1' appears twice",
    ),
    (
        "ten megabytes of text",
        _set(["cases", 1, "summary"], "x" * (10 * 1024 * 1024)),
        "cases[1].summary: is 10,485,760 characters long; the limit is 5 MB",
    ),
    (
        "text where a list belongs",
        _set(["cases", 1, "themes"], "Domestic abuse"),
        "cases[1].themes: expected a list, found str",
    ),
    (
        "a number where text belongs",
        _set(["cases", 1, "children", 0, "pseudonym"], 7),
        "cases[1].children[0].pseudonym: expected text, found int",
    ),
    (
        "missing pseudonym",
        _set(["cases", 1, "children", 0, "pseudonym"], None),
        "cases[1].children[0].pseudonym: is required",
    ),
    (
        "no children",
        _set(["cases", 1, "children"], []),
        "cases[1].children: Add the child (or children) the incident affected.",
    ),
    (
        "two children with one pseudonym",
        _set(["cases", 1, "children", 1, "pseudonym"], "child a"),
        "cases[1].children[1].pseudonym: Two children share the pseudonym child a.",
    ),
    (
        "a sibling's real name in a pseudonym",
        _set(["cases", 1, "children", 0, "pseudonym"], "Second Real Name Kept Only In The Archive"),
        "cases[1].children[0].pseudonym: The pseudonym must not contain a child's real name.",
    ),
    (
        "a date of birth after the incident",
        _set(["cases", 1, "children", 0, "date_of_birth"], "2025-12-21"),
        "cases[1].children[0].date_of_birth: The date of birth (21/12/2025) is after the incident",
    ),
    (
        "an incident time that is not a time",
        _set(["cases", 1, "incident_time"], "7.45pm"),
        "cases[1].incident_time: The incident time (7.45pm) must be HH:MM",
    ),
    (
        "the version-1 child in a version-2 file",
        _set(["cases", 1, "child_pseudonym"], "Child A"),
        "cases[1]: unknown field(s) child_pseudonym",
    ),
    (
        "unknown field",
        _set(["cases", 1, "meetings", 0, "mood"], "tense"),
        "cases[1].meetings[0]: unknown field(s) mood",
    ),
    (
        "two contributions from one agency",
        _set(["cases", 1, "meetings", 0, "contributions", 2, "agency"], "West Yorkshire Police"),
        "cases[1].meetings[0].contributions[2].agency: 'West Yorkshire Police' already gave",
    ),
    (
        "the real name as the pseudonym",
        _set(["cases", 1, "children", 0, "pseudonym"], "Real Name Kept Only In The Archive"),
        "cases[1].children[0].pseudonym: The pseudonym must not contain a child's real name.",
    ),
    (
        "notification before awareness",
        _set(["cases", 1, "notified_on"], "2025-12-19"),
        "cases[1].notified_on: The notification date (19/12/2025) is before the Local Authority "
        "became aware (22/12/2025)",
    ),
    (
        "notification in the future",
        _set(["cases", 1, "notified_on"], "2199-01-01"),
        "cases[1].notified_on: The notification date (01/01/2199) is in the future",
    ),
    (
        "a notification in a version-2 decision",
        _set(["cases", 1, "meetings", 0, "decision", "notified_on"], "2025-12-24"),
        "cases[1].meetings[0].decision: unknown field(s) notified_on",
    ),
    (
        "aware before the incident",
        _set(["cases", 1, "la_aware"], "2025-12-01"),
        "cases[1].la_aware: The date the Local Authority became aware (01/12/2025) is before "
        "the incident",
    ),
    (
        "decided before the Local Authority was aware",
        _set(["cases", 1, "meetings", 0, "decision", "decided_on"], "2025-12-01"),
        "cases[1].meetings[0].decision.decided_on: The decision date (01/12/2025) is before "
        "the Local Authority became aware",
    ),
    (
        "decided in the future",
        _set(["cases", 1, "meetings", 0, "decision", "decided_on"], "2199-01-01"),
        "cases[1].meetings[0].decision.decided_on: The decision date (01/01/2199) is in the future",
    ),
    (
        "a date in the future",
        _set(["cases", 1, "partners_informed_on"], "2199-01-01"),
        "cases[1].partners_informed_on: The date partners were informed (01/01/2199) is in the "
        "future",
    ),
    (
        "a reference differing only in letter case",
        _set(["cases", 0, "reference"], "lscp-2025-014"),
        "cases[1].reference: 'LSCP-2025-014' appears twice",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [(c, e) for _, c, e in BAD_FILES],
    ids=[name for name, _, _ in BAD_FILES],
)
def test_bad_file_is_refused_naming_the_place_and_nothing_changes(
    store: Store, change: Callable[[Doc], None], expected: str
) -> None:
    with store.session() as session:
        import_document(
            session,
            {"format": "lscp-desktop", "version": 2, "cases": [rich_document()["cases"][0]]},
        )
    with store.session() as session:
        before = export_document(session)
    document = rich_document()
    document["cases"][0]["reference"] = "NEW-1"
    change(document)
    with pytest.raises(InterchangeError) as raised, store.session() as session:
        import_document(session, document)
    assert expected in str(raised.value)
    with store.session() as session:
        assert export_document(session) == before


def test_a_reference_already_in_the_database_is_refused_naming_it(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    with (
        pytest.raises(InterchangeError, match="'LSCP-2025-002' is already in the database"),
        store.session() as session,
    ):
        import_document(session, rich_document())


def test_a_meeting_id_already_in_the_database_is_refused_naming_it(store: Store) -> None:
    with store.session() as session:
        import_document(session, rich_document())
    document = rich_document()
    document["cases"] = [copy.deepcopy(document["cases"][1])]
    document["cases"][0]["reference"] = "OTHER-1"
    with (
        pytest.raises(InterchangeError, match="meeting id 'meeting-rag-1' is already"),
        store.session() as session,
    ):
        import_document(session, document)


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(InterchangeError, match="line 3, column 5: not valid JSON"):
        parse_document('{\n  "format": "lscp-desktop",\n    ]')


def test_a_lone_surrogate_is_replaced_with_a_warning_naming_the_place(store: Store) -> None:
    text = json.dumps(rich_document()).replace("Recovery expected.", "Recovery \\ud800expected.")
    with store.session() as session:
        result = import_document(session, parse_document(text))
    assert result.warnings == [
        "cases[1].meetings[0].contributions[2].reasons: a character that cannot be stored "
        "(a lone surrogate) was replaced with U+FFFD"
    ]
    with store.session() as session:
        reasons = export_document(session)["cases"][1]["meetings"][0]["contributions"][2]
    assert reasons["reasons"].startswith("Recovery \ufffdexpected.")


def test_two_megabytes_of_minutes_are_kept_whole(store: Store) -> None:
    document = rich_document()
    long_text = ("The minute-taker typed on. " * 80_000)[: 2 * 1024 * 1024]
    document["cases"][1]["meetings"][0]["minutes"][0]["text"] = long_text
    with store.session() as session:
        import_document(session, document)
    with store.session() as session:
        minutes = export_document(session)["cases"][1]["meetings"][0]["minutes"]
    assert minutes[0]["text"] == long_text
