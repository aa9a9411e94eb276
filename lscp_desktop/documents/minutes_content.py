"""The minutes as a format-neutral document: sections of paragraphs and tables, in reading order.

Both writers (Word and PDF) render this same model, so the two formats cannot drift apart.
Built from a `MeetingRecord`, whose text is already safe; nothing here touches the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from lscp_desktop.date_text import written_date, written_time
from lscp_desktop.documents.meeting_record import AttendeeLine, MeetingRecord
from lscp_desktop.models.enums import CaseKind, MeetingKind
from lscp_desktop.vocabulary import CSPR_CRITERIA_NOTE, NO_RAPID_REVIEW

MARKING = "OFFICIAL-SENSITIVE"
NONE_RECORDED = "None recorded."
TABLE_REASONS_LIMIT = 400  # the opinions table shows the start; the full text follows it
CELL_LIMIT = 1500
HEADING_LIMIT = 200
FOOTER_LIMIT = 120

CONFIDENTIALITY = (
    "The information shared at this meeting is confidential and is shared for the purpose of "
    "safeguarding children and deciding whether the incident must be notified to the "
    "Child Safeguarding Practice Review Panel. It must not be shared beyond the purpose of the "
    "meeting. The child is referred to by pseudonym only."
)
PURPOSE = {
    MeetingKind.EXTRAORDINARY_RAG: (
        "To share each safeguarding partner's information and professional opinion, and so "
        "inform and guide the Local Authority's decision whether the incident is a Serious Child "
        "Safeguarding Incident that must be notified to the Child Safeguarding Practice Review "
        "Panel (Children Act 2004 s16C). Both criteria must be met: abuse or neglect of the child "
        "is known or suspected, and the child has died or been seriously harmed. The decision "
        "rests with the Local Authority, which must notify within 5 working days of becoming "
        "aware of the incident."
    ),
    MeetingKind.RAPID_REVIEW: (
        "To establish the facts as far as they can readily be established, decide whether "
        "immediate action is needed to keep children safe, consider potential improvements and "
        "decide whether a local Child Safeguarding Practice Review (CSPR) is appropriate against "
        "regulation 11 of the Child Safeguarding Practice Review and Relevant Agency (England) "
        "Regulations 2018."
    ),
}


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # printed in bold before the text ("Rationale: ...")
    note: bool = False  # an aside the reader must not mistake for the record itself


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    # A two-column "item: detail" table has no header row; its first column reads as labels.
    key_value: bool = False


Block = Paragraph | Table


@dataclass
class Section:
    heading: str
    level: int = 1
    blocks: list[Block | Section] = field(default_factory=list)

    def add(self, text: str, label: str = "", *, note: bool = False) -> None:
        self.blocks.append(Paragraph(text, label, note))


@dataclass(frozen=True)
class MinutesDocument:
    title: str
    subtitle: str
    organisation: str
    marking: str
    draft: bool
    sections: tuple[Section, ...]
    footer_reference: str


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(
    columns: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    widths: tuple[float, ...],
    *,
    key_value: bool = False,
) -> list[Block]:
    """A table whose over-long cells are shortened, their full text following the table.

    A table row cannot sensibly run over several pages, so a pasted essay in a cell would wreck
    the layout; the reader still gets every word, just below the table.
    """
    shown: list[tuple[str, ...]] = []
    overflow: list[Block] = []
    for number, row in enumerate(rows, start=1):
        cells = []
        for column, text in zip(columns, row, strict=True):
            if len(text) > CELL_LIMIT:
                where = row[0] if key_value else f"row {number}"
                cells.append(shorten(text, CELL_LIMIT) + " (in full below the table)")
                overflow.append(Paragraph(text, label=f"{column}, {shorten(where, 80)}, in full"))
            else:
                cells.append(text)
        shown.append(tuple(cells))
    return [Table(columns, tuple(shown), widths, key_value), *overflow]


def _heading(text: str, level: int = 2) -> Section:
    """A sub-section; a heading pasted as an essay is shortened and printed in full below it."""
    if len(text) <= HEADING_LIMIT:
        return Section(text, level)
    section = Section(shorten(text, HEADING_LIMIT), level)
    section.add(text, label="Heading in full")
    return section


def _or_none(text: str) -> str:
    return text if text.strip() else NONE_RECORDED


def _matching(items: tuple[tuple[str, str], ...], *words: str) -> list[tuple[str, str]]:
    return [item for item in items if any(w in item[0].lower() for w in words)]


SPECIAL_ITEM_WORDS = ("confidential", "declaration", "purpose")


def _meeting_details(record: MeetingRecord) -> Section:
    section = Section("1. Meeting details")
    section.blocks.extend(
        _table(
            ("Item", "Detail"),
            [
                ("Meeting", record.title),
                ("Date", written_date(record.held_at.date())),
                ("Time", f"{record.held_at:%H:%M}"),
                ("Place", record.location or "Not recorded"),
                ("Chair", record.chair or "Not recorded"),
                ("Minute-taker", record.minute_taker or "Not recorded"),
                ("Case reference", record.case_reference),
                ("Children" if len(record.children) > 1 else "Child", record.pseudonym),
            ],
            (1, 3),
            key_value=True,
        )
    )
    return section


def _role(line: AttendeeLine) -> str:
    parts = [line.role]
    if line.deputy_for:
        parts.append(f"deputising for {line.deputy_for}")
    if line.invited_professional:
        parts.append("invited professional")
    return "; ".join(p for p in parts if p)


def _attendance(record: MeetingRecord) -> Section:
    section = Section("2. Attendance, apologies and deputies")
    present = [a for a in record.attendees if a.status == "Present"]
    others = [a for a in record.attendees if a.status != "Present"]
    here = Section("Present", level=2)
    if present:
        here.blocks.extend(
            _table(
                ("Name", "Role", "Agency"),
                [(a.name, _role(a), a.agency) for a in present],
                (2, 3, 3),
            )
        )
    else:
        here.add(NONE_RECORDED)
    away = Section("Apologies and absent", level=2)
    if others:
        away.blocks.extend(
            _table(
                ("Name", "Role", "Agency", "Status"),
                [(a.name, _role(a), a.agency, a.status) for a in others],
                (2, 3, 3, 1.2),
            )
        )
    else:
        away.add("No apologies.")
    section.blocks.extend([here, away])
    return section


def _confidentiality(record: MeetingRecord) -> Section:
    section = Section("3. Confidentiality and declarations of interest")
    section.add(CONFIDENTIALITY)
    items = _matching(record.minute_items, "confidential", "declaration")
    for item, text in items:
        section.add(_or_none(text), label=item)
    if not items:
        section.add("No declarations of interest were recorded.")
    return section


# An Extra-Ordinary RAG on a death of the other kinds: the notification is owed whatever the
# criteria say; the meeting considers whether it is also a serious child safeguarding incident.
DEATH_PURPOSE = {
    CaseKind.LOOKED_AFTER_DEATH: (
        "To minute the notification of the death of a looked-after child, which must be "
        "notified within 5 working days whether or not abuse or neglect is known or suspected, "
        "and to consider whether the death is also a Serious Child Safeguarding Incident "
        "(Children Act 2004 s16C). Where abuse or neglect is not known or suspected, the Child "
        "Safeguarding Practice Review Panel does not consider the death and no Rapid Review "
        "follows."
    ),
    CaseKind.CARE_LEAVER_DEATH: (
        "To minute the notification of the death of a care leaver (up to and including age "
        "24) to the Secretary of State and Ofsted, due within 5 working days. No Rapid Review "
        "and no local Child Safeguarding Practice Review follow."
    ),
}


def _purpose(record: MeetingRecord) -> Section:
    section = Section("4. Purpose of the meeting and the criteria")
    if record.kind is MeetingKind.EXTRAORDINARY_RAG and record.case_kind in DEATH_PURPOSE:
        section.add(DEATH_PURPOSE[record.case_kind])
    else:
        section.add(PURPOSE[record.kind])
    for item, text in _matching(record.minute_items, "purpose"):
        section.add(_or_none(text), label=item)
    return section


def _child(record: MeetingRecord) -> Section:
    several = len(record.children) > 1
    section = Section(
        "5. The children and the incident" if several else "5. The child and the incident"
    )
    if several:
        # One notification for the incident, however many children: each child on a row.
        section.blocks.extend(
            _table(
                ("Child (pseudonym)", "Age", "Sex", "Legal status"),
                [
                    (
                        child.pseudonym,
                        child.age or "Not recorded",
                        child.sex or "Not recorded",
                        child.legal_status,
                    )
                    for child in record.children
                ],
                (2, 1, 1, 2),
            )
        )
        rows: list[tuple[str, str]] = []
    else:
        child = record.children[0] if record.children else None
        rows = [
            ("Child (pseudonym)", record.pseudonym),
            ("Age", (child.age if child else "") or "Not recorded"),
            ("Sex", (child.sex if child else "") or "Not recorded"),
            ("Legal status", child.legal_status if child else "Not recorded"),
        ]
    place = ", ".join(part for part in (record.incident_location, record.incident_area) if part)
    if record.outside_england:
        place = f"{place} (outside England)" if place else "Outside England"
    rows += [
        ("Date of incident", written_date(record.incident_date) or "Not known"),
        ("Time of incident", record.incident_time or "Not known"),
        ("Where it happened", place or "Not recorded"),
        ("Date the Local Authority became aware (day 0)", written_date(record.la_aware)),
        ("Referral received", written_date(record.referral_received)),
        ("Referring agency", record.referring_agency),
    ]
    section.blocks.extend(_table(("Item", "Detail"), rows, (2, 3), key_value=True))
    if record.summary:
        section.add(record.summary, label="Summary of the incident")
    for kind, notes in record.parallel_processes:
        section.add(notes or "No details recorded.", label=f"Parallel process: {kind}")
    return section


def _contributions(record: MeetingRecord) -> Section:
    if record.kind is MeetingKind.RAPID_REVIEW:
        return _agency_summaries(record)
    section = Section("6. Partners' information and opinions")
    if record.quorum_reason.strip():
        # The chair's reason for going ahead without a safeguarding partner's view.
        section.add(record.quorum_reason, label="Partners not represented or without an opinion")
    if not record.contributions:
        section.add(NONE_RECORDED)
        return section
    rows = []
    for c in record.contributions:
        reasons = c.reasons
        if len(reasons) > TABLE_REASONS_LIMIT:
            reasons = reasons[:TABLE_REASONS_LIMIT].rstrip() + "… (in full below)"
        # A blank cell reads as a fault in the record: say that nobody was recorded.
        rows.append(
            (c.agency, c.representative or NONE_RECORDED, c.opinion, reasons or NONE_RECORDED)
        )
    section.blocks.extend(
        _table(("Agency", "Represented by", "Opinion", "Reasons"), rows, (2.2, 1.8, 1.2, 4))
    )
    for c in record.contributions:
        sub = _heading(
            c.agency + (" (safeguarding partner)" if c.statutory else " (relevant agency)")
        )
        if c.representative:
            sub.add(c.representative, label="Represented by")
        sub.add(_or_none(c.information), label="Information shared")
        sub.add(c.opinion, label="Professional opinion")
        sub.add(_or_none(c.reasons), label="Reasons")
        section.blocks.append(sub)
    return section


def _agency_summaries(record: MeetingRecord) -> Section:
    """A Rapid Review gathers each agency's facts; nobody gives a notify/do-not-notify view."""
    section = Section("6. Agency summaries and chronology")
    if not record.contributions:
        section.add(NONE_RECORDED)
        return section
    for c in record.contributions:
        sub = _heading(
            c.agency + (" (safeguarding partner)" if c.statutory else " (relevant agency)")
        )
        if c.representative:
            sub.add(c.representative, label="Represented by")
        sub.add(_or_none(c.information), label="Summary and chronology")
        if c.reasons:
            sub.add(c.reasons, label="Notes")
        section.blocks.append(sub)
    return section


