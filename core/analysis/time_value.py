"""Time makes ROI comparable: annualised ROI, payback month, NPV, IRR and value over the hurdle rate.

Cash flows are monthly net values (revenue − cost of each calendar month in view, months without
entries counting as zero), each taken at the end of its month for NPV: the first month is discounted
by one month. Annual rates convert to monthly as (1 + r)^(1/12) − 1.

Opportunity cost and value over the hurdle rate (one computation, `opportunity`, for every sheet,
page and slide): the hurdle rate is the yearly return the same money would earn in its next-best
use. Each month's net flow (the same monthly flows NPV uses) is carried at the hurdle rate from the
start of its month to the end of the view: month m of N earns or forgoes (1 + r)^((N − m + 1)/12)
− 1. Opportunity cost = the sum over months of −net flow × that factor (what the money put in
would have earned elsewhere, less what the money taken out earned there early); value over the
hurdle = net value − opportunity cost, the net flows' value at the end of the view. 240,000 spent
evenly over 24 months at 10 % a year forgoes 10,000 × Σ_{k=1..24} (1.1^(k/12) − 1) = 25,451.27.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.before_after import data_span
from core.analysis.money import cents
from core.analysis.roi import ROI_DIGITS, PortfolioSummary
from core.model import PORTFOLIO

# Annual IRRs searched: −99.99 % to +10,000 % a year. Beyond that the figure means nothing to a
# reviewer, and it is shown as "n/m (above 10,000 % a year)" rather than as a number.
IRR_ANNUAL_LOW, IRR_ANNUAL_HIGH = -0.9999, 100.0
IRR_TOLERANCE = 1e-12
# Annualising a few months' ROI multiplies noise (a month at 200 % is 53,144,000 % a year).
MIN_MONTHS_TO_ANNUALISE = 12
LESS_THAN_A_YEAR = "n/a (less than a year of activity)"
OPPORTUNITY_COLUMNS = [
    "alternative_return",
    "opportunity_cost",
    "value_over_alternative",
    "points_over_alternative",
]
POINTS_DIGITS = 8  # points over the hurdle: value over it / cost × 100, at the precision ROI is compared


@dataclass(frozen=True)
class TimeSettings:
    """Annual discount rate for NPV and the hurdle rate a net value must beat."""

    discount_rate: float = 0.10
    hurdle_rate: float = 0.10


def monthly_rate(annual: float) -> float:
    """The monthly rate equivalent to an annual one: (1 + r)^(1/12) − 1."""
    return (1 + annual) ** (1 / 12) - 1


def annualised_roi(roi: float, years: float) -> float:
    """(1 + ROI)^(1 / years) − 1 over at least a year; NaN when shorter, undefined or ≤ −100 %."""
    if roi is None or math.isnan(roi) or roi <= -1 or years * 12 < MIN_MONTHS_TO_ANNUALISE - 1e-9:
        return float("nan")
    return (1 + roi) ** (1 / years) - 1


def npv(flows: np.ndarray, annual_rate: float) -> float:
    """Net present value of end-of-month flows at an annual discount rate."""
    return float(npv_all(flows[np.newaxis, :], np.array([monthly_rate(annual_rate)]))[0])


def npv_all(flows: np.ndarray, monthly_rates: np.ndarray) -> np.ndarray:
    """NPV of each row of end-of-month flows (alliances × months), each at its own monthly rate."""
    periods = np.arange(1, flows.shape[1] + 1)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        factors = (1 + monthly_rates[:, np.newaxis]) ** -periods
        return np.sum(flows * factors, axis=1)


# Why flows have no IRR, each the true reason for that alliance's months (#32.11): an alliance with
# both revenue and cost whose revenue covers its cost every month has no month of money going in.
NO_FLOWS = "n/a (net value is zero in every month in view: nothing goes in or comes back)"
NEVER_NEGATIVE = (
    "n/a (net value is zero or positive in every month: no month puts money in, so there is no rate "
    "of return)"
)
NEVER_POSITIVE = (
    "n/a (net value is zero or negative in every month: nothing comes back, so there is no rate of return)"
)
REVENUE_FIRST = "n/a (revenue comes before cost: the rate would be a borrowing rate, not a return)"


def irr_shapes(flows: np.ndarray) -> list[str]:
    """Why each row of monthly flows (alliances × months) has no meaningful IRR, or '' where it is
    investment-shaped, all rows at once.

    Investment-shaped: the first non-zero flow is negative (money goes in first) and the flows
    change sign exactly once; only then is the IRR unique and a return rather than a borrowing rate.
    """
    signs = np.sign(flows)
    moving = signs != 0
    has_cost, has_return = (signs < 0).any(axis=1), (signs > 0).any(axis=1)
    first = (
        signs[np.arange(len(flows)), np.argmax(moving, axis=1)] if flows.shape[1] else np.zeros(len(flows))
    )
    # The sign of the last non-zero flow before each month: a change is a non-zero flow of the other sign.
    last_moving = np.maximum.accumulate(np.where(moving, np.arange(flows.shape[1]), -1), axis=1)
    previous = np.take_along_axis(signs, np.maximum(last_moving[:, :-1], 0), axis=1)
    changes = (moving[:, 1:] & (last_moving[:, :-1] >= 0) & (signs[:, 1:] != previous)).sum(axis=1)
    several = np.char.add(
        np.char.add("n/a (net value changes sign ", changes.astype(str)), " times: no single IRR)"
    )
    notes = np.select(
        [~(has_cost | has_return), ~has_cost, ~has_return, first > 0, changes != 1],
        [NO_FLOWS, NEVER_NEGATIVE, NEVER_POSITIVE, REVENUE_FIRST, several],
        "",
    )
    return [str(note) for note in notes]


def irr(flows: np.ndarray) -> tuple[float, str]:
    """Annual IRR of monthly flows and '' , or NaN and why there is none (see `irr_all`)."""
    rates, notes = irr_all(flows[np.newaxis, :])
    return float(rates[0]), notes[0]


def irr_all(flows: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Annual IRR of each row of monthly flows, found by bisection on all rows at once, and notes."""
    notes = irr_shapes(flows)
    low = np.full(len(flows), monthly_rate(IRR_ANNUAL_LOW))
    high = np.full(len(flows), monthly_rate(IRR_ANNUAL_HIGH))
    # For investment-shaped flows NPV falls as the rate rises: the root lies where it crosses zero.
    above = npv_all(flows, high) > 0
    below = npv_all(flows, low) < 0
    for _ in range(200):
        middle = (low + high) / 2
        positive = npv_all(flows, middle) > 0
        low, high = np.where(positive, middle, low), np.where(positive, high, middle)
        if np.all(high - low < IRR_TOLERANCE):
            break
    rates = (1 + (low + high) / 2) ** 12 - 1
    for i, note in enumerate(notes):
        if not note and above[i]:
            notes[i] = f"n/m (above {IRR_ANNUAL_HIGH * 100:,.0f} % a year)"
        elif not note and below[i]:
            notes[i] = f"n/m (below {IRR_ANNUAL_LOW * 100:.2f} % a year)"
    return np.where([bool(n) for n in notes], np.nan, rates), notes


