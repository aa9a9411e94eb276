"""The Rapid Review report the Panel receives, as a format-neutral document.

The headings follow what the Panel's guidance asks a Rapid Review for: the facts and agency
involvement, key practice episodes, how racism and other inequalities (including disability)
shaped the child's experience and the practice, good practice, learning, immediate action, the
CSPR decision (regulation 11), the view on a national review, and the three safeguarding
partners' sign-off. Built from a `MeetingRecord` (pseudonyms only, text already safe) and
written by the same Word writer as the minutes, so the user's template applies.
"""

from __future__ import annotations

import datetime as dt

from lscp_desktop.date_text import written_date, written_time
from lscp_desktop.documents.meeting_record import MeetingRecord, ReviewFacts
from lscp_desktop.documents.minutes_content import (
    MARKING,
    NONE_RECORDED,
    MinutesDocument,
    Section,
    _heading,
    _table,
    shorten,
)
from lscp_desktop.models.enums import MeetingKind
from lscp_desktop.review.rapid_review import SAFEGUARDING_PARTNERS
from lscp_desktop.vocabulary import CSPR_CRITERIA_NOTE

CONFIDENTIALITY = (
    "This Rapid Review is confidential. It is shared with the Child Safeguarding Practice "
    "Review Panel and the three safeguarding partners to identify learning and to decide "
    "whether a local or national Child Safeguarding Practice Review should follow. It must not "
    "be shared beyond that purpose or disclosed in proceedings without the partners' "
    "agreement. Children and family members are referred to by pseudonym only."
)
NOT_RECORDED = "Not recorded"


class NotARapidReview(ValueError):
    """The report exists only for a Rapid Review meeting."""


def _text(section: Section, text: str) -> None:
    blocks = [block.strip() for block in text.split("\n") if block.strip()]
    for block in blocks or [NONE_RECORDED]:
        section.add(block)


def _details(record: MeetingRecord, review: ReviewFacts | None) -> Section:
    section = Section("1. The review")
    rows = [
        ("Partnership", record.organisation or NOT_RECORDED),
        ("Case reference", record.case_reference),
        ("Panel reference", record.panel_reference or NOT_RECORDED),
        ("Children" if len(record.children) > 1 else "Child", record.pseudonym),
        ("Date of incident", written_date(record.incident_date) or "Not known"),
        ("Notified to the Panel", written_date(record.notified_on) or NOT_RECORDED),
        ("Rapid Review meeting", written_time(record.held_at)),
        ("Chair", record.chair or NOT_RECORDED),
        ("Rapid Review due (15 working days)", written_date(record.rapid_review_due) or "-"),
        (
            "Sent to the Panel",
            (review and written_date(review.submitted_to_panel_on)) or "Not yet sent",
        ),
    ]
    section.blocks.extend(_table(("Item", "Detail"), rows, (2, 3), key_value=True))
    return section


def _confidentiality() -> Section:
    section = Section("2. Confidentiality")
    section.add(CONFIDENTIALITY)
    return section


def _children_rows(record: MeetingRecord) -> list[tuple[str, ...]]:
    return [
        (
            child.pseudonym,
            child.age or NOT_RECORDED,
            child.sex or NOT_RECORDED,
            child.ethnicity or NOT_RECORDED,
            child.disability or "None recorded",
            child.legal_status,
        )
        for child in record.children
    ]


def _facts(record: MeetingRecord) -> Section:
    section = Section(
        "3. The children and the incident"
        if len(record.children) > 1
        else "3. The child and the incident"
    )
    if record.children:
        section.blocks.extend(
            _table(
                ("Child (pseudonym)", "Age", "Sex", "Ethnicity", "Disability", "Legal status"),
                _children_rows(record),
                (1.5, 0.8, 1.2, 1.5, 1.6, 1.4),
            )
        )
    section.add(record.summary or NONE_RECORDED, label="What happened")
    for kind, notes in record.parallel_processes:
        section.add(notes or "No details recorded.", label=f"Parallel process: {kind}")
    return section


def _agencies(record: MeetingRecord) -> Section:
    section = Section("4. Agency involvement: summaries and chronology")
    if not record.contributions:
        section.add(NONE_RECORDED)
    for c in record.contributions:
        sub = _heading(c.agency)
        if c.representative:
            sub.add(c.representative, label="Represented by")
        _text(sub, c.information)
        if c.reasons:
            sub.add(c.reasons, label="Notes")
        section.blocks.append(sub)
    return section


def _episodes(review: ReviewFacts | None) -> Section:
    section = Section("5. Key practice episodes")
    episodes = review.episodes if review else ()
    if not episodes:
        section.add("No key practice episodes were recorded.")
        return section
    section.blocks.extend(
        _table(
            ("#", "Key practice episode", "Date or period", "Agencies involved"),
            [
                (str(n), e.title, e.period or NOT_RECORDED, ", ".join(e.agencies) or "-")
                for n, e in enumerate(episodes, start=1)
            ],
            (0.4, 3, 1.6, 2.4),
        )
    )
    for number, episode in enumerate(episodes, start=1):
        sub = _heading(f"Episode {number}: {episode.title}")
        sub.add(episode.description or NONE_RECORDED, label="What happened")
        sub.add(episode.analysis or NONE_RECORDED, label="Analysis")
        section.blocks.append(sub)
    return section


