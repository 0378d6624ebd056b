"""Plotly figures of the report; plain figures, rendered by the pages or written to HTML.

Every figure is meant to read at 1400 px and at 390 px wide, on a light or a dark page, and without
telling colours apart:

- colours come from the Okabe–Ito palette, and every band, quartile and goal status also has its own
  marker shape (or bar pattern) and an icon in the legend;
- an ROI axis spans the bulk of the values (`robust_range`): a value far beyond it is drawn at the
  edge with its figure ("2,757 % →"), and the figure's notes (`chart_notes`) say what was cut and
  on what cost base;
- reference lines (band thresholds, benchmarks, quartile cuts) are named in the legend and tagged
  with their value in the margin, in rows laid out so that no two tags overlap even on a phone.
"""

from __future__ import annotations

import html
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.analysis.roi import BandThresholds
from core.model import (
    ACHIEVED,
    AT_RISK,
    BOTTOM,
    MODERATE,
    OFF_TRACK,
    ON_TRACK,
    PORTFOLIO,
    SECOND,
    STRONG,
    THIRD,
    TOP,
    UNDEFINED,
    UNKNOWN,
    WEAK,
)
from core.palette import (
    BAND_COLOURS,
    BENCHMARK_COLOURS,
    BLACK,
    BLUE,
    EQUAL_ROI_COLOURS,
    FAINT_GREY,
    GREEN,
    GREY,
    LABEL_BACKGROUND,
    LINE_COLOURS,
    MID_GREY,
    ORANGE,
    PORTFOLIO_COLOUR,
    QUARTILE_COLOURS,
    SKY_BLUE,
    STATUS_COLOURS,
    THRESHOLD_COLOUR,
    TRANSPARENT,
    VERMILLION,
)

BAND_ICONS = fmt.BAND_ICONS
BAND_SYMBOLS: dict[str, str] = {
    STRONG: "triangle-up",
    MODERATE: "diamond",
    WEAK: "triangle-down",
    UNDEFINED: "circle-open",
}
# Bars have no marker shape, so the bands below Strong are also hatched.
BAND_PATTERNS: dict[str, str] = {STRONG: "", MODERATE: ".", WEAK: "/", UNDEFINED: "x"}
QUARTILE_SYMBOLS: dict[str, str] = {
    TOP: "triangle-up",
    SECOND: "circle",
    THIRD: "square",
    BOTTOM: "triangle-down",
}
QUARTILE_ICONS = fmt.QUARTILE_ICONS
STATUS_ICONS = fmt.STATUS_ICONS
STATUS_PATTERNS: dict[str, str] = {ACHIEVED: "", ON_TRACK: "", AT_RISK: ".", OFF_TRACK: "/", UNKNOWN: "x"}
CUT_COLOUR = THRESHOLD_COLOUR
# Trend lines differ in colour, dash and marker, so that two are never told apart by colour alone.
LINE_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
LINE_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "x", "cross", "star"]

# Layout, in pixels. The narrowest plot is an ROI axis on a 390 px phone once the names beside it
# and the page's padding are taken off; tags are laid out for it, so they fit any wider plot too.
TITLE_PX = 36
MODEBAR_PX = 34  # Plotly's toolbar is 26 px high, 2 px from the top
TAG_ROW_PX = 20  # an 11 px tag with its padding is 19 px high
AXIS_PX = 70
LEGEND_ROW_PX = 24
TAG_CHAR_PX = 6.5
TAG_PAD_PX = 8
NARROWEST_PLOT_PX = 180.0
CLIP_FONT = 11

# The axis fit: values more than MAX_SPREADS robust spreads from the median are left out of the
# range, the spread counted as at least MIN_SPREAD points; and only when showing them would more
# than double the axis.
MAX_SPREADS = 5.0
MIN_SPREAD = 10.0
MAD_TO_SD = 1.4826
PAD = 0.12
# A change of ROI within this many points reads as no change (the figures show one decimal).
LEVEL_POINTS = 0.05


def plain_label(text: object) -> str:
    """User text (an alliance or benchmark name) for a chart: Plotly reads <a>, <b>, <br> in labels
    as markup, so the name is escaped and shows exactly as typed, never as a link."""
    return html.escape(str(text), quote=False)


def plain_labels(names: Iterable[object]) -> list[str]:
    """Many names for a chart's categories or texts, each escaped like `plain_label`."""
    return [plain_label(name) for name in names]


def chart_notes(fig: go.Figure) -> list[str]:
    """What a figure says below itself: values drawn at the edge, small cost bases (plain text)."""
    meta = fig.layout.meta
    return list(meta.get("notes", [])) if isinstance(meta, dict) else []


def untitled(fig: go.Figure, in_place: bool = False) -> tuple[str, go.Figure]:
    """The figure's title and a copy without it (the app writes titles as text, which wraps on a phone
    and sits clear of Plotly's toolbar); `in_place` takes it off the figure itself, which saves
    validating a copy of every trace and annotation when the figure was built for the page alone."""
    title = fig.layout.title.text or ""
    copy = fig if in_place else go.Figure(fig)
    if title:
        copy.update_layout(
            title=None,
            height=(copy.layout.height or 0) - TITLE_PX if copy.layout.height else None,
            margin=dict(t=max(0, (copy.layout.margin.t or 0) - TITLE_PX)),
        )
    return title, copy


