"""ROI, bands and the portfolio figures, worked out by hand from five alliances.

alliance  revenue  cost   ROI                       band
Strong      1300   1000   (1300-1000)/1000 = 0.30   Strong
Edge20      1200   1000   0.20 (not above 20 %)     Moderate
Edge10      1100   1000   0.10 (from 10 %)          Moderate
Loss         500   1000   -0.50                     Weak
NoCost       300      0   undefined                 n/a

portfolio: revenue 4400, cost 4000, net 400, ROI 400/4000 = 0.10;
mean of the four defined ROIs = (0.30 + 0.20 + 0.10 - 0.50) / 4 = 0.025.
"""

import math

import pandas as pd
import pytest

from core.analysis.benchmarks import DEFAULT_BENCHMARKS
from core.analysis.roi import BandThresholds, alliance_roi, band, portfolio_summary, roi_of
from core.report import alliance_table

ROWS = [
    ("Strong", "revenue", 1000),
    ("Strong", "revenue", 300),
    ("Strong", "cost", 1000),
    ("Edge20", "revenue", 1200),
    ("Edge20", "cost", 600),
    ("Edge20", "cost", 400),
    ("Edge10", "revenue", 1100),
    ("Edge10", "cost", 1000),
    ("Loss", "revenue", 500),
    ("Loss", "cost", 1000),
    ("NoCost", "revenue", 300),
]


@pytest.fixture
def entries():
    return pd.DataFrame(
        {
            "date": pd.Timestamp("2024-01-01"),
            "alliance": [r[0] for r in ROWS],
            "kind": [r[1] for r in ROWS],
            "amount": [float(r[2]) for r in ROWS],
        }
    )


def test_alliance_roi_by_hand(entries):
    table = alliance_roi(entries)
    assert table.loc["Strong", ["revenue", "cost", "net_value"]].tolist() == [1300.0, 1000.0, 300.0]
    assert table.loc["Strong", "roi"] == pytest.approx(0.30, abs=1e-12)
    assert table.loc["Loss", "roi"] == pytest.approx(-0.50, abs=1e-12)
    assert table.loc["Loss", "net_value"] == -500.0
    assert math.isnan(table.loc["NoCost", "roi"])
    assert table.loc["NoCost", "roi_note"] == "no cost recorded, so ROI is undefined"
    assert table["band"].to_dict() == {
        "Edge10": "Moderate",
        "Edge20": "Moderate",
        "Loss": "Weak",
        "NoCost": "n/a",
        "Strong": "Strong",
    }


def test_portfolio_is_cost_weighted_and_mean_is_separate(entries):
    summary = portfolio_summary(alliance_roi(entries))
    assert (summary.revenue, summary.cost, summary.net_value) == (4400.0, 4000.0, 400.0)
    assert summary.roi == pytest.approx(0.10, abs=1e-12)
    assert summary.mean_roi == pytest.approx(0.025, abs=1e-12)
    assert summary.band_counts == {"Strong": 1, "Moderate": 2, "Weak": 1, "n/a": 1}


def test_thresholds_are_settings(entries):
    table = alliance_roi(entries, BandThresholds(strong=0.25, moderate=0.15))
    assert table["band"].to_dict()["Edge20"] == "Moderate"
    assert table["band"].to_dict()["Edge10"] == "Weak"
    with pytest.raises(ValueError):
        BandThresholds(strong=0.1, moderate=0.2)


@pytest.mark.parametrize(
    ("roi", "expected"),
    [
        (0.2000001, "Strong"),
        (0.2, "Moderate"),
        (0.1, "Moderate"),
        (0.0999999, "Weak"),
        (-3.0, "Weak"),
        (None, "n/a"),
        (float("nan"), "n/a"),
        (0.1 + 0.2 - 0.1 - 0.1, "Moderate"),
    ],
)
def test_band_edges(roi, expected):
    assert band(roi) == expected


def test_roi_of_negative_cost_is_undefined():
    assert roi_of(10.0, -5.0) == (None, "cost is negative (credits exceed costs), so ROI is undefined")
    assert roi_of(0.0, 0.0)[0] is None


def test_alliance_table_adds_type_quartile_and_benchmark_gaps(entries):
    meta = pd.DataFrame({"alliance": ["Loss"], "type": ["Market Accelerator"]})
    table = alliance_table(entries, meta, BandThresholds(), DEFAULT_BENCHMARKS)
    assert table.loc["Loss", "type"] == "Market Accelerator"
    assert table.loc["Strong", "type"] == ""
    # defined ROIs sorted: -0.5, 0.1, 0.2, 0.3 -> P25 = -0.125, P50 = 0.15, P75 = 0.225
    assert table["quartile"].to_dict() == {
        "Strong": "Top",
        "Edge20": "Second",
        "Edge10": "Third",
        "Loss": "Bottom",
        "NoCost": "",
    }
    assert table.loc["Strong", "vs Cross-industry average"] == pytest.approx(0.15, abs=1e-12)
    assert table.loc["Loss", "vs Top quartile, technology partnerships"] == pytest.approx(-0.75, abs=1e-12)
    assert math.isnan(table.loc["NoCost", "vs Cross-industry average"])


def test_rebanding_a_report_matches_building_it_with_those_thresholds(entries):
    from core.reading.ledger import Ledger, LedgerSource
    from core.report import build_report, with_thresholds
    from core.settings import Settings

    ledger = Ledger(
        entries=entries.assign(category="", sheet="L", row=range(len(entries))),
        issues=pd.DataFrame(columns=["sheet", "row", "column", "value", "reason"]),
        source=LedgerSource("x.xlsx", "L", 1, {}, "long", len(entries)),
    )
    other = BandThresholds(strong=0.25, moderate=0.15)
    rebanded = with_thresholds(build_report(ledger, Settings(as_of=pd.Timestamp("2024-06-30").date())), other)
    direct = build_report(ledger, Settings(thresholds=other, as_of=pd.Timestamp("2024-06-30").date()))
    pd.testing.assert_frame_equal(rebanded.alliances, direct.alliances)
    pd.testing.assert_frame_equal(rebanded.quarterly, direct.quarterly)
    assert rebanded.portfolio == direct.portfolio
    assert rebanded.alliances["band"].to_dict()["Edge10"] == "Weak"
