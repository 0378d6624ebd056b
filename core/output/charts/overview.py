"""The overview's chart: ROI per alliance as bars, coloured and patterned by band."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.analysis.roi import BandThresholds
from core.output.charts.axis import Axis, cost_base, robust_range, value_column
from core.output.charts.layout import lay_out, plain_labels
from core.output.charts.marks import BAND_ICONS, BAND_PATTERNS
from core.output.charts.references import add_references, band_references, benchmark_references
from core.palette import BAND_COLOURS


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
    widest = value_column(fig, zip(plain_labels(ordered.index), ordered["roi"], strict=True), axis)
    notes = [
        f"{name}: ROI {fmt.percent_label(roi)} on a cost of "
        f"{cost_base(cost, float(ordered['cost'].median()), currency)}, drawn to the edge of the chart."
        for name, roi, cost in zip(ordered.index, ordered["roi"], ordered["cost"], strict=True)
        if axis.clips(roi * 100)
    ]
    fig.update_layout(
        bargap=0.25,
        yaxis=dict(categoryorder="array", categoryarray=plain_labels(reversed(ordered.index))),
        xaxis=dict(title="ROI", ticksuffix=" %", range=[axis.low, axis.high]),
    )
    return lay_out(
        fig, "ROI by alliance, coloured by band", 30 + 30 * len(ordered), rows, right=widest + 14, notes=notes
    )
