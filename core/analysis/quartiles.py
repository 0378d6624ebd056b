"""Where each alliance's ROI sits in the portfolio, with cut points computed like Excel's QUARTILE.INC."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.analysis.roi import ROI_DIGITS, comparable
from core.model import BOTTOM, NOT_RANKED, SECOND, THIRD, TOP


def quartile_inc(values: Sequence[float], quart: int) -> float:
    """Excel's QUARTILE.INC: linear interpolation at rank (n − 1) · quart / 4 of the sorted values."""
    if not 0 <= quart <= 4:
        raise ValueError("quart must be 0, 1, 2, 3 or 4")
    ordered = sorted(v for v in values if not math.isnan(v))
    if not ordered:
        raise ValueError("no values to take a quartile of")
    position = (len(ordered) - 1) * quart / 4
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (position - lower) * (ordered[upper] - ordered[lower])


def cut_points(rois: pd.Series) -> dict[str, float] | None:
    """P25, P50 and P75 of the defined ROIs (at the compared precision), or None when there are none."""
    defined = comparable(rois).dropna().tolist()
    if not defined:
        return None
    return {f"P{25 * q}": round(quartile_inc(defined, q), ROI_DIGITS) for q in (1, 2, 3)}


def quartile_of(roi: float, cuts: dict[str, float]) -> str:
    """Top ≥ P75 > Second ≥ P50 > Third ≥ P25 > Bottom; an undefined ROI is not ranked."""
    if math.isnan(roi):
        return NOT_RANKED
    roi = round(roi, ROI_DIGITS)
    if roi >= cuts["P75"]:
        return TOP
    if roi >= cuts["P50"]:
        return SECOND
    if roi >= cuts["P25"]:
        return THIRD
    return BOTTOM


def quartile_position(rois: pd.Series) -> pd.DataFrame:
    """Quartile and percentile rank (share of defined ROIs at or below) of each alliance's ROI."""
    cuts = cut_points(rois)
    compared = comparable(rois)
    defined = compared.dropna()
    if cuts is None:
        return pd.DataFrame({"quartile": NOT_RANKED, "percentile": float("nan")}, index=rois.index)
    quartiles = compared.map(lambda r: quartile_of(r, cuts))
    # Share of defined ROIs at or below each one: a binary search in the sorted ROIs, not a scan each.
    ordered = np.sort(defined.to_numpy())
    at_or_below = np.searchsorted(ordered, compared.to_numpy(), side="right") / len(ordered)
    percentile = pd.Series(np.where(compared.isna(), np.nan, at_or_below), index=rois.index)
    return pd.DataFrame({"quartile": quartiles, "percentile": percentile}, index=rois.index)


NEXT_CUT = {BOTTOM: ("P25", THIRD), THIRD: ("P50", SECOND), SECOND: ("P75", TOP)}


def quartile_gaps(table: pd.DataFrame, cuts: dict[str, float] | None) -> pd.DataFrame:
    """For each ranked alliance below Top: the next quartile, the ROI it takes, and the gap.

    The gap in money is the extra net value needed at the same cost: (target ROI − ROI) × cost.
    """
    rows = []
    for alliance, row in table.iterrows():
        target = NEXT_CUT.get(row["quartile"])
        if cuts is None or target is None:
            rows.append((alliance, "", float("nan"), float("nan"), float("nan")))
            continue
        cut = cuts[target[0]]
        gap = cut - row["roi"]
        rows.append((alliance, target[1], cut, gap, gap * row["cost"]))
    return pd.DataFrame(
        rows, columns=["alliance", "next_quartile", "next_cut", "gap_points", "gap_net_value"]
    ).set_index("alliance")