# ---------------------------------------------------------------------------------------------------
# Axis fit


@dataclass(frozen=True)
class Axis:
    """The range an axis is drawn over, in the axis's units (percent for ROI)."""

    low: float
    high: float

    def clips(self, value: float) -> int:
        """+1 when a value lies beyond the top of the range, −1 below its bottom, 0 inside (or NaN)."""
        if not math.isfinite(value):
            return 0
        return 1 if value > self.high else -1 if value < self.low else 0


def robust_range(values: Iterable[float], keep: Iterable[float] = (), pad: float = PAD) -> Axis:
    """An axis over the bulk of `values` and every mark in `keep` (and zero), padded on each side.

    The bulk: values within MAX_SPREADS robust spreads of the median, the spread being the median
    absolute deviation × 1.4826 (the standard deviation of normal data), at least MIN_SPREAD. Values
    beyond are left off only when showing them would more than double the axis; with fewer than
    three values there is no bulk to speak of, and every value is shown.
    """
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    marks = [0.0, *(float(k) for k in keep if k is not None and math.isfinite(k))]
    low, high = min(finite + marks), max(finite + marks)
    if len(finite) >= 3:
        median = statistics.median(finite)
        spread = max(MAD_TO_SD * statistics.median(abs(v - median) for v in finite), MIN_SPREAD)
        bulk = [v for v in finite if abs(v - median) <= MAX_SPREADS * spread]
        core_low, core_high = min(bulk + marks), max(bulk + marks)
        if high - low > 2 * (core_high - core_low):
            low, high = core_low, core_high
    margin = pad * (high - low) or 1.0
    return Axis(low - margin, high + margin)


def _edge_label(value: float, side: int, prefix: str = "") -> str:
    text = f"{prefix}{fmt.percent_label(value / 100)}"
    return f"{text} →" if side > 0 else f"← {text}"


# ---------------------------------------------------------------------------------------------------
# Reference lines: named in the legend, tagged with their value in the margin


@dataclass(frozen=True)
class Reference:
    """A straight line across an ROI chart: a band threshold, a benchmark or a quartile cut."""

    value: float  # in the axis's units (percent)
    name: str  # the legend's words, escaped
    tag: str  # the short tag beside the line
    colour: str
    dash: str
    in_legend: bool = True  # False when the tag names it in full (a quartile cut)


def band_references(thresholds: BandThresholds) -> list[Reference]:
    """The two band thresholds as dashed grey lines."""
    return [
        Reference(
            thresholds.strong * 100,
            f"Strong above {thresholds.strong:.0%}",
            f"{thresholds.strong:.0%}",
            THRESHOLD_COLOUR,
            "dash",
        ),
        Reference(
            thresholds.moderate * 100,
            f"Moderate from {thresholds.moderate:.0%}",
            f"{thresholds.moderate:.0%}",
            THRESHOLD_COLOUR,
            "dash",
        ),
    ]


def benchmark_references(benchmarks: pd.DataFrame) -> list[Reference]:
    """Each benchmark as a dotted line in its own colour."""
    return [
        Reference(
            roi * 100,
            f"{plain_label(name)} {roi:.0%}",
            f"{roi:.0%}",
            BENCHMARK_COLOURS[i % len(BENCHMARK_COLOURS)],
            "dot",
        )
        for i, (name, roi) in enumerate(zip(benchmarks["name"], benchmarks["roi"], strict=True))
    ]


