"""The scorecard's chart: each goal's progress against its target, by status."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.output.charts.axis import robust_range, value_column
from core.output.charts.layout import lay_out, plain_label
from core.output.charts.marks import STATUS_ICONS, STATUS_PATTERNS
from core.palette import STATUS_COLOURS, THRESHOLD_COLOUR


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
    widest = value_column(fig, zip(labels, shown["progress"].astype(float), strict=True), axis)
    fig.update_xaxes(title="Progress", ticksuffix=" %", range=[min(axis.low, 0), axis.high])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(labels)))
    return lay_out(fig, "Goals: progress against target", 30 + 40 * len(shown), right=widest + 14)
