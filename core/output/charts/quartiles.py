"""The quartiles page's charts: where each alliance sits against the quartile cuts and the
benchmarks, and revenue against cost with lines of equal ROI, names placed to keep apart on a phone."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.output.charts.axis import cost_base, edge_annotation, edge_label, robust_range
from core.output.charts.layout import TAG_ROW_PX, lay_out, money_axis, plain_label, plain_labels
from core.output.charts.marks import BAND_SYMBOLS, CUT_COLOUR, QUARTILE_SYMBOLS
from core.output.charts.references import Reference, add_references, benchmark_references
from core.palette import BAND_COLOURS, EQUAL_ROI_COLOURS, QUARTILE_COLOURS


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
                edge_annotation(fig, axis, side, plain_label(name), edge_label(roi * 100, side), 11)
                notes.append(
                    f"{name}: ROI {fmt.percent_label(roi)} on a cost of "
                    f"{cost_base(cost, median_cost, currency)}, drawn at the edge of the chart."
                )
    rows = add_references(fig, refs, axis)
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=plain_labels(reversed(ranked.index))
    )
    fig.update_xaxes(title="ROI", ticksuffix=" %", range=[axis.low, axis.high])
    height = 170 + 30 * len(ranked) + rows * TAG_ROW_PX
    return lay_out(
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
    money = money_axis(currency)
    fig.update_xaxes(**{**money, "title": "Cost" + (f" ({currency})" if currency else "")}, range=[0, top])
    fig.update_yaxes(**{**money, "title": "Revenue" + (f" ({currency})" if currency else "")}, range=[0, top])
    unnamed = [str(n) for n in table.index if places[n] is None]
    notes = (
        [f"Not named on the chart, to keep names apart (hover to see them): {', '.join(unnamed)}."]
        if unnamed
        else []
    )
    return lay_out(fig, "Revenue against cost: above a line, ROI beats it", 360, notes=notes)
