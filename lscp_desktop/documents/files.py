"""The exports as the GUI and the CLI ask for them: read the store, check names, write a file.

Each function reads the meeting in one short session, makes the whole file in memory, writes it
atomically, then notes the export in the audit log. The `prepare_*` functions do only the
reading: the `PreparedExport` they return renders and writes from plain data, on any thread
(the GUI runs it as a background job), and `note_export` records it afterwards on the store's
thread. The meeting is read once per document and the text that document prints is checked:
a name to keep out stops the export with `NamesFound` unless the caller asks to redact it in
this copy (`redact_names`) or says the user confirmed the hits (`confirm_names`); either is
noted in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Concatenate, ParamSpec

from lscp_desktop.clock import london_now
from lscp_desktop.documents.atomic import write_bytes_atomically
from lscp_desktop.documents.circulate import DOCX_TYPE, PDF_TYPE, Attachment, email_draft, file_stem
from lscp_desktop.documents.decision_record import render_decision_record
from lscp_desktop.documents.docx_minutes import render_docx
from lscp_desktop.documents.docx_template import TEMPLATE_SETTING
from lscp_desktop.documents.errors import ExportError
from lscp_desktop.documents.meeting_record import MeetingRecord, load_meeting_record
from lscp_desktop.documents.minutes_content import build_minutes
from lscp_desktop.documents.pdf_minutes import render_pdf_minutes
from lscp_desktop.documents.rapid_review_report import build_rapid_review_report
from lscp_desktop.documents.redaction import redact_record
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import MeetingKind
from lscp_desktop.names.check import (
    NameHit,
    NameMatcher,
    describe,
    find_in_fields,
    names_to_keep_out,
    where,
)
from lscp_desktop.names.fields import Document, free_text_fields
from lscp_desktop.settings import stored as settings
from lscp_desktop.store import audit
from lscp_desktop.store.database import Store

P = ParamSpec("P")


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


@dataclass(frozen=True)
class ExportContent:
    """One read of the store for one document: the record as minuted, and the names found in
    the text that document prints. The GUI reads it once for the file name, the check and the
    writer; the command line reads it inside the export."""

    document: Document
    record: MeetingRecord
    hits: tuple[NameHit, ...]
    matcher: NameMatcher
    template: Path | None


def read_content(
    store: Store, meeting_id: str, document: Document, *, record_seal: str | None = None
) -> ExportContent:
    with store.reading() as session:
        # The audit chain's head as it stands, printed so a reader can verify the minutes later.
        seal = record_seal if record_seal is not None else audit.record_seal(session)
        record = load_meeting_record(session, meeting_id, record_seal=seal)
        meeting = session.get_one(Meeting, meeting_id)
        matcher = names_to_keep_out(session, meeting.case)
        hits = find_in_fields(free_text_fields(meeting, document), matcher) if matcher else []
        template = settings.get(session, TEMPLATE_SETTING).strip()
    return ExportContent(
        document, record, tuple(hits), matcher, Path(template) if template else None
    )


def _content(
    store: Store,
    meeting_id: str,
    document: Document,
    content: ExportContent | None,
    record_seal: str | None,
) -> ExportContent:
    if content is not None and content.document is document:
        return content
    return read_content(store, meeting_id, document, record_seal=record_seal)


def cleared_record(
    content: ExportContent, *, confirm_names: bool, redact_names: bool
) -> tuple[MeetingRecord, tuple[str, str] | None]:
    """The record to write, and what the audit log should say about names in it.

    With names found: `redact_names` puts the pseudonym in their place in this copy only;
    `confirm_names` writes them as minuted (the user checked each); neither refuses.
    """
    if not content.hits:
        return content.record, None
    # The audit log says where, never the names themselves.
    where_found = where(content.hits)
    if redact_names:
        redacted, count = redact_record(content.record, content.matcher)
        return redacted, (
            "names redacted",
            f"{count} possible real name(s) redacted in this copy ({where_found})",
        )
    if confirm_names:
        return content.record, (
            "names exported",
            f"{len(content.hits)} possible real name(s) exported as minuted, confirmed by the "
            f"user ({where_found})",
        )
    raise NamesFound(list(content.hits))


@dataclass(frozen=True)
class PreparedExport:
    """An export read from the store, ready to render and write without it (on any thread)."""

    meeting_id: str
    target: Path
    detail: str  # what the audit log says was written
    render: Callable[[], bytes]
    names: tuple[str, str] | None = None  # (action, detail): what was done about real names

    def write(self) -> Path:
        write_bytes_atomically(self.target, self.render())
        return self.target


def note_export(store: Store, prepared: PreparedExport) -> None:
    """What left the app, and when, goes into the audit log; so does what was done about names."""
    with store.session() as session:
        audit.record_event(session, "meeting", prepared.meeting_id, "exported", prepared.detail)
        if prepared.names is not None:
            action, about = prepared.names
            audit.record_event(
                session, "meeting", prepared.meeting_id, action, f"{prepared.detail}: {about}"
            )


def _export(store: Store, prepared: PreparedExport) -> Path:
    written = prepared.write()
    note_export(store, prepared)
    return written


def minutes_bytes(
    record: MeetingRecord, fmt: MinutesFormat, *, template: Path | None, now: dt.datetime
) -> bytes:
    document = build_minutes(record, generated_at=now)
    if fmt is MinutesFormat.DOCX:
        return render_docx(document, template)
    return render_pdf_minutes(document)


def prepare_minutes(
    store: Store,
    meeting_id: str,
    target: Path,
    fmt: MinutesFormat | str = MinutesFormat.DOCX,
    *,
    confirm_names: bool = False,
    redact_names: bool = False,
    template: Path | None = None,
    record_seal: str | None = None,
    content: ExportContent | None = None,
) -> PreparedExport:
    chosen = MinutesFormat(fmt)
    read = _content(store, meeting_id, Document.MINUTES, content, record_seal)
    record, names = cleared_record(read, confirm_names=confirm_names, redact_names=redact_names)
    now = london_now()
    chosen_template = template or read.template
    return PreparedExport(
        meeting_id,
        Path(target),
        f"minutes ({chosen.value}) written to {Path(target).name}",
        lambda: minutes_bytes(record, chosen, template=chosen_template, now=now),
        names,
    )


def prepare_decision_record(
    store: Store,
    meeting_id: str,
    target: Path,
    *,
    confirm_names: bool = False,
    redact_names: bool = False,
    record_seal: str | None = None,
    content: ExportContent | None = None,
) -> PreparedExport:
    read = _content(store, meeting_id, Document.DECISION_RECORD, content, record_seal)
    record, names = cleared_record(read, confirm_names=confirm_names, redact_names=redact_names)
    now = london_now()
    return PreparedExport(
        meeting_id,
        Path(target),
        f"decision record written to {Path(target).name}",
        lambda: render_decision_record(record, generated_at=now),
        names,
    )


def prepare_email_draft(
    store: Store,
    meeting_id: str,
    target: Path,
    *,
    to_attendees: bool = False,
    confirm_names: bool = False,
    redact_names: bool = False,
    record_seal: str | None = None,
    content: ExportContent | None = None,
) -> PreparedExport:
    read = _content(store, meeting_id, Document.EMAIL_DRAFT, content, record_seal)
    record, names = cleared_record(read, confirm_names=confirm_names, redact_names=redact_names)
    template = read.template
    now = london_now()

    def render() -> bytes:
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
        return email_draft(record, attachments, to_attendees=to_attendees)

    return PreparedExport(
        meeting_id, Path(target), f"email draft written to {Path(target).name}", render, names
    )


def prepare_rapid_review_report(
    store: Store,
    meeting_id: str,
    target: Path,
    *,
    confirm_names: bool = False,
    redact_names: bool = False,
    template: Path | None = None,
    record_seal: str | None = None,
    content: ExportContent | None = None,
) -> PreparedExport:
    """The Rapid Review report for the Panel, as Word, on the user's template."""
    read = _content(store, meeting_id, Document.RAPID_REVIEW_REPORT, content, record_seal)
    if read.record.kind is not MeetingKind.RAPID_REVIEW:
        raise ExportError(
            f"Meeting {meeting_id} is not a Rapid Review: only a Rapid Review has a Rapid "
            "Review report."
        )
    record, names = cleared_record(read, confirm_names=confirm_names, redact_names=redact_names)
    now = london_now()
    chosen_template = template or read.template
    return PreparedExport(
        meeting_id,
        Path(target),
        f"Rapid Review report written to {Path(target).name}",
        lambda: render_docx(build_rapid_review_report(record, generated_at=now), chosen_template),
        names,
    )


def _writing(
    prepare: Callable[Concatenate[Store, P], PreparedExport],
) -> Callable[Concatenate[Store, P], Path]:
    """The one-call export beside each `prepare_*`: read, render, write, then audit."""

    def write(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> Path:
        return _export(store, prepare(store, *args, **kwargs))

    write.__doc__ = f"Write what `{prepare.__name__}` prepares, and note it in the audit log."
    return write


# Full minutes as Word or PDF (`template` overrides the one in Settings).
export_minutes = _writing(prepare_minutes)
export_decision_record = _writing(prepare_decision_record)
# An unsent .eml with the Word minutes and the PDF decision record attached.
export_email_draft = _writing(prepare_email_draft)
export_rapid_review_report = _writing(prepare_rapid_review_report)
