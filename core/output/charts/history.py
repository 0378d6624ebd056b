"""The history page's chart: each alliance's ROI across the saved reviews."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.output.charts.layout import lay_out, plain_label, plain_labels
from core.output.charts.marks import LINE_DASHES, LINE_SYMBOLS
from core.palette import many_line_colour


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
            line=dict(width=2.5, color=many_line_colour(i), dash=LINE_DASHES[i % len(LINE_DASHES)]),
            marker=dict(size=9, symbol=LINE_SYMBOLS[i % len(LINE_SYMBOLS)]),
            hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f} %<extra></extra>",
        )
    fig.update_yaxes(title="ROI", ticksuffix=" %")
    fig.update_xaxes(
        title="Review", type="category", categoryorder="array", categoryarray=plain_labels(order)
    )
    return lay_out(fig, "ROI in each saved review", 300)
