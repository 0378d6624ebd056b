"""Reference lines across an ROI chart (band thresholds, benchmarks, quartile cuts): named in the
legend and tagged with their value in the margin, in rows laid out so that no two tags overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core.analysis.roi import BandThresholds
from core.output.charts.axis import Axis
from core.output.charts.layout import (
    CLIP_FONT,
    NARROWEST_PLOT_PX,
    TAG_CHAR_PX,
    TAG_PAD_PX,
    TAG_ROW_PX,
    plain_label,
)
from core.palette import BENCHMARK_COLOURS, THRESHOLD_COLOUR


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
    for ref in references:
        tags.setdefault(round(ref.value, 2), ref)
    lines = [_line(ref, along) for ref in references]
    shown = [ref for ref in tags.values() if axis.low <= ref.value <= axis.high]
    notes, rows = _side_tags(shown) if along == "y" else _top_tags(shown, axis)
    # Added at once: each `add_vline` or `add_annotation` copies every shape and annotation already
    # there, which costs time quadratic in them.
    fig.layout.shapes = (*fig.layout.shapes, *lines)
    fig.layout.annotations = (*fig.layout.annotations, *notes)
    return max(rows, default=-1) + 1


def _line(ref: Reference, along: str) -> dict[str, object]:
    """The shape `add_vline` (`along="x"`) or `add_hline` would add for the reference, spanning the
    plot's domain across the axis, named in the legend unless its tag names it in full."""
    line = dict(color=ref.colour, width=1.5 if ref.dash == "dot" else 1, dash=ref.dash)
    style = dict(line=line, name=ref.name, showlegend=ref.in_legend, legendgroup="references", layer="below")
    if along == "x":
        return dict(type="line", x0=ref.value, x1=ref.value, xref="x", y0=0, y1=1, yref="y domain", **style)
    return dict(type="line", x0=0, x1=1, xref="x domain", y0=ref.value, y1=ref.value, yref="y", **style)


def _top_tags(shown: Sequence[Reference], axis: Axis) -> tuple[list[dict[str, object]], list[int]]:
    """Tags above the plot, each over its vertical line, in rows where none overlaps another
    (`tag_rows`); and the row of each."""
    rows = tag_rows([(ref.value, ref.tag) for ref in shown], axis)
    notes: list[dict[str, object]] = [
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
    return notes, rows


def _side_tags(shown: Sequence[Reference]) -> tuple[list[dict[str, object]], list[int]]:
    """Tags in the right margin, each beside its horizontal line; they take no rows above the plot."""
    notes: list[dict[str, object]] = [
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
    return notes, []
