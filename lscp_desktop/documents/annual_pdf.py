"""The annual figures as a PDF: tables and charts fit to paste into the annual report."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from lscp_desktop.date_text import numeric_date, written_date
from lscp_desktop.documents.report_pdf import (
    ACCENT,
    FONT,
    data_table,
    para,
    styles,
    write_pdf,
)
from lscp_desktop.review.annual_report import AnnualFigures

CONTENT_WIDTH = 178 * mm


def period_label(figures: AnnualFigures) -> str:
    return f"{written_date(figures.start)} to {written_date(figures.end)}"


def bar_chart(title: str, counts: dict[str, int]) -> Drawing:
    """A horizontal bar chart, one bar a label, the count printed at the bar's end."""
    labels = list(counts)[::-1]  # reportlab draws the first category at the bottom
    values = [counts[label] for label in labels]
    bar_height = 14
    height = max(1, len(labels)) * bar_height + 36
    drawing = Drawing(CONTENT_WIDTH, height)
    drawing.add(String(0, height - 12, title, fontName=FONT, fontSize=9.5, fillColor=ACCENT))
    if not labels:
        drawing.add(
            String(0, height - 28, "Nothing recorded in the period.", fontName=FONT, fontSize=8.5)
        )
        return drawing
    chart = HorizontalBarChart()
    chart.x = 62 * mm
    chart.y = 8
    chart.width = CONTENT_WIDTH - chart.x - 12 * mm
    chart.height = len(labels) * bar_height
    chart.data = [values]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.categoryAxis.categoryNames = [
        label if len(label) <= 42 else label[:40] + "…" for label in labels
    ]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.grey
    chart.valueAxis.valueMin = 0
    top = max(values)
    chart.valueAxis.valueMax = max(1, top) + max(1, top // 8)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = colors.grey
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _count_table(header: tuple[str, str], counts: dict[str, int]) -> Flowable:
    rows = [[name, str(count)] for name, count in counts.items()]
    rows.append(["Total", str(sum(counts.values()))])
    return data_table(header, rows, (CONTENT_WIDTH - 30 * mm, 30 * mm))


def _optional(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _late(figures: AnnualFigures) -> str:
    """How many Rapid Reviews were sent late, and by how many working days each."""
    days = sorted(figures.rapid_reviews_late_by_working_days)
    listed = f" ({', '.join(str(day) for day in days)})" if days else ""
    return f"{figures.rapid_reviews_sent_late}{listed}"


def write_annual_pdf(path: Path, figures: AnnualFigures, organisation: str = "") -> None:
    sheet = styles()
    panel = figures.panel_response
    key_rows = [
        ["Referrals to the RAG", str(figures.referrals)],
        [
            "Serious child safeguarding incidents notified to the Child Safeguarding "
            "Practice Review Panel",
            str(figures.notified),
        ],
        ["Children in those incidents", str(figures.children_in_notified_incidents)],
        ["Deaths of looked-after children notified", str(figures.looked_after_deaths_notified)],
        ["Deaths of care leavers notified", str(figures.care_leaver_deaths_notified)],
        ["Not notified", str(figures.not_notified)],
        ["Retrospective notifications", str(figures.retrospective_notifications)],
        ["Rapid Reviews held", str(figures.rapid_reviews)],
        ["CSPRs commissioned after a Rapid Review", str(figures.cspr_commissioned)],
        [
            "CSPRs following a retrospective notification",
            str(figures.cspr_commissioned_retrospective),
        ],
        ["Other learning reviews (e.g. joint reviews)", str(figures.other_reviews)],
        ["No CSPR", str(figures.no_cspr)],
        [
            "The Panel's response: agrees / disagrees / national review / more information "
            "asked / awaited",
            " / ".join(
                str(panel.get(key, 0))
                for key in ("agrees", "disagrees", "national_review", "more_information", "awaited")
            ),
        ],
        ["CSPRs published", str(figures.cspr_published)],
        [
            "CSPRs published within 6 months of commissioning",
            str(figures.cspr_published_within_6_months),
        ],
        [
            "Joint reviews started: Safeguarding Adults Reviews / domestic abuse related death "
            "reviews / other",
            " / ".join(str(figures.joint_reviews.get(key, 0)) for key in ("sar", "dhr", "other")),
        ],
    ]
    timeliness_rows = [
        [
            "Median working days from awareness to decision",
            _optional(figures.median_working_days_to_decision),
        ],
        ["Notifications within 5 working days", str(figures.notifications_within_limit)],
        ["Notifications later than 5 working days", str(figures.notifications_late)],
        [
            "Rapid Reviews sent to the Panel within 15 working days of the notification",
            str(figures.rapid_reviews_sent_within_15_working_days),
        ],
        ["Rapid Reviews sent later (working days late, each)", _late(figures)],
        [
            "Rapid Reviews not yet sent or without a day 0",
            str(figures.rapid_reviews_timing_unknown),
        ],
    ]
    actions = figures.actions
    story: list[Flowable] = [
        para("Learning from reviews: the figures", sheet["title"]),
        para(
            f"{organisation + '. ' if organisation else ''}Period {period_label(figures)}. "
            f"Produced by LSCP Desktop on {written_date(figures.generated_on)}.",
            sheet["body"],
        ),
        para("Summary", sheet["h2"]),
        data_table(("Measure", "Number"), key_rows, (CONTENT_WIDTH - 30 * mm, 30 * mm)),
        KeepTogether(
            [
                para("Referrals by referring agency", sheet["h2"]),
                bar_chart("Referrals to the RAG by referring agency", figures.referrals_by_agency),
                Spacer(1, 2 * mm),
                _count_table(("Referring agency", "Referrals"), figures.referrals_by_agency),
            ]
        ),
        KeepTogether(
            [
                para("Referrals by safeguarding partner", sheet["h2"]),
                _count_table(("Partner", "Referrals"), _by_partner(figures)),
            ]
        ),
        KeepTogether(
            [
                para("Timeliness", sheet["h2"]),
                data_table(
                    ("Measure", "Number"), timeliness_rows, (CONTENT_WIDTH - 30 * mm, 30 * mm)
                ),
            ]
        ),
    ]
    if figures.notification_timings:
        story += [
            para("Each notification against the 5-working-day limit", sheet["h2"]),
            data_table(
                ("Case", "LA aware", "Decided", "Notified", "Working days", "Within 5?"),
                [
                    [
                        f"{timing.child_pseudonym} ({timing.reference})",
                        numeric_date(timing.la_aware),
                        numeric_date(timing.decided_on),
                        numeric_date(timing.notified_on) or "not recorded",
                        str(timing.working_days),
                        "Yes" if timing.met_limit else "No",
                    ]
                    for timing in figures.notification_timings
                ],
                (58 * mm, 22 * mm, 22 * mm, 26 * mm, 26 * mm, 24 * mm),
                highlight_rows=[
                    index
                    for index, timing in enumerate(figures.notification_timings)
                    if not timing.met_limit
                ],
            ),
        ]
    story += [
        KeepTogether(
            [
                para("Learning themes", sheet["h2"]),
                bar_chart("Cases referred in the period, by learning theme", figures.themes),
                Spacer(1, 2 * mm),
                data_table(
                    ("Theme", "Cases"),
                    [[name, str(count)] for name, count in figures.themes.items()]
                    or [["No theme recorded", "0"]],
                    (CONTENT_WIDTH - 30 * mm, 30 * mm),
                ),
            ]
        ),
        KeepTogether(
            [
                para("Actions", sheet["h2"]),
                data_table(
                    ("Actions agreed at meetings in the period", "Number"),
                    [
                        ["Open", str(actions.get("open", 0))],
                        ["of which overdue", str(actions.get("overdue", 0))],
                        ["Done", str(actions.get("done", 0))],
                        ["Cancelled", str(actions.get("cancelled", 0))],
                    ],
                    (CONTENT_WIDTH - 30 * mm, 30 * mm),
                ),
            ]
        ),
        para("How the figures are counted", sheet["h2"]),
        *[para(f"• {rule}", sheet["body"]) for rule in figures.counting_rules],
    ]
    write_pdf(path, f"Learning from reviews — {period_label(figures)}", story)


def _by_partner(figures: AnnualFigures) -> dict[str, int]:
    """The partners in order, each health organisation listed under Health."""
    rows: dict[str, int] = {}
    for partner, count in figures.referrals_by_partner.items():
        rows[partner] = count
        if partner == "Health":
            for organisation, number in figures.health_referrals_by_organisation.items():
                rows[f"    {organisation}"] = number
    return rows
