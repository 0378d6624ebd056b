"""One slide per alliance, best ROI first: its figures, its quarterly trend beside the portfolio's,
its goals and its red flags."""

from __future__ import annotations

import pandas as pd
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Pt

from core import formatting as fmt
from core.analysis.roi import comparable
from core.analysis.undated import NO_QUARTERS
from core.model import PORTFOLIO, Band
from core.output.deck.drawing import (
    ACCENT,
    BAND_COLOURS,
    CATEGORY_CHARS,
    GREY,
    INK,
    ITEM_CHARS,
    MAX_BENCHMARKS,
    MUTED,
    SMALL,
    Box,
    Line,
    clip,
    first_items,
    rounded_ratio,
    signed,
    text_box,
    titled_slide,
)
from core.output.deck.native_charts import ChartData, native_chart
from core.output.tables import alliance_rows
from core.report import Report

# How many goals and red flags an alliance's slide lists before "and N more".
MAX_GOALS, MAX_FLAGS = 3, 3


def ranking(report: Report) -> pd.DataFrame:
    """Alliance rows (as the workbook writes them), best ROI first, undefined ROI last; equal ROIs (at
    the precision they are compared at) in the ledger's order."""
    rows = alliance_rows(report)
    return rows.sort_values("roi", ascending=False, na_position="last", kind="stable", key=comparable)


def ranks(rois: pd.Series) -> pd.Series:
    """'#1 of 9 by ROI' per alliance (equal ROIs share a rank), 'ROI undefined' where there is none."""
    rank = comparable(rois).rank(method="min", ascending=False)
    ranked = int(rois.notna().sum())
    return rank.map(lambda r: "ROI undefined" if pd.isna(r) else f"#{int(r)} of {ranked} by ROI")


def _recommendation_text(report: Report, alliance: str) -> str:
    """' · Fix (score −2)' for an alliance with a recommendation, '' otherwise."""
    if alliance not in report.decisions.index:
        return ""
    decision = report.decisions.loc[alliance]
    return f" · {decision['recommendation']} (score {signed(float(decision['score']))})"


def _alliance_figures(report: Report, row: pd.Series) -> list[Line]:
    """ROI, band, quartile, money figures and benchmark gaps of one alliance."""
    money = report.currency
    roi = rounded_ratio(row["roi"])
    quartile = f"{row['quartile']} quartile" if row["quartile"] else "not ranked"
    lines = [
        Line("ROI", 14, colour=MUTED),
        Line(fmt.percent(roi), 36, bold=True, colour=BAND_COLOURS.get(row["band"], GREY)),
        Line(f"{row['band']} band · {quartile}" if roi is not None else clip(row["roi_note"], 80), 14),
        Line(f"Revenue: {fmt.money(row['revenue'], money)}", space_before=8),
        Line(f"Cost: {fmt.money(row['cost'], money)}"),
        Line(f"Net value: {fmt.money(row['net_value'], money)}"),
    ]
    gaps = [
        f"{fmt.points(rounded_ratio(row[f'vs {name}']))} vs {clip(name, 40)}"
        for name in report.benchmarks["name"]
    ]
    shown = first_items(gaps, MAX_BENCHMARKS)
    lines += [Line(text, 13, space_before=8 if i == 0 else 0) for i, text in enumerate(shown)]
    return lines


def _goal_lines(report: Report, alliance: str) -> list[Line]:
    """The alliance's goals, status first ('At risk: Customers (40 customers against 100 …)'), or that
    it has none."""
    goals = report.goals[report.goals["alliance"] == alliance]
    items = [
        clip(f"{g.status}: {g.metric}" + (f" ({g.why})" if g.why else ""), ITEM_CHARS)
        for g in goals.itertuples(index=False)
    ]
    body = first_items(items, MAX_GOALS) or ["No goals defined."]
    return [Line("Goals", 14, bold=True), *(Line(t, SMALL) for t in body)]


def _flag_lines(report: Report, alliance: str) -> list[Line]:
    """The alliance's red flags with their figures, or that it has none."""
    flags = report.flags[report.flags["alliance"] == alliance]
    items = [clip(f"{f.flag}: {f.figures}", ITEM_CHARS) for f in flags.itertuples(index=False)]
    body = first_items(items, MAX_FLAGS) or ["No red flags."]
    colour = BAND_COLOURS[Band.WEAK] if len(flags) else INK
    return [Line("Red flags", 14, bold=True, colour=colour), *(Line(t, SMALL) for t in body)]


def _quarterly_data(report: Report, alliance: str) -> ChartData | None:
    """The alliance's ROI by quarter beside the portfolio's; None when no quarter has a defined ROI."""
    q = report.quarterly
    own = q[q["alliance"] == alliance]
    if own["roi"].notna().sum() == 0:
        return None
    portfolio = q[q["alliance"] == PORTFOLIO].set_index("quarter")["roi"]
    data = ChartData(number_format="0.0%")
    data.categories = list(own["quarter"])
    data.add_series(clip(alliance, CATEGORY_CHARS), [rounded_ratio(v) for v in own["roi"]])
    data.add_series(PORTFOLIO, [rounded_ratio(v) for v in portfolio.reindex(own["quarter"])])
    return data


def _quarterly_chart(slide: Slide, report: Report, alliance: str, box: Box) -> None:
    """The alliance's quarterly ROI trend as a line chart, the portfolio's as a dashed grey line."""
    data = _quarterly_data(report, alliance)
    if data is None:
        why = "No quarter with a defined ROI (no cost recorded), so there is no ROI trend to draw."
        why = NO_QUARTERS if report.ledger.source.undated else why
        text_box(slide, Box(box.left, box.top + 0.2, box.width, 1.0), [Line(why, colour=MUTED)])
        return
    chart = native_chart(slide, XL_CHART_TYPE.LINE_MARKERS, data, box, "ROI by quarter")
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    own, portfolio = chart.plots[0].series
    own.format.line.color.rgb = ACCENT
    own.format.line.width = Pt(2.5)
    own.smooth = False
    portfolio.format.line.color.rgb = GREY
    portfolio.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    portfolio.smooth = False
    if len(data.categories) <= 12:
        own_labels = own.data_labels
        own_labels.show_value = True
        own_labels.number_format = "0.0%"
        own_labels.number_format_is_linked = False
        own_labels.font.size = Pt(10)
        own_labels.position = XL_LABEL_POSITION.ABOVE


def alliance_slide(prs: Deck, report: Report, row: pd.Series, rank: str) -> None:
    """Figures, quarterly trend, goals and red flags of one alliance."""
    name = str(row["alliance"])
    kind = str(row["type"]) or "no type given"
    slide = titled_slide(prs, name, f"{kind} · {rank}{_recommendation_text(report, name)}")
    text_box(slide, Box(0.5, 1.6, 4.6, 3.4), _alliance_figures(report, row))
    _quarterly_chart(slide, report, name, Box(5.1, 1.55, 7.75, 3.45))
    text_box(slide, Box(0.5, 5.15, 6.1, 2.15), _goal_lines(report, name))
    text_box(slide, Box(6.75, 5.15, 6.1, 2.15), _flag_lines(report, name))