def _discussion(record: MeetingRecord) -> Section:
    section = Section("7. Discussion")
    items = [
        item
        for item in record.minute_items
        if not any(w in item[0].lower() for w in SPECIAL_ITEM_WORDS)
    ]
    if not items:
        section.add(NONE_RECORDED)
    for item, text in items:
        sub = _heading(item or "Discussion")
        sub.add(_or_none(text))
        section.blocks.append(sub)
    return section


def _criteria(record: MeetingRecord) -> Section:
    section = Section("8. Assessment against the criteria")
    section.add(record.abuse_or_neglect, label="Abuse or neglect known or suspected")
    if record.abuse_or_neglect_evidence:
        section.add(record.abuse_or_neglect_evidence, label="Evidence")
    section.add(record.harm, label="The child died or was seriously harmed")
    if record.harm_evidence:
        section.add(record.harm_evidence, label="Evidence")
    conclusion = {
        True: "Both criteria for a Serious Child Safeguarding Incident are met.",
        False: "The criteria for a Serious Child Safeguarding Incident are not met.",
        None: "Whether the criteria are met is not yet established.",
    }[record.criteria_met]
    section.add(conclusion, label="Conclusion")
    if record.case_kind is CaseKind.LOOKED_AFTER_DEATH and record.criteria_met is not True:
        section.add(
            "The death of a looked-after child is notified whether or not the criteria are met.",
            label="Notification",
        )
    elif record.case_kind is CaseKind.CARE_LEAVER_DEATH:
        section.add(
            "The death of a care leaver is notified to the Secretary of State and Ofsted "
            "whatever the criteria.",
            label="Notification",
        )
    return section


