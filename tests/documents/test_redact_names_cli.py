"""`--redact-names`: the pseudonym in the exported copy, the record as minuted, audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lscp_desktop.models import Meeting
from tests.documents.conftest import REAL_NAME, ExportCase
from tests.documents.reading import docx_text, pdf_pages
from tests.store.cli import run


@pytest.mark.slow
def test_redact_names_puts_the_pseudonym_in_the_exported_minutes_only(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    case = draft_export_case
    with case.store.session() as session:
        meeting = session.get_one(Meeting, case.rag_id)
        meeting.minutes[2].text = f"{REAL_NAME} was seen by the GP."
        assert meeting.decision is not None
        meeting.decision.rationale = f"Jaydon was harmed at home. {meeting.decision.rationale}"
    case.store.close()
    db = str(case.store.path)
    refused = run("minutes", case.rag_id, "-o", str(tmp_path / "r.docx"), "--db", db)
    assert refused.returncode == 1 and "--redact-names" in refused.stderr
    assert REAL_NAME in refused.stderr  # the hits are listed

    docx = run("minutes", case.rag_id, "-o", str(tmp_path / "m.docx"), "--redact-names", "--db", db)
    assert docx.returncode == 0, docx.stderr
    text = docx_text(tmp_path / "m.docx")
    assert "Child A was seen by the GP." in text
    assert "Jaydon" not in text and "Whitlock" not in text

    pdf = run(
        "decision-record", case.rag_id, "-o", str(tmp_path / "d.pdf"), "--redact-names", "--db", db
    )
    assert pdf.returncode == 0, pdf.stderr
    pages = " ".join(pdf_pages(tmp_path / "d.pdf"))
    assert "Child A was harmed at home." in " ".join(pages.split())
    assert "Jaydon" not in pages

    email = run(
        "circulate", case.rag_id, "-o", str(tmp_path / "c.eml"), "--redact-names", "--db", db
    )
    assert email.returncode == 0, email.stderr

    data = run("export-data", "-o", str(tmp_path / "all.json"), "--db", db)
    assert data.returncode == 0, data.stderr
    archive = (tmp_path / "all.json").read_text(encoding="utf-8")
    assert json.dumps(f"{REAL_NAME} was seen by the GP.")[1:-1] in archive
