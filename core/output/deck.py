"""The review deck: a 16:9 PowerPoint with native, editable charts, for the next quarterly review.

Slides: title, portfolio, one per alliance (best ROI first), before/after, decisions (with a bar chart
of value over the alternative), the scenario when one is set, risks and health, the 30/60/90-day
action plan, data issues. The figures
come from the same rows the summary workbook writes and are rounded as it rounds them (ratios to
ROI_DIGITS decimals, money to the cent), so a value in a chart equals the workbook's cell. Text from
the upload goes in as plain text runs; long lists stop at what fits and say how many are left out
(the decisions keep the best and the worst, the risks every one that raised a flag). Decisions and
the action plan are native tables, so that owner, due day and score are never cut.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame
from pptx.util import Inches, Length, Pt

from core import formatting as fmt
from core import palette
from core.analysis.decisions import POINT_COLUMNS
from core.analysis.roi import band, comparable
from core.analysis.scenarios import scenario_text
from core.formatting import ValueKind
from core.model import PORTFOLIO, Band, Recommendation
from core.output.decision_sheets import NO_ACTIONS, action_rows, decision_rows
from core.output.summary_sheet import period
from core.output.tables import alliance_rows, before_after_rows
from core.output.xlsx import ROUNDING
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE
from core.report import Report

# 16:9 at PowerPoint's default widescreen size.
WIDTH, HEIGHT = 13.333, 7.5
FONT = palette.DECK_FONT
TITLE_SIZE, BODY, SMALL = 28, 16, 12


def _rgb(colour: str) -> RGBColor:
    """A palette colour as python-pptx takes it."""
    return RGBColor(*palette.rgb(colour))


INK, MUTED, GRID = _rgb(palette.INK), _rgb(palette.MUTED), _rgb(palette.RULE)
ACCENT, GREY, WHITE = _rgb(palette.ACCENT), _rgb(palette.PALE_GREY), _rgb(palette.WHITE)
BAND_COLOURS: dict[str, RGBColor] = {band: _rgb(colour) for band, colour in palette.BAND_COLOURS.items()}
RECOMMENDATION_COLOURS = {name: _rgb(colour) for name, colour in palette.RECOMMENDATION_COLOURS.items()}
RECOMMENDATION_TEXT = {name: _rgb(colour) for name, colour in palette.RECOMMENDATION_TEXT.items()}
# Rows a slide's table or list holds; beyond them the slide says how many are left out and where
# they all are. Decisions keep the best and the worst (the ones a review talks about).
MAX_DECISIONS, MAX_RISKS, MAX_HEALTH, MAX_ACTIONS = 18, 10, 10, 11
# Decisions table: alliance, recommendation, score, main reason (inches, characters on one line at
# 10 pt; the reason: characters on two lines at 12 pt, or on one at 10 pt).
DECISION_COLUMNS = (("Alliance", 1.8, 22), ("Decision", 1.45, 14), ("Score", 0.7, 6))
DECISION_REASON = ("Main reason", 2.85, 64, 38)
# Action plan table: due day, days, alliance, owner, then the action on up to two lines at 11 pt.
ACTION_COLUMNS = (("Due", 1.15, 10), ("Days", 0.65, 4), ("Alliance", 2.1, 26), ("Owner", 1.9, 22))
ACTION_TEXT = ("Action", WIDTH - 1.0 - sum(w for _, w, _ in ACTION_COLUMNS), 150)
ACTION_ROW = 0.42
# Layouts of python-pptx's default template.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
# How much of a list a slide shows before "and N more", and where long text is cut.
MAX_BENCHMARKS, MAX_GOALS, MAX_FLAGS, MAX_ISSUES, MAX_NOTES = 3, 3, 3, 10, 3
ITEM_CHARS, NOTE_CHARS, PARAGRAPH_CHARS, NAME_CHARS = 120, 160, 640, 56
RISK_CHARS = 140  # two lines of the Risks column at 12 pt
# A longer category label would squeeze the plot; the alliance's own slide has its whole name.
CATEGORY_CHARS = 32
# Issue table columns: header, width in inches, characters that fit on one line at 12 pt.
ISSUE_COLUMNS = (("Sheet", 1.5, 13), ("Row", 0.9, 7), ("Column", 2.0, 18), ("Value", 2.5, 24))
ISSUE_REASON = ("Reason", WIDTH - 1.0 - sum(w for _, w, _ in ISSUE_COLUMNS), 56)
ROW_HEIGHT = 0.4
NO_ISSUES = "Every row of the ledger was used: no data issues."


@dataclass(frozen=True)
class Box:
    """A shape's place on the slide, in inches from the top left corner."""

    left: float
    top: float
    width: float
    height: float

    def place(self) -> tuple[Length, Length, Length, Length]:
        """Left, top, width and height as python-pptx lengths."""
        return Inches(self.left), Inches(self.top), Inches(self.width), Inches(self.height)