def _inequalities(record: MeetingRecord, review: ReviewFacts | None) -> Section:
    section = Section("6. The impact of racism and other inequalities")
    if record.children:
        # Beside the analysis: each child's ethnicity and disability as recorded on the case.
        section.blocks.extend(
            _table(
                ("Child (pseudonym)", "Ethnicity", "Disability"),
                [(row[0], row[3], row[4]) for row in _children_rows(record)],
                (2, 2, 3),
            )
        )
    _text(section, review.inequalities if review else "")
    return section


def _plain(number: int, heading: str, text: str) -> Section:
    section = Section(f"{number}. {heading}")
    _text(section, text)
    return section


def _immediate(record: MeetingRecord, review: ReviewFacts | None) -> Section:
    section = Section("9. Immediate safeguarding action")
    _text(section, review.immediate_action if review else "")
    actions = [a for a in record.actions if a.immediate]
    if actions:
        section.blocks.extend(
            _table(
                ("Action", "Owner", "Agency", "Due", "Status"),
                [
                    (
                        a.description,
                        a.owner or "Not assigned",
                        a.agency,
                        written_date(a.due) or "No date",
                        a.status,
                    )
                    for a in actions
                ],
                (4, 1.6, 1.4, 1.3, 1),
            )
        )
    return section


def _cspr(review: ReviewFacts | None) -> Section:
    section = Section("10. The decision on a local Child Safeguarding Practice Review")
    if review is None:
        section.add("No decision has been recorded.")
        return section
    if review.criteria:
        section.add(CSPR_CRITERIA_NOTE, note=True)
        section.blocks.extend(
            _table(
                ("Regulation 11 criterion", "Met", "Evidence"),
                [
                    (c.criterion, "Yes" if c.met else "No", c.evidence or "-")
                    for c in review.criteria
                ],
                (3, 0.7, 4),
            )
        )
    section.add(review.recommendation or "Not yet decided", label="Decision")
    if review.decided_on:
        section.add(written_date(review.decided_on), label="Date of decision")
    section.add(review.rationale or NONE_RECORDED, label="Rationale")
    return section


def _national(review: ReviewFacts | None) -> Section:
    section = Section("11. The safeguarding partners' view on a national review")
    section.add(review.national_review_view if review else "Not yet decided", label="View")
    section.add(
        (review.national_review_rationale if review else "") or NONE_RECORDED, label="Reasons"
    )
    return section


def _panel(review: ReviewFacts | None) -> Section:
    section = Section("12. Submission to the Panel and its response")
    if review is None:
        section.add("Not yet sent.")
        return section
    section.add(written_date(review.submitted_to_panel_on) or "Not yet sent", label="Sent on")
    response = review.panel_response
    if review.panel_response_on:
        response += f" ({written_date(review.panel_response_on)})"
    section.add(response, label="The Panel's response")
    if review.panel_comments:
        section.add(review.panel_comments, label="The Panel's comments")
    if review.resubmitted_to_panel_on:
        section.add(
            written_date(review.resubmitted_to_panel_on),
            label="Sent again with the information asked for",
        )
    return section


def _sign_off(review: ReviewFacts | None) -> Section:
    section = Section("13. Sign-off by the safeguarding partners")
    rows = review.sign_off if review else ()
    if not rows:
        section.add("Not yet signed off by the safeguarding partners.", note=True)
        return section
    section.blocks.extend(
        _table(
            ("Safeguarding partner", "Name", "Role", "Date"),
            [
                (r.agency, r.name or "-", r.role or "-", written_date(r.signed_on) or "Not signed")
                for r in rows
            ],
            (2, 2, 2.4, 1.4),
        )
    )
    return section


def build_rapid_review_report(
    record: MeetingRecord, *, generated_at: dt.datetime
) -> MinutesDocument:
    if record.kind is not MeetingKind.RAPID_REVIEW:
        raise NotARapidReview("Only a Rapid Review meeting has a Rapid Review report.")
    review = record.review
    sections = [
        _details(record, review),
        _confidentiality(),
        _facts(record),
        _agencies(record),
        _episodes(review),
        _inequalities(record, review),
        _plain(7, "Good practice", review.good_practice if review else ""),
        _plain(8, "Learning and areas for improvement", review.learning if review else ""),
        _immediate(record, review),
        _cspr(review),
        _national(review),
        _panel(review),
        _sign_off(review),
    ]
    # The report is final once the three safeguarding partners have signed it off, each with
    # a name and a date; until then it is a draft, whatever the state of the minutes.
    signed = {
        row.agency.casefold()
        for row in (review.sign_off if review else ())
        if row.name and row.signed_on
    }
    final = all(partner.casefold() in signed for partner in SAFEGUARDING_PARTNERS)
    status = (
        "signed off by the safeguarding partners"
        if final
        else "DRAFT: not yet signed off by the three safeguarding partners"
    )
    return MinutesDocument(
        title="Rapid Review",
        subtitle=(
            f"{record.pseudonym} · {record.case_reference} · "
            f"{written_date(record.held_at.date())} · {status}"
        ),
        organisation=record.organisation,
        marking=MARKING,
        draft=not final,
        sections=tuple(sections),
        footer_reference=(
            f"{shorten(record.case_reference, 40)} · {shorten(record.pseudonym, 40)}"
            f" · Rapid Review · generated {written_time(generated_at)}"
        ),
    )
