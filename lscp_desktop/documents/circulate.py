"""Circulating minutes: an email draft (.eml) the user opens, checks and sends from their own mail.

The app never sends anything: `X-Unsent: 1` makes Outlook (and Thunderbird) open the file as
an unsent draft. Approved minutes go to the meeting's distribution list; draft minutes go to
the people who attended, for an accuracy check before approval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr

from lscp_desktop.date_text import written_date
from lscp_desktop.documents.meeting_record import MeetingRecord
from lscp_desktop.documents.minutes_content import MARKING

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF_TYPE = ("application", "pdf")


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    maintype: str
    subtype: str


def file_stem(record: MeetingRecord, what: str) -> str:
    """A file name safe on Windows, macOS and Linux: 'Minutes LSCP-2026-014 2026-03-11'."""
    raw = f"{what} {record.case_reference} {record.held_at:%Y-%m-%d}"
    return re.sub(r"[^\w\- ]+", "_", raw)[:120].strip() or what


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _address(name: str, email: str) -> str | None:
    email = email.strip()
    # One plain address only: anything that could smuggle in a header or a second address
    # (a newline, a comma) leaves the person off the To line and named in the covering text.
    if email.count("@") != 1 or any(c.isspace() or c in "<>,;\"'()[]\\" for c in email):
        return None
    return formataddr((_one_line(name)[:100], email))


def recipients(record: MeetingRecord, *, to_attendees: bool) -> tuple[list[str], list[str]]:
    """(addresses, names without a usable email address) for the chosen audience."""
    people = (
        [(a.name, a.email) for a in record.attendees if a.status == "Present"]
        if to_attendees
        else list(record.distribution)
    )
    addresses: list[str] = []
    missing: list[str] = []
    for name, email in people:
        address = _address(name, email)
        if address is None:
            missing.append(_one_line(name)[:100])
        elif address not in addresses:
            addresses.append(address)
    return addresses, missing


def covering_text(record: MeetingRecord, *, to_attendees: bool, missing: list[str]) -> str:
    meeting = f"the {record.title} on {written_date(record.held_at.date())}"
    lines = [MARKING, "", "Dear colleagues,", ""]
    if to_attendees:
        lines += [
            f"Please find attached the DRAFT minutes of {meeting} regarding {record.pseudonym} "
            f"({record.case_reference}), with the draft decision record.",
            "",
            "Please check the minutes for accuracy, particularly your agency's information, "
            "opinion and reasons, and send any corrections to the Business Unit. The minutes "
            "are not approved and must not be circulated further.",
        ]
    else:
        lines += [
            f"Please find attached the minutes of {meeting} regarding {record.pseudonym} "
            f"({record.case_reference}) and the decision record, which sets out the Local "
            "Authority's decision and its rationale.",
        ]
        if not record.approved:
            lines += ["", "These minutes are a DRAFT and have not yet been approved."]
    lines += [
        "",
        "The attachments are OFFICIAL-SENSITIVE: handle and store them accordingly, and send "
        "them only by secure email.",
    ]
    if missing:
        lines += ["", "No email address is recorded for: " + "; ".join(missing) + "."]
    lines += ["", "Kind regards,", "", record.organisation or "LSCP Business Unit"]
    return "\n".join(lines) + "\n"


def email_draft(
    record: MeetingRecord, attachments: list[Attachment], *, to_attendees: bool = False
) -> bytes:
    """The .eml file's bytes: an unsent draft with the attachments and a covering note."""
    addresses, missing = recipients(record, to_attendees=to_attendees)
    message = EmailMessage()
    message["X-Unsent"] = "1"
    if addresses:
        message["To"] = ", ".join(addresses)
    status = "DRAFT minutes for accuracy check" if to_attendees else "Minutes and decision record"
    message["Subject"] = _one_line(
        f"{MARKING}: {status}: {record.pseudonym[:60]}, {record.case_reference[:60]}, "
        f"{written_date(record.held_at.date())}"
    )
    message.set_content(covering_text(record, to_attendees=to_attendees, missing=missing))
    for item in attachments:
        message.add_attachment(
            item.data, maintype=item.maintype, subtype=item.subtype, filename=item.filename
        )
    return message.as_bytes()
