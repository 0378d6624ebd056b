"""Time makes ROI comparable: annualised ROI, payback month, NPV, IRR and value over a hurdle rate.

Cash flows are monthly net values (revenue − cost of each calendar month in view, months without
entries counting as zero), each taken at the end of its month: the first month is discounted by
one month. Annual rates convert to monthly as (1 + r)^(1/12) − 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.before_after import data_span
from core.model import PORTFOLIO

IRR_LOW, IRR_HIGH = -0.99, 10.0  # monthly rates searched: −99 % to +1,000 % a month
IRR_TOLERANCE = 1e-12


@dataclass(frozen=True)
class TimeSettings:
    """Annual discount rate for NPV and the hurdle rate a net value must beat."""

    discount_rate: float = 0.10
    hurdle_rate: float = 0.10


def monthly_rate(annual: float) -> float:
    """The monthly rate equivalent to an annual one: (1 + r)^(1/12) − 1."""
    return (1 + annual) ** (1 / 12) - 1


def annualised_roi(roi: float, years: float) -> float:
    """(1 + ROI)^(1 / years) − 1; NaN when ROI is undefined, ≤ −100 % or the span is empty."""
    if roi is None or math.isnan(roi) or roi <= -1 or years <= 0:
        return float("nan")
    return (1 + roi) ** (1 / years) - 1


def npv(flows: np.ndarray, annual_rate: float) -> float:
    """Net present value of end-of-month flows at an annual discount rate."""
    rate = monthly_rate(annual_rate)
    periods = np.arange(1, len(flows) + 1)
    return float(np.sum(flows / (1 + rate) ** periods))


def irr(flows: np.ndarray) -> float | None:
    """Annual internal rate of return of monthly flows, or None where it does not exist.

    It exists when the flows change sign once (an investment that pays back): then NPV falls
    monotonically in the rate and the root is unique. Found by bisection.
    """
    signs = np.sign(flows[flows != 0])
    if len(signs) < 2 or np.count_nonzero(np.diff(signs)) != 1:
        return None

    def value(rate: float) -> float:
        periods = np.arange(1, len(flows) + 1)
        return float(np.sum(flows / (1 + rate) ** periods))

    low, high = IRR_LOW, IRR_HIGH
    if value(low) * value(high) > 0:
        return None
    for _ in range(200):
        middle = (low + high) / 2
        if value(low) * value(middle) <= 0:
            high = middle
        else:
            low = middle
        if high - low < IRR_TOLERANCE:
            break
    return (1 + (low + high) / 2) ** 12 - 1


def payback_month(flows: pd.Series) -> pd.Period | None:
    """The first month in which cumulative net value is above zero, or None if it never is."""
    cumulative = flows.cumsum()
    positive = cumulative[cumulative > 0]
    return positive.index[0] if len(positive) else None


def monthly_net(entries: pd.DataFrame) -> pd.DataFrame:
    """Net value per alliance (rows) and month (columns), every month of the data in view present."""
    first, end = data_span(entries)
    months = pd.period_range(first, end - pd.Timedelta(days=1), freq="M")
    signed = entries["amount"].where(entries["kind"] == "revenue", -entries["amount"])
    table = (
        signed.groupby([entries["alliance"], entries["date"].dt.to_period("M")]).sum().unstack(fill_value=0.0)
    )
    return table.reindex(columns=months, fill_value=0.0).astype(float)


def time_value(
    alliances: pd.DataFrame, entries: pd.DataFrame, settings: TimeSettings = TimeSettings()
) -> pd.DataFrame:
    """Per alliance and for the portfolio: years, annualised ROI, payback month, NPV, IRR, value over hurdle.

    `alliances` is the alliance table (revenue, cost, net_value, roi per alliance).
    """
    columns = ["years", "annualised_roi", "payback", "npv", "irr", "irr_note", "hurdle_value"]
    if entries.empty:
        return pd.DataFrame(columns=columns)
    net = monthly_net(entries)
    years = net.shape[1] / 12
    total_cost = alliances["cost"].sum()
    portfolio_roi = (alliances["revenue"].sum() - total_cost) / total_cost if total_cost > 0 else float("nan")
    rows = {}
    frames = [
        (name, net.loc[name] if name in net.index else pd.Series(0.0, index=net.columns))
        for name in alliances.index
    ]
    frames.append((PORTFOLIO, net.loc[list(alliances.index.intersection(net.index))].sum()))
    for name, flows in frames:
        if name == PORTFOLIO:
            cost, net_value, roi = alliances["cost"].sum(), alliances["net_value"].sum(), portfolio_roi
        else:
            cost, net_value, roi = alliances.loc[name, ["cost", "net_value", "roi"]]
        rate = irr(flows.to_numpy())
        rows[name] = {
            "years": years,
            "annualised_roi": annualised_roi(roi, years),
            "payback": payback_month(flows),
            "npv": npv(flows.to_numpy(), settings.discount_rate),
            "irr": float("nan") if rate is None else rate,
            "irr_note": "" if rate is not None else "flows do not change sign once: no single IRR",
            "hurdle_value": net_value - settings.hurdle_rate * cost,
        }
    return pd.DataFrame.from_dict(rows, orient="index")[columns]