@dataclass(frozen=True)
class Line:
    """One paragraph of a text box: one run of plain text in one style."""

    text: str
    size: int = BODY
    bold: bool = False
    colour: RGBColor = INK
    link: str | None = None
    space_before: int = 0


# Where things go: the title band, then the body below it.
TITLE_BOX = Box(0.5, 0.3, WIDTH - 1.0, 0.75)
SUBTITLE_BOX = Box(0.5, 1.05, WIDTH - 1.0, 0.45)


def clip(text: object, limit: int) -> str:
    """The text on one line (runs of whitespace made one space), cut at `limit` characters with '…'."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def clip_words(reason: str, limit: int) -> str:
    """A reason cut at `limit` characters keeping its points at the end: 'Band Weak (−2)' whole,
    '3 red flags: No goals…, Risk… (−3)' cut in its words."""
    words, points = (
        (reason[: reason.rindex(" (")], reason[reason.rindex(" (") :])
        if reason.endswith(")") and " (" in reason
        else (reason, "")
    )
    if len(reason) <= limit or not points:
        return clip(reason, limit)
    return clip(words, limit - len(points)) + points


def first_items(items: Sequence[str], limit: int) -> list[str]:
    """The first `limit` items, then 'and N more' when there are more."""
    shown = list(items[:limit])
    if len(items) > limit:
        shown.append(f"and {len(items) - limit} more")
    return shown


def _ratio(value: object) -> float | None:
    """A ratio as the workbook writes it (rounded to ROI_DIGITS), None where it is undefined."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
        return None
    return round(float(value), ROUNDING["ratio"])


def _fill(frame: TextFrame, lines: Sequence[Line]) -> None:
    """Replace a text frame's text with the lines, wrapped inside its shape and never resized."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        if line.space_before:
            paragraph.space_before = Pt(line.space_before)
        run = paragraph.add_run()
        run.text = line.text
        run.font.name = FONT
        run.font.size = Pt(line.size)
        run.font.bold = line.bold
        run.font.color.rgb = line.colour
        if line.link:
            run.hyperlink.address = line.link


def _text(slide: Slide, box: Box, lines: Sequence[Line]) -> None:
    """A text box holding the lines."""
    _fill(slide.shapes.add_textbox(*box.place()).text_frame, lines)


def _titled(prs: Deck, title: str, subtitle: str = "") -> Slide:
    """A new slide with its title (a real title placeholder, for the outline) and a muted subtitle."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = TITLE_BOX.place()
    shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    # A long alliance name gets a smaller size, so that it stays on one line.
    size = TITLE_SIZE if len(title) <= 40 else 22
    _fill(shape.text_frame, [Line(clip(title, NAME_CHARS), size, bold=True)])
    if subtitle:
        _text(slide, SUBTITLE_BOX, [Line(clip(subtitle, 100), BODY, colour=MUTED)])
    return slide


# Charts


def _chart(slide: Slide, kind: XL_CHART_TYPE, data: CategoryChartData, box: Box, title: str) -> Chart:
    """A native chart in the deck's font, titled, with a percent value axis."""
    # python-pptx's hints name ChartData for the data and Chart for the result; it takes any chart
    # data and returns the graphic frame that holds the chart.
    shape = slide.shapes.add_chart(kind, *box.place(), data)  # type: ignore[arg-type]
    chart = cast(GraphicFrame, shape).chart
    chart.font.name = FONT
    chart.font.size = Pt(SMALL)
    chart.font.color.rgb = INK
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    axis = chart.value_axis
    axis.tick_labels.number_format = "0%"
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = GRID
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    return chart


def _top_down(chart: Chart) -> None:
    """A bar chart read from the top: first category (and first series of a group) on top, the
    value axis still at the bottom (python-pptx has no setting for where the value axis crosses)."""
    chart.category_axis.reverse_order = True
    crosses = chart.value_axis._element.find(qn("c:crosses"))
    if crosses is not None:
        crosses.set("val", "max")


