"""When a change of ROI counts as a change: below a stated number of percentage points it is flat.

One rule for every place that says ROI went up or down (the decisions' trend factor, the history of
saved reviews and, through the decisions, the review deck), so that "falling 10.8 % → 10.8 %" never
costs a point and "▼ down −0.0 pts" never appears: a change smaller than `flat_points` in absolute
value is flat. The threshold is a setting (`Settings.flat_points`, `flat=` in a link, `--flat-below`
on the command line); 0 makes every change that survives ROI's comparison precision count.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from core.analysis.roi import ROI_DIGITS

FLAT_POINTS = 0.5  # the default: a change of less than half a percentage point is flat
UP, DOWN, FLAT = "up", "down", "flat"
# Points are compared at ROI's comparison precision, so that 10.5 % − 10 % is 0.5 points, not 0.4999….
POINT_DIGITS = ROI_DIGITS - 2


def change_points(before: pd.Series, after: pd.Series) -> pd.Series:
    """ROI after − ROI before (fractions) in percentage points, at ROI's comparison precision."""
    return ((after.astype(float) - before.astype(float)) * 100).round(POINT_DIGITS)


def movement(points: Iterable[float | None], flat_points: float = FLAT_POINTS) -> pd.Series:
    """'up', 'down' or 'flat' for each change in percentage points; '' where it is undefined (NaN or
    None). A change is flat when its size is below `flat_points` (a change of exactly the threshold
    counts)."""
    values = pd.Series(list(points) if not isinstance(points, pd.Series) else points, dtype=float)
    rounded = values.round(POINT_DIGITS)
    limit = round(abs(float(flat_points)), POINT_DIGITS)
    # With no threshold, any change at all moves; otherwise a move must reach the threshold.
    moves = rounded.abs() > 0 if limit == 0 else rounded.abs() >= limit
    chosen = np.select([rounded.isna(), moves & (rounded > 0), moves & (rounded < 0)], ["", UP, DOWN], FLAT)
    return pd.Series(chosen, index=values.index, dtype=object)


def flat_words(flat_points: float) -> str:
    """The rule in words, for the About sheet and the app: 'changes under 0.5 points are flat'."""
    if flat_points == 0:
        return "every change of ROI counts as a rise or a fall (no threshold)"
    return f"a change of ROI of less than {flat_points:g} percentage points is flat (neither up nor down)"
