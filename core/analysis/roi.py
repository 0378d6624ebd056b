"""ROI per alliance and for the portfolio, with bands, exactly as the product brief defines them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.money import cents
from core.model import BANDS, COST, MODERATE, REVENUE, STRONG, UNDEFINED, WEAK, Band

# Money is summed to the cent; ROI is a ratio of whole cents, and ROIs are compared (bands,
# quartiles, percentiles, ranks) after rounding to ROI_DIGITS decimals (a millionth of a percentage
# point), so two alliances with the same ROI always share a band, a quartile and a rank.
CENT_DIGITS = 2
ROI_DIGITS = 10
NO_COST_NOTE = "no cost recorded, so ROI is undefined"
NEGATIVE_COST_NOTE = "cost is negative (credits exceed costs), so ROI is undefined"
# Farther than this from a band threshold, rounding to ROI_DIGITS cannot move an ROI across it.
NEAR_THRESHOLD = 1e-8


@dataclass(frozen=True)
class BandThresholds:
    """Strong above `strong`, Moderate from `moderate` up to and including `strong`, else Weak."""

    strong: float = 0.20
    moderate: float = 0.10

    def __post_init__(self) -> None:
        if self.moderate > self.strong:
            raise ValueError("the moderate threshold must not be above the strong threshold")


@dataclass(frozen=True)
class PortfolioSummary:
    """Headline figures of the alliances in view."""

    revenue: float
    cost: float
    net_value: float
    roi: float | None
    roi_note: str
    mean_roi: float | None
    alliances: int
    band_counts: dict[Band, int]


def to_cents(money: float) -> int:
    """A money amount in whole cents."""
    return int(round(float(money) * 100))


def roi_of(revenue: float, cost: float) -> tuple[float | None, str]:
    """(revenue − cost) / cost from whole cents, or None with the reason when cost is not positive."""
    revenue_cents, cost_cents = to_cents(revenue), to_cents(cost)
    if cost_cents == 0:
        return None, NO_COST_NOTE
    if cost_cents < 0:
        return None, NEGATIVE_COST_NOTE
    return (revenue_cents - cost_cents) / cost_cents, ""


def comparable(rois: pd.Series) -> pd.Series:
    """ROIs rounded to the precision they are compared at (bands, quartiles, percentiles, ranks)."""
    return rois.astype(float).round(ROI_DIGITS)


def band(roi: float | None, thresholds: BandThresholds = BandThresholds()) -> str:
    """The band of an ROI: Strong > strong, Moderate within [moderate, strong], Weak below."""
    if roi is None or (isinstance(roi, float) and math.isnan(roi)):
        return UNDEFINED
    value = round(roi, ROI_DIGITS)
    if value > round(thresholds.strong, ROI_DIGITS):
        return STRONG
    if value >= round(thresholds.moderate, ROI_DIGITS):
        return MODERATE
    return WEAK


def roi_ratio(revenue: pd.Series, cost: pd.Series) -> pd.Series:
    """(revenue − cost) / cost element-wise from whole cents; NaN where cost is not positive."""
    revenue_cents, cost_cents = (revenue * 100).round(), (cost * 100).round()
    defined = cost_cents > 0
    return ((revenue_cents - cost_cents) / cost_cents.where(defined)).where(defined)


def bands(rois: pd.Series, thresholds: BandThresholds = BandThresholds()) -> pd.Series:
    """The band of each ROI in a series ('n/a' where undefined), as `band` gives it, for all at once."""
    values = rois.to_numpy(dtype=float, na_value=np.nan)
    strong, moderate = round(thresholds.strong, ROI_DIGITS), round(thresholds.moderate, ROI_DIGITS)
    compared = np.round(values, ROI_DIGITS)
    # numpy's rounding may differ from Python's in the last bit; that matters only next to a threshold,
    # where the ROI is rounded as `band` rounds it.
    near = (np.abs(values - strong) < NEAR_THRESHOLD) | (np.abs(values - moderate) < NEAR_THRESHOLD)
    for i in np.flatnonzero(near).tolist():
        compared[i] = round(float(values[i]), ROI_DIGITS)
    named = np.select(
        [np.isnan(values), compared > strong, compared >= moderate],
        [str(UNDEFINED), str(STRONG), str(MODERATE)],
        str(WEAK),
    )
    return pd.Series(named, index=rois.index, dtype="str")


def revenue_and_cost(entries: pd.DataFrame, by: str | list[str] = "alliance") -> pd.DataFrame:
    """Sum of revenue and cost entries per group, both columns always present."""
    sums = entries.pivot_table(
        index=by, columns="kind", values="amount", aggfunc="sum", fill_value=0.0, observed=True
    )
    sums = sums.reindex(columns=[REVENUE, COST], fill_value=0.0)
    sums.columns.name = None
    return cents(sums.astype(float))


def alliance_roi(
    entries: pd.DataFrame,
    thresholds: BandThresholds = BandThresholds(),
    alliances: list[str] | None = None,
) -> pd.DataFrame:
    """One row per alliance: revenue, cost, net_value, roi (fraction or NaN), roi_note, band.

    `alliances` adds rows of zeros for alliances with no entries in the window.
    """
    sums = revenue_and_cost(entries)
    if alliances is not None:
        sums = sums.reindex(sorted(set(sums.index) | set(alliances)), fill_value=0.0)
    table = sums.rename(columns={REVENUE: "revenue", COST: "cost"})
    table["net_value"] = cents(table["revenue"] - table["cost"])
    rois = [roi_of(r, c) for r, c in zip(table["revenue"], table["cost"], strict=True)]
    table["roi"] = [float("nan") if roi is None else roi for roi, _ in rois]
    table["roi_note"] = [note for _, note in rois]
    table["band"] = [band(None if roi is None else roi, thresholds) for roi, _ in rois]
    table.index.name = "alliance"
    return table


def portfolio_summary(table: pd.DataFrame) -> PortfolioSummary:
    """Cost-weighted portfolio ROI, the plain mean of alliance ROIs, and the count per band."""
    revenue = cents(float(table["revenue"].sum()))
    cost = cents(float(table["cost"].sum()))
    roi, note = roi_of(revenue, cost)
    defined = table["roi"].dropna()
    counts = {name: int((table["band"] == name).sum()) for name in (*BANDS, UNDEFINED)}
    return PortfolioSummary(
        revenue=revenue,
        cost=cost,
        net_value=cents(revenue - cost),
        roi=roi,
        roi_note=note,
        mean_roi=float(defined.mean()) if len(defined) else None,
        alliances=len(table),
        band_counts=counts,
    )