def payback_month(flows: pd.Series) -> pd.Period | None:
    """The month from which cumulative net value stays above zero to the end; None ('not yet')."""
    found = payback_months(flows.to_frame().T)
    return found.iloc[0]


def payback_months(net: pd.DataFrame) -> pd.Series:
    """Payback month of each row of monthly net values (alliances × months), None where not yet."""
    if net.shape[1] == 0:
        return pd.Series([None] * len(net), index=net.index, dtype=object)
    cumulative = net.to_numpy().cumsum(axis=1)
    not_positive = cumulative <= 0
    # The last month at or below zero, counted from the end; the month after it is the payback.
    from_end = np.argmax(not_positive[:, ::-1], axis=1)
    any_low = not_positive.any(axis=1)
    position = np.where(any_low, net.shape[1] - from_end, 0)
    months = list(net.columns)
    paid = (~not_positive[:, -1]) & (position < net.shape[1])
    return pd.Series(
        [months[p] if ok else None for p, ok in zip(position, paid, strict=True)],
        index=net.index,
        dtype=object,
    )


def monthly_net(entries: pd.DataFrame, period_months: int = 1) -> pd.DataFrame:
    """Net value per alliance (rows) and month (columns), every month of the data in view present
    (to the end of the last quarter in a ledger of quarters, `period_months` 3)."""
    first, end = data_span(entries, period_months)
    months = pd.period_range(first, end - pd.Timedelta(days=1), freq="M")
    signed = entries["amount"].where(entries["kind"] == "revenue", -entries["amount"])
    table = (
        signed.groupby([entries["alliance"], entries["date"].dt.to_period("M")]).sum().unstack(fill_value=0.0)
    )
    return table.reindex(columns=months, fill_value=0.0).astype(float)


def view_flows(index: pd.Index, entries: pd.DataFrame, period_months: int = 1) -> pd.DataFrame:
    """Monthly net flows of the alliances of `index` (months without entries 0) and a Portfolio row,
    over every month in view: the flows NPV, IRR, payback and opportunity cost are taken from."""
    if entries.empty:
        return pd.DataFrame(index=pd.Index([*index, PORTFOLIO]), dtype=float)
    net = monthly_net(entries, period_months).reindex(index, fill_value=0.0)
    return pd.concat([net, net.sum().to_frame(PORTFOLIO).T])


def carried_factors(months: int, annual_rate: float) -> np.ndarray:
    """What a unit of net flow in month m (1 … `months`) earns at `annual_rate` from the start of its
    month to the end of the view: (1 + r)^((N − m + 1)/12) − 1."""
    remaining = np.arange(months, 0, -1)
    return np.asarray((1 + annual_rate) ** (remaining / 12) - 1, dtype=float)


