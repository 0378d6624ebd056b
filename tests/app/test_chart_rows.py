"""Which alliances a per-alliance chart draws at thousands of alliances, and that it says so."""

from __future__ import annotations

import math

import pandas as pd

from ui.views import CHART_ALLIANCES, chart_rows


def _table(rois: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"roi": rois}, index=[f"A{i:02d}" for i in range(len(rois))])


def test_a_chart_of_few_alliances_draws_them_all_and_says_nothing() -> None:
    table = _table([0.1, math.nan, -0.2])
    drawn, note = chart_rows(table, "roi")
    assert drawn is table
    assert note == ""


def test_past_the_limit_the_highest_and_lowest_half_are_drawn() -> None:
    # ROIs 0.00, 0.01, …, 0.44 (45 alliances) and 3 without one: 48 rows, over the limit of 40.
    # Drawn: the 20 highest (0.44 down to 0.25) and the 20 lowest (0.19 down to 0.00); left off: the
    # five in the middle, 0.20 to 0.24, and the three without an ROI.
    assert CHART_ALLIANCES == 40
    table = _table([i / 100 for i in range(45)] + [math.nan] * 3)
    drawn, note = chart_rows(table, "roi")
    assert sorted(round(r * 100) for r in drawn["roi"]) == [*range(20), *range(25, 45)]
    assert note == (
        "The chart shows the 20 alliances with the highest ROI and the 20 with the lowest, of the 45 "
        "with a defined ROI (not the 3 without one); the table lists every alliance."
    )


def test_many_without_an_roi_leave_the_others_all_drawn() -> None:
    # 10 alliances with an ROI and 35 without: 45 rows, but only 10 can be drawn, all of them.
    table = _table([i / 10 for i in range(10)] + [math.nan] * 35)
    drawn, note = chart_rows(table, "roi")
    assert list(drawn.index) == [f"A{i:02d}" for i in range(9, -1, -1)]
    assert note == (
        "The chart shows the 10 alliances with a defined ROI (not the 35 without one); the table lists "
        "every alliance."
    )