def _label_size(categories: int) -> int:
    """Category label size: smaller as a chart holds more categories."""
    return SMALL if categories <= 15 else 10 if categories <= 30 else 8


def _data_labels(chart: Chart, size: int = 11) -> None:
    """Each value written at its bar or marker as a percent with one decimal."""
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = "0.0%"
    labels.number_format_is_linked = False
    labels.font.size = Pt(size)
    labels.position = XL_LABEL_POSITION.OUTSIDE_END


def _ranking(report: Report) -> pd.DataFrame:
    """Alliance rows (as the workbook writes them), best ROI first, undefined ROI last; equal ROIs (at
    the precision they are compared at) in the ledger's order."""
    rows = alliance_rows(report)
    return rows.sort_values("roi", ascending=False, na_position="last", kind="stable", key=comparable)


def roi_chart_data(report: Report) -> tuple[list[str], list[float], list[str]]:
    """Names, ROIs and bands of the alliances with a defined ROI, best first."""
    rows = _ranking(report)
    rows = rows[rows["roi"].notna()]
    values = [_ratio(v) for v in rows["roi"]]
    return list(rows["alliance"]), [v for v in values if v is not None], list(rows["band"])


def _roi_by_alliance(slide: Slide, report: Report, box: Box) -> None:
    """Horizontal bars of ROI per alliance, each bar coloured by its band."""
    names, rois, bands = roi_chart_data(report)
    if not names:
        _text(slide, box, [Line("No alliance has a defined ROI (none has any cost).", colour=MUTED)])
        return
    data = CategoryChartData(number_format="0.0%")
    data.categories = [clip(name, CATEGORY_CHARS) for name in names]
    data.add_series("ROI", rois)
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box, "ROI by alliance")
    chart.has_legend = False
    _top_down(chart)
    chart.category_axis.tick_labels.font.size = Pt(_label_size(len(names)))
    plot = chart.plots[0]
    plot.gap_width = 60
    for point, name in zip(plot.series[0].points, bands, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = BAND_COLOURS.get(name, GREY)
    if len(names) <= 25:
        _data_labels(chart, _label_size(len(names)) - 1)


def _quarterly_data(report: Report, alliance: str) -> CategoryChartData | None:
    """The alliance's ROI by quarter beside the portfolio's; None when no quarter has a defined ROI."""
    q = report.quarterly
    own = q[q["alliance"] == alliance]
    if own["roi"].notna().sum() == 0:
        return None
    portfolio = q[q["alliance"] == PORTFOLIO].set_index("quarter")["roi"]
    data = CategoryChartData(number_format="0.0%")
    data.categories = list(own["quarter"])
    data.add_series(clip(alliance, CATEGORY_CHARS), [_ratio(v) for v in own["roi"]])
    data.add_series(PORTFOLIO, [_ratio(v) for v in portfolio.reindex(own["quarter"])])
    return data


def _quarterly_chart(slide: Slide, report: Report, alliance: str, box: Box) -> None:
    """The alliance's quarterly ROI trend as a line chart, the portfolio's as a dashed grey line."""
    data = _quarterly_data(report, alliance)
    if data is None:
        why = "No quarter with a defined ROI (no cost recorded), so there is no ROI trend to draw."
        _text(slide, Box(box.left, box.top + 0.2, box.width, 1.0), [Line(why, colour=MUTED)])
        return
    chart = _chart(slide, XL_CHART_TYPE.LINE_MARKERS, data, box, "ROI by quarter")
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


def before_after_data(report: Report) -> CategoryChartData | None:
    """ROI before and after per alliance, then the portfolio; None when there is no comparison."""
    rows = before_after_rows(report)
    if rows.empty:
        return None
    data = CategoryChartData(number_format="0.0%")
    data.categories = [clip(name, CATEGORY_CHARS) for name in rows["alliance"]]
    data.add_series("ROI before", [_ratio(v) for v in rows["roi_before"]])
    data.add_series("ROI after", [_ratio(v) for v in rows["roi_after"]])
    return data


def _before_after_chart(slide: Slide, data: CategoryChartData, box: Box) -> None:
    """Clustered bars: before in grey, after in the accent colour."""
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box, "ROI before and after")
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    count = len(data.categories)
    chart.category_axis.tick_labels.font.size = Pt(_label_size(count))
    _top_down(chart)
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.overlap = 0
    before, after = plot.series
    for series, colour in ((before, GREY), (after, ACCENT)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour
        series.invert_if_negative = False
    if count <= 12:
        _data_labels(chart, 10)


# Slides


def _title_slide(prs: Deck, report: Report, link: str | None) -> None:
    """Ledger file name, period covered, as-of date, currency and the view's link."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = Box(0.8, 1.2, WIDTH - 1.6, 1.2).place()
    _fill(title.text_frame, [Line("Alliance ROI review", 40, bold=True)])
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Box(0.8, 2.6, WIDTH - 1.6, 4.4).place()
    source = report.ledger.source
    lines = [
        Line(clip(source.filename, 80), 24, bold=True),
        Line(f"Period covered: {period(report)}", 18, space_before=12),
        Line(f"Goal status as of {report.as_of:%Y-%m-%d}", 18),
        Line(f"Currency: {report.currency or 'as in the ledger'}", 18),
        Line(f"Alliances in view: {len(report.alliances)}", 18),
        Line(clip(f"Filters: {report.settings.filters.describe()}", 110), 18),
    ]
    if link:
        web = link.startswith(("https://", "http://"))
        lines.append(Line("View in the app:", SMALL, colour=MUTED, space_before=18))
        lines.append(
            Line(clip(link, 300), SMALL, colour=ACCENT if web else MUTED, link=link if web else None)
        )
    _fill(subtitle.text_frame, lines)


def _headline(report: Report) -> list[Line]:
    """Portfolio ROI with its band, the money figures, the benchmark gaps and the band counts."""
    p = report.portfolio
    money = report.currency
    portfolio_band = band(p.roi, report.settings.thresholds)
    headline = fmt.percent(p.roi) if p.roi is None else f"{fmt.percent(p.roi)}  {portfolio_band}"
    lines = [
        Line("Portfolio ROI (cost-weighted)", 14, colour=MUTED),
        Line(headline, 36, bold=True, colour=BAND_COLOURS[portfolio_band]),
    ]
    if p.roi is None:
        lines.append(Line(clip(p.roi_note, ITEM_CHARS), SMALL, colour=MUTED))
    lines += [
        Line(f"Revenue: {fmt.money(p.revenue, money)}", space_before=10),
        Line(f"Cost: {fmt.money(p.cost, money)}"),
        Line(f"Net value: {fmt.money(p.net_value, money)}"),
        Line(f"Mean of alliance ROIs (unweighted): {fmt.percent(p.mean_roi)}", 14, colour=MUTED),
        Line("Against the benchmarks", 14, bold=True, space_before=10),
        *_benchmark_lines(report, p.roi),
        Line("Alliances per band", 14, bold=True, space_before=10),
        Line(" · ".join(f"{name}: {count}" for name, count in p.band_counts.items()), 14),
    ]
    return lines


def _benchmark_lines(report: Report, roi: float | None) -> list[Line]:
    """'+20.0 pts vs Cross-industry average (15.0 %)', one line per benchmark, at most a few."""
    texts = [
        f"{fmt.points(None if roi is None else roi - bench)} vs {clip(name, 44)} ({fmt.percent(bench)})"
        for name, bench in zip(report.benchmarks["name"], report.benchmarks["roi"], strict=True)
    ]
    return [Line(text, 14) for text in first_items(texts, MAX_BENCHMARKS)]


def _portfolio_slide(prs: Deck, report: Report) -> None:
    """Headline figures on the left, ROI by alliance on the right."""
    count = len(report.alliances)
    slide = _titled(prs, "Portfolio", f"{count} alliance{'s' if count != 1 else ''} · {period(report)}")
    _text(slide, Box(0.5, 1.6, 4.9, 5.6), _headline(report))
    _roi_by_alliance(slide, report, Box(5.5, 1.55, 7.35, 5.15))
    t = report.settings.thresholds
    strong, moderate = (fmt.percent(v, 0) for v in (t.strong, t.moderate))
    notes = [
        f"Bars coloured by band: Strong above {strong}, Moderate {moderate} to {strong}, "
        f"Weak below {moderate}."
    ]
    undefined = report.alliances.index[report.alliances["roi"].isna()]
    if len(undefined):
        names = ", ".join(first_items([clip(n, 30) for n in undefined], 4))
        notes.append(clip(f"ROI undefined (no cost), not drawn: {names}", 150))
    _text(slide, Box(5.5, 6.7, 7.35, 0.7), [Line(n, 11, colour=MUTED) for n in notes])


def _alliance_figures(report: Report, row: pd.Series) -> list[Line]:
    """ROI, band, quartile, money figures and benchmark gaps of one alliance."""
    money = report.currency
    roi = _ratio(row["roi"])
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
        f"{fmt.points(_ratio(row[f'vs {name}']))} vs {clip(name, 40)}" for name in report.benchmarks["name"]
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


def _alliance_slide(prs: Deck, report: Report, row: pd.Series, rank: str) -> None:
    """Figures, quarterly trend, goals and red flags of one alliance."""
    name = str(row["alliance"])
    kind = str(row["type"]) or "no type given"
    slide = _titled(prs, name, f"{kind} · {rank}{_recommendation_text(report, name)}")
    _text(slide, Box(0.5, 1.6, 4.6, 3.4), _alliance_figures(report, row))
    _quarterly_chart(slide, report, name, Box(5.1, 1.55, 7.75, 3.45))
    _text(slide, Box(0.5, 5.15, 6.1, 2.15), _goal_lines(report, name))
    _text(slide, Box(6.75, 5.15, 6.1, 2.15), _flag_lines(report, name))


def _windows_text(report: Report) -> str:
    """'Initiative 2024-04-01 · before Jan 2024 – Mar 2024 · after Apr 2024 – Jun 2024'."""
    result = report.before_after
    assert result is not None
    windows = result.windows
    before, after = windows.describe()
    return f"Initiative {windows.initiative:%Y-%m-%d} · before {before} · after {after}"


def _left_out(left_out: Sequence[tuple[str, str]]) -> list[str]:
    """The alliances left out of the comparison, one line per reason: 'Left out (why): A, B and 3 more'."""
    by_reason: dict[str, list[str]] = {}
    for name, why in left_out:
        by_reason.setdefault(why, []).append(clip(name, 30))
    return [f"Left out ({why}): {', '.join(first_items(names, 5))}" for why, names in by_reason.items()]


def _case_study_lines(report: Report) -> list[Line]:
    """The case-study paragraph, then the checks and the alliances left out of the comparison."""
    result = report.before_after
    assert result is not None
    notes = [*result.checks, *_left_out(result.left_out)]
    return [
        Line("Case study", 14, bold=True),
        Line(clip(result.paragraph, PARAGRAPH_CHARS), 14),
        *(
            Line(clip(note, NOTE_CHARS), 11, colour=MUTED, space_before=6)
            for note in first_items(notes, MAX_NOTES)
        ),
    ]


def _before_after_slide(prs: Deck, report: Report) -> None:
    """ROI before and after per alliance and the case-study paragraph, or why there is no comparison."""
    title = f"Before / after: {report.settings.initiative_name}"
    data = before_after_data(report)
    if data is None:
        slide = _titled(prs, title, "No comparison for this ledger and these settings")
        why = report.before_after_error or "The comparison could not be made."
        _text(slide, Box(0.5, 1.8, WIDTH - 1.0, 2.0), [Line(clip(why, 400), 18)])
        return
    slide = _titled(prs, title, _windows_text(report))
    _before_after_chart(slide, data, Box(0.5, 1.55, 7.4, 5.75))
    _text(slide, Box(8.1, 1.6, 4.75, 5.7), _case_study_lines(report))


def _cell(cell: _Cell, text: str, bold: bool = False, size: int = SMALL, colour: RGBColor = INK) -> None:
    """One table cell of plain text in the deck's font (a bold cell is a header: white on the fill)."""
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    shown = WHITE if bold else colour
    _fill(cell.text_frame, [Line(text, size, bold=bold, colour=shown)])


def _table(
    slide: Slide,
    box: Box,
    columns: Sequence[tuple[str, float, int]],
    rows: Sequence[Sequence[tuple[str, RGBColor]]],
    size: int,
) -> None:
    """A native table: a header row, then each row's cells (text, colour), each cut to its column's
    characters so that a row keeps its height."""
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), *box.place())
    table = shape.table
    height = Inches(box.height / (len(rows) + 1))
    for r in range(len(rows) + 1):
        table.rows[r].height = height
    for c, (header, width, _) in enumerate(columns):
        table.columns[c].width = Inches(width)
        _cell(table.cell(0, c), header, bold=True, size=size)
    for r, row in enumerate(rows, start=1):
        for c, ((text, colour), (_, _, chars)) in enumerate(zip(row, columns, strict=True)):
            _cell(table.cell(r, c), clip(text, chars), size=size, colour=colour)