def _notification(record: MeetingRecord, section: Section) -> None:
    """The notification, the case's: it may have been sent before the meeting."""
    if record.notified_on:
        before = record.notified_on < record.held_at.date()
        section.add(
            written_date(record.notified_on)
            + (
                " (before this meeting: the meeting recorded the partners' views)" if before else ""
            ),
            label="Notified to the Child Safeguarding Practice Review Panel on",
        )
    if record.panel_reference:
        section.add(record.panel_reference, label="Panel reference")


def _decision(record: MeetingRecord, number: int) -> list[Section]:
    decision = record.decision
    main = Section(f"{number}. The Local Authority's decision")
    dissent = Section(f"{number + 1}. Dissent and how it was considered")
    escalation = Section(f"{number + 2}. Escalation")
    if decision is None:
        main.add("No decision has been recorded.")
        _notification(record, main)
        dissent.add(NONE_RECORDED)
        escalation.add("Not escalated.")
        return [main, dissent, escalation]
    if decision.post_meeting:
        main.add(
            f"This decision was made after the meeting, on {written_date(decision.decided_on)}, "
            f"and recorded by {decision.recorded_by or 'the Business Unit'}"
            + (f" on {written_time(decision.recorded_at)}" if decision.recorded_at else "")
            + ". It is not part of the discussion minuted above.",
            label="Decision made after the meeting",
            note=True,
        )
    main.add(decision.outcome, label="Decision")
    main.add(decision.decided_by or "Not recorded", label="Decision-maker (Local Authority)")
    main.add(written_date(decision.decided_on), label="Date of decision")
    main.add(_or_none(decision.rationale), label="Rationale")
    if decision.deferral_reason:
        main.add(decision.deferral_reason, label="Why the decision was deferred")
    _notification(record, main)
    if decision.rationale_shared_on:
        main.add(
            written_date(decision.rationale_shared_on), label="Rationale shared with partners on"
        )
    dissent.add(_or_none(decision.dissent), label="Dissent")
    if decision.dissent:
        dissent.add(_or_none(decision.dissent_considered), label="How it was considered")
    escalation.add("Escalated" if decision.escalated else "Not escalated", label="Escalation")
    if decision.escalation_notes:
        escalation.add(decision.escalation_notes, label="Notes")
    return [main, dissent, escalation]