def tag_rows(tags: Sequence[tuple[float, str]], axis: Axis, plot_px: float = NARROWEST_PLOT_PX) -> list[int]:
    """The row of each tag (0 nearest the plot), so that no two tags in a row overlap on a plot of
    `plot_px`: tags are centred on their value, about TAG_CHAR_PX a character wide, placed left to
    right in the first row where they fit."""
    scale = plot_px / (axis.high - axis.low)
    row_ends: list[float] = []
    rows = [0] * len(tags)
    for i in sorted(range(len(tags)), key=lambda i: tags[i][0]):
        value, text = tags[i]
        width = len(text) * TAG_CHAR_PX + TAG_PAD_PX
        left = (value - axis.low) * scale - width / 2
        row = next((r for r, end in enumerate(row_ends) if left >= end), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = left + width
        rows[i] = row
    return rows


def add_references(fig: go.Figure, references: Sequence[Reference], axis: Axis, along: str = "x") -> int:
    """Draw the lines, name them in the legend and tag them in the margin; returns the rows of tags.

    Tags take the theme's text colour (some line colours are faint as text on white); their place
    ties them to their line, and the legend shows each line's colour and dash with its name.

    `along="x"`: vertical lines on an x axis of ROI, tags above the plot. `along="y"`: horizontal
    lines, tags in the right margin. References with the same value share one tag.
    """
    tags: dict[float, Reference] = {}
    lines = []
    for ref in references:
        line = dict(color=ref.colour, width=1.5 if ref.dash == "dot" else 1, dash=ref.dash)
        style = dict(
            line=line, name=ref.name, showlegend=ref.in_legend, legendgroup="references", layer="below"
        )
        # The shape `add_vline` / `add_hline` would add, spanning the plot's domain across the axis.
        if along == "x":
            lines.append(
                dict(type="line", x0=ref.value, x1=ref.value, xref="x", y0=0, y1=1, yref="y domain", **style)
            )
        else:
            lines.append(
                dict(type="line", x0=0, x1=1, xref="x domain", y0=ref.value, y1=ref.value, yref="y", **style)
            )
        tags.setdefault(round(ref.value, 2), ref)
    shown = [ref for ref in tags.values() if axis.low <= ref.value <= axis.high]
    if along == "y":
        notes = [
            dict(
                name="reference",
                x=1,
                xref="paper",
                xanchor="left",
                xshift=4,
                y=ref.value,
                yanchor="middle",
                showarrow=False,
                text=ref.tag,
                font=dict(size=CLIP_FONT),
            )
            for ref in shown
        ]
        rows = []
    else:
        rows = tag_rows([(ref.value, ref.tag) for ref in shown], axis)
        notes = [
            dict(
                name="reference",
                x=ref.value,
                y=1,
                yref="paper",
                yanchor="bottom",
                yshift=2 + row * TAG_ROW_PX,
                showarrow=False,
                text=ref.tag,
                font=dict(size=CLIP_FONT),
            )
            for ref, row in zip(shown, rows, strict=True)
        ]
    # Added at once: each `add_vline` or `add_annotation` copies every shape and annotation already
    # there, which costs time quadratic in them.
    fig.layout.shapes = (*fig.layout.shapes, *lines)
    fig.layout.annotations = (*fig.layout.annotations, *notes)
    return max(rows, default=-1) + 1


def _legend_rows(fig: go.Figure) -> int:
    """Rows the legend takes on a phone, where about two entries fit side by side."""
    entries = sum(trace.showlegend is not False for trace in fig.data)
    entries += sum(bool(shape.showlegend) for shape in fig.layout.shapes)
    return math.ceil(entries / 2) if entries > 1 else 0


AXIS_STYLE = dict(gridcolor=FAINT_GREY, zerolinecolor=MID_GREY, automargin=True)


def _layout(
    fig: go.Figure,
    title: str,
    plot_px: int,
    tag_rows: int = 0,
    right: int = 10,
    notes: Sequence[str] = (),
) -> go.Figure:
    """Title, room for the toolbar and the tags, the legend below the plot, transparent backgrounds.

    The height holds the plot (`plot_px`), the axis, the tags and the legend as a phone wraps it, so
    that the plot keeps its size on a phone; on a wide screen the legend takes less and the plot more.
    """
    top = TITLE_PX + MODEBAR_PX + tag_rows * TAG_ROW_PX
    # Set property by property: `update_layout` runs Plotly's relayout machinery over every key
    # (7.6 ms a chart against 1.7 ms, the same figure). No chart sets these before, so setting
    # replaces nothing; the axes keep what each chart set on them and gain the shared style.
    layout = fig.layout
    layout.title = dict(text=title, x=0, xanchor="left", y=1, yref="container", yanchor="top", pad=dict(t=10))
    layout.height = top + plot_px + AXIS_PX + LEGEND_ROW_PX * _legend_rows(fig)
    layout.margin = dict(l=10, r=right, t=top, b=10)
    # Transparent backgrounds let the page's light or dark theme show through.
    layout.paper_bgcolor = TRANSPARENT
    layout.plot_bgcolor = TRANSPARENT
    # Below everything, whatever the height of the axis labels above it.
    layout.legend = dict(
        orientation="h", yref="container", yanchor="bottom", y=0, x=0, xanchor="left", traceorder="grouped"
    )
    layout.meta = {"notes": list(notes)}
    for axis in (layout.xaxis, layout.yaxis):
        for name, value in AXIS_STYLE.items():
            setattr(axis, name, value)
    return fig


def _cost_base(cost: float, median: float, currency: str | None) -> str:
    small = " (a small base: under a tenth of the median alliance's)" if cost < median / 10 else ""
    return f"{fmt.short_money(cost, currency)}{small}"


# ---------------------------------------------------------------------------------------------------
# Figures


def alliance_axis(table: pd.DataFrame, thresholds: BandThresholds, benchmarks: pd.DataFrame) -> Axis:
    """The ROI axis of the alliance chart: the bulk of the alliances, the thresholds, the benchmarks."""
    keep = [thresholds.strong * 100, thresholds.moderate * 100, *(benchmarks["roi"] * 100)]
    return robust_range(table["roi"] * 100, keep)


def roi_by_alliance(
    table: pd.DataFrame,
    thresholds: BandThresholds,
    benchmarks: pd.DataFrame,
    currency: str | None = None,
) -> go.Figure:
    """ROI per alliance as bars, best first, coloured and patterned by band, with the band thresholds
    and benchmarks; an ROI beyond the axis is drawn to the edge with its figure there."""
    ordered = table.sort_values("roi", ascending=False, na_position="last")
    axis = alliance_axis(ordered, thresholds, benchmarks)
    fig = go.Figure()
    for band_name in BAND_COLOURS:
        part = ordered[ordered["band"] == band_name]
        if part.empty:
            continue
        fig.add_bar(
            orientation="h",
            y=plain_labels(part.index),
            x=(part["roi"] * 100).fillna(0.0),
            name=f"{BAND_ICONS[band_name]} {band_name}",
            legendgroup="bands",
            marker=dict(
                color=BAND_COLOURS[band_name],
                pattern=dict(shape=BAND_PATTERNS[band_name], fillmode="overlay", fgopacity=0.45),
            ),
            customdata=part[["revenue", "cost", "roi_note"]].to_numpy(),
            hovertext=[fmt.percent_label(r) for r in part["roi"]],
            hovertemplate="<b>%{y}</b><br>ROI %{hovertext}<br>Revenue %{customdata[0]:,.0f}"
            "<br>Cost %{customdata[1]:,.0f}<br>%{customdata[2]}<extra></extra>",
        )
    # The few reference tags first: each later assignment of the annotations copies those already
    # there, and the value column has one per alliance.
    rows = add_references(fig, [*band_references(thresholds), *benchmark_references(benchmarks)], axis)
    widest = _value_column(fig, zip(plain_labels(ordered.index), ordered["roi"], strict=True), axis)
    notes = [
        f"{name}: ROI {fmt.percent_label(roi)} on a cost of "
        f"{_cost_base(cost, float(ordered['cost'].median()), currency)}, drawn to the edge of the chart."
        for name, roi, cost in zip(ordered.index, ordered["roi"], ordered["cost"], strict=True)
        if axis.clips(roi * 100)
    ]
    fig.update_layout(
        bargap=0.25,
        yaxis=dict(categoryorder="array", categoryarray=plain_labels(reversed(ordered.index))),
        xaxis=dict(title="ROI", ticksuffix=" %", range=[axis.low, axis.high]),
    )
    return _layout(
        fig, "ROI by alliance, coloured by band", 30 + 30 * len(ordered), rows, right=widest + 14, notes=notes
    )


def _value_column(fig: go.Figure, rows: Iterable[tuple[str, float]], axis: Axis) -> int:
    """Each row's value (a fraction, drawn in percent) written in a column right of the plot, where no
    bar or line can cross it; one beyond the axis gets an arrow to the edge it crosses. `rows` are
    (category, value) pairs; returns the column's width in pixels."""
    widest = 0
    column = []
    for label, value in rows:
        side = axis.clips(value * 100)
        text = _edge_label(value * 100, side) if side else fmt.percent_label(value)
        widest = max(widest, round(len(text) * TAG_CHAR_PX))
        column.append(
            dict(
                name="clipped" if side else "value",
                x=1,
                xref="paper",
                xanchor="left",
                xshift=6,
                y=label,
                showarrow=False,
                text=f"<b>{text}</b>" if side else text,
                font=dict(size=CLIP_FONT + 1),
            )
        )
    # Added at once: `add_annotation` copies every annotation already there, so one call per row
    # costs time quadratic in the rows (seconds at a few hundred alliances).
    fig.layout.annotations = (*fig.layout.annotations, *column)
    return widest


def _edge_annotation(fig: go.Figure, axis: Axis, side: int, y: object, text: str, yshift: int = 0) -> None:
    """A value beyond the axis, written at the edge it would cross, on its own row."""
    fig.add_annotation(
        name="clipped",
        x=axis.high if side > 0 else axis.low,
        y=y,
        xanchor="right" if side > 0 else "left",
        yshift=yshift,
        showarrow=False,
        text=text,
        font=dict(size=CLIP_FONT, color=BLACK),
        bgcolor=LABEL_BACKGROUND,
        borderpad=2,
    )


def roi_before_after(
    table: pd.DataFrame,
    portfolio: pd.Series,
    thresholds: BandThresholds,
    currency: str | None = None,
) -> go.Figure:
    """Dumbbells: each alliance's and the portfolio's ROI before (grey circle) and after (a triangle,
    up and green when ROI rose, down and vermillion when it fell; a blue diamond when it stayed within
    0.05 points or cannot be compared), with the band thresholds."""
    rows = pd.concat([table, portfolio.to_frame(PORTFOLIO).T]).sort_values("roi_change", na_position="first")
    before, after = rows["roi_before"].astype(float) * 100, rows["roi_after"].astype(float) * 100
    axis = robust_range([*before, *after], [thresholds.strong * 100, thresholds.moderate * 100])
    names = plain_labels(rows.index)
    change = rows["roi_change"].astype(float) * 100
    fell, rose = change < -LEVEL_POINTS, change > LEVEL_POINTS
    # Values beyond the axis sit on its edge, their figures written there; hover tells the real value.
    shown_before, shown_after = before.clip(axis.low, axis.high), after.clip(axis.low, axis.high)
    fig = go.Figure()
    # One trace of segments per colour, each segment ended by a gap: a trace per alliance costs the
    # browser a few milliseconds each to draw.
    for mask, colour in ((fell, VERMILLION), (rose, GREEN), (~(rose | fell), BLUE)):
        if mask.any():
            picked = [
                (n, b, a) for n, b, a, m in zip(names, shown_before, shown_after, mask, strict=True) if m
            ]
            fig.add_scatter(
                x=[v for _, b, a in picked for v in (b, a, None)],
                y=[v for n, _, _ in picked for v in (n, n, None)],
                mode="lines",
                line=dict(color=colour, width=3),
                showlegend=False,
                hoverinfo="skip",
            )
    fig.add_scatter(
        x=shown_before,
        y=names,
        mode="markers",
        name="Before",
        marker=dict(color=GREY, size=11, symbol="circle"),
        hovertext=[fmt.percent_label(v / 100) for v in before],
        hovertemplate="%{y}: %{hovertext} before<extra></extra>",
    )
    for label, mask, colour, symbol in (
        ("After: ROI rose", rose, GREEN, "triangle-up"),
        ("After: ROI fell", fell, VERMILLION, "triangle-down"),
        ("After: no change or n/a", ~(rose | fell), BLUE, "diamond"),
    ):
        if mask.any():
            fig.add_scatter(
                x=shown_after[mask],
                y=[n for n, m in zip(names, mask, strict=True) if m],
                mode="markers",
                name=label,
                marker=dict(color=colour, size=13, symbol=symbol),
                hovertext=[fmt.percent_label(v / 100) for v in after[mask]],
                hovertemplate="%{y}: %{hovertext} after<extra></extra>",
            )
    notes = _before_after_edges(fig, rows, axis, currency)
    tags = add_references(fig, band_references(thresholds), axis)
    fig.update_xaxes(title="ROI", ticksuffix=" %", range=[axis.low, axis.high])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names)
    return _layout(fig, "ROI before → after, per alliance", 30 + 36 * len(rows), tags, notes=notes)


