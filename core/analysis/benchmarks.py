"""Benchmarks an alliance's ROI is compared with: the defaults, a workbook's own, the user's edits."""

from __future__ import annotations

import math

import pandas as pd

from core.model import DEFAULT_BENCHMARKS as MODEL_DEFAULTS
from core.model import Benchmark


def benchmark_frame(benchmarks: tuple[Benchmark, ...] | list[Benchmark]) -> pd.DataFrame:
    """Benchmarks as a table (name, roi, source), the shape charts and exports iterate over."""
    return pd.DataFrame(
        {
            "name": [b.name for b in benchmarks],
            "roi": [float(b.roi) for b in benchmarks],
            "source": [b.source for b in benchmarks],
        }
    )


DEFAULT_BENCHMARKS = benchmark_frame(MODEL_DEFAULTS)


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
        return f"above by {points:,.1f} pts"
    if points < 0:
        return f"below by {-points:,.1f} pts"
    return "level"