def _review(record: MeetingRecord, number: int) -> Section:
    section = Section(f"{number}. The decision on a local Child Safeguarding Practice Review")
    review = record.review
    if review is None:
        section.add("No decision on a CSPR has been recorded.")
        return section
    if review.criteria:
        section.add(CSPR_CRITERIA_NOTE, note=True)
        section.blocks.extend(
            _table(
                ("Regulation 11 criterion", "Met", "Evidence"),
                [
                    (c.criterion, "Yes" if c.met else "No", c.evidence or NONE_RECORDED)
                    for c in review.criteria
                ],
                (3, 0.7, 4),
            )
        )
    section.add(review.recommendation or "Not yet decided", label="Recommendation")
    if review.decided_on:
        section.add(written_date(review.decided_on), label="Date of decision")
    section.add(_or_none(review.rationale), label="Rationale")
    section.add(
        written_date(review.submitted_to_panel_on) or "Not yet submitted",
        label="Rapid Review submitted to the Panel",
    )
    response = review.panel_response
    if review.panel_response_on:
        response += f" ({written_date(review.panel_response_on)})"
    section.add(response, label="The Panel's response")
    if review.panel_comments:
        section.add(review.panel_comments, label="The Panel's comments")
    if review.resubmitted_to_panel_on:
        section.add(
            written_date(review.resubmitted_to_panel_on),
            label="Sent again with the information the Panel asked for",
        )
    if review.cspr_published_on:
        section.add(written_date(review.cspr_published_on), label="CSPR published")
    return section