def _before_after_edges(fig: go.Figure, rows: pd.DataFrame, axis: Axis, currency: str | None) -> list[str]:
    """Mark before/after values beyond the axis at its edge; a note for each, with its cost base."""
    notes = []
    alliances = rows.drop(index=PORTFOLIO, errors="ignore")
    medians = {side: float(alliances[f"cost_{side}"].astype(float).median()) for side in ("before", "after")}
    for name, row in rows.iterrows():
        marks: dict[int, list[str]] = {}
        for side in ("before", "after"):
            value = float(row[f"roi_{side}"]) * 100
            edge = axis.clips(value)
            if edge:
                marks.setdefault(edge, []).append(f"{side} {fmt.percent_label(value / 100)}")
        for edge, parts in marks.items():
            same = len(parts) == 2 and parts[0].split(" ", 1)[1] == parts[1].split(" ", 1)[1]
            text = f"{parts[0].split(' ', 1)[1]} before and after" if same else ", ".join(parts)
            _edge_annotation(fig, axis, edge, plain_label(name), f"{text} →" if edge > 0 else f"← {text}", 11)
        if marks:
            notes.append(_before_after_note(str(name), row, medians, currency))
    return notes


def _before_after_note(name: str, row: pd.Series, medians: dict[str, float], currency: str | None) -> str:
    """'Tiny Labs: ROI 2,757 % before, 11.0 % after (-2,746 points) on a cost of $12.00k before and
    $240.00k after; …', saying when a side's cost is a small base."""
    costs = {side: float(row[f"cost_{side}"]) for side in ("before", "after")}
    small = [side for side, cost in costs.items() if cost < medians[side] / 10]
    text = (
        f"{name}: ROI {fmt.percent_label(float(row['roi_before']))} before, "
        f"{fmt.percent_label(float(row['roi_after']))} after ({fmt.points_label(float(row['roi_change']))}) "
        f"on a cost of {fmt.short_money(costs['before'], currency)} before and "
        f"{fmt.short_money(costs['after'], currency)} after"
    )
    if small:
        sides = " and ".join(small)
        text += (
            f"; the cost {sides} is under a tenth of the median alliance's, a small base on which ROI "
            "swings widely"
        )
    return text + ". Drawn to the edge of the chart."


