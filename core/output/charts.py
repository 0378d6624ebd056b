"""Plotly figures of the report; plain figures, rendered by the pages or written to HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from core.analysis.roi import BandThresholds
from core.model import MODERATE, STRONG, UNDEFINED, WEAK

# Colours that keep their meaning and contrast on Streamlit's light and dark themes.
BAND_COLOURS = {STRONG: "#2e9e5b", MODERATE: "#e0a800", WEAK: "#d64545", UNDEFINED: "#8c8c8c"}
THRESHOLD_COLOUR = "#7f7f7f"
PORTFOLIO_COLOUR = "#7c3aed"
BENCHMARK_COLOURS = ["#3b82f6", "#8b5cf6", "#ec4899", "#14b8a6", "#f97316"]


def plain_label(text: object) -> str:
    """User text (an alliance or benchmark name) for a chart: Plotly reads <a>, <b>, <br> in labels
    as markup, so the name is escaped and shows exactly as typed, never as a link."""
    return html.escape(str(text), quote=False)


def plain_labels(names: Iterable[object]) -> list[str]:
    """Many names for a chart's categories or texts, each escaped like `plain_label`."""
    return [plain_label(name) for name in names]


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
            annotation_text=f"{plain_label(name)} {roi:.0%}",
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
            x=plain_labels(part.index),
            y=values,
            name=band_name,
            marker_color=colour,
            text=[("n/a" if pd.isna(r) else f"{r:.1%}") for r in part["roi"]],
            textposition="outside",
            customdata=part[["revenue", "cost", "roi_note"]].to_numpy(),
            hovertemplate="<b>%{x}</b><br>ROI %{text}<br>Revenue %{customdata[0]:,.0f}"
            "<br>Cost %{customdata[1]:,.0f}<br>%{customdata[2]}<extra></extra>",
        )
    fig.update_xaxes(categoryorder="array", categoryarray=plain_labels(ordered.index))
    fig.update_yaxes(title="ROI (%)", ticksuffix=" %")
    reference_lines(fig, thresholds, benchmarks)
    return _layout(fig, "ROI by alliance, coloured by band")


def roi_before_after(table: pd.DataFrame, portfolio: pd.Series, thresholds: BandThresholds) -> go.Figure:
    """Dumbbell chart: each alliance's ROI before (grey) and after (coloured by direction)."""
    rows = pd.concat([table, portfolio.to_frame("Portfolio").T]).sort_values(
        "roi_change", na_position="first"
    )
    fig = go.Figure()
    for name, row in rows.iterrows():
        before, after = row["roi_before"] * 100, row["roi_after"] * 100
        colour = (
            BAND_COLOURS[WEAK]
            if pd.notna(row["roi_change"]) and row["roi_change"] < 0
            else BAND_COLOURS[STRONG]
        )
        fig.add_scatter(
            x=[before, after],
            y=[plain_label(name), plain_label(name)],
            mode="lines",
            line=dict(color=colour, width=3),
            showlegend=False,
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=rows["roi_before"] * 100,
        y=plain_labels(rows.index),
        mode="markers",
        name="Before",
        marker=dict(color=THRESHOLD_COLOUR, size=11),
        hovertemplate="%{y}: %{x:.1f} % before<extra></extra>",
    )
    fig.add_scatter(
        x=rows["roi_after"] * 100,
        y=plain_labels(rows.index),
        mode="markers",
        name="After",
        marker=dict(color=BENCHMARK_COLOURS[0], size=13, symbol="diamond"),
        hovertemplate="%{y}: %{x:.1f} % after<extra></extra>",
    )
    for value in (thresholds.strong, thresholds.moderate):
        fig.add_vline(x=value * 100, line_dash="dash", line_color=THRESHOLD_COLOUR, line_width=1)
    fig.update_xaxes(title="ROI (%)", ticksuffix=" %")
    return _layout(fig, "ROI before → after, per alliance", height=max(320, 60 + 38 * len(rows)))


def revenue_cost_before_after(table: pd.DataFrame) -> go.Figure:
    """Grouped bars of revenue and cost on each side, per alliance."""
    fig = go.Figure()
    styles = [
        ("revenue_before", "Revenue before", "#93c5fd"),
        ("revenue_after", "Revenue after", "#2563eb"),
        ("cost_before", "Cost before", "#fca5a5"),
        ("cost_after", "Cost after", "#dc2626"),
    ]
    for column, label, colour in styles:
        fig.add_bar(
            x=plain_labels(table.index),
            y=table[column],
            name=label,
            marker_color=colour,
            hovertemplate="%{x}: %{y:,.0f}<extra>" + label + "</extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="Amount", tickformat=",.0f")
    return _layout(fig, "Revenue and cost before and after")


def quarterly_lines(
    quarterly: pd.DataFrame, alliances: list[str], thresholds: BandThresholds, trailing: bool = False
) -> go.Figure:
    """ROI by quarter, one line per chosen alliance and a bold portfolio line, with band thresholds."""
    column = "roi_ttm" if trailing else "roi"
    fig = go.Figure()
    for name in alliances:
        part = quarterly[quarterly["alliance"] == name]
        is_portfolio = name == "Portfolio"
        fig.add_scatter(
            x=part["quarter"],
            y=part[column] * 100,
            mode="lines+markers",
            name=plain_label(name),
            line=dict(width=5 if is_portfolio else 2, color=PORTFOLIO_COLOUR if is_portfolio else None),
            # The name comes from the trace, so nothing a user typed is read as a template.
            hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f} %<extra></extra>",
            connectgaps=False,
        )
    for value, label in ((thresholds.strong, "Strong above"), (thresholds.moderate, "Moderate from")):
        fig.add_hline(
            y=value * 100,
            line_dash="dash",
            line_color=THRESHOLD_COLOUR,
            line_width=1,
            annotation_text=f"{label} {value:.0%}",
            annotation_position="top left",
        )
    title = "Trailing four-quarter ROI" if trailing else "ROI by quarter"
    fig.update_yaxes(title="ROI (%)", ticksuffix=" %")
    fig.update_xaxes(title="Quarter", type="category")
    return _layout(fig, title)


