"""The before/after page's charts: ROI before → after per alliance as dumbbells, and revenue and cost
on each side."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.analysis.roi import BandThresholds
from core.model import PORTFOLIO
from core.output.charts.axis import Axis, edge_annotation, robust_range
from core.output.charts.layout import lay_out, money_axis, plain_label, plain_labels
from core.output.charts.references import add_references, band_references
from core.palette import BLUE, GREEN, GREY, ORANGE, SKY_BLUE, VERMILLION

# A change of ROI within this many points reads as no change (the figures show one decimal).
LEVEL_POINTS = 0.05


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
    _segments(fig, names, shown_before, shown_after, rose, fell)
    fig.add_scatter(
        x=shown_before,
        y=names,
        mode="markers",
        name="Before",
        marker=dict(color=GREY, size=11, symbol="circle"),
        hovertext=[fmt.percent_label(v / 100) for v in before],
        hovertemplate="%{y}: %{hovertext} before<extra></extra>",
    )
    _after_markers(fig, names, after, shown_after, rose, fell)
    notes = _before_after_edges(fig, rows, axis, currency)
    tags = add_references(fig, band_references(thresholds), axis)
    fig.update_xaxes(title="ROI", ticksuffix=" %", range=[axis.low, axis.high])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names)
    return lay_out(fig, "ROI before → after, per alliance", 30 + 36 * len(rows), tags, notes=notes)


def _segments(
    fig: go.Figure, names: list[str], before: pd.Series, after: pd.Series, rose: pd.Series, fell: pd.Series
) -> None:
    """The dumbbells' bars from before to after (values as drawn), vermillion where ROI fell, green
    where it rose, blue otherwise."""
    # One trace of segments per colour, each segment ended by a gap: a trace per alliance costs the
    # browser a few milliseconds each to draw.
    for mask, colour in ((fell, VERMILLION), (rose, GREEN), (~(rose | fell), BLUE)):
        if mask.any():
            picked = [(n, b, a) for n, b, a, m in zip(names, before, after, mask, strict=True) if m]
            fig.add_scatter(
                x=[v for _, b, a in picked for v in (b, a, None)],
                y=[v for n, _, _ in picked for v in (n, n, None)],
                mode="lines",
                line=dict(color=colour, width=3),
                showlegend=False,
                hoverinfo="skip",
            )


def _after_markers(
    fig: go.Figure, names: list[str], after: pd.Series, shown: pd.Series, rose: pd.Series, fell: pd.Series
) -> None:
    """The 'after' ends, one trace per direction: drawn at `shown` (kept inside the axis), hovering
    with the real value `after`."""
    for label, mask, colour, symbol in (
        ("After: ROI rose", rose, GREEN, "triangle-up"),
        ("After: ROI fell", fell, VERMILLION, "triangle-down"),
        ("After: no change or n/a", ~(rose | fell), BLUE, "diamond"),
    ):
        if mask.any():
            fig.add_scatter(
                x=shown[mask],
                y=[n for n, m in zip(names, mask, strict=True) if m],
                mode="markers",
                name=label,
                marker=dict(color=colour, size=13, symbol=symbol),
                hovertext=[fmt.percent_label(v / 100) for v in after[mask]],
                hovertemplate="%{y}: %{hovertext} after<extra></extra>",
            )


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
            edge_annotation(fig, axis, edge, plain_label(name), f"{text} →" if edge > 0 else f"← {text}", 11)
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
    fig.update_xaxes(**money_axis(currency))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)))
    return lay_out(fig, "Revenue and cost before and after", 20 + 70 * len(table))
