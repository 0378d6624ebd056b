"""Numbers as people read them in a review: '18.0 %', '+10.0 pts', '$1.25M'."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias

import pandas as pd

from core.model import (
    ACHIEVED,
    AT_RISK,
    BOTTOM,
    MODERATE,
    OFF_TRACK,
    ON_TRACK,
    SECOND,
    STRONG,
    THIRD,
    TOP,
    UNDEFINED,
    UNKNOWN,
    WEAK,
)

# What a shown value is, so that each writer (workbook, CSV, HTML, deck, grid) gives it its own format.
ValueKind: TypeAlias = Literal[
    "money",  # an amount in the reporting currency
    "ratio",  # a fraction shown as a percent: 0.183 is 18.3 %
    "gap",  # a ratio minus a reference ratio, shown as a signed percent (benchmark gaps)
    "points",  # a ratio minus a ratio, shown in percentage points (0.1 is +10.0 pts)
    "number",  # any other quantity (a goal's target)
    "integer",  # a count or a row number
    "date",
    "month",  # a date that stands for its month (payback month)
    "datetime",
    "text",
]
VALUE_KINDS: tuple[ValueKind, ...] = (
    "money",
    "ratio",
    "gap",
    "points",
    "number",
    "integer",
    "date",
    "month",
    "datetime",
    "text",
)


# Decimals of a percent and of percentage points, in every text and every grid: 18.3 %, +10.0 pts.
PERCENT_DIGITS = 1
# Money in a page's grid: to the cent, as the workbook's money format (#,##0.00).
GRID_MONEY_DIGITS = 2


@dataclass(frozen=True)
class GridFormat:
    """How a page's grid shows a kind: the value times `scale`, under a printf-style `format`.

    Streamlit's own "percent" shows as many decimals as a value has ('10.2%' beside '14%') and its
    formats cannot scale and sign a value, so points showed as percents ('11.43%'). One format per
    kind, with the digits of the texts above, for every page's tables (ui/columns.py applies it)."""

    scale: float
    format: str


GRID_FORMATS: dict[ValueKind, GridFormat] = {
    "money": GridFormat(1.0, f"%,.{GRID_MONEY_DIGITS}f"),
    "ratio": GridFormat(100.0, f"%,.{PERCENT_DIGITS}f %%"),
    "gap": GridFormat(100.0, f"%+,.{PERCENT_DIGITS}f pts"),
    "points": GridFormat(100.0, f"%+,.{PERCENT_DIGITS}f pts"),
    "number": GridFormat(1.0, "localized"),
    "integer": GridFormat(1.0, "%d"),
}


# A shape for each band, quartile and goal status, beside its colour, so that no reader has to tell
# colours apart: in the legends of the charts and in the app's tables.
BAND_ICONS: dict[str, str] = {STRONG: "▲", MODERATE: "◆", WEAK: "▼", UNDEFINED: "○"}
QUARTILE_ICONS: dict[str, str] = {TOP: "▲", SECOND: "●", THIRD: "■", BOTTOM: "▼"}
STATUS_ICONS: dict[str, str] = {ACHIEVED: "✓", ON_TRACK: "●", AT_RISK: "!", OFF_TRACK: "✗", UNKNOWN: "?"}


def _present(value: float | None) -> float | None:
    """The value, or None when it is missing (None or NaN)."""
    return None if value is None or math.isnan(value) else value


def percent(value: float | None, digits: int = PERCENT_DIGITS) -> str:
    """0.183 -> '18.3 %', 27.57 -> '2,757.0 %'; None or NaN -> 'n/a'."""
    value = _present(value)
    if value is None:
        return "n/a"
    return f"{value * 100:,.{digits}f} %"


def points(value: float | None, digits: int = PERCENT_DIGITS) -> str:
    """A difference of fractions in percentage points: 0.1 -> '+10.0 pts', -27.46 -> '-2,746.0 pts';
    a change that rounds to nothing is '+0.0 pts', never '-0.0 pts'."""
    value = _present(value)
    if value is None:
        return "n/a"
    shown = round(value * 100, digits) + 0.0  # −0.0 + 0.0 is 0.0
    return f"{shown:+,.{digits}f} pts"


