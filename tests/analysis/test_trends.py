"""ROI by quarter and trailing four quarters, hand-worked on the case-study ledger."""

import math

import pandas as pd
import pytest

from core.analysis.trends import quarterly_roi
from core.reading.ledger import read_ledger
from tests.case_study import case_rows
from tests.helpers import ledger_bytes

EXACT = dict(abs=1e-12)


@pytest.fixture(scope="module")
def quarters():
    return quarterly_roi(read_ledger(ledger_bytes(case_rows()), "x.xlsx").entries).set_index(
        ["alliance", "quarter"]
    )


def test_alliance_quarters(quarters):
    alpha = quarters.loc["Alpha"]
    assert list(alpha.index) == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    assert alpha.loc["2024-Q3", ["revenue", "cost"]].tolist() == [18000, 15000]
    assert alpha.loc["2024-Q3", "roi"] == pytest.approx(0.20, **EXACT)
    assert alpha.loc["2025-Q1", "roi"] == pytest.approx(0.25, **EXACT)
    assert alpha.loc["2024-Q3", "quarter_start"] == pd.Timestamp("2024-07-01")
    # trailing four quarters only from the fourth quarter: 81,000 revenue over 66,000 cost
    assert math.isnan(alpha.loc["2025-Q1", "roi_ttm"])
    assert alpha.loc["2025-Q2", "roi_ttm"] == pytest.approx(15000 / 66000, **EXACT)


def test_portfolio_quarter(quarters):
    # Q3 2024: revenue 18,000 + 13,860 + 3,300 = 35,160; cost 15,000 + 15,000 + 3,000 = 33,000
    q3 = quarters.loc[("Portfolio", "2024-Q3")]
    assert (q3["revenue"], q3["cost"]) == (35160, 33000)
    assert q3["roi"] == pytest.approx(2160 / 33000, **EXACT)
    assert q3["band"] == "Weak"


def test_quarter_without_entries_is_zero_and_undefined():
    rows = [
        ["2024-01-10", "A", "Revenue", 120],
        ["2024-01-10", "A", "Cost", 100],
        ["2024-07-10", "A", "Revenue", 90],
        ["2024-07-10", "A", "Cost", 100],
    ]
    table = quarterly_roi(read_ledger(ledger_bytes(rows), "x.xlsx").entries).set_index(
        ["alliance", "quarter"]
    )
    gap = table.loc[("A", "2024-Q2")]
    assert (gap["revenue"], gap["cost"]) == (0, 0)
    assert math.isnan(gap["roi"]) and gap["band"] == "n/a"
    assert table.loc[("A", "2024-Q3"), "roi"] == pytest.approx(-0.10, **EXACT)