def _issues_table(slide: Slide, issues: pd.DataFrame, top: float) -> None:
    """Sheet, row, column, value and reason of the first issues, each cell cut to fit one line."""
    columns = (*ISSUE_COLUMNS, ISSUE_REASON)
    shown = issues.head(MAX_ISSUES)
    shape = slide.shapes.add_table(
        len(shown) + 1, len(columns), *Box(0.5, top, WIDTH - 1.0, ROW_HEIGHT * (len(shown) + 1)).place()
    )
    table = shape.table
    for c, (header, width, _) in enumerate(columns):
        table.columns[c].width = Inches(width)
        _cell(table.cell(0, c), header, bold=True)
    sources = ("sheet", "row", "column", "value", "reason")
    for r, record in enumerate(shown.to_dict("records"), start=1):
        for c, (source, (_, _, chars)) in enumerate(zip(sources, columns, strict=True)):
            kind: ValueKind = "integer" if source == "row" else "text"
            _cell(table.cell(r, c), clip(fmt.cell(record[source], kind), chars))


def _issues_slide(prs: Deck, report: Report) -> None:
    """How many rows were not used and why, the first of them in a table, and how many more."""
    issues = report.issues
    if issues.empty:
        slide = _titled(prs, "Data issues", "0 issues")
        _text(slide, Box(0.5, 1.8, WIDTH - 1.0, 1.0), [Line(NO_ISSUES, 18)])
        return
    rows = report.rows_left_out
    subtitle = (
        f"{len(issues)} issue{'s' if len(issues) != 1 else ''} · "
        f"{rows} ledger row{'s' if rows != 1 else ''} left out"
    )
    slide = _titled(prs, "Data issues", subtitle)
    _issues_table(slide, issues, 1.65)
    more = len(issues) - MAX_ISSUES
    note = "Every issue is listed on the Data issues sheet of the summary workbook."
    if more > 0:
        note = f"and {more} more; every issue is listed on the Data issues sheet of the summary workbook."
    top = 1.65 + ROW_HEIGHT * (min(len(issues), MAX_ISSUES) + 1) + 0.15
    _text(slide, Box(0.5, top, WIDTH - 1.0, 0.5), [Line(note, 14, colour=MUTED)])


