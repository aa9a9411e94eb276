"""The decision record: one or two PDF pages sharing the decision and its rationale the same day.

It summarises; the approved minutes remain the record. A field too long for the page is
shortened with a pointer to the full minutes, tighter and tighter until the record fits on two
pages, so a pasted essay can never break the layout.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph

from lscp_desktop.date_text import written_date, written_time
from lscp_desktop.documents.meeting_record import MeetingRecord
from lscp_desktop.documents.minutes_content import (
    MARKING,
    Table,
)
from lscp_desktop.documents.pdf_minutes import table_flowable
from lscp_desktop.documents.pdf_page import (
    MARGIN,
    draw_draft_watermark,
    make_numbered_canvas,
    markup,
    no_watermark,
    styles,
)
from lscp_desktop.models.enums import CaseKind, MeetingKind
from lscp_desktop.vocabulary import NO_RAPID_REVIEW

MAX_PAGES = 2
SHORTENED = " … [shortened: see the full minutes]"


@dataclass(frozen=True)
class Budget:
    """How many characters each kind of field may have at one level of tightness."""

    long: int  # rationale
    medium: int  # dissent, evidence, panel comments
    line: int  # a partner's reasons, an action
    rows: int  # actions listed before "and N more"


BUDGETS = (
    Budget(1500, 600, 320, 12),
    Budget(900, 350, 180, 8),
    Budget(500, 200, 110, 6),
    Budget(250, 110, 70, 4),
    Budget(120, 60, 40, 2),
)


# A meeting on a death of the other kinds records that notification, not an SCSI decision.
DECISION_TITLES = {
    CaseKind.LOOKED_AFTER_DEATH: "Decision record: notification of the death of a looked-after "
    "child",
    CaseKind.CARE_LEAVER_DEATH: "Decision record: notification of the death of a care leaver",
}


def fit(text: str, limit: int) -> str:
    text = " ".join(text.split()) if len(text) > limit else text
    if len(text) <= limit:
        return text
    return text[: max(limit - len(SHORTENED), 1)].rstrip() + SHORTENED


class _Story:
    def __init__(self, sheet: dict[str, ParagraphStyle]) -> None:
        self.sheet = sheet
        self.flowables: list[Flowable] = []

    def heading(self, text: str) -> None:
        self.flowables.append(PdfParagraph(markup(text), self.sheet["h2"]))

    def line(self, text: str, label: str = "", style: str = "body") -> None:
        prefix = f"<b>{markup(label)}:</b> " if label else ""
        self.flowables.append(PdfParagraph(prefix + markup(text), self.sheet[style]))

    def table(self, table: Table) -> None:
        self.flowables.append(table_flowable(table, self.sheet))


def _story(record: MeetingRecord, budget: Budget, generated_at: dt.datetime) -> list[Flowable]:
    story = _Story(styles())
    is_review = record.kind is MeetingKind.RAPID_REVIEW
    if record.organisation:
        story.line(fit(record.organisation, 200), style="subtitle")
    story.flowables.append(
        PdfParagraph(
            "Decision record: Rapid Review"
            if is_review
            else DECISION_TITLES.get(
                record.case_kind,
                "Decision record: notification of a serious child safeguarding incident",
            ),
            story.sheet["title"],
        )
    )
    if not record.approved:
        story.line("DRAFT: the minutes of this meeting are not yet approved.", style="draft")
    story.table(
        Table(
            ("Item", "Detail"),
            (
                ("Children" if len(record.children) > 1 else "Child", fit(record.pseudonym, 100)),
                ("Case reference", fit(record.case_reference, 100)),
                ("Meeting", f"{record.title}, {written_time(record.held_at)}"),
                ("Place", fit(record.location, budget.line) or "Not recorded"),
                ("Chair", fit(record.chair, 120) or "Not recorded"),
                ("Date of incident", written_date(record.incident_date) or "Not known"),
                ("Local Authority aware (day 0)", written_date(record.la_aware)),
            ),
            (1.3, 3),
            key_value=True,
        )
    )

    story.heading("Criteria assessment")
    if is_review and record.review is not None and record.review.criteria:
        story.table(
            Table(
                ("Regulation 11 criterion", "Met", "Evidence"),
                tuple(
                    (c.criterion, "Yes" if c.met else "No", fit(c.evidence, budget.line) or "-")
                    for c in record.review.criteria
                ),
                (3, 0.6, 3.4),
            )
        )
    else:
        story.line(
            record.abuse_or_neglect
            + (
                f". {fit(record.abuse_or_neglect_evidence, budget.line)}"
                if record.abuse_or_neglect_evidence
                else ""
            ),
            "Abuse or neglect known or suspected",
        )
        story.line(
            record.harm
            + (f". {fit(record.harm_evidence, budget.line)}" if record.harm_evidence else ""),
            "Died or seriously harmed",
        )
        story.line(
            {
                True: "Both criteria are met.",
                False: "The criteria are not met.",
                None: "Not yet established.",
            }[record.criteria_met]
            + (
                " The death is notified whether or not the criteria are met."
                if record.case_kind in DECISION_TITLES
                else ""
            ),
            "Conclusion",
        )

    if is_review:
        pass  # a Rapid Review gathers facts: nobody gives a notify/do-not-notify opinion
    elif record.contributions:
        story.heading("Each partner's opinion")
        story.table(
            Table(
                ("Agency", "Opinion", "Reasons"),
                tuple(
                    (fit(c.agency, 80), c.opinion, fit(c.reasons, budget.line) or "None recorded.")
                    for c in record.contributions
                ),
                (2, 1.1, 4.5),
            )
        )
    else:
        story.heading("Each partner's opinion")
        story.line("No partner's opinion was recorded.")

    if is_review:
        review = record.review
        story.heading("The decision on a local Child Safeguarding Practice Review")
        if review is None:
            story.line("Not yet decided.")
        else:
            story.line(review.recommendation or "Not yet decided", "Recommendation")
            story.line(fit(review.rationale, budget.long) or "None recorded.", "Rationale")
            story.line(
                written_date(review.submitted_to_panel_on) or "Not yet submitted",
                "Submitted to the Panel",
            )
            response = review.panel_response
            if review.panel_comments:
                response += f". {fit(review.panel_comments, budget.medium)}"
            story.line(response, "The Panel's response")
            if review.resubmitted_to_panel_on:
                story.line(
                    written_date(review.resubmitted_to_panel_on),
                    "Resubmitted with more information",
                )
            view = review.national_review_view
            if review.national_review_rationale:
                view += f". {fit(review.national_review_rationale, budget.medium)}"
            story.line(view, "View on a national review")
            signed = [row for row in review.sign_off if row.signed_on and row.name]
            story.line(
                "; ".join(
                    f"{fit(row.agency, 60)}: {fit(row.name, 60)}, {written_date(row.signed_on)}"
                    for row in signed
                )
                or "Not yet signed off.",
                "Signed off by the safeguarding partners",
            )
    decision = record.decision
    if decision is not None or not is_review:
        story.heading("The Local Authority's decision")
        if decision is None:
            story.line("No decision has been recorded.")
        else:
            if decision.post_meeting:
                story.line(
                    f"Made after the meeting, on {written_date(decision.decided_on)}; recorded by "
                    f"{fit(decision.recorded_by, 80) or 'the Business Unit'}.",
                    "Decision made after the meeting",
                    style="note",
                )
            story.line(decision.outcome, "Decision")
            maker = fit(decision.decided_by, 100) or "Not recorded"
            story.line(f"{maker}, {written_date(decision.decided_on)}", "Decision-maker")
            story.line(fit(decision.rationale, budget.long) or "None recorded.", "Rationale")
            if record.notified_on:
                story.line(
                    written_date(record.notified_on)
                    + (
                        f"; Panel reference {fit(record.panel_reference, 60)}"
                        if record.panel_reference
                        else ""
                    ),
                    "Notified on",
                )
            if decision.deferral_reason:
                story.line(fit(decision.deferral_reason, budget.medium), "Why deferred")
            story.heading("Dissent and escalation")
            story.line(fit(decision.dissent, budget.medium) or "None recorded.", "Dissent")
            if decision.dissent:
                story.line(
                    fit(decision.dissent_considered, budget.medium) or "None recorded.",
                    "How it was considered",
                )
            story.line(
                ("Escalated. " if decision.escalated else "Not escalated. ")
                + fit(decision.escalation_notes, budget.medium),
                "Escalation",
            )

    story.heading("Deadlines and actions")
    deadlines = [
        ("Notification due (5 working days)", written_date(record.notification_due)),
    ]
    if record.partners_informed_due is not None:
        told = written_date(record.partners_informed_on) or "not yet recorded"
        deadlines.append(
            (
                "Safeguarding partners told (5 working days)",
                f"{written_date(record.partners_informed_due)}; told: {told}",
            )
        )
    deadlines.append(
        (
            "Rapid Review due (15 working days)",
            NO_RAPID_REVIEW.get(record.case_kind)
            or written_date(record.rapid_review_due)
            or "Not notified",
        )
    )
    if record.cspr_publication_due:
        deadlines.append(
            ("CSPR publication expected by", written_date(record.cspr_publication_due))
        )
    story.table(Table(("Deadline", "Date"), tuple(deadlines), (3, 1.2)))
    if record.actions:
        shown = record.actions[: budget.rows]
        story.table(
            Table(
                ("Action", "Owner", "Due", "Status"),
                tuple(
                    (
                        fit(("Immediate: " if a.immediate else "") + a.description, budget.line),
                        fit(", ".join(p for p in (a.owner, a.agency) if p), 80) or "Not assigned",
                        written_date(a.due) or "No date",
                        a.status,
                    )
                    for a in shown
                ),
                (4.2, 2.2, 1.2, 0.9),
            )
        )
        if len(record.actions) > len(shown):
            story.line(
                f"And {len(record.actions) - len(shown)} more actions: see the full minutes.",
                style="note",
            )
    else:
        story.line("No actions were agreed.")
    story.flowables.append(Spacer(1, 6))
    story.line(
        f"Generated on {written_time(generated_at)} by LSCP Desktop from the meeting record. "
        "This record summarises the decision; the minutes are the full record.",
        style="small",
    )
    return story.flowables


def _build(record: MeetingRecord, budget: Budget, generated_at: dt.datetime) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Decision record {record.case_reference[:100]}",
        subject=MARKING,
        creator="LSCP Desktop",
    )
    watermark = no_watermark if record.approved else draw_draft_watermark
    reference = (
        f"{record.case_reference[:40]} · {record.pseudonym[:40]} · "
        f"generated on {written_time(generated_at)}"
    )
    document.build(
        _story(record, budget, generated_at),
        onFirstPage=watermark,
        onLaterPages=watermark,
        canvasmaker=make_numbered_canvas(MARKING, reference),
    )
    return buffer.getvalue(), int(document.page)


def render_decision_record(record: MeetingRecord, *, generated_at: dt.datetime) -> bytes:
    """The PDF's bytes, on at most two pages."""
    data = b""
    for budget in BUDGETS:
        data, pages = _build(record, budget, generated_at)
        if pages <= MAX_PAGES:
            break
    return data
