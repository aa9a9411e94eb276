"""A large, fictional store: years of records, built once and cached by its parameters.

Rows go in with SQLAlchemy Core `insert` executemany in one transaction through the app's own
`open_store`, so the file has the real schema, pragmas, migrations and encryption. Text is
varied fictional prose assembled from phrase banks with a seeded generator, so it compresses
and indexes like real minutes rather than like repeated filler.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import text_bank

PASSPHRASE = "benchmark passphrase, fictional data"
BUILDER_VERSION = 4  # bump when the generated content changes, to rebuild cached stores
LONG_MEETING_ID = "bench-three-hour-meeting"
LONG_MEETING_MINUTES_CHARS = 155_000  # with the contributions, ~40 A4 pages: a 3-hour meeting
LONG_MEETING_CONTRIBUTIONS = 12


@dataclass(frozen=True)
class Scale:
    cases: int = 10_000
    meetings: int = 30_000
    contributions: int = 100_000
    minutes_chars: int = 1_000_000

    @classmethod
    def for_cases(cls, cases: int) -> Scale:
        """The standard proportions, scaled to `cases`."""
        ratio = cases / cls.cases
        return cls(
            cases=cases,
            meetings=max(1, round(cls.meetings * ratio)),
            contributions=max(LONG_MEETING_CONTRIBUTIONS, round(cls.contributions * ratio)),
            minutes_chars=max(LONG_MEETING_MINUTES_CHARS, round(cls.minutes_chars * ratio)),
        )


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lscp-desktop-benchmarks"


def cache_key(scale: Scale) -> str:
    from lscp_desktop.store.database import known_revisions

    # The schema head is part of the key: a store built before a migration landed is rebuilt
    # rather than migrated (and backed up) behind the benchmark's back.
    material = json.dumps(
        {"scale": asdict(scale), "builder": BUILDER_VERSION, "schema": known_revisions()},
        sort_keys=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def cached_store(scale: Scale, *, log: Any = print) -> Path:
    """The path of a store at `scale`, building it first if no cached copy exists."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"store-{scale.cases}-{cache_key(scale)}.db"
    if target.exists():
        log(f"using cached store {target}")
        return target
    building = target.with_suffix(".building")
    for stale in folder.glob(building.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    build_store(building, scale)
    for suffix in ("-wal", "-shm"):  # closed cleanly, so nothing is left in the WAL
        Path(str(building) + suffix).unlink(missing_ok=True)
    for companion in companions(building):  # the key file (the wrapped data key)
        companion.rename(Path(str(target) + companion.name[len(building.name) :]))
    building.rename(target)
    size = target.stat().st_size / 1e6
    log(f"built {target} in {time.perf_counter() - started:.1f} s ({size:.0f} MB)")
    return target


def companions(path: Path) -> list[Path]:
    """Files that belong with the database, e.g. `<db>.keys`; not the WAL, not backups."""
    return [
        other
        for other in path.parent.glob(path.name + ".*")
        if not other.name.endswith((".bak", "-wal", "-shm"))
    ]


def working_copy(source: Path, folder: Path) -> Path:
    """A throw-away copy of the store and its key file, for measurements that write to it."""
    target = folder / source.name
    for stale in folder.glob(source.name + "*"):
        stale.unlink()
    shutil.copy2(source, target)
    for companion in companions(source):
        shutil.copy2(companion, folder / companion.name)
    return target


def _chunks(rows: list[dict[str, Any]], size: int = 5_000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def build_store(path: Path, scale: Scale) -> None:
    from lscp_desktop.store.database import open_store

    store = open_store(path, PASSPHRASE)
    try:
        fill(store.engine, scale)
    finally:
        store.close()


def fill(engine: Any, scale: Scale) -> None:
    """The synthetic rows at `scale`, through `engine` (a file's, or a server's), in one
    transaction; the schema must be migrated and seeded (agencies) already."""
    from sqlalchemy import insert, select

    from lscp_desktop.models import (
        Agency,
        Attendance,
        Case,
        Contribution,
        Decision,
        Meeting,
        MinuteItem,
        Person,
    )
    from lscp_desktop.models.enums import (
        AbuseOrNeglect,
        AttendanceStatus,
        CaseStatus,
        DecisionOutcome,
        Harm,
        MeetingKind,
        MeetingStatus,
        Opinion,
    )

    rng = random.Random(20261125)
    with engine.begin() as connection:
        agencies = list(connection.execute(select(Agency.id, Agency.name)))
        agency_ids = [row.id for row in agencies]
        people = [
            {
                "id": number + 1,
                "name": f"{text_bank.person_name(rng)} ({number + 1}, fictional)",
                "role": rng.choice(text_bank.ROLES),
                "email": "",
                "agency_id": rng.choice(agency_ids),
            }
            for number in range(400)
        ]
        connection.execute(insert(Person.__table__), people)
        person_ids = [person["id"] for person in people]

        today = dt.date(2026, 11, 25)
        cases = []
        for number in range(scale.cases):
            aware = today - dt.timedelta(days=rng.randint(0, 365 * 8))
            cases.append(
                {
                    "id": number + 1,
                    "reference": f"RAG-{aware.year}-{number + 1:05d}",
                    "child_pseudonym": f"Child {text_bank.pseudonym(number)}",
                    "child_name": f"{text_bank.person_name(rng)} (fictional)",
                    "referring_agency_id": rng.choice(agency_ids[:3] * 3 + agency_ids),
                    "referral_received": aware,
                    "la_aware": aware,
                    "incident_date": aware - dt.timedelta(days=rng.randint(0, 10)),
                    "summary": text_bank.paragraph(rng, 2, 4),
                    "status": rng.choice(list(CaseStatus)),
                    "retrospective": rng.random() < 0.05,
                    "abuse_or_neglect": rng.choice(list(AbuseOrNeglect)),
                    "abuse_or_neglect_evidence": text_bank.sentence(rng),
                    "harm": rng.choice(list(Harm)),
                    "harm_evidence": text_bank.sentence(rng),
                }
            )
        for chunk in _chunks(cases):
            connection.execute(insert(Case.__table__), chunk)

        meetings = []
        per_case: dict[int, int] = {}
        for number in range(scale.meetings):
            case = cases[number % scale.cases]
            position = per_case.get(case["id"], 0)
            per_case[case["id"]] = position + 1
            held = dt.datetime.combine(
                case["la_aware"] + dt.timedelta(days=2 + 7 * position), dt.time(10, 0)
            )
            meetings.append(
                {
                    "id": LONG_MEETING_ID
                    if number == 0
                    else uuid.UUID(int=rng.getrandbits(128)).hex,
                    "case_id": case["id"],
                    "position": position,
                    "kind": MeetingKind.EXTRAORDINARY_RAG
                    if position == 0
                    else MeetingKind.RAPID_REVIEW,
                    "held_at": held,
                    "location": rng.choice(text_bank.LOCATIONS),
                    "chair_id": rng.choice(person_ids),
                    "minute_taker_id": rng.choice(person_ids),
                    "status": MeetingStatus.CONCLUDED
                    if held.date() < today
                    else MeetingStatus.PLANNED,
                    "current_step": "",
                }
            )
        for chunk in _chunks(meetings):
            connection.execute(insert(Meeting.__table__), chunk)

        # The 3-hour meeting: full attendance, twelve contributions, ~40 pages of minutes.
        attendance = [
            {
                "meeting_id": LONG_MEETING_ID,
                "position": position,
                "person_id": person_ids[position],
                "role": people[position]["role"],
                "agency_id": people[position]["agency_id"],
                "status": AttendanceStatus.PRESENT if position < 14 else AttendanceStatus.APOLOGIES,
                "invited_professional": False,
            }
            for position in range(16)
        ]
        connection.execute(insert(Attendance.__table__), attendance)

        contributions = []
        meeting_ids = [meeting["id"] for meeting in meetings]
        for number in range(scale.contributions):
            if number < LONG_MEETING_CONTRIBUTIONS:
                meeting_id, position = LONG_MEETING_ID, number
                information = text_bank.paragraph(rng, 10, 16)
            else:
                meeting_id = (
                    meeting_ids[1 + number % (len(meeting_ids) - 1)]
                    if len(meeting_ids) > 1
                    else LONG_MEETING_ID
                )
                position = number // max(1, len(meeting_ids) - 1) + (
                    LONG_MEETING_CONTRIBUTIONS if meeting_id == LONG_MEETING_ID else 0
                )
                information = text_bank.paragraph(rng, 2, 5)
            contributions.append(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "agency_id": agency_ids[number % len(agency_ids)],
                    "representative_id": rng.choice(person_ids),
                    "information": information,
                    "opinion": rng.choice(list(Opinion)),
                    "reasons": text_bank.paragraph(rng, 1, 3),
                }
            )
        for chunk in _chunks(contributions):
            connection.execute(insert(Contribution.__table__), chunk)

        minutes = list(_minute_items(rng, meeting_ids, scale.minutes_chars))
        for chunk in _chunks(minutes):
            connection.execute(insert(MinuteItem.__table__), chunk)

        decisions = [
            {
                "meeting_id": meeting["id"],
                "outcome": rng.choice(list(DecisionOutcome)),
                "decided_by_id": rng.choice(person_ids),
                "decided_on": meeting["held_at"].date(),
                "rationale": text_bank.paragraph(rng, 2, 5),
                "dissent": "",
                "dissent_considered": "",
                "escalated": False,
                "escalation_notes": "",
                "deferral_reason": "",
                "post_meeting": False,
                "recorded_by": "",
                "panel_reference": "",
            }
            for meeting in meetings
            if meeting["kind"] is MeetingKind.EXTRAORDINARY_RAG
            and meeting["status"] is MeetingStatus.CONCLUDED
        ]
        for chunk in _chunks(decisions):
            connection.execute(insert(Decision.__table__), chunk)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")


def _minute_items(
    rng: random.Random, meeting_ids: list[str], total_chars: int
) -> Iterator[dict[str, Any]]:
    """The 3-hour meeting's ~120,000 characters first, the rest ~500 a meeting."""
    written = 0
    position = 0
    while written < LONG_MEETING_MINUTES_CHARS:
        text = text_bank.paragraph(rng, 8, 14) + "\n\n" + text_bank.paragraph(rng, 6, 10)
        item = text_bank.AGENDA_ITEMS[position % len(text_bank.AGENDA_ITEMS)]
        yield {"meeting_id": LONG_MEETING_ID, "position": position, "item": item, "text": text}
        written += len(text)
        position += 1
    others = meeting_ids[1:] or meeting_ids
    index = 0
    while written < total_chars:
        meeting_id = others[index % len(others)]
        for position in range(rng.randint(1, 3)):
            text = text_bank.paragraph(rng, 1, 3)
            item = text_bank.AGENDA_ITEMS[position]
            yield {"meeting_id": meeting_id, "position": position, "item": item, "text": text}
            written += len(text)
        index += 1
