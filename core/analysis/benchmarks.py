"""Benchmarks an alliance's ROI is compared with: the defaults, a workbook's own, the user's edits."""

from __future__ import annotations

import math

import pandas as pd

DEFAULT_BENCHMARKS = pd.DataFrame(
    {
        "name": ["Cross-industry average", "Top quartile, technology partnerships"],
        "roi": [0.15, 0.25],
        "source": [
            "PwC, average ROI of strategic alliances across industries",
            "Gartner, top quartile of technology partnerships",
        ],
    }
)


def effective_benchmarks(workbook_benchmarks: pd.DataFrame) -> pd.DataFrame:
    """The defaults, replaced by name or extended by the workbook's Benchmarks sheet."""
    combined = pd.concat(
        [DEFAULT_BENCHMARKS, workbook_benchmarks[["name", "roi", "source"]]], ignore_index=True
    )
    key = combined["name"].str.casefold()
    return combined[~key.duplicated(keep="last")].reset_index(drop=True)


def benchmark_gaps(rois: pd.Series, benchmarks: pd.DataFrame) -> pd.DataFrame:
    """ROI minus each benchmark, as a fraction (0.032 = 3.2 points above); NaN where ROI is undefined."""
    return pd.DataFrame(
        {name: rois - roi for name, roi in zip(benchmarks["name"], benchmarks["roi"], strict=True)},
        index=rois.index,
    )


def position_text(gap: float) -> str:
    """'above by 3.2 pts', 'below by 1.0 pts', 'level' or 'n/a'."""
    if math.isnan(gap):
        return "n/a"
    points = round(gap * 100, 1)
    if points > 0:
        return f"above by {points:.1f} pts"
    if points < 0:
        return f"below by {-points:.1f} pts"
    return "level"