EQUAL_ROI_COLOURS = ["#8c8c8c", "#e0a800", "#2e9e5b", "#3b82f6"]
QUARTILE_COLOURS = {"Top": "#2e9e5b", "Second": "#84cc16", "Third": "#e0a800", "Bottom": "#d64545"}


def roi_distribution(
    table: pd.DataFrame, cuts: dict[str, float] | None, benchmarks: pd.DataFrame
) -> go.Figure:
    """Each ranked alliance on the ROI axis, one row per quartile, with the cut points and benchmarks."""
    ranked = table[table["quartile"] != ""].sort_values("roi")
    fig = go.Figure()
    for quartile, colour in QUARTILE_COLOURS.items():
        part = ranked[ranked["quartile"] == quartile]
        if part.empty:
            continue
        # Alternate labels above and below so neighbours in a row stay readable.
        positions = ["top center" if i % 2 else "bottom center" for i in range(len(part))]
        fig.add_scatter(
            x=part["roi"] * 100,
            y=[quartile] * len(part),
            mode="markers+text",
            name=f"{quartile} quartile",
            text=plain_labels(part.index),
            textposition=positions,
            marker=dict(color=colour, size=14, line=dict(width=1, color="rgba(128,128,128,0.8)")),
            hovertemplate="%{text}: %{x:.1f} %<extra>" + quartile + " quartile</extra>",
        )
    if cuts:
        for label, value in cuts.items():
            fig.add_vline(x=value * 100, line_color=THRESHOLD_COLOUR, line_width=2)
            fig.add_annotation(
                x=value * 100,
                y=0,
                yref="paper",
                yanchor="top",
                showarrow=False,
                text=f"{label}<br>{value:.1%}",
                font=dict(size=11, color=THRESHOLD_COLOUR),
            )
    for i, (name, roi) in enumerate(zip(benchmarks["name"], benchmarks["roi"], strict=True)):
        colour = BENCHMARK_COLOURS[i % len(BENCHMARK_COLOURS)]
        fig.add_vline(x=roi * 100, line_dash="dot", line_color=colour, line_width=1.5)
        fig.add_annotation(
            x=roi * 100,
            y=1 - 0.07 * i,
            yref="paper",
            xanchor="left",
            showarrow=False,
            text=f" {plain_label(name)} {roi:.0%}",
            font=dict(size=11, color=colour),
        )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=list(reversed(QUARTILE_COLOURS)), title=""
    )
    fig.update_xaxes(title="ROI (%)", ticksuffix=" %")
    fig = _layout(
        fig, "Where each alliance sits: quartile cut points (QUARTILE.INC) and benchmarks", height=480
    )
    fig.update_layout(margin=dict(b=70), showlegend=False)
    return fig


def revenue_cost_map(table: pd.DataFrame, lines: tuple[float, ...] = (0.0, 0.10, 0.20)) -> go.Figure:
    """Revenue against cost per alliance, with lines of equal ROI (revenue = (1 + ROI) × cost)."""
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
    fig.add_scatter(
        x=table["cost"],
        y=table["revenue"],
        mode="markers+text",
        text=plain_labels(table.index),
        textposition="top center",
        name="Alliances",
        marker=dict(size=12, color=[BAND_COLOURS.get(b, THRESHOLD_COLOUR) for b in table["band"]]),
        hovertemplate="%{text}<br>Cost %{x:,.0f}<br>Revenue %{y:,.0f}<extra></extra>",
    )
    fig.update_xaxes(title="Cost", tickformat=",.0f", range=[0, top])
    fig.update_yaxes(title="Revenue", tickformat=",.0f", range=[0, top])
    return _layout(fig, "Revenue against cost: above a line, ROI beats it", height=520)


def roi_across_reviews(history: pd.DataFrame) -> go.Figure:
    """ROI of each alliance in each saved review, oldest review first (the history page's chart)."""
    fig = go.Figure()
    present = history[history["roi"].notna()]
    labels = present["review"] + " (" + present["review_date"].astype(str) + ")"
    order = list(dict.fromkeys(labels))
    for name, part in present.assign(label=labels).groupby("alliance", sort=True):
        fig.add_scatter(
            x=plain_labels(part["label"]),
            y=part["roi"] * 100,
            mode="lines+markers",
            name=plain_label(name),
            hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f} %<extra></extra>",
        )
    fig.update_yaxes(title="ROI (%)", ticksuffix=" %")
    fig.update_xaxes(
        title="Review", type="category", categoryorder="array", categoryarray=plain_labels(order)
    )
    return _layout(fig, "ROI in each saved review")
