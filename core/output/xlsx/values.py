"""Cell values as a spreadsheet shows them: rounded as their kind means, points scaled, and text that
would run as a formula told apart.

Nothing here writes a cell: the CSV and the workbook both read these rules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from core.analysis.money import cents
from core.analysis.roi import CENT_DIGITS, ROI_DIGITS
from core.formatting import ValueKind

# A text cell starting with one of these is a formula to Excel and LibreOffice (and to CSV
# importers), so it is marked as text (quote prefix) or, in CSV, preceded by an apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Points are written as points (0.1 → 10.0), under the "pts" number format of formats.NUMBER_FORMATS;
# every other kind is written as it is.
SCALE: dict[ValueKind, float] = {"points": 100.0}

# What each number format shows, in Python's words, to measure a column (worst case for '#,##0.##').
SHOWN_NUMBERS: dict[ValueKind, Callable[[float], str]] = {
    "money": lambda v: f"{v:,.2f}",
    "ratio": lambda v: f"{v:.1%}",
    "gap": lambda v: f"{v:+.1%}",
    "points": lambda v: f"{v:+.1f} pts",
    "number": lambda v: f"{v:,.2f}",
    "integer": lambda v: f"{v:.0f}",
}
SHOWN_DATES: dict[ValueKind, str] = {"month": "%b %Y", "datetime": "%Y-%m-%d %H:%M"}

# Money is exact to the cent; ratios are compared at ROI_DIGITS decimals, so more is noise.
ROUNDING: dict[str, int] = {
    "money": CENT_DIGITS,
    "ratio": ROI_DIGITS,
    "gap": ROI_DIGITS,
    "points": ROI_DIGITS,
}


def needs_quoting(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def is_missing(value: object) -> bool:
    """True for a value that makes an empty cell: None, '', NaN or NaT."""
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def shown(value: object, kind: ValueKind | None) -> str:
    """The text a spreadsheet shows for a value written under its kind's number format."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        number = float(value)
        return SHOWN_NUMBERS[kind](number) if kind in SHOWN_NUMBERS else f"{number:.10g}"
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return pd.Timestamp(value).strftime(SHOWN_DATES.get(kind or "date", "%Y-%m-%d"))
    return str(value)


def rounded(value: object, kind: ValueKind | None) -> object:
    """A number rounded to what its kind means (cents for money), anything else as it is."""
    digits = ROUNDING.get(kind or "")
    if digits is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    if math.isnan(value) or math.isinf(value):
        return value
    # Money follows the tables' one rule (half away from zero on the decimal), not Python's round.
    return cents(value) if kind == "money" else round(value, digits)


def _plain(value: object) -> object:
    if hasattr(value, "item") and not isinstance(value, (str, bytes, pd.Timestamp)):
        return value.item()
    return value


def prepared(value: object, kind: ValueKind | None) -> object:
    """A value in the units of its kind (points scaled), rounded as its kind means."""
    value = _plain(value)
    scale = SCALE.get(kind) if kind is not None else None
    if scale is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = value * scale
    return rounded(value, kind)


def is_number(value: object) -> bool:
    """True for a number a cell holds as one (not a boolean, not NaN)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isnan(value)


def rounded_like_python(values: np.ndarray, digits: int) -> np.ndarray:
    """`round(v, digits)` of each value, exactly as Python rounds, at numpy's speed.

    Python rounds the exact binary value to `digits` decimals (half to even) and returns the double
    nearest that decimal. numpy's rint(v · 10^digits) / 10^digits finds the same decimal whenever the
    scaled value is clearly away from a half (its own rounding error is far smaller than the margin
    kept here), and dividing that whole number by 10^digits is correctly rounded, so the double is the
    same. Values near a half, or too large to scale exactly, go through Python's round.
    """
    scale = 10.0**digits
    # A huge value scales to infinity; it is not clear of a half, so Python rounds it.
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = values * scale
        result = np.rint(scaled) / scale
        margin = 1e-6 + np.abs(scaled) * 1e-15
        clear = (np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > margin) & (np.abs(scaled) < 2.0**52)
    doubtful = np.flatnonzero(~clear & ~np.isnan(values))
    if doubtful.size:
        result[doubtful] = [round(v, digits) for v in values[doubtful].tolist()]
    return result