def _money_axis(currency: str | None) -> dict[str, object]:
    """Amounts in one scale with SI suffixes ('$600k', '$1.2M'), the currency before or after."""
    title = f"Amount ({currency})" if currency else "Amount"
    return dict(title=title, tickformat="~s", tickprefix=fmt.CURRENCY_SIGNS.get(currency or "", ""))


def revenue_cost_before_after(table: pd.DataFrame, currency: str | None = None) -> go.Figure:
    """Revenue and cost on each side, per alliance: 'before' hatched and lighter, 'after' solid."""
    fig = go.Figure()
    styles = [
        ("revenue_before", "Revenue before", SKY_BLUE, "/"),
        ("revenue_after", "Revenue after", BLUE, ""),
        ("cost_before", "Cost before", ORANGE, "/"),
        ("cost_after", "Cost after", VERMILLION, ""),
    ]
    names = plain_labels(table.index)
    for column, label, colour, pattern in styles:
        fig.add_bar(
            orientation="h",
            y=names,
            x=table[column],
            name=label,
            marker=dict(color=colour, pattern=dict(shape=pattern, fillmode="overlay", fgopacity=0.5)),
            hovertemplate="%{y}: %{x:,.0f}<extra>" + label + "</extra>",
        )
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05)
    fig.update_xaxes(**_money_axis(currency))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)))
    return _layout(fig, "Revenue and cost before and after", 20 + 70 * len(table))


