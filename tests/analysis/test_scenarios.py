"""Scenarios worked by hand on three alliances: drop, scale and re-fund, and the portfolio recomputed.

Today (cost-weighted portfolio ROI; cut points as Excel's QUARTILE.INC):

    alliance   revenue    cost      net      ROI     band       quartile
    A          12,000     10,000    2,000    20 %    Moderate   Top
    B          33,000     30,000    3,000    10 %    Moderate   Second
    C           9,000     10,000   −1,000   −10 %    Weak       Bottom
    portfolio  54,000     50,000    4,000     8 %

    ROIs sorted −10 %, 10 %, 20 % (n = 3): ranks (n − 1) · q / 4 = 0.5, 1, 1.5
    P25 = −10 + 0.5 × 20 = 0 %; P50 = 10 %; P75 = 10 + 0.5 × 10 = 15 %
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.analysis.quartiles import quartile_position
from core.analysis.roi import BandThresholds, alliance_roi
from core.analysis.scenarios import DROP, REFUND, SCALE, Change, run_scenario, scenario_text

EXACT = dict(abs=1e-12)


def alliances(
    rows: dict[str, tuple[float, float]], thresholds: BandThresholds = BandThresholds()
) -> pd.DataFrame:
    """The alliance table as the report builds it: ROI and band from the entries, then quartiles."""
    entries = pd.DataFrame(
        [(a, "revenue", r) for a, (r, _) in rows.items()] + [(a, "cost", c) for a, (_, c) in rows.items()],
        columns=["alliance", "kind", "amount"],
    ).assign(date=pd.Timestamp("2025-01-01"))
    table = alliance_roi(entries, thresholds)
    return table.join(quartile_position(table["roi"]))


THREE = {"A": (12_000, 10_000), "B": (33_000, 30_000), "C": (9_000, 10_000)}


@pytest.fixture
def three() -> pd.DataFrame:
    return alliances(THREE)


def test_no_change_is_today(three):
    result = run_scenario(three, ())
    assert result.today == result.scenario
    assert (result.today.revenue, result.today.cost, result.today.net_value) == (54_000, 50_000, 4_000)
    assert result.today.roi == pytest.approx(0.08, **EXACT)
    assert result.today.cuts == {"P25": 0.0, "P50": 0.10, "P75": 0.15}
    assert result.alliances["quartile"].tolist() == ["Top", "Second", "Bottom"]
    assert result.alliances["change"].tolist() == ["", "", ""]


def test_drop_an_alliance(three):
    result = run_scenario(three, (Change("C", DROP),))
    s = result.scenario
    # 54,000 − 9,000 = 45,000; 50,000 − 10,000 = 40,000; net 5,000; ROI 5,000 / 40,000 = 12.5 %
    assert (s.revenue, s.cost, s.net_value, s.alliances) == (45_000, 40_000, 5_000, 2)
    assert s.roi == pytest.approx(0.125, **EXACT)
    # ROIs 10 %, 20 % (n = 2): ranks 0.25, 0.5, 0.75 → 12.5 %, 15 %, 17.5 %
    assert s.cuts == {"P25": 0.125, "P50": 0.15, "P75": 0.175}
    table = result.alliances
    # B's 10 % is now below P25: Bottom; A's 20 % still at or above P75: Top
    assert table["quartile"].tolist() == ["Top", "Bottom", ""]
    assert table.loc["C", ["revenue", "cost", "net_value", "band"]].tolist() == [0.0, 0.0, 0.0, ""]
    assert math.isnan(table.at["C", "roi"])
    assert table.at["C", "change"] == "drop C"
    # Today's columns keep today's figures.
    assert table.loc["C", ["revenue_today", "cost_today", "band_today", "quartile_today"]].tolist() == [
        9_000,
        10_000,
        "Weak",
        "Bottom",
    ]


def test_scale_an_alliance(three):
    result = run_scenario(three, (Change("B", SCALE, 2.0),))
    s, b = result.scenario, result.alliances.loc["B"]
    # B × 2: 66,000 and 60,000, net 6,000 at the same 10 %
    assert (b["revenue"], b["cost"], b["net_value"]) == (66_000, 60_000, 6_000)
    assert b["roi"] == pytest.approx(0.10, **EXACT)
    # 12,000 + 66,000 + 9,000 = 87,000; 10,000 + 60,000 + 10,000 = 80,000; ROI 7,000 / 80,000 = 8.75 %
    assert (s.revenue, s.cost, s.net_value) == (87_000, 80_000, 7_000)
    assert s.roi == pytest.approx(0.0875, **EXACT)
    # The same three ROIs: the same cut points and quartiles.
    assert s.cuts == result.today.cuts
    assert result.alliances["quartile"].tolist() == ["Top", "Second", "Bottom"]
    assert b["change"] == "scale B × 2"


def test_refund_an_alliance_moves_its_revenue_in_proportion(three):
    result = run_scenario(three, (Change("A", REFUND, 20_000.0),))
    a, s = result.alliances.loc["A"], result.scenario
    # cost 10,000 → 20,000 (× 2): revenue 12,000 → 24,000, net 4,000, ROI still 20 %
    assert (a["revenue"], a["cost"], a["net_value"]) == (24_000, 20_000, 4_000)
    # 24,000 + 33,000 + 9,000 = 66,000; 20,000 + 30,000 + 10,000 = 60,000; ROI 6,000 / 60,000 = 10 %
    assert (s.revenue, s.cost, s.net_value) == (66_000, 60_000, 6_000)
    assert s.roi == pytest.approx(0.10, **EXACT)
    assert a["change"] == "re-fund A to 20,000"


def test_refund_to_an_odd_amount_is_kept_to_the_cent(three):
    result = run_scenario(three, (Change("C", REFUND, 3_333.33),))
    c = result.alliances.loc["C"]
    # 9,000 × 3,333.33 / 10,000 = 2,999.997 → 3,000.00 to the cent
    assert (c["revenue"], c["cost"]) == (3_000.00, 3_333.33)
    assert c["net_value"] == -333.33
    # The ROI of the exact money, not of the cents shown: revenue and cost move by one factor
    # (2,999.997 / 3,333.33), so it stays C's (9,000 − 10,000) / 10,000 = −10 % (issue 28.6).
    assert c["roi"] == -0.1
    assert result.scenario.cost == 43_333.33


def test_changes_together(three):
    scenario = (Change("C", DROP), Change("A", REFUND, 20_000.0), Change("B", SCALE, 0.5))
    result = run_scenario(three, scenario)
    s = result.scenario
    # A 24,000 / 20,000; B 16,500 / 15,000: revenue 40,500, cost 35,000, net 5,500, ROI 5,500 / 35,000
    assert (s.revenue, s.cost, s.net_value) == (40_500, 35_000, 5_500)
    assert s.roi == pytest.approx(5_500 / 35_000, **EXACT)
    assert s.cuts == {"P25": 0.125, "P50": 0.15, "P75": 0.175}
    comparison = result.comparison()
    assert comparison.loc["Net value"].tolist() == [4_000, 5_500, 1_500]
    assert comparison.loc["Revenue", "change"] == -13_500
    # cut P25 from 0 % to 12.5 %: +12.5 points, as a fraction
    assert comparison.loc["Quartile cut P25", "change"] == 0.125
    assert comparison.loc["Portfolio ROI", "change"] == pytest.approx(5_500 / 35_000 - 0.08, abs=1e-10)
    assert scenario_text(scenario) == "drop C; re-fund A to 20,000; scale B × 0.5"


def test_the_scenario_is_banded_with_the_views_thresholds():
    table = alliances(THREE, BandThresholds(0.15, 0.05))
    result = run_scenario(table, (Change("B", SCALE, 3.0),), BandThresholds(0.15, 0.05))
    # Strong above 15 %: A's 20 % is Strong; B's 10 % Moderate from 5 %; C Weak
    assert result.alliances["band"].tolist() == ["Strong", "Moderate", "Weak"]


def test_an_unknown_name_is_left_out_with_a_note_and_case_is_forgiven(three):
    result = run_scenario(three, (Change("Zeta", DROP), ("c", "drop", 0.0)))
    assert result.notes == ("'Zeta' is not an alliance in view: drop Zeta is left out.",)
    assert result.scenario.revenue == 45_000  # C dropped by its name in another case
    assert result.changes == (Change("C", DROP, 0.0),)


def test_an_alliance_without_cost_cannot_be_refunded_in_proportion():
    table = alliances({"Free": (500, 0), "Paid": (1_200, 1_000)})
    result = run_scenario(table, (Change("Free", REFUND, 1_000.0),))
    assert result.notes == ("'Free' has no cost to re-fund in proportion: left as it is.",)
    assert result.alliances.loc["Free", ["revenue", "cost", "change"]].tolist() == [500, 0, ""]
    assert result.scenario == result.today


@pytest.mark.parametrize(
    ("factor", "said"), [(1.0000004, "× 1.0000004"), (2.0, "× 2"), (0.5, "× 0.5"), (1.25, "× 1.25")]
)
def test_a_scale_is_written_to_the_precision_it_was_given(factor, said):
    """Issue 28.9: × 1.0000004 moved the figures but was written '× 1'."""
    from core.analysis.scenarios import Change, change_text
    from core.model import ScenarioChange

    assert change_text(Change("B", ScenarioChange.SCALE, factor)) == f"scale B {said}"


def test_a_scaled_alliance_keeps_its_exact_roi_band_and_tie():
    """Issue 28.6: A's revenue 1,200.06 on cost 1,000.05 is 20 % exactly; × 1.3 gives 1,560.078 and
    1,300.065, which to the cent (1,560.08 / 1,300.07) is 20.0012 %: Strong, and no longer tied with
    D's 20 % (1,200 / 1,000). Scaling moves revenue and cost by one factor: the ROI stays 20 %,
    Moderate (Strong is above 20 %), in D's quartile."""
    entries = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01"] * 8),
            "alliance": ["A", "A", "B", "B", "C", "C", "D", "D"],
            "kind": ["revenue", "cost"] * 4,
            "amount": [1200.06, 1000.05, 1100, 1000, 1400, 1000, 1200, 1000],
        }
    )
    table = alliance_roi(entries)
    table["quartile"] = quartile_position(table["roi"])["quartile"]
    after = run_scenario(table, [("A", SCALE, 1.3)]).alliances
    assert (after.at["A", "revenue"], after.at["A", "cost"]) == (1560.08, 1300.07)
    assert after.at["A", "roi"] == after.at["D", "roi"] == 0.2
    assert after.at["A", "band"] == "Moderate"
    assert after.at["A", "quartile"] == after.at["D", "quartile"]
