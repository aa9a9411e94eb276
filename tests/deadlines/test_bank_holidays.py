"""The bank holiday cache file: written once per new year, read by later runs, never trusted
blindly (another holidays version, garbage) and never a reason for deadlines to fail."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import holidays
import pytest

from lscp_desktop.deadlines import bank_holidays as bank_holiday_cache
from lscp_desktop.deadlines import working_days
from lscp_desktop.deadlines.bank_holidays import cache_path, installed_holidays_version
from lscp_desktop.deadlines.working_days import (
    add_working_days,
    bank_holidays,
    forget_remembered_bank_holidays,
)
from tests.deadlines.test_working_days import GOV_UK

REPO = Path(__file__).resolve().parents[1]
YEARS = range(2019, 2028)  # the years GOV_UK lists


def expected(year: int) -> frozenset[dt.date]:
    """What the `holidays` package says, checked against GOV.UK's list on weekdays.

    (The package also lists the weekend day behind a substitute day, e.g. Sunday 25 Dec 2022;
    GOV.UK lists only the substitute.)
    """
    package = frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))
    on_weekdays = {day for day in package if day.weekday() < 5}
    assert on_weekdays == {day for day in GOV_UK if day.year == year}
    return package


def current_key() -> dict[str, str]:
    return {"format": "1", "holidays": importlib.metadata.version("holidays"), "rule": "GB/ENG"}


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each test starts, and leaves, as a newly started process would: nothing remembered."""
    forget_remembered_bank_holidays()
    yield
    forget_remembered_bank_holidays()


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The years actually computed with the `holidays` package, in order."""
    years: list[int] = []
    compute = working_days._compute

    def counting(year: int) -> frozenset[dt.date]:
        years.append(year)
        return compute(year)

    monkeypatch.setattr(working_days, "_compute", counting)
    return years


def stored_document() -> dict[str, object]:
    document = json.loads(cache_path().read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def stored_years() -> dict[int, frozenset[dt.date]]:
    years = stored_document()["years"]
    assert isinstance(years, dict)
    return {int(year): frozenset(map(dt.date.fromisoformat, days)) for year, days in years.items()}


def test_the_cache_lives_in_the_user_cache_directory(tmp_path: Path) -> None:
    assert cache_path() == tmp_path / "home" / ".cache" / "lscp-desktop" / "bank-holidays.json"


def test_the_version_is_the_installed_distributions() -> None:
    assert installed_holidays_version() == importlib.metadata.version("holidays")


def test_the_version_comes_from_the_first_sys_path_entry_with_a_dist_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, empty = tmp_path / "first", tmp_path / "second", tmp_path / "empty"
    (first / "holidays-0.50.dist-info").mkdir(parents=True)
    (second / "holidays-0.60.dist-info").mkdir(parents=True)
    (empty / "holidays_extra-1.0.dist-info").mkdir(parents=True)
    not_a_folder = tmp_path / "library.zip"
    not_a_folder.write_bytes(b"PK")
    monkeypatch.setattr(sys, "path", [str(not_a_folder), str(empty), str(first), str(second)])
    assert installed_holidays_version() == "0.50"


def test_two_dist_infos_in_one_folder_or_none_at_all_give_no_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "holidays-0.50.dist-info").mkdir()
    (tmp_path / "holidays-0.60.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert installed_holidays_version() is None
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing")])
    assert installed_holidays_version() is None


def test_a_first_computation_writes_the_cache(computed: list[int]) -> None:
    assert not cache_path().exists()
    assert bank_holidays(2025) == expected(2025)
    assert computed == [2025]
    assert stored_document()["key"] == current_key()
    assert stored_years() == {2025: expected(2025)}


def test_the_file_is_written_once_per_newly_computed_year(
    computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[list[int]] = []
    write = bank_holiday_cache.write_cache

    def counting(key: dict[str, str], years: dict[int, frozenset[dt.date]]) -> None:
        writes.append(sorted(years))
        write(key, years)

    monkeypatch.setattr(working_days, "write_cache", counting)
    for _ in range(3):
        bank_holidays(2025)
        add_working_days(dt.date(2025, 12, 1), 40)  # steps into 2026
    assert computed == [2025, 2026]
    assert writes == [[2025], [2025, 2026]]
    assert stored_years() == {2025: expected(2025), 2026: expected(2026)}


def test_a_later_run_takes_the_dates_from_the_file(
    computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for year in YEARS:
        bank_holidays(year)
    forget_remembered_bank_holidays()

    def refuse(year: int) -> frozenset[dt.date]:
        raise AssertionError(f"{year} was computed, not read from the cache")

    monkeypatch.setattr(working_days, "_compute", refuse)
    assert {year: bank_holidays(year) for year in YEARS} == {year: expected(year) for year in YEARS}


def run_fresh_interpreter() -> tuple[bool, dict[int, frozenset[dt.date]]]:
    """In a new Python: the years' bank holidays, and whether `holidays` was imported."""
    code = (
        "import json, sys; from lscp_desktop.deadlines.working_days import bank_holidays;"
        f"years = {{y: sorted(map(str, bank_holidays(y))) for y in range({YEARS.start}, "
        f"{YEARS.stop})}};"
        "print(json.dumps({'imported': 'holidays' in sys.modules, 'years': years}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO)},  # HOME, XDG_CACHE_HOME: the test's
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer = json.loads(result.stdout)
    years = {int(y): frozenset(map(dt.date.fromisoformat, d)) for y, d in answer["years"].items()}
    return answer["imported"], years


@pytest.mark.slow
def test_a_new_process_reads_the_cache_without_importing_holidays() -> None:
    imported, years = run_fresh_interpreter()  # no cache yet: computes and writes it
    assert imported
    assert years == {year: expected(year) for year in YEARS}

    imported, years = run_fresh_interpreter()
    assert not imported
    assert years == {year: expected(year) for year in YEARS}


def test_a_cache_from_another_holidays_version_is_ignored_and_rewritten(
    computed: list[int],
) -> None:
    cache_path().parent.mkdir(parents=True)
    stale_key = {**current_key(), "holidays": "0.1"}
    stale = {"key": stale_key, "years": {"2025": ["2025-07-04"]}}
    cache_path().write_text(json.dumps(stale), encoding="utf-8")

    assert bank_holidays(2025) == expected(2025)
    assert computed == [2025]
    assert stored_document()["key"] == current_key()
    assert stored_years() == {2025: expected(2025)}


def test_a_cache_for_another_rule_is_ignored(computed: list[int]) -> None:
    cache_path().parent.mkdir(parents=True)
    other_rule = {"key": {**current_key(), "rule": "GB/SCT"}, "years": {"2025": ["2025-07-04"]}}
    cache_path().write_text(json.dumps(other_rule), encoding="utf-8")
    assert bank_holidays(2025) == expected(2025)
    assert computed == [2025]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff\xfe garbage \x89PNG\r\n",
        b'{"key": ',
        b"[1, 2, 3]",
        json.dumps({"key": current_key(), "years": {"2025": "2025-01-01"}}).encode(),
        json.dumps({"key": current_key(), "years": {"2025": ["2024-12-25"]}}).encode(),
        json.dumps({"key": current_key(), "years": {"next": ["2025-01-01"]}}).encode(),
    ],
    ids=["garbage-bytes", "cut-short", "not-an-object", "not-a-list", "wrong-year", "bad-year"],
)
def test_a_damaged_cache_gives_the_right_dates_and_is_replaced(
    content: bytes, computed: list[int]
) -> None:
    cache_path().parent.mkdir(parents=True)
    cache_path().write_bytes(content)
    assert bank_holidays(2025) == expected(2025)
    assert computed == [2025]
    assert stored_document()["key"] == current_key()
    assert stored_years() == {2025: expected(2025)}