def _actions(record: MeetingRecord, number: int) -> Section:
    section = Section(f"{number}. Actions")
    if not record.actions:
        section.add("No actions were agreed.")
        return section
    rows = [
        (
            str(index),
            ("Immediate safeguarding action: " if a.immediate else "") + a.description,
            a.owner or "Not assigned",
            a.agency,
            written_date(a.due) or "No date",
            a.status,
        )
        for index, a in enumerate(record.actions, start=1)
    ]
    section.blocks.extend(
        _table(
            ("#", "Action", "Owner", "Agency", "Due", "Status"), rows, (0.4, 4, 1.7, 1.4, 1.4, 1)
        )
    )
    return section


def _deadlines(record: MeetingRecord, number: int) -> Section:
    section = Section(f"{number}. Deadlines")
    rows = [
        (
            "Notification to the Panel due (5 working days from day 0)",
            written_date(record.notification_due),
        ),
    ]
    if record.partners_informed_due is not None:
        rows.append(
            (
                "Safeguarding partners told (5 working days from day 0)",
                written_date(record.partners_informed_due)
                + (
                    f"; told {written_date(record.partners_informed_on)}"
                    if record.partners_informed_on
                    else "; not yet recorded"
                ),
            )
        )
    rows.append(
        (
            "Rapid Review due (15 working days)",
            NO_RAPID_REVIEW.get(record.case_kind)
            or written_date(record.rapid_review_due)
            or "Not applicable: not notified",
        )
    )
    if record.cspr_publication_due:
        rows.append(
            ("CSPR report expected to be published by", written_date(record.cspr_publication_due))
        )
    section.blocks.extend(_table(("Deadline", "Date"), rows, (3, 1.2)))
    return section


def _distribution(record: MeetingRecord, number: int) -> Section:
    section = Section(f"{number}. Distribution")
    if record.distribution:
        section.blocks.extend(_table(("Name", "Email"), list(record.distribution), (2, 2)))
    else:
        section.add("No distribution list recorded.")
    return section


def _approval(record: MeetingRecord, number: int) -> Section:
    section = Section(f"{number}. Approval")
    if record.approved:
        section.add(record.approved_by or "Not recorded", label="Approved by")
        section.add(written_time(record.approved_at), label="Approved on")
    else:
        section.add("DRAFT: these minutes have not yet been approved.", note=True)
    if record.record_seal:
        section.add(record.record_seal, label="Record seal")
    return section


def _addenda(record: MeetingRecord, number: int) -> Section:
    section = Section(f"{number}. Addenda after approval")
    section.add(
        "The following were added after the minutes were approved. Each is dated and attributed; "
        "the approved minutes above are unchanged.",
        note=True,
    )
    for index, addendum in enumerate(record.addenda, start=1):
        sub = _heading(f"Addendum {index}: {written_time(addendum.added_at)}, by {addendum.author}")
        sub.add(addendum.text)
        section.blocks.append(sub)
    return section


def build_minutes(record: MeetingRecord, *, generated_at: dt.datetime) -> MinutesDocument:
    sections = [
        _meeting_details(record),
        _attendance(record),
        _confidentiality(record),
        _purpose(record),
        _child(record),
        _contributions(record),
        _discussion(record),
        _criteria(record),
    ]
    number = len(sections) + 1
    if record.kind is MeetingKind.RAPID_REVIEW:
        sections.append(_review(record, number))
        number += 1
        if record.decision is not None:
            decision_sections = _decision(record, number)
            sections.extend(decision_sections)
            number += len(decision_sections)
    else:
        decision_sections = _decision(record, number)
        sections.extend(decision_sections)
        number += len(decision_sections)
    for make in (_actions, _deadlines, _distribution, _approval):
        sections.append(make(record, number))
        number += 1
    if record.addenda:
        sections.append(_addenda(record, number))
    status = "Approved minutes" if record.approved else "DRAFT minutes, not yet approved"
    return MinutesDocument(
        title=f"Minutes: {record.title}",
        subtitle=(
            f"{record.pseudonym} · {record.case_reference} · {written_date(record.held_at.date())}"
            f" · {status}"
        ),
        organisation=record.organisation,
        marking=MARKING,
        draft=not record.approved,
        sections=tuple(sections),
        footer_reference=(
            f"{shorten(record.case_reference, 40)} · {shorten(record.pseudonym, 40)}"
            f" · generated {written_time(generated_at)}"
        ),
    )