# Decisions, scenario, risks and health, action plan


def value_over_data(report: Report) -> tuple[list[str], list[float], list[str]]:
    """Names, value over the alternative (to the cent, as the workbook's cells) and recommendation of
    each alliance, in the Decisions sheet's order (highest score first)."""
    rows = decision_rows(report)
    rows = rows[rows["alliance"].ne(PORTFOLIO) & rows["value_over_alternative"].notna()]
    values = [round(float(v), ROUNDING["money"]) for v in rows["value_over_alternative"]]
    return list(rows["alliance"]), values, list(rows["recommendation"])


def _value_over_chart(slide: Slide, report: Report, box: Box) -> None:
    """Horizontal bars of value over the alternative, coloured by recommendation, in money."""
    names, values, recommendations = value_over_data(report)
    if not names:
        _text(slide, box, [Line("No alliance in view.", colour=MUTED)])
        return
    data = CategoryChartData(number_format="#,##0")
    data.categories = [clip(name, CATEGORY_CHARS) for name in names]
    data.add_series("Value over the alternative", values)
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box, "Value over the alternative")
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.has_legend = False
    _top_down(chart)
    chart.category_axis.tick_labels.font.size = Pt(_label_size(len(names)))
    plot = chart.plots[0]
    plot.gap_width = 60
    for point, recommendation in zip(plot.series[0].points, recommendations, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RECOMMENDATION_COLOURS.get(recommendation, GREY)
    if len(names) <= 25:
        _data_labels(chart, _label_size(len(names)) - 1)
        chart.plots[0].data_labels.number_format = "#,##0"


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


def signed(score: float) -> str:
    """A score as the reasons write points: +3, 0, −2.5 (a true minus sign)."""
    return "0" if score == 0 else f"{score:+g}".replace("-", "−")


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
        _text(slide, box, [Line("No alliance in view.", colour=MUTED)])
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
    _table(slide, Box(box.left, box.top, box.width, height), (*DECISION_COLUMNS, reason), cells, size)
    if left_out:
        note = (
            f"{left_out} alliance{'s' if left_out != 1 else ''} between the best and the worst left out "
            "here; all are on the Decisions sheet of the summary workbook."
        )
        _text(slide, Box(box.left, box.top + height + 0.05, box.width, 0.35), [Line(note, 10, colour=MUTED)])


def _decisions_slide(prs: Deck, report: Report) -> None:
    """Each alliance's recommendation with its score and main reason, and value over the alternative."""
    attrs = report.opportunity.attrs
    name = str(attrs.get("alternative_name", "")) or "the alternative"
    subtitle = f"Against {name} at {fmt.percent(attrs.get('alternative_rate'))} a year"
    slide = _titled(prs, "Decisions", subtitle)
    _decisions_table(
        slide, report, Box(0.5, 1.6, sum(w for _, w, _ in DECISION_COLUMNS) + DECISION_REASON[1], 5.7)
    )
    _value_over_chart(slide, report, Box(7.45, 1.55, 5.4, 5.15))
    total = report.opportunity["value_over_alternative"].get(PORTFOLIO)
    note = (
        f"Portfolio: {fmt.money(total, report.currency)} over the alternative; "
        "value over = net value − cost × the alternative's return over the months in view."
    )
    _text(slide, Box(7.45, 6.7, 5.4, 0.6), [Line(clip(note, 150), 11, colour=MUTED)])


SCENARIO_FORMATS = {"Revenue": fmt.money, "Cost": fmt.money, "Net value": fmt.money}


def _scenario_slide(prs: Deck, report: Report) -> None:
    """Today against the scenario: money, portfolio ROI and quartile cuts, and the scenario's notes."""
    result = report.scenario
    if result is None:
        return
    slide = _titled(prs, "Scenario", clip(scenario_text(result.changes), 100))
    table = result.comparison()
    shape = slide.shapes.add_table(
        len(table) + 1, 4, *Box(0.5, 1.65, 8.0, ROW_HEIGHT * (len(table) + 1)).place()
    )
    for c, header in enumerate(("Figure", "Today", "Scenario", "Change")):
        _cell(shape.table.cell(0, c), header, bold=True)
    for r, (figure, row) in enumerate(table.iterrows(), start=1):
        money = SCENARIO_FORMATS.get(str(figure))
        shown = (
            [fmt.money(row[c], report.currency) for c in ("today", "scenario", "change")]
            if money
            else [fmt.percent(row["today"]), fmt.percent(row["scenario"]), fmt.points(row["change"])]
        )
        for c, text in enumerate([str(figure), *shown]):
            _cell(shape.table.cell(r, c), text)
    notes = [
        Line(clip(n, NOTE_CHARS), SMALL, colour=MUTED) for n in first_items(list(result.notes), MAX_NOTES)
    ]
    if notes:
        _text(slide, Box(8.8, 1.6, 4.05, 5.6), [Line("Notes", 14, bold=True), *notes])


def _flagged_first(frame: pd.DataFrame, flagged: pd.Series, limit: int) -> tuple[pd.DataFrame, int]:
    """At most `limit` rows in the frame's order: every flagged row first claims a place, then the
    others in order; and how many rows are left out."""
    if len(frame) <= limit:
        return frame, 0
    rank = np.where(flagged.to_numpy(), 0, 1)
    keep = pd.Series(rank, index=frame.index).sort_values(kind="stable").index[:limit]
    return frame[frame.index.isin(keep)], len(frame) - limit


def _risk_lines(report: Report) -> list[Line]:
    """The risks by expected loss, largest first, each one that raised a flag (no owner, no
    mitigation) always among them; or how to add a Risks sheet."""
    head = Line("Risks by expected loss", 14, bold=True)
    if report.ledger.risks_sheet is None:
        return [head, Line(clip(NO_RISKS_NOTE, 400), SMALL, colour=MUTED)]
    risks = report.risks.sort_values("expected_loss", ascending=False, kind="stable", na_position="last")
    risks = risks.reset_index(drop=True)
    owner = risks["owner"].fillna("").astype(str).str.strip()
    mitigation = risks["mitigation"].fillna("").astype(str).str.strip()
    shown, left_out = _flagged_first(risks, owner.eq("") | mitigation.eq(""), MAX_RISKS)
    money = report.currency
    items = [
        clip(
            f"{r.alliance}: {r.risk or 'risk'}"
            # What raised a flag first, so that a cut never hides it.
            + ("" if owner[i] else " · no owner")
            + ("" if mitigation[i] else " · no mitigation")
            + f" · expected loss {fmt.money(r.expected_loss, money)} "
            f"({fmt.percent(r.probability, 0)} × {fmt.money(r.at_stake, money)})"
            + (f" · owner {r.owner}" if owner[i] else ""),
            RISK_CHARS,
        )
        for i, r in zip(shown.index, shown.itertuples(index=False), strict=True)
    ]
    colours = [INK if owner[i] and mitigation[i] else BAND_COLOURS[Band.WEAK] for i in shown.index]
    lines = [head, *(Line(t, SMALL, colour=c, space_before=4) for t, c in zip(items, colours, strict=True))]
    if not items:
        lines.append(Line("No risks listed.", SMALL, space_before=4))
    if left_out:
        more = (
            f"and {left_out} more with a smaller expected loss; all are on the Risks sheet of the workbook."
        )
        lines.append(Line(more, 11, colour=MUTED, space_before=4))
    return lines


def _side(value: float | None) -> str:
    """A side's health score, or that the side did not score."""
    return "not scored" if fmt.number(value) == "n/a" else fmt.number(value)


def _health_lines(report: Report) -> list[Line]:
    """Each scored alliance's health score and both sides (saying when one side is missing), lowest
    score first; or how to add a Health sheet."""
    head = Line("Relationship health (1–5)", 14, bold=True)
    if report.ledger.health_sheet is None:
        return [head, Line(clip(NO_HEALTH_NOTE, 400), SMALL, colour=MUTED)]
    scored = report.health[report.health["scored"].astype(bool)].sort_values("score", kind="stable")
    items = [
        clip(
            f"{a}: {fmt.number(h.score)} · us {_side(h.us)}, partner {_side(h.partner)}"
            + (f" · widest gap on {h.widest}" if h.widest else ""),
            ITEM_CHARS,
        )
        for a, h in zip(scored.index, scored.itertuples(index=False), strict=True)
    ]
    return [head, *(Line(t, SMALL, space_before=4) for t in first_items(items, MAX_HEALTH) or ["No scores."])]


def _risks_health_slide(prs: Deck, report: Report) -> None:
    """The largest expected losses and the relationship health, lowest score first."""
    slide = _titled(prs, "Risks and relationship health")
    _text(slide, Box(0.5, 1.6, 6.1, 5.7), _risk_lines(report))
    _text(slide, Box(6.75, 1.6, 6.1, 5.7), _health_lines(report))


def _action_plan_slide(prs: Deck, report: Report, actions: pd.DataFrame | None) -> None:
    """The actions in a table, soonest due first: due day, days, alliance, owner, then the action."""
    rows = action_rows(report, actions)
    slide = _titled(prs, "Action plan", "30 / 60 / 90 days")
    if rows.empty:
        _text(slide, Box(0.5, 1.8, WIDTH - 1.0, 1.0), [Line(NO_ACTIONS, 18)])
        return
    rows = rows.sort_values(["due", "horizon"], kind="stable", na_position="last")
    shown = rows.head(MAX_ACTIONS)
    cells = [
        [
            ("no due day" if pd.isna(a.due) else f"{a.due:%Y-%m-%d}", INK),
            ("" if pd.isna(a.horizon) else f"{int(a.horizon)}", INK),
            (a.alliance, INK),
            (a.owner or "no owner", INK if a.owner else MUTED),
            (a.action, INK),
        ]
        for a in shown.itertuples(index=False)
    ]
    height = ACTION_ROW * (len(shown) + 1)
    _table(slide, Box(0.5, 1.6, WIDTH - 1.0, height), (*ACTION_COLUMNS, ACTION_TEXT), cells, 11)
    more = len(rows) - len(shown)
    if more:
        note = (
            f"and {more} more, due that day or later; every action is on the Actions sheet of the "
            "summary workbook."
        )
        _text(slide, Box(0.5, 1.7 + height, WIDTH - 1.0, 0.4), [Line(note, 11, colour=MUTED)])


def deck(report: Report, link: str | None = None, actions: pd.DataFrame | None = None) -> bytes:
    """The review deck (.pptx bytes); `link` is the view's shared link, shown on the title slide;
    `actions` as for the summary workbook (a saved review's accepted actions)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    prs.core_properties.title = clip(f"Alliance ROI review: {report.ledger.source.filename}", 200)
    _title_slide(prs, report, link)
    _portfolio_slide(prs, report)
    rows = _ranking(report)
    for (_, row), rank in zip(rows.iterrows(), ranks(rows["roi"]), strict=True):
        _alliance_slide(prs, report, row, rank)
    _before_after_slide(prs, report)
    _decisions_slide(prs, report)
    _scenario_slide(prs, report)
    _risks_health_slide(prs, report)
    _action_plan_slide(prs, report, actions)
    _issues_slide(prs, report)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
