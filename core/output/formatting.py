"""Numbers as people read them in a review: '18.0 %', '+10.0 pts', '$1.25M'."""

from __future__ import annotations

import math


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def percent(value: float | None, digits: int = 1) -> str:
    """0.183 -> '18.3 %'; None or NaN -> 'n/a'."""
    if _missing(value):
        return "n/a"
    return f"{value * 100:.{digits}f} %"


def points(value: float | None, digits: int = 1) -> str:
    """A difference of fractions in percentage points: 0.1 -> '+10.0 pts'."""
    if _missing(value):
        return "n/a"
    return f"{value * 100:+.{digits}f} pts"


def money(value: float | None, currency: str | None = None) -> str:
    """12500 -> '12,500' (with the currency code when known); None -> 'n/a'."""
    if _missing(value):
        return "n/a"
    text = f"{value:,.0f}"
    return f"{text} {currency}" if currency else text


def short_money(value: float | None, currency: str | None = None) -> str:
    """1_250_000 -> '1.25M', for metric tiles."""
    if _missing(value):
        return "n/a"
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            text = f"{value / limit:,.2f}{suffix}"
            break
    else:
        text = f"{value:,.0f}"
    return f"{text} {currency}" if currency else text
