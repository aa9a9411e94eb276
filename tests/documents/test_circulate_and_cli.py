from __future__ import annotations

import email
import subprocess
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from lscp_desktop.documents.files import export_email_draft
from lscp_desktop.models import Meeting
from tests.documents.conftest import REAL_NAME, ExportCase
from tests.store.cli import run

REPO = Path(__file__).parents[2]


def read_eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    return message


def test_circulating_writes_an_unsent_draft_to_the_distribution_list(
    export_case: ExportCase, tmp_path: Path
) -> None:
    message = read_eml(
        export_email_draft(export_case.store, export_case.rag_id, tmp_path / "c.eml")
    )
    assert message["X-Unsent"] == "1"
    assert "executive@example.org" in message["To"] and "panel@example.org" in message["To"]
    assert message["Subject"].startswith("OFFICIAL-SENSITIVE: Minutes and decision record")
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == [
        "Minutes LSCP-2026-014 2026-03-11.docx",
        "Decision record LSCP-2026-014 2026-03-11.pdf",
    ]
    body = message.get_body(("plain",))
    assert body is not None and "Dear colleagues" in body.get_content()
    assert REAL_NAME not in path_text(tmp_path / "c.eml")


def path_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def test_draft_minutes_go_to_attendees_for_an_accuracy_check(
    export_case: ExportCase, tmp_path: Path
) -> None:
    with export_case.store.session() as session:
        meeting = session.get(Meeting, export_case.rag_id)
        assert meeting is not None
        meeting.attendees[1].person.email = "sunita\n@bcc-injection"  # unusable: left off
    message = read_eml(
        export_email_draft(
            export_case.store, export_case.rag_id, tmp_path / "c.eml", to_attendees=True
        )
    )
    assert "gareth@example.org" in message["To"] and "chair@example.org" in message["To"]
    assert "bcc" not in message["To"] and "executive@example.org" not in message["To"]
    body = message.get_body(("plain",))
    assert body is not None
    content = body.get_content()
    assert "check the minutes for accuracy" in content
    assert "No email address is recorded for: Sunita Balasubramanian; Tom Hardcastle" in content


def run_cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return run(*args, "--db", str(db))


@pytest.mark.slow
def test_command_line_exports_minutes_record_and_email(
    draft_export_case: ExportCase, tmp_path: Path
) -> None:
    db = draft_export_case.store.path
    with draft_export_case.store.session() as session:
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        meeting.minutes[0].text = f"{REAL_NAME} was named by mistake."
    draft_export_case.store.close()
    refused = run_cli("minutes", draft_export_case.rag_id, "-o", str(tmp_path / "m.docx"), db=db)
    assert refused.returncode == 1
    assert "Minutes: Declarations of interest: …[Jaydon Whitlock-Marsh] was named" in refused.stderr
    assert "--confirm-names" in refused.stderr
    assert not (tmp_path / "m.docx").exists()
    for args in (
        ("minutes", draft_export_case.rag_id, "--format", "pdf", "-o", str(tmp_path / "m.pdf")),
        ("decision-record", draft_export_case.review_id, "-o", str(tmp_path / "d.pdf")),
        ("circulate", draft_export_case.rag_id, "-o", str(tmp_path / "c.eml")),
    ):
        done = run_cli(*args, "--confirm-names", db=db)
        assert done.returncode == 0, done.stderr
        assert Path(done.stdout.strip()).stat().st_size > 1000
    unknown = run_cli("decision-record", "no-such-meeting", "-o", str(tmp_path / "x.pdf"), db=db)
    assert unknown.returncode == 1
    assert "There is no meeting with id 'no-such-meeting'" in unknown.stderr