def money(value: float | None, currency: str | None = None) -> str:
    """12500 -> '12,500' (with the currency code when known); None -> 'n/a'."""
    value = _present(value)
    if value is None:
        return "n/a"
    text = f"{value:,.0f}"
    return f"{text} {currency}" if currency else text


# Signs read before the amount ('$0.67M'); any other currency is named after it ('0.67M CHF').
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
Scale = tuple[float, str]
SCALES: tuple[Scale, ...] = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def money_scale(*values: float | None) -> Scale:
    """The one scale several amounts shown together are written in: that of the largest.

    (6_385_729, 673_196) -> (1e6, 'M'), so the two read '6.39M' and '0.67M', never '6.39M' beside
    '673.20k'; amounts below a thousand keep their units: (1.0, '').
    """
    present = [abs(v) for v in (_present(v) for v in values) if v is not None]
    largest = max(present, default=0.0)
    return next(((limit, suffix) for limit, suffix in SCALES if largest >= limit), (1.0, ""))


def scaled_money(value: float | None, scale: Scale, currency: str | None = None) -> str:
    """An amount in a given scale with its currency: 673_196 in millions of USD -> '$0.67M'."""
    value = _present(value)
    if value is None:
        return "n/a"
    divisor, suffix = scale
    number = f"{abs(value) / divisor:,.2f}{suffix}" if suffix else f"{abs(value):,.0f}"
    sign = "-" if value < 0 and number.strip("0.,kMB") else ""
    if currency in CURRENCY_SIGNS:
        return f"{sign}{CURRENCY_SIGNS[currency]}{number}"
    return f"{sign}{number} {currency}" if currency else f"{sign}{number}"


def short_money(value: float | None, currency: str | None = None) -> str:
    """1_250_000 -> '1.25M' (USD: '$1.25M'), in the scale of the amount itself."""
    return scaled_money(value, money_scale(value), currency)


def percent_label(value: float | None) -> str:
    """A percent for a chart's label: 0.205 -> '20.5 %', 27.57 -> '2,757 %' (no decimals from 100 %)."""
    value = _present(value)
    if value is None:
        return "n/a"
    shown = value * 100
    return f"{shown:,.0f} %" if abs(shown) >= 100 else f"{shown:.1f} %"


def points_label(value: float | None) -> str:
    """A difference of fractions in points, for a sentence: -27.46 -> '-2,746 points'."""
    value = _present(value)
    if value is None:
        return "n/a"
    shown = value * 100
    return f"{shown:+,.0f} points" if abs(shown) >= 100 else f"{shown:+.1f} points"


def counted(count: int, noun: str) -> str:
    """A count with its noun in the right number: (1, 'alliance') -> '1 alliance', (2, …) -> '2 alliances'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def period(first: dt.date | None, last: dt.date | None) -> str:
    """The months a set of entries covers: 'Nov 2024 – Oct 2026', 'Mar 2024' for one month."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return "no dates"
    start, end = f"{first:%b %Y}", f"{last:%b %Y}"
    return start if start == end else f"{start} – {end}"


def number(value: float | None) -> str:
    """1234.5 -> '1,234.5', 100.0 -> '100'; at most two decimals, as the workbook's number format."""
    value = _present(value)
    if value is None:
        return "n/a"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _float(value: object) -> float | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return _present(float(value))


NUMERIC: dict[ValueKind, Callable[[float | None], str]] = {
    "money": money,
    "ratio": percent,
    "gap": points,
    "points": points,
    "number": number,
    "integer": lambda v: "n/a" if v is None else f"{v:.0f}",
}
DATE_PATTERNS: dict[ValueKind, str] = {"date": "%Y-%m-%d", "month": "%b %Y", "datetime": "%Y-%m-%d %H:%M"}


def cell(value: object, kind: ValueKind) -> str:
    """One table cell as text, formatted by its column's kind (for the HTML report)."""
    if kind in NUMERIC:
        return NUMERIC[kind](_float(value))
    if kind in DATE_PATTERNS:
        # NaT is a datetime too, but one without a date to show.
        if isinstance(value, dt.date) and value is not pd.NaT:
            return value.strftime(DATE_PATTERNS[kind])
        return ""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