def quarterly_lines(
    quarterly: pd.DataFrame, alliances: list[str], thresholds: BandThresholds, trailing: bool = False
) -> go.Figure:
    """ROI by quarter, one line per chosen alliance and a bold portfolio line, with band thresholds.

    Lines differ in colour, dash and marker. Quarters whose ROI is beyond the axis get a marker on
    the edge they cross, and each such line one label there with its figures ("↑ Spark: 2,757 % in
    8 quarters"), the labels stacked so that none covers another."""
    column = "roi_ttm" if trailing else "roi"
    chosen = quarterly[quarterly["alliance"].isin(alliances)]
    axis = robust_range(chosen[column] * 100, [thresholds.strong * 100, thresholds.moderate * 100])
    fig = go.Figure()
    notes: list[str] = []
    stacked = 0
    others = 0
    for name in alliances:
        part = quarterly[quarterly["alliance"] == name]
        is_portfolio = name == PORTFOLIO
        i = others
        others += not is_portfolio
        colour = PORTFOLIO_COLOUR if is_portfolio else LINE_COLOURS[i % len(LINE_COLOURS)]
        values = part[column] * 100
        fig.add_scatter(
            x=part["quarter"],
            y=values,
            mode="lines+markers",
            name=plain_label(name),
            line=dict(
                width=4.5 if is_portfolio else 2.5,
                color=colour,
                dash="solid" if is_portfolio else LINE_DASHES[i % len(LINE_DASHES)],
            ),
            marker=dict(size=9, symbol="circle" if is_portfolio else LINE_SYMBOLS[i % len(LINE_SYMBOLS)]),
            # The name comes from the trace, so nothing a user typed is read as a template.
            hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f} %<extra></extra>",
            connectgaps=False,
        )
        for side in (1, -1):
            beyond = [(q, v) for q, v in zip(part["quarter"], values, strict=True) if axis.clips(v) == side]
            if beyond:
                text = _beyond_text(str(name), beyond, side)
                _mark_beyond(fig, axis, beyond, side, colour, plain_label(text), stacked)
                stacked += 1
                edge = "top" if side > 0 else "bottom"
                notes.append(f"{text[2:]}, beyond the chart: marked on its {edge} edge.")
    add_references(fig, band_references(thresholds), axis, along="y")
    title = "Trailing four-quarter ROI" if trailing else "ROI by quarter"
    fig.update_yaxes(title="ROI", ticksuffix=" %", range=[axis.low, axis.high])
    fig.update_xaxes(title="Quarter", type="category")
    # The labels of values beyond the axis stack above the plot, clear of the lines and of each other.
    return _layout(fig, title, 300, tag_rows=stacked + 1 if stacked else 0, right=44, notes=notes)


def _beyond_text(name: str, beyond: list[tuple[str, float]], side: int) -> str:
    """'↑ Spark Referrals: 2,757 % in 8 quarters', '↓ Beta: -900 % to -120 % in 2024-Q1, 2024-Q2'."""
    low, high = min(v for _, v in beyond), max(v for _, v in beyond)
    figures = (
        fmt.percent_label(low / 100)
        if round(low, 1) == round(high, 1)
        else f"{fmt.percent_label(low / 100)} to {fmt.percent_label(high / 100)}"
    )
    quarters = ", ".join(q for q, _ in beyond) if len(beyond) <= 2 else f"{len(beyond)} quarters"
    return f"{'↑' if side > 0 else '↓'} {name}: {figures} in {quarters}"


def _mark_beyond(
    fig: go.Figure, axis: Axis, beyond: list[tuple[str, float]], side: int, colour: str, text: str, row: int
) -> None:
    """Markers on the edge for a line's quarters beyond it, and one label for them above the plot,
    `row` rows up (a row above the markers' own)."""
    edge = axis.high if side > 0 else axis.low
    fig.add_scatter(
        x=[q for q, _ in beyond],
        y=[edge] * len(beyond),
        mode="markers",
        showlegend=False,
        cliponaxis=False,
        marker=dict(symbol="triangle-up" if side > 0 else "triangle-down", size=11, color=colour),
        hovertext=[fmt.percent_label(v / 100) for _, v in beyond],
        hovertemplate="%{x}: %{hovertext}<extra></extra>",
    )
    fig.add_annotation(
        name="clipped",
        x=0,
        xref="paper",
        xanchor="left",
        y=1,
        yref="paper",
        yanchor="bottom",
        yshift=TAG_ROW_PX * (row + 1),
        showarrow=False,
        text=text,
        font=dict(size=CLIP_FONT),  # the theme's text colour: orange or sky blue would be faint on white
    )


