"""ROI by quarter, the review cadence, per alliance and for the portfolio, with trailing four quarters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analysis.before_after import data_span
from core.analysis.money import cents
from core.analysis.roi import BandThresholds, bands, roi_ratio
from core.model import PORTFOLIO

TRAILING = 4  # quarters in the trailing ROI

QUARTER_COLUMNS = [
    "alliance",
    "quarter",
    "quarter_start",
    "revenue",
    "cost",
    "net_value",
    "roi",
    "roi_ttm",
    "band",
    "complete",
]


def quarterly_roi(
    entries: pd.DataFrame, thresholds: BandThresholds = BandThresholds(), period_months: int = 1
) -> pd.DataFrame:
    """One row per alliance (and 'Portfolio') per quarter from the first to the last quarter with data.

    Quarters without entries count as zero revenue and cost; `roi_ttm` is the ROI of the trailing
    four quarters' sums (undefined until their cost is positive). `complete` is False for a quarter
    the data covers only in part (a ledger starting in November), whose ROI is not comparable; in a
    ledger of quarters (`period_months` 3) each entry covers its whole quarter, the last one too.
    """
    if entries.empty:
        return pd.DataFrame(columns=QUARTER_COLUMNS)
    quarter = entries["date"].dt.to_period("Q")
    quarters = pd.period_range(quarter.min(), quarter.max(), freq="Q")
    sums = entries.assign(quarter=quarter, amount=entries["amount"].astype(float)).pivot_table(
        index=["alliance", "quarter"], columns="kind", values="amount", aggfunc="sum", fill_value=0.0
    )
    sums = sums.astype(float).reindex(columns=["revenue", "cost"], fill_value=0.0)
    alliances = sorted(entries["alliance"].unique())
    grid = pd.MultiIndex.from_product([alliances, quarters], names=["alliance", "quarter"])
    per_alliance = sums.reindex(grid, fill_value=0.0)
    portfolio = per_alliance.groupby(level="quarter").sum()
    portfolio.index = pd.MultiIndex.from_product(
        [[PORTFOLIO], portfolio.index], names=["alliance", "quarter"]
    )
    table = cents(pd.concat([per_alliance, portfolio]).astype(float))
    table["net_value"] = cents(table["revenue"] - table["cost"])
    table["roi"] = roi_ratio(table["revenue"], table["cost"])
    table["roi_ttm"] = _trailing_roi(table, len(quarters))
    table["band"] = bands(table["roi"], thresholds)
    table = table.reset_index()
    periods = pd.PeriodIndex(table["quarter"])
    table["quarter_start"] = periods.start_time
    first, end = data_span(entries, period_months)
    table["complete"] = (periods.start_time >= first) & (periods.end_time < end)
    table["quarter"] = table["quarter"].astype(str).str.replace("Q", "-Q", regex=False)
    return table[QUARTER_COLUMNS]


def _trailing_roi(table: pd.DataFrame, quarters: int) -> pd.Series:
    """ROI of each row's quarter and the three before it, in whole cents; NaN for an alliance's first
    three quarters. The table holds every quarter of every alliance in order, so its revenue and cost
    are an alliance × quarter matrix and the four-quarter sums are four shifted slices added at once."""
    shape = (len(table) // quarters, quarters)
    revenue = (table["revenue"].to_numpy() * 100).round().reshape(shape)
    cost = (table["cost"].to_numpy() * 100).round().reshape(shape)
    trailing_revenue = np.full(shape, np.nan)
    trailing_cost = np.full(shape, np.nan)
    if quarters >= TRAILING:
        trailing_revenue[:, TRAILING - 1 :] = sum(
            revenue[:, k : quarters - TRAILING + 1 + k] for k in range(TRAILING)
        )
        trailing_cost[:, TRAILING - 1 :] = sum(
            cost[:, k : quarters - TRAILING + 1 + k] for k in range(TRAILING)
        )
    index = table.index
    return roi_ratio(
        pd.Series(trailing_revenue.ravel() / 100, index=index),
        pd.Series(trailing_cost.ravel() / 100, index=index),
    )
