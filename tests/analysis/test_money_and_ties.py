"""Money to the cent and ties that stay ties: equal ROIs share band, quartile, percentile and rank."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from core.analysis.quartiles import quartile_position
from core.analysis.roi import alliance_roi, roi_of
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes


def test_two_exact_ten_percent_rois_are_one_tie():
    # T1: (564.08 − 512.80) / 512.80 = 51.28 / 512.80 = 0.1 exactly; T2: 40.31 / 403.10 = 0.1 exactly.
    # In floating point the two differ by ~1e-16 and used to land in different quartiles.
    rows = [
        ["2024-01-01", "T1", "Revenue", 564.08],
        ["2024-01-01", "T1", "Cost", 512.80],
        ["2024-01-01", "T2", "Revenue", 443.41],
        ["2024-01-01", "T2", "Cost", 403.10],
        ["2024-01-01", "Low", "Revenue", 100],
        ["2024-01-01", "Low", "Cost", 100],  # 0 %
        ["2024-01-01", "High", "Revenue", 150],
        ["2024-01-01", "High", "Cost", 100],  # 50 %
    ]
    report = build_report(read_ledger(ledger_bytes(rows), "ties.xlsx"), Settings())
    table = report.alliances
    assert table.loc["T1", "roi"] == table.loc["T2", "roi"] == 0.1
    for column in ("band", "quartile", "percentile"):
        assert table.loc["T1", column] == table.loc["T2", column], column
    # ROIs [0, 0.1, 0.1, 0.5]: P25 = 0 + 0.75 × 0.1 = 0.075, P50 = 0.1, P75 = 0.1 + 0.25 × 0.4 = 0.2
    assert report.cuts == {"P25": 0.075, "P50": 0.1, "P75": 0.2}
    assert (table.loc["T1", "band"], table.loc["T1", "quartile"]) == ("Moderate", "Second")
    assert table.loc["T1", "percentile"] == 0.75  # three of four at or below 10 %


def test_money_sums_are_exact_to_the_cent():
    # 0.10 + 0.20 is 0.30000000000000004 in floating point; the ledger's sum is 0.30.
    rows = [
        ["2024-01-01", "A", "Revenue", 0.10],
        ["2024-01-02", "A", "Revenue", 0.20],
        ["2024-01-03", "A", "Cost", 0.30],
    ]
    table = alliance_roi(read_ledger(ledger_bytes(rows), "c.xlsx").entries)
    assert table.loc["A", "revenue"] == 0.30 and table.loc["A", "net_value"] == 0.0
    assert table.loc["A", "roi"] == 0.0 and table.loc["A", "band"] == "Weak"


def test_roi_is_a_ratio_of_whole_cents():
    assert roi_of(564.08, 512.80) == roi_of(443.41, 403.10) == (0.1, "")
    assert roi_of(10, 0) == (None, "no cost recorded, so ROI is undefined")


cents = st.integers(min_value=1, max_value=10**9)


@given(cents, cents, st.integers(min_value=2, max_value=50))
def test_scaled_ledgers_tie(revenue, cost, factor):
    # revenue/cost and (k·revenue)/(k·cost) are the same ROI: they must share quartile and percentile.
    rois = [roi_of(revenue / 100, cost / 100)[0], roi_of(revenue * factor / 100, cost * factor / 100)[0]]
    position = quartile_position(pd.Series(rois + [-1.0, 5.0], index=["a", "b", "low", "high"]))
    assert position.loc["a"].tolist() == position.loc["b"].tolist()