def roi_distribution(
    table: pd.DataFrame, cuts: dict[str, float] | None, benchmarks: pd.DataFrame, currency: str | None = None
) -> go.Figure:
    """Each ranked alliance's ROI, best at the top, marked by quartile, with the quartile cut points
    (QUARTILE.INC) and the benchmarks as lines."""
    ranked = table[table["quartile"] != ""].sort_values("roi", ascending=False)
    cut_refs = [
        Reference(value * 100, f"{label} cut {value:.1%}", f"{label} {value:.1%}", CUT_COLOUR, "solid", False)
        for label, value in (cuts or {}).items()
    ]
    refs = [*cut_refs, *benchmark_references(benchmarks)]
    axis = robust_range(ranked["roi"] * 100, [r.value for r in refs])
    fig = go.Figure()
    notes = []
    median_cost = float(ranked["cost"].median()) if len(ranked) else 0.0
    for quartile, colour in QUARTILE_COLOURS.items():
        part = ranked[ranked["quartile"] == quartile]
        if part.empty:
            continue
        values = part["roi"] * 100
        fig.add_scatter(
            x=values.clip(axis.low, axis.high),
            y=plain_labels(part.index),
            mode="markers",
            name=f"{quartile} quartile",
            legendgroup="quartiles",
            marker=dict(color=colour, size=14, symbol=QUARTILE_SYMBOLS[quartile]),
            hovertext=[fmt.percent_label(r) for r in part["roi"]],
            hovertemplate="%{y}: %{hovertext}<extra>" + quartile + " quartile</extra>",
        )
        for name, roi, cost in zip(part.index, part["roi"], part["cost"], strict=True):
            side = axis.clips(roi * 100)
            if side:
                _edge_annotation(fig, axis, side, plain_label(name), _edge_label(roi * 100, side), 11)
                notes.append(
                    f"{name}: ROI {fmt.percent_label(roi)} on a cost of "
                    f"{_cost_base(cost, median_cost, currency)}, drawn at the edge of the chart."
                )
    rows = add_references(fig, refs, axis)
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=plain_labels(reversed(ranked.index))
    )
    fig.update_xaxes(title="ROI", ticksuffix=" %", range=[axis.low, axis.high])
    height = 170 + 30 * len(ranked) + rows * TAG_ROW_PX
    return _layout(
        fig,
        "Where each alliance sits: quartile cut points and benchmarks",
        height,
        tag_rows=rows,
        notes=notes,
    )


Box = tuple[float, float, float, float]
LABEL_CHAR_PX = 6.0
LABEL_PX = 12.0
MARKER_PX = 7.0
NARROWEST_MAP_PX = (260.0, 300.0)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_positions(
    points: Sequence[tuple[float, float, str]], top: float, plot_px: tuple[float, float] = NARROWEST_MAP_PX
) -> list[str | None]:
    """Where each point's name goes (a Plotly text position), or None where every place beside the
    point would cover another name or point or leave the plot, on a plot of `plot_px` over [0, top]².

    Points are taken largest first (by y, then x); each takes the first free place of: above, below,
    right, left. A point whose name is left off is still named on hover.
    """
    width, height = plot_px
    marks = [((x / top) * width, (y / top) * height) for x, y, _ in points]
    taken: list[Box] = [(px - MARKER_PX, py - MARKER_PX, px + MARKER_PX, py + MARKER_PX) for px, py in marks]
    positions: list[str | None] = [None] * len(points)
    for i in sorted(range(len(points)), key=lambda i: (-points[i][1], -points[i][0])):
        (px, py), w = marks[i], len(points[i][2]) * LABEL_CHAR_PX + 4
        gap = MARKER_PX + 1
        places: dict[str, Box] = {
            "top center": (px - w / 2, py + gap, px + w / 2, py + gap + LABEL_PX),
            "bottom center": (px - w / 2, py - gap - LABEL_PX, px + w / 2, py - gap),
            "middle right": (px + gap, py - LABEL_PX / 2, px + gap + w, py + LABEL_PX / 2),
            "middle left": (px - gap - w, py - LABEL_PX / 2, px - gap, py + LABEL_PX / 2),
        }
        own = taken[i]
        for position, box in places.items():
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if inside and not any(_overlaps(box, other) for other in taken if other is not own):
                positions[i] = position
                taken.append(box)
                break
    return positions


