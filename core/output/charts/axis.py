"""The ROI axis fit (`robust_range`) and the values beyond it: drawn at the edge with their figure,
or written in a column beside the plot, and the notes' wording of their cost base."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go

from core import formatting as fmt
from core.output.charts.layout import CLIP_FONT, TAG_CHAR_PX
from core.palette import BLACK, LABEL_BACKGROUND

# The axis fit: values more than MAX_SPREADS robust spreads from the median are left out of the
# range, the spread counted as at least MIN_SPREAD points; and only when showing them would more
# than double the axis.
MAX_SPREADS = 5.0
MIN_SPREAD = 10.0
MAD_TO_SD = 1.4826
PAD = 0.12


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


def edge_label(value: float, side: int, prefix: str = "") -> str:
    text = f"{prefix}{fmt.percent_label(value / 100)}"
    return f"{text} →" if side > 0 else f"← {text}"


def cost_base(cost: float, median: float, currency: str | None) -> str:
    small = " (a small base: under a tenth of the median alliance's)" if cost < median / 10 else ""
    return f"{fmt.short_money(cost, currency)}{small}"


def value_column(fig: go.Figure, rows: Iterable[tuple[str, float]], axis: Axis) -> int:
    """Each row's value (a fraction, drawn in percent) written in a column right of the plot, where no
    bar or line can cross it; one beyond the axis gets an arrow to the edge it crosses. `rows` are
    (category, value) pairs; returns the column's width in pixels."""
    widest = 0
    column = []
    for label, value in rows:
        side = axis.clips(value * 100)
        text = edge_label(value * 100, side) if side else fmt.percent_label(value)
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


def edge_annotation(fig: go.Figure, axis: Axis, side: int, y: object, text: str, yshift: int = 0) -> None:
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