def opportunity(
    flows: pd.DataFrame,
    alliance_table: pd.DataFrame,
    portfolio: PortfolioSummary,
    rate: float,
    name: str = "",
) -> pd.DataFrame:
    """Per alliance and a Portfolio row: opportunity cost at the hurdle `rate`, month by month (see
    the module's doc), and the value over it.

    `flows` are `view_flows` of the table's alliances. opportunity_cost = Σ −flow_m × carried factor
    (money, to the cent); value_over_alternative = net value − opportunity cost (the figure shown as
    value over the hurdle rate everywhere); alternative_return = opportunity cost / cost, the
    hurdle's return on the alliance's money; points_over_alternative = value over / cost × 100
    (= (ROI − alternative_return) × 100), NaN where cost is not positive. `attrs` keeps the rate
    and its name for the pages and the workbook.
    """
    index = pd.Index([*alliance_table.index, PORTFOLIO], name=alliance_table.index.name)
    rows = flows.reindex(index, fill_value=0.0)
    forgone = -(rows.to_numpy(dtype=float) @ carried_factors(rows.shape[1], rate))
    opportunity_cost = cents(pd.Series(forgone, index=index, dtype=float))
    cost = pd.Series([*alliance_table["cost"].astype(float), portfolio.cost], index=index)
    net = pd.Series([*alliance_table["net_value"].astype(float), portfolio.net_value], index=index)
    value = cents(net - opportunity_cost)
    paying = cost.where(cost > 0)
    table = pd.DataFrame(
        {
            "alternative_return": (opportunity_cost / paying).round(ROI_DIGITS),
            "opportunity_cost": opportunity_cost,
            "value_over_alternative": value,
            "points_over_alternative": (value / paying * 100).round(POINTS_DIGITS),
        },
        index=index,
    )
    table.attrs.update(alternative_rate=rate, alternative_name=name)
    return table


def with_hurdle_value(timed: pd.DataFrame, opportunity_table: pd.DataFrame) -> pd.DataFrame:
    """The time-value table with `hurdle_value`, which is `opportunity`'s value over the hurdle rate:
    the Alliances sheet's 'Value over hurdle' and the Decisions sheet's 'Value over alternative'
    are one figure."""
    value = opportunity_table["value_over_alternative"].reindex(timed.index).astype(float)
    return timed.assign(hurdle_value=value)


def active_years(entries: pd.DataFrame, period_months: int = 1) -> pd.Series:
    """Each alliance's own span of activity in years: first to last month with an entry, inclusive;
    in a ledger of quarters (`period_months` 3) to the end of its last quarter."""
    months = entries["date"].dt.year * 12 + entries["date"].dt.month
    span = months.groupby(entries["alliance"]).agg(["min", "max"])
    return (span["max"] - span["min"] + period_months) / 12


def time_value(
    alliances: pd.DataFrame,
    entries: pd.DataFrame,
    settings: TimeSettings = TimeSettings(),
    period_months: int = 1,
    flows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per alliance and for the portfolio: years, annualised ROI, payback month, NPV, IRR (value over
    the hurdle rate is `opportunity`'s, joined by `with_hurdle_value`).

    `alliances` is the alliance table (revenue, cost, net_value, roi per alliance). Years are each
    alliance's own span of activity; the portfolio's is the span of every entry in view. In a ledger
    of quarters (`period_months` 3) a span runs to the end of its last quarter. `flows`: the
    `view_flows` of the table's alliances, when already taken.
    """
    columns = [
        "years",
        "annualised_roi",
        "annualised_note",
        "payback",
        "npv",
        "irr",
        "irr_note",
    ]
    if entries.empty:
        return pd.DataFrame(columns=columns)
    if flows is None:
        flows = view_flows(alliances.index, entries, period_months)
    net = flows.drop(index=PORTFOLIO)
    total = alliances[["revenue", "cost", "net_value"]].sum()
    portfolio_roi = (total["revenue"] - total["cost"]) / total["cost"] if total["cost"] > 0 else float("nan")
    years = active_years(entries, period_months).reindex(alliances.index)
    whole = len(net.columns) / 12 if len(entries) else float("nan")
    years = pd.concat([years, pd.Series({PORTFOLIO: whole})])
    roi = pd.concat([alliances["roi"].astype(float), pd.Series({PORTFOLIO: portfolio_roi})])
    rates, notes = irr_all(flows.to_numpy())
    table = pd.DataFrame(
        {
            "years": years,
            "annualised_roi": [annualised_roi(r, y) for r, y in zip(roi, years, strict=True)],
            "annualised_note": [
                LESS_THAN_A_YEAR if not (y * 12 >= MIN_MONTHS_TO_ANNUALISE - 1e-9) else "" for y in years
            ],
            "payback": payback_months(flows),
            "npv": npv_all(flows.to_numpy(), np.full(len(flows), monthly_rate(settings.discount_rate))),
            "irr": rates,
            "irr_note": notes,
        },
        index=flows.index,
    )
    return table[columns]
