"""The trends page's chart: ROI by quarter, a line per chosen alliance and a bold portfolio line, with
the quarters beyond the axis marked on its edge."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.analysis.roi import BandThresholds
from core.model import PORTFOLIO
from core.output.charts.axis import Axis, robust_range
from core.output.charts.layout import CLIP_FONT, TAG_ROW_PX, lay_out, plain_label
from core.output.charts.marks import LINE_DASHES, LINE_SYMBOLS
from core.output.charts.references import add_references, band_references
from core.palette import LINE_COLOURS, PORTFOLIO_COLOUR, THRESHOLD_COLOUR


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
            marker=_markers(part, "circle" if is_portfolio else LINE_SYMBOLS[i % len(LINE_SYMBOLS)]),
            # The name comes from the trace, so nothing a user typed is read as a template.
            hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f} %%{customdata}<extra></extra>",
            customdata=_partial_words(part),
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
    partial = chosen.loc[~_complete(chosen), "quarter"].astype(str).unique().tolist()
    if partial:
        _partial_legend(fig, partial)
    add_references(fig, band_references(thresholds), axis, along="y")
    title = "Trailing four-quarter ROI" if trailing else "ROI by quarter"
    fig.update_yaxes(title="ROI", ticksuffix=" %", range=[axis.low, axis.high])
    fig.update_xaxes(title="Quarter", type="category")
    # The labels of values beyond the axis stack above the plot, clear of the lines and of each other.
    return lay_out(fig, title, 300, tag_rows=stacked + 1 if stacked else 0, right=44, notes=notes)


# A quarter the data cover only in part (a ledger starting in November) has a hollow marker, as the
# table marks it, and the legend says what hollow means (#32.10).
PARTIAL_LEGEND = "hollow marker: partial quarter (the data cover only part of it)"
PARTIAL_HOVER = " (partial quarter)"


def _markers(part: pd.DataFrame, symbol: str) -> dict[str, object]:
    """A line's markers: its own shape, hollow in the quarters the data cover only in part."""
    return dict(size=9, symbol=[symbol if whole else f"{symbol}-open" for whole in _complete(part)])


def _partial_words(part: pd.DataFrame) -> list[str]:
    """What the hover adds to each quarter: that it is partial, or nothing."""
    return ["" if whole else PARTIAL_HOVER for whole in _complete(part)]


def _complete(quarters: pd.DataFrame) -> pd.Series:
    """Whether each quarter is whole (a frame without the column counts every quarter whole)."""
    if "complete" not in quarters:
        return pd.Series(True, index=quarters.index)
    return quarters["complete"].astype(bool)


def _partial_legend(fig: go.Figure, quarters: list[str]) -> None:
    """A legend entry (an empty trace) for the hollow markers, naming the partial quarters."""
    fig.add_scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=f"{PARTIAL_LEGEND}: {', '.join(quarters)}",
        marker=dict(size=9, symbol="circle-open", color=THRESHOLD_COLOUR),
        hoverinfo="skip",
    )


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