def revenue_cost_map(
    table: pd.DataFrame, lines: tuple[float, ...] = (0.0, 0.10, 0.20), currency: str | None = None
) -> go.Figure:
    """Revenue against cost per alliance, with lines of equal ROI (revenue = (1 + ROI) × cost).

    Names are written beside their points where they fit on a phone (`label_positions`); the figure's
    notes list the ones left for the hover."""
    fig = go.Figure()
    top = float(max(table["cost"].max(), table["revenue"].max(), 1.0)) * 1.1
    for i, roi in enumerate(lines):
        fig.add_scatter(
            x=[0, top / (1 + roi) if roi > 0 else top],
            y=[0, top if roi > 0 else top * (1 + roi)],
            mode="lines",
            name=f"ROI {roi:.0%}",
            hoverinfo="skip",
            line=dict(dash="dash", width=1, color=EQUAL_ROI_COLOURS[i % len(EQUAL_ROI_COLOURS)]),
        )
    places = dict(
        zip(
            table.index,
            label_positions(
                list(zip(table["cost"], table["revenue"], table.index.astype(str), strict=True)), top
            ),
            strict=True,
        )
    )
    for band_name, colour in BAND_COLOURS.items():
        part = table[table["band"] == band_name]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["cost"],
            y=part["revenue"],
            mode="markers+text",
            text=[plain_label(n) if places[n] else "" for n in part.index],
            textposition=[places[n] or "top center" for n in part.index],
            textfont=dict(size=10),
            hovertext=plain_labels(part.index),
            name=band_name,
            marker=dict(size=12, color=colour, symbol=BAND_SYMBOLS[band_name]),
            hovertemplate="%{hovertext}<br>Cost %{x:,.0f}<br>Revenue %{y:,.0f}<extra></extra>",
        )
    money = _money_axis(currency)
    fig.update_xaxes(**{**money, "title": "Cost" + (f" ({currency})" if currency else "")}, range=[0, top])
    fig.update_yaxes(**{**money, "title": "Revenue" + (f" ({currency})" if currency else "")}, range=[0, top])
    unnamed = [str(n) for n in table.index if places[n] is None]
    notes = (
        [f"Not named on the chart, to keep names apart (hover to see them): {', '.join(unnamed)}."]
        if unnamed
        else []
    )
    return _layout(fig, "Revenue against cost: above a line, ROI beats it", 360, notes=notes)


def goal_progress(goals: pd.DataFrame) -> go.Figure:
    """Each goal's progress against its target, coloured, hatched and iconed by status, with a tick at
    the progress expected by now; progress far beyond the rest is written at the edge."""
    shown = goals.reset_index(drop=True)
    # Alliance above metric: two short lines leave the plot more of a phone's width than one long one.
    labels = [
        f"{plain_label(a)}<br>{plain_label(m)}"
        for a, m in zip(shown["alliance"], shown["metric"], strict=True)
    ]
    # Two goals can share alliance and metric: a row number keeps their bars apart.
    labels = [label if labels.count(label) == 1 else f"{label} ({i + 1})" for i, label in enumerate(labels)]
    progress = shown["progress"].astype(float) * 100
    axis = robust_range(progress, [100.0], pad=0.08)
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        mask = shown["status"] == status
        if not mask.any():
            continue
        values = progress[mask]
        fig.add_bar(
            orientation="h",
            y=[label for label, m in zip(labels, mask, strict=True) if m],
            x=values.fillna(0.0).clip(upper=axis.high),
            name=f"{STATUS_ICONS[status]} {status}",
            marker=dict(
                color=colour, pattern=dict(shape=STATUS_PATTERNS[status], fillmode="overlay", fgopacity=0.45)
            ),
            hovertext=[fmt.percent_label(v / 100) for v in values],
            hovertemplate="%{y}: %{hovertext}<extra>" + status + "</extra>",
        )
    expected = shown["expected"].astype(float) * 100
    fig.add_scatter(
        x=expected,
        y=labels,
        mode="markers",
        name="Expected by now",
        marker=dict(
            symbol="line-ns-open", size=22, color=THRESHOLD_COLOUR, line=dict(width=3, color=THRESHOLD_COLOUR)
        ),
        hovertemplate="%{y}: %{x:.0f} % expected by now<extra></extra>",
    )
    fig.add_vline(x=100, line=dict(color=THRESHOLD_COLOUR, width=1, dash="dash"))
    widest = _value_column(fig, zip(labels, shown["progress"].astype(float), strict=True), axis)
    fig.update_xaxes(title="Progress", ticksuffix=" %", range=[min(axis.low, 0), axis.high])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(labels)))
    return _layout(fig, "Goals: progress against target", 30 + 40 * len(shown), right=widest + 14)


def roi_across_reviews(history: pd.DataFrame) -> go.Figure:
    """ROI of each alliance in each saved review, oldest review first (the history page's chart)."""
    fig = go.Figure()
    present = history[history["roi"].notna()]
    labels = present["review"] + " (" + present["review_date"].astype(str) + ")"
    order = list(dict.fromkeys(labels))
    for i, (name, part) in enumerate(present.assign(label=labels).groupby("alliance", sort=True)):
        fig.add_scatter(
            x=plain_labels(part["label"]),
            y=part["roi"] * 100,
            mode="lines+markers",
            name=plain_label(name),
            line=dict(
                width=2.5, color=LINE_COLOURS[i % len(LINE_COLOURS)], dash=LINE_DASHES[i % len(LINE_DASHES)]
            ),
            marker=dict(size=9, symbol=LINE_SYMBOLS[i % len(LINE_SYMBOLS)]),
            hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f} %<extra></extra>",
        )
    fig.update_yaxes(title="ROI", ticksuffix=" %")
    fig.update_xaxes(
        title="Review", type="category", categoryorder="array", categoryarray=plain_labels(order)
    )
    return _layout(fig, "ROI in each saved review", 300)
