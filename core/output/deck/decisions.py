"""The decisions slide (each alliance's recommendation, score and main reason in a table, value over
the alternative in a chart) and the scenario slide."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Pt

from core import formatting as fmt
from core.analysis.decisions import POINT_COLUMNS
from core.analysis.money import cents
from core.analysis.scenarios import scenario_text
from core.analysis.undated import NO_HURDLE_VALUE
from core.model import PORTFOLIO, Recommendation
from core.output.decision_sheets import decision_rows
from core.output.deck.drawing import (
    CATEGORY_CHARS,
    GREY,
    INK,
    MAX_NOTES,
    MUTED,
    NOTE_CHARS,
    RECOMMENDATION_COLOURS,
    RECOMMENDATION_TEXT,
    ROW_HEIGHT,
    SMALL,
    Box,
    Line,
    clip,
    clip_words,
    first_items,
    native_table,
    signed,
    text_box,
    titled_slide,
    write_cell,
)
from core.output.deck.native_charts import (
    ChartData,
    category_label_size,
    native_chart,
    percent_labels,
    top_down,
)
from core.report import Report

# Rows the decisions table holds; beyond them the slide says how many are left out and where they
# all are. It keeps the best and the worst (the ones a review talks about).
MAX_DECISIONS = 18


# Decisions table: alliance, recommendation, score, main reason (inches, characters on one line at
# 10 pt; the reason: characters on two lines at 12 pt, or on one at 10 pt).
DECISION_COLUMNS = (("Alliance", 1.8, 22), ("Decision", 1.45, 14), ("Score", 0.7, 6))
DECISION_REASON = ("Main reason", 2.85, 64, 38)


def value_over_data(report: Report) -> tuple[list[str], list[float], list[str]]:
    """Names, value over the alternative (to the cent, as the workbook's cells) and recommendation of
    each alliance, in the Decisions sheet's order (highest score first)."""
    rows = decision_rows(report)
    rows = rows[rows["alliance"].ne(PORTFOLIO) & rows["value_over_alternative"].notna()]
    values = [cents(float(v)) for v in rows["value_over_alternative"]]
    return list(rows["alliance"]), values, list(rows["recommendation"])


def _value_over_chart(slide: Slide, report: Report, box: Box) -> None:
    """Horizontal bars of value over the alternative, coloured by recommendation, in money."""
    names, values, recommendations = value_over_data(report)
    if not names:
        why = NO_HURDLE_VALUE if report.ledger.source.undated else "No alliance in view."
        text_box(slide, box, [Line(why, colour=MUTED)])
        return
    data = ChartData(number_format="#,##0")
    data.categories = [clip(name, CATEGORY_CHARS) for name in names]
    data.add_series("Value over the hurdle rate", values)
    chart = native_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box, "Value over the hurdle rate")
    chart.value_axis.tick_labels.number_format = "#,##0"
    low, high, step = label_room(values)
    if low is not None:
        chart.value_axis.minimum_scale = low
    if high is not None:
        chart.value_axis.maximum_scale = high
    if step is not None:
        chart.value_axis.major_unit = step
        if step >= 1000:  # ticks in thousands ('-300k'), so that round ticks do not run together
            chart.value_axis.tick_labels.number_format = '#,##0,"k"'
    chart.has_legend = False
    top_down(chart)
    chart.category_axis.tick_labels.font.size = Pt(category_label_size(len(names)))
    plot = chart.plots[0]
    plot.gap_width = 60
    for point, recommendation in zip(plot.series[0].points, recommendations, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RECOMMENDATION_COLOURS.get(recommendation, GREY)
    if len(names) <= 25:
        percent_labels(chart, category_label_size(len(names)) - 1)
        chart.plots[0].data_labels.number_format = "#,##0"


# Room beyond the longest bars for their values, as a share of the values' spread (#32.14: the most
# negative bar's value, written outside its end, sat on the alliance's name left of the plot).
LABEL_ROOM = 0.3


def label_room(values: list[float]) -> tuple[float | None, float | None, float | None]:
    """The value axis's ends and major unit: LABEL_ROOM of the spread left beyond the longest bar
    each way, on a round step (the power of ten of the spread, 632 → 100), also the distance between
    ticks; an end is None on a side without bars (the axis starts at zero there)."""
    if not values:
        return None, None, None
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    spread = high - low
    if spread <= 0:
        return None, None, None
    step = float(10 ** math.floor(math.log10(spread)))
    room = LABEL_ROOM * spread
    return (
        math.floor((low - room) / step) * step if low < 0 else None,
        math.ceil((high + room) / step) * step if high > 0 else None,
        step,
    )


def main_reasons(report: Report) -> pd.Series:
    """Per alliance (indexed like report.decisions) the reason behind its recommendation: for Invest
    the factor that raised the score most; for Maintain, Fix and Exit the one that pulled it down
    most, or, when none pulled it down, the one that gave the most points either way (the first of
    FACTORS on a tie). The reasons as they are when no factor gave any points."""
    table = report.decisions
    if table.empty:
        return pd.Series(dtype=object)
    points = table[POINT_COLUMNS].astype(float).to_numpy()
    given = points != 0
    # Invest looks for the largest gain, the others for the largest loss: flip the others' signs.
    toward = np.where(table["recommendation"].astype(str).eq(Recommendation.INVEST), 1.0, -1.0)
    pulled = points * toward[:, None]
    strongest = np.where(pulled.max(axis=1) > 0, pulled.argmax(axis=1), np.abs(points).argmax(axis=1))
    # The reasons list only the factors that gave points, in POINT_COLUMNS order, '; '-joined.
    position = (given.cumsum(axis=1) - 1)[np.arange(len(table)), strongest]
    reasons = table["reasons"].astype(str)
    chosen = [
        parts[i] if any_points and 0 <= i < len(parts) else whole
        for parts, i, any_points, whole in zip(
            reasons.str.split("; "), position, given.any(axis=1), reasons, strict=True
        )
    ]
    return pd.Series(chosen, index=table.index, dtype=object)


def decision_table_rows(report: Report) -> tuple[pd.DataFrame, int]:
    """Alliance, recommendation, score and main reason, highest score first; when more than
    MAX_DECISIONS, the best and the worst half each, and how many in between are left out."""
    table = report.decisions.sort_values("score", ascending=False, kind="stable")
    rows = pd.DataFrame(
        {
            "alliance": table.index.astype(str),
            "recommendation": table["recommendation"].astype(str).to_numpy(),
            "score": table["score"].astype(float).to_numpy(),
            "reason": main_reasons(report).reindex(table.index).to_numpy(),
        }
    )
    left_out = max(len(rows) - MAX_DECISIONS, 0)
    if left_out:
        best = MAX_DECISIONS - MAX_DECISIONS // 2
        rows = pd.concat([rows.head(best), rows.tail(MAX_DECISIONS // 2)], ignore_index=True)
    return rows, left_out


def _decisions_table(slide: Slide, report: Report, box: Box) -> None:
    """Every alliance's recommendation (in its colour), score and main reason; a note says how many
    are left out when they do not all fit."""
    rows, left_out = decision_table_rows(report)
    if rows.empty:
        text_box(slide, box, [Line("No alliance in view.", colour=MUTED)])
        return
    # Up to ten rows, a reason may take two lines; more rows get one line each and a smaller font.
    lines = 2 if len(rows) <= 10 else 1
    size = SMALL if lines == 2 else 10
    header, width, two_lines, one_line = DECISION_REASON
    reason = (header, width, two_lines if lines == 2 else one_line)
    cells = [
        [
            (a, INK),
            (r, RECOMMENDATION_TEXT.get(r, RECOMMENDATION_COLOURS.get(r, INK))),
            (signed(score), INK),
            (clip_words(why, reason[2]), INK),
        ]
        for a, r, score, why in rows.itertuples(index=False)
    ]
    height = min((0.09 + 0.19 * lines) * (len(rows) + 1), box.height - 0.4)
    native_table(slide, Box(box.left, box.top, box.width, height), (*DECISION_COLUMNS, reason), cells, size)
    if left_out:
        note = (
            f"{left_out} alliance{'s' if left_out != 1 else ''} between the best and the worst left out "
            "here; all are on the Decisions sheet of the summary workbook."
        )
        text_box(
            slide, Box(box.left, box.top + height + 0.05, box.width, 0.35), [Line(note, 10, colour=MUTED)]
        )


def decisions_slide(prs: Deck, report: Report) -> None:
    """Each alliance's recommendation with its score and main reason, and value over the alternative."""
    attrs = report.opportunity.attrs
    name = str(attrs.get("alternative_name", "")) or "the hurdle rate"
    subtitle = f"Against {name} at {fmt.percent(attrs.get('alternative_rate'))} a year"
    slide = titled_slide(prs, "Decisions", subtitle)
    _decisions_table(
        slide, report, Box(0.5, 1.6, sum(w for _, w, _ in DECISION_COLUMNS) + DECISION_REASON[1], 5.7)
    )
    _value_over_chart(slide, report, Box(7.45, 1.55, 5.4, 5.15))
    total = report.opportunity["value_over_alternative"].get(PORTFOLIO)
    note = (
        f"Portfolio: {fmt.money(total, report.currency)} over the hurdle rate; value over = net "
        "value − opportunity cost (each month's net value carried at the rate to the end of the view)."
    )
    text_box(slide, Box(7.45, 6.7, 5.4, 0.6), [Line(clip(note, 150), 11, colour=MUTED)])


SCENARIO_FORMATS = {"Revenue": fmt.money, "Cost": fmt.money, "Net value": fmt.money}


def scenario_slide(prs: Deck, report: Report) -> None:
    """Today against the scenario: money, portfolio ROI and quartile cuts, and the scenario's notes."""
    result = report.scenario
    if result is None:
        return
    slide = titled_slide(prs, "Scenario", clip(scenario_text(result.changes), 100))
    table = result.comparison()
    shape = slide.shapes.add_table(
        len(table) + 1, 4, *Box(0.5, 1.65, 8.0, ROW_HEIGHT * (len(table) + 1)).place()
    )
    for c, header in enumerate(("Figure", "Today", "Scenario", "Change")):
        write_cell(shape.table.cell(0, c), header, bold=True)
    for r, (figure, row) in enumerate(table.iterrows(), start=1):
        money = SCENARIO_FORMATS.get(str(figure))
        shown = (
            [fmt.money(row[c], report.currency) for c in ("today", "scenario", "change")]
            if money
            else [fmt.percent(row["today"]), fmt.percent(row["scenario"]), fmt.points(row["change"])]
        )
        for c, text in enumerate([str(figure), *shown]):
            write_cell(shape.table.cell(r, c), text)
    notes = [
        Line(clip(n, NOTE_CHARS), SMALL, colour=MUTED) for n in first_items(list(result.notes), MAX_NOTES)
    ]
    if notes:
        text_box(slide, Box(8.8, 1.6, 4.05, 5.6), [Line("Notes", 14, bold=True), *notes])
