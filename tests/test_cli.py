"""The command line as a Business Unit officer (and other tools) would drive it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lscp_desktop import version
from tests.conftest import PASSPHRASE
from tests.interchange.documents import rich_document
from tests.store.cli import run

REPO = Path(__file__).resolve().parents[1]


def test_version() -> None:
    result = run("--version", separate=True)  # the module runs as a process, as installed
    assert result.returncode == 0
    assert result.stdout.strip() == f"lscp-desktop {version()}"


def test_demo_then_list_prints_one_meeting_a_line(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run("demo", "--db", db).returncode == 0
    listing = run("list", "--db", db)
    assert listing.returncode == 0, listing.stderr
    (line,) = listing.stdout.splitlines()
    meeting_id, reference, kind, held_at, status = line.split("\t")
    assert re.fullmatch(r"DEMO-\d{4}-001", reference)
    assert (kind, status) == ("extraordinary_rag", "concluded")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", held_at)
    assert meeting_id


def test_import_export_round_trip_through_files(tmp_path: Path) -> None:
    db, source, out = tmp_path / "a.db", tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(rich_document(), ensure_ascii=False), encoding="utf-8")
    imported = run("import", source, "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == ["imported LSCP-2025-002", "imported LSCP-2025-014"]
    assert run("--db", db, "export-data", "-o", out, "--case", "LSCP-2025-014").returncode == 0
    (case,) = json.loads(out.read_text(encoding="utf-8"))["cases"]
    assert case["children"][0]["name"] == "Real Name Kept Only In The Archive"
    assert run("export-data", "-o", out, "--redact", "--db", db).returncode == 0
    assert "Real Name Kept" not in out.read_text(encoding="utf-8")


def test_bad_file_exits_non_zero_with_the_place_and_no_traceback(tmp_path: Path) -> None:
    db, source = tmp_path / "a.db", tmp_path / "bad.json"
    document = rich_document()
    document["cases"][1]["la_aware"] = "2025-13-01"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", source, "--db", db)
    assert result.returncode == 1
    assert "cases[1].la_aware: '2025-13-01' is not a real date" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert run("list", "--db", db).stdout == ""


def test_no_passphrase_and_no_terminal_exits_2_instead_of_waiting(tmp_path: Path) -> None:
    result = run("demo", "--db", tmp_path / "a.db", passphrase=None)
    assert result.returncode == 2
    assert "LSCP_DESKTOP_PASSPHRASE" in result.stderr


def test_wrong_passphrase_is_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("demo", "--db", db).returncode == 0
    result = run("list", "--db", db, passphrase="not the one")
    assert result.returncode == 1
    assert "passphrase is wrong" in result.stderr
    assert "Traceback" not in result.stderr and "not the one" not in result.stderr


@pytest.mark.parametrize("problem", ["missing", "directory"])
def test_unreadable_import_file_is_reported(tmp_path: Path, problem: str) -> None:
    path = tmp_path / "x.json"
    if problem == "directory":
        path.mkdir()
    result = run("import", path, "--db", tmp_path / "a.db")
    assert result.returncode == 1
    assert f"cannot read {path}" in result.stderr


def test_export_of_an_unknown_case_is_refused(tmp_path: Path) -> None:
    assert run("demo", "--db", tmp_path / "a.db").returncode == 0  # export-data never creates
    result = run(
        "export-data", "-o", tmp_path / "o.json", "--case", "NOPE", "--db", tmp_path / "a.db"
    )
    assert result.returncode == 1
    assert "no case with reference 'NOPE'" in result.stderr
    assert not (tmp_path / "o.json").exists()


def test_replacing_a_case_is_recorded_in_the_audit_log(tmp_path: Path) -> None:
    from lscp_desktop.models import AuditEntry
    from lscp_desktop.store.database import open_store

    db, source = tmp_path / "a.db", tmp_path / "in.json"
    source.write_text(json.dumps(rich_document()), encoding="utf-8")
    assert run("import", source, "--db", db).returncode == 0
    assert run("import", source, "--replace", "--db", db).returncode == 0
    store = open_store(db, PASSPHRASE)
    try:
        with store.session() as session:
            replaced = [
                (e.entity_id, e.detail)
                for e in session.query(AuditEntry).filter(AuditEntry.action == "replaced")
            ]
    finally:
        store.close()
    assert replaced == [
        ("LSCP-2025-002", "replaced wholesale from in.json"),
        ("LSCP-2025-014", "replaced wholesale from in.json"),
    ]
    assert run("check", "--db", db).returncode == 0


def test_plain_commands_do_not_load_the_word_and_pdf_writers(tmp_path: Path) -> None:
    code = (
        "import sys; from lscp_desktop.cli import main; main(['list', '--db', sys.argv[1]]);"
        "print(sorted(m for m in ('docx', 'reportlab', 'PySide6') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "LSCP_DESKTOP_PASSPHRASE": PASSPHRASE}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.db")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
