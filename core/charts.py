"""Plotly figures of the report; plain figures, rendered by the pages or written to HTML."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.roi import MODERATE, STRONG, UNDEFINED, WEAK, BandThresholds

# Colours that keep their meaning and contrast on Streamlit's light and dark themes.
BAND_COLOURS = {STRONG: "#2e9e5b", MODERATE: "#e0a800", WEAK: "#d64545", UNDEFINED: "#8c8c8c"}
THRESHOLD_COLOUR = "#7f7f7f"
BENCHMARK_COLOURS = ["#3b82f6", "#8b5cf6", "#ec4899", "#14b8a6", "#f97316"]


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    # Transparent backgrounds let the page's light or dark theme show through.
    fig.update_layout(
        title=title,
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    fig.update_xaxes(gridcolor="rgba(128,128,128,0.2)")
    fig.update_yaxes(gridcolor="rgba(128,128,128,0.2)", zerolinecolor="rgba(128,128,128,0.5)")
    return fig


def _line(fig: go.Figure, value: float, axis: str, **style: object) -> None:
    if axis == "y":
        fig.add_hline(y=value * 100, **style)
    else:
        fig.add_vline(x=value * 100, **style)


def reference_lines(
    fig: go.Figure, thresholds: BandThresholds, benchmarks: pd.DataFrame, axis: str = "y"
) -> go.Figure:
    """Dashed band thresholds and dotted benchmark lines, each labelled, on a percent axis."""
    for value, label in ((thresholds.strong, "Strong above"), (thresholds.moderate, "Moderate from")):
        _line(
            fig,
            value,
            axis,
            line_dash="dash",
            line_color=THRESHOLD_COLOUR,
            line_width=1,
            annotation_text=f"{label} {value:.0%}",
            annotation_position="top left",
        )
    for i, (name, roi) in enumerate(zip(benchmarks["name"], benchmarks["roi"], strict=True)):
        colour = BENCHMARK_COLOURS[i % len(BENCHMARK_COLOURS)]
        _line(
            fig,
            roi,
            axis,
            line_dash="dot",
            line_color=colour,
            line_width=1.5,
            annotation_text=f"{name} {roi:.0%}",
            annotation_position="top right",
            annotation_font_color=colour,
        )
    return fig


def roi_by_alliance(table: pd.DataFrame, thresholds: BandThresholds, benchmarks: pd.DataFrame) -> go.Figure:
    """ROI per alliance as bars coloured by band, with band thresholds and benchmark lines."""
    ordered = table.sort_values("roi", ascending=False, na_position="last")
    fig = go.Figure()
    for band_name, colour in BAND_COLOURS.items():
        part = ordered[ordered["band"] == band_name]
        if part.empty:
            continue
        values = (part["roi"] * 100).fillna(0.0)
        fig.add_bar(
            x=part.index,
            y=values,
            name=band_name,
            marker_color=colour,
            text=[("n/a" if pd.isna(r) else f"{r:.1%}") for r in part["roi"]],
            textposition="outside",
            customdata=part[["revenue", "cost", "roi_note"]].to_numpy(),
            hovertemplate="<b>%{x}</b><br>ROI %{text}<br>Revenue %{customdata[0]:,.0f}"
            "<br>Cost %{customdata[1]:,.0f}<br>%{customdata[2]}<extra></extra>",
        )
    fig.update_xaxes(categoryorder="array", categoryarray=list(ordered.index))
    fig.update_yaxes(title="ROI (%)", ticksuffix=" %")
    reference_lines(fig, thresholds, benchmarks)
    return _layout(fig, "ROI by alliance, coloured by band")