def test_an_unwritable_cache_does_not_stop_the_arithmetic() -> None:
    cache_path().mkdir(parents=True)  # a folder where the file should be: no write can succeed
    assert bank_holidays(2025) == expected(2025)
    assert add_working_days(dt.date(2025, 12, 22), 5) == dt.date(2025, 12, 31)
    assert cache_path().is_dir()


def test_an_unreadable_cache_folder_does_not_stop_the_arithmetic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be made
    assert bank_holidays(2025) == expected(2025)


def test_without_a_known_version_there_is_no_cache(
    computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bank_holiday_cache, "installed_holidays_version", lambda: None)
    cache_path().parent.mkdir(parents=True)
    # Even a file under the right key is not read when the version cannot be told.
    planted = {"key": current_key(), "years": {"2025": ["2025-07-04"]}}
    cache_path().write_text(json.dumps(planted), encoding="utf-8")

    assert bank_holidays(2025) == expected(2025)
    assert computed == [2025]
    assert json.loads(cache_path().read_text(encoding="utf-8")) == planted  # not rewritten


def test_threads_asking_at_once_compute_each_year_once(computed: list[int]) -> None:
    results: list[dict[int, frozenset[dt.date]]] = []
    start = threading.Barrier(8)

    def ask() -> None:
        start.wait()
        results.append({year: bank_holidays(year) for year in YEARS})

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 8
    assert all(result == {year: expected(year) for year in YEARS} for result in results)
    assert sorted(computed) == list(YEARS)
    assert stored_years() == {year: expected(year) for year in YEARS}
