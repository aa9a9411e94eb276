"""Bad input refused in one line: absurd numbers and dates, no cases list, oversized or
special files, and nothing imported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.interchange import InterchangeError, import_document
from lscp_desktop.interchange.document import MAX_DOCUMENT_BYTES
from lscp_desktop.interchange.source import read_document_text
from lscp_desktop.models.case import Case
from lscp_desktop.store.database import Store
from tests.interchange.documents import rich_document
from tests.store.cli import run


def _first_step_time(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    for c, case in enumerate(document["cases"]):
        for m, meeting in enumerate(case.get("meetings", [])):
            if meeting.get("step_times"):
                return f"cases[{c}].meetings[{m}].step_times[0].seconds", meeting["step_times"][0]
    raise AssertionError("the rich document has step times")


def _refused(store: Store, document: Any) -> str:
    with pytest.raises(InterchangeError) as raised, store.session() as session:
        import_document(session, document)
    with store.session() as session:
        assert session.query(Case).count() == 0
    return str(raised.value)


def test_a_step_time_of_ten_to_the_thirty_seconds_is_refused(store: Store) -> None:
    document = rich_document()
    place, step = _first_step_time(document)
    step["seconds"] = 10**30
    message = _refused(store, document)
    assert message.startswith(place) and "about 10^30" in message and "\n" not in message


def test_a_date_in_the_year_9999_is_refused(store: Store) -> None:
    document = rich_document()
    document["cases"][0]["la_aware"] = "9999-12-31"
    message = _refused(store, document)
    assert message == "cases[0].la_aware: 9999-12-31 is outside 1900-2199"


def test_a_document_without_a_cases_list_is_refused(store: Store) -> None:
    assert 'no "cases" list' in _refused(store, {"format": "lscp-desktop", "version": 1})
    assert 'no "cases" list' in _refused(
        store, {"format": "lscp-desktop", "version": 1, "cases": {"LSCP-1": {}}}
    )


def test_a_file_past_the_stated_size_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no real disk used
    with pytest.raises(InterchangeError, match="at most 256 MB"):
        read_document_text(big)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_importing_from_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    result = run("import", str(pipe), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 1
    assert "not a regular file" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_exporting_onto_a_pipe_or_device_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "out.json"
    os.mkfifo(pipe)
    db = str(tmp_path / "a.db")
    assert run("demo", "--db", db).returncode == 0  # a database to export from
    for target in (str(pipe), "/dev/null"):
        result = run("export-data", "-o", target, "--db", db)
        assert result.returncode == 1, target
        assert "device, pipe or socket" in result.stderr and "Traceback" not in result.stderr
    assert pipe.exists() and not pipe.is_file()  # left as it was
    assert Path("/dev/null").is_char_device()


def test_control_characters_in_a_file_name_are_not_echoed_raw(tmp_path: Path) -> None:
    name = tmp_path / "cases\x1b[2J\u202egpj.json"
    result = run("import", str(name), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b[2J\\u202egpj.json" in result.stderr
