"""Numbers as people read them in a review: '18.0 %', '+10.0 pts', '$1.25M'."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pandas as pd

from core.output.columns import Kind


def _present(value: float | None) -> float | None:
    """The value, or None when it is missing (None or NaN)."""
    return None if value is None or math.isnan(value) else value


def percent(value: float | None, digits: int = 1) -> str:
    """0.183 -> '18.3 %'; None or NaN -> 'n/a'."""
    value = _present(value)
    if value is None:
        return "n/a"
    return f"{value * 100:.{digits}f} %"


def points(value: float | None, digits: int = 1) -> str:
    """A difference of fractions in percentage points: 0.1 -> '+10.0 pts'."""
    value = _present(value)
    if value is None:
        return "n/a"
    return f"{value * 100:+.{digits}f} pts"


def money(value: float | None, currency: str | None = None) -> str:
    """12500 -> '12,500' (with the currency code when known); None -> 'n/a'."""
    value = _present(value)
    if value is None:
        return "n/a"
    text = f"{value:,.0f}"
    return f"{text} {currency}" if currency else text


def short_money(value: float | None, currency: str | None = None) -> str:
    """1_250_000 -> '1.25M', for metric tiles."""
    value = _present(value)
    if value is None:
        return "n/a"
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            text = f"{value / limit:,.2f}{suffix}"
            break
    else:
        text = f"{value:,.0f}"
    return f"{text} {currency}" if currency else text


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


NUMERIC: dict[Kind, Callable[[float | None], str]] = {
    "money": money,
    "ratio": percent,
    "gap": points,
    "points": points,
    "number": number,
    "integer": lambda v: "n/a" if v is None else f"{v:.0f}",
}
DATE_PATTERNS: dict[Kind, str] = {"date": "%Y-%m-%d", "month": "%b %Y", "datetime": "%Y-%m-%d %H:%M"}


def cell(value: object, kind: Kind) -> str:
    """One table cell as text, formatted by its column's kind (for the HTML report)."""
    if kind in NUMERIC:
        return NUMERIC[kind](_float(value))
    if kind in DATE_PATTERNS:
        # NaT is a datetime too, but one without a date to show.
        if isinstance(value, dt.date) and value is not pd.NaT:
            return value.strftime(DATE_PATTERNS[kind])
        return ""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
