"""The exports as the GUI and the CLI ask for them: read the store, check names, write a file.

Each function reads the meeting in one short session (the store is never written), makes the
whole file in memory, then writes it atomically. A name to keep out stops the export with
`NamesFound` unless the caller says the user has confirmed the hits.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from lscp_desktop import settings
from lscp_desktop.exports.atomic import write_bytes_atomically
from lscp_desktop.exports.circulate import DOCX_TYPE, PDF_TYPE, Attachment, email_draft, file_stem
from lscp_desktop.exports.decision_record import render_decision_record
from lscp_desktop.exports.docx_minutes import render_docx
from lscp_desktop.exports.docx_template import TEMPLATE_SETTING
from lscp_desktop.exports.errors import ExportError
from lscp_desktop.exports.meeting_record import MeetingRecord, load_meeting_record
from lscp_desktop.exports.minutes_content import build_minutes
from lscp_desktop.exports.name_check import NameHit, describe, find_names
from lscp_desktop.exports.pdf_minutes import render_pdf_minutes
from lscp_desktop.models.database import Store
from lscp_desktop.trust import audit


class MinutesFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"


class NamesFound(ExportError):
    """Names to keep out were found; the user must replace them or confirm before export."""

    def __init__(self, hits: list[NameHit]) -> None:
        super().__init__(
            f"{len(hits)} possible real name(s) found in the text to be exported:\n"
            + describe(hits)
        )
        self.hits = hits


def london_now() -> dt.datetime:
    """Now as a Europe/London wall-clock time (naive, like the store's times)."""
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Europe/London")).replace(tzinfo=None, microsecond=0)
    except Exception:  # no time zone database (a bare Windows install): the machine's clock
        return dt.datetime.now().replace(microsecond=0)


def _read(
    store: Store, meeting_id: str, *, confirm_names: bool, record_seal: str | None
) -> tuple[MeetingRecord, Path | None]:
    with store.reading() as session:
        if not confirm_names:
            hits = find_names(session, meeting_id)
            if hits:
                raise NamesFound(hits)
        # The audit chain's head as it stands, printed so a reader can verify the minutes later.
        seal = record_seal if record_seal is not None else audit.record_seal(session)
        record = load_meeting_record(session, meeting_id, record_seal=seal)
        template = settings.get(session, TEMPLATE_SETTING).strip()
    return record, Path(template) if template else None


def _note_export(store: Store, meeting_id: str, detail: str) -> None:
    """What left the app, and when, goes into the audit log."""
    with store.session() as session:
        audit.record_event(session, "meeting", meeting_id, "exported", detail)


def minutes_bytes(
    record: MeetingRecord, fmt: MinutesFormat, *, template: Path | None, now: dt.datetime
) -> bytes:
    document = build_minutes(record, generated_at=now)
    if fmt is MinutesFormat.DOCX:
        return render_docx(document, template)
    return render_pdf_minutes(document)


def export_minutes(
    store: Store,
    meeting_id: str,
    target: Path,
    fmt: MinutesFormat | str = MinutesFormat.DOCX,
    *,
    confirm_names: bool = False,
    template: Path | None = None,
    record_seal: str | None = None,
) -> Path:
    """Write the full minutes as Word or PDF; `template` overrides the one in Settings."""
    chosen = MinutesFormat(fmt)
    record, configured = _read(
        store, meeting_id, confirm_names=confirm_names, record_seal=record_seal
    )
    data = minutes_bytes(record, chosen, template=template or configured, now=london_now())
    write_bytes_atomically(Path(target), data)
    _note_export(store, meeting_id, f"minutes ({chosen.value}) written to {Path(target).name}")
    return Path(target)


def export_decision_record(
    store: Store,
    meeting_id: str,
    target: Path,
    *,
    confirm_names: bool = False,
    record_seal: str | None = None,
) -> Path:
    record, _template = _read(
        store, meeting_id, confirm_names=confirm_names, record_seal=record_seal
    )
    write_bytes_atomically(Path(target), render_decision_record(record, generated_at=london_now()))
    _note_export(store, meeting_id, f"decision record written to {Path(target).name}")
    return Path(target)


def export_email_draft(
    store: Store,
    meeting_id: str,
    target: Path,
    *,
    to_attendees: bool = False,
    confirm_names: bool = False,
    record_seal: str | None = None,
) -> Path:
    """Write an unsent .eml with the Word minutes and the PDF decision record attached."""
    record, template = _read(
        store, meeting_id, confirm_names=confirm_names, record_seal=record_seal
    )
    now = london_now()
    attachments = [
        Attachment(
            file_stem(record, "Minutes") + ".docx",
            minutes_bytes(record, MinutesFormat.DOCX, template=template, now=now),
            *DOCX_TYPE,
        ),
        Attachment(
            file_stem(record, "Decision record") + ".pdf",
            render_decision_record(record, generated_at=now),
            *PDF_TYPE,
        ),
    ]
    write_bytes_atomically(
        Path(target), email_draft(record, attachments, to_attendees=to_attendees)
    )
    _note_export(store, meeting_id, f"email draft written to {Path(target).name}")
    return Path(target)
