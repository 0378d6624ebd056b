"""One rounding rule for money (core/analysis/money.py): half away from zero on the decimal an amount
stands for, on every table (issue 28.8), and rounded once, at the end (issue 28.7)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.analysis.money import cents
from core.model import EVENLY
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (500.015, 500.02),  # a float 500.01499999999998636: half a cent, up
        (1000.03 / 2, 500.02),
        (2.675, 2.68),  # round(2.675, 2) is 2.67 in Python
        (-0.005, -0.01),  # away from zero
        (-500.015, -500.02),
        (0.004999, 0.0),
        (-0.004, 0.0),  # never −0.0
        (1.0049, 1.0),
        (0.1 + 0.2, 0.3),
        (12_345_678.905, 12_345_678.91),
    ],
)
def test_cents_rounds_half_away_from_zero(amount, expected):
    assert cents(amount) == expected
    assert str(cents(amount)) == str(expected)


def test_cents_keeps_a_series_and_a_frame_as_they_are():
    series = pd.Series([500.015, 1.005], index=["North", "South"], name="cost")
    rounded = cents(series)
    assert rounded.tolist() == [500.02, 1.01] and list(rounded.index) == ["North", "South"]
    assert rounded.name == "cost"
    frame = cents(pd.DataFrame({"revenue": [2.675], "cost": [0.125]}))
    assert frame.to_dict("records") == [{"revenue": 2.68, "cost": 0.13}]


def test_a_half_cent_of_shared_cost_is_the_same_cent_on_every_table():
    """North and South each cost 100 and share 1,000.03 evenly: 500.015 each, 500.02 to the cent; so
    North's cost is 100 + 500.015 = 600.015 → 600.02 on the Alliances and Quarterly tables, and its
    allocated shared cost 500.02 on the allocation and categories tables (it was 500.01 on two)."""
    rows = [
        ["2024-01-10", "North", "Revenue", 2000],
        ["2024-01-10", "South", "Revenue", 2000],
        ["2024-01-10", "North", "Cost", 100],
        ["2024-01-10", "South", "Cost", 100],
        ["2024-01-15", "Shared", "Cost", 1000.03],
    ]
    report = build_report(
        read_ledger(ledger_bytes(rows), "half.xlsx"), Settings(as_of=dt.date(2024, 3, 31), shared_rule=EVENLY)
    )
    assert report.alliances.at["North", "cost"] == 600.02
    quarter = report.quarterly[report.quarterly["alliance"] == "North"]
    assert quarter["cost"].tolist() == [600.02]
    assert report.allocation.set_index("alliance").at["North", "allocated_cost"] == 500.02
    shared = report.categories[(report.categories["alliance"] == "North") & (report.categories["cost"] > 400)]
    assert shared["cost"].tolist() == [500.02]


def test_expected_loss_is_rounded_once_at_the_end():
    """A risk of 75 % on 10.006 at stake loses 0.75 × 10.006 = 7.5045 → 7.50. Rounding the stake to
    10.01 first gave 0.75 × 10.01 = 7.5075 → 7.51."""
    rows = [["2024-01-10", "Acme", "Revenue", 400], ["2024-01-10", "Acme", "Cost", 100]]
    risks = [
        ["Alliance", "Risk", "Probability", "Impact", "Mitigation", "Owner"],
        ["Acme", "Churn", 0.75, 10.006, "m", "o"],
    ]
    report = build_report(
        read_ledger(ledger_bytes(rows, Risks=risks), "risk.xlsx"), Settings(as_of=dt.date(2024, 3, 31))
    )
    assert report.risk_summary.at["Acme", "expected_loss"] == 7.5
    assert report.risks["at_stake"].tolist() == [10.01]
