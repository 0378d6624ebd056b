"""Display frames of the small ledger (tests/output/small_ledger.py): headers from the spec, values
in their own units (ROI a fraction), worked out by hand from the ledger's rows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.output import columns as cols
from core.output import tables
from core.reading.ledger import read_ledger
from core.report import build_report
from tests.helpers import ALLIANCES_SHEET_HEADERS, ledger_bytes
from tests.output.small_ledger import small_report


@pytest.fixture(scope="module")
def report():
    return small_report()


def by_alliance(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {row["Alliance"]: row for _, row in frame.iterrows()}


def test_alliance_detail_headers_are_the_spec_and_the_contract(report):
    frame = tables.alliance_detail_display(report)
    assert list(frame.columns) == ALLIANCES_SHEET_HEADERS
    assert [c.header for c in cols.spec_of(frame)] == list(frame.columns)


def test_alliance_detail_values_stay_in_their_units(report):
    rows = by_alliance(tables.alliance_detail_display(report))
    acme, beta, gamma = rows["Acme"], rows["Beta"], rows["Gamma"]
    assert (acme["Revenue"], acme["Cost"], acme["Net value"]) == (1300, 1000, 300)  # 600 + 700; 500 + 500
    assert acme["ROI"] == pytest.approx(0.30)  # (1,300 − 1,000) / 1,000, a fraction, not 30
    assert (acme["Band"], acme["Quartile"], acme["Percentile"]) == (
        "Strong",
        "Top",
        1.0,
    )  # 2 of 2 at or below
    assert acme["Cross-industry average"] == pytest.approx(0.15)  # 0.30 − 0.15
    assert acme["Top quartile, technology partnerships"] == pytest.approx(0.05)  # 0.30 − 0.25
    assert beta["ROI"] == pytest.approx(-0.10)  # (900 − 1,000) / 1,000
    assert (beta["Band"], beta["Quartile"], beta["Percentile"]) == ("Weak", "Bottom", 0.5)  # 1 of 2
    assert beta["Cross-industry average"] == pytest.approx(-0.25)  # −0.10 − 0.15
    assert math.isnan(gamma["ROI"]) and gamma["ROI note"]  # no cost: empty, with the reason beside it
    assert gamma["Quartile"] == ""
    # Payback month: the first month whose cumulative net value is above zero.
    assert acme["Payback month"] == pd.Timestamp("2024-01-01")  # Jan: 600 − 500 = +100
    assert pd.isna(beta["Payback month"])  # −50 in Feb, −100 by May: never above zero
    assert gamma["Payback month"] == pd.Timestamp("2024-03-01")  # +200 in March


def test_overview_reads_roi_and_positions_in_words_best_first(report):
    frame = tables.alliance_display(report)
    assert frame["Alliance"].tolist() == ["Acme", "Beta", "Gamma"]  # 30 %, −10 %, undefined last
    assert frame["ROI"].tolist() == ["30.0 %", "-10.0 %", "n/a"]
    assert frame["Quartile"].tolist() == ["Top", "Bottom", "not ranked"]
    # Acme 0.30 − 0.15 = +15 points; Beta −0.10 − 0.15 = −25 points
    assert frame["vs Cross-industry average"].tolist() == ["above by 15.0 pts", "below by 25.0 pts", "n/a"]


def test_before_after_rows_and_portfolio(report):
    frame = tables.before_after_display(report)
    assert list(frame.columns) == [c.header for c in cols.BEFORE_AFTER]
    assert frame["Alliance"].tolist() == ["Acme", "Beta", "Gamma", "Portfolio"]
    rows = by_alliance(frame)
    acme, gamma, portfolio = rows["Acme"], rows["Gamma"], rows["Portfolio"]
    # Windows [Jan 1, Apr 1) and [Apr 1, Jul 1). Acme: 600 / 500 before, 700 / 500 after.
    assert acme["ROI before"] == pytest.approx(0.20)  # (600 − 500) / 500
    assert acme["ROI after"] == pytest.approx(0.40)  # (700 − 500) / 500
    assert acme["ROI change (pts)"] == pytest.approx(0.20)  # a difference of fractions, not 20
    assert acme["Revenue change"] == pytest.approx(100 / 600)  # (700 − 600) / 600
    assert acme["Cost change"] == 0.0
    assert rows["Beta"]["ROI change (pts)"] == pytest.approx(0.0)  # −0.10 on both sides
    assert math.isnan(gamma["ROI change (pts)"]) and gamma["Revenue change"] == pytest.approx(
        0.5
    )  # 300/200 − 1
    # Portfolio: before 600 + 450 + 200 = 1,250 against 1,000; after 700 + 450 + 300 = 1,450 against 1,000.
    assert portfolio["ROI before"] == pytest.approx(0.25)
    assert portfolio["ROI after"] == pytest.approx(0.45)
    assert portfolio["ROI change (pts)"] == pytest.approx(0.20)
    assert portfolio["Revenue change"] == pytest.approx(0.16)  # 200 / 1,250
    assert acme["Initiative date"] == pd.Timestamp("2024-04-01")


def test_before_after_without_a_comparison_is_the_header_alone():
    # One month of data: no whole month on both sides of any date.
    data = ledger_bytes([["2024-01-05", "Solo", "Revenue", 2], ["2024-01-06", "Solo", "Cost", 1]])
    report = build_report(read_ledger(data, "solo.xlsx"))
    frame = tables.before_after_display(report)
    assert report.before_after is None
    assert frame.empty and list(frame.columns) == [c.header for c in cols.BEFORE_AFTER]


def test_quarters_per_alliance_and_portfolio(report):
    frame = tables.quarters_display(report)
    assert list(frame.columns) == [c.header for c in cols.QUARTERLY]
    roi = {(a, q): r for a, q, r in zip(frame["Alliance"], frame["Quarter"], frame["ROI"], strict=True)}
    assert roi[("Acme", "2024-Q1")] == pytest.approx(0.20)  # (600 − 500) / 500
    assert roi[("Acme", "2024-Q2")] == pytest.approx(0.40)  # (700 − 500) / 500
    assert roi[("Beta", "2024-Q2")] == pytest.approx(-0.10)  # (450 − 500) / 500
    assert roi[("Portfolio", "2024-Q1")] == pytest.approx(0.25)  # 1,250 / 1,000 − 1
    assert roi[("Portfolio", "2024-Q2")] == pytest.approx(0.45)  # 1,450 / 1,000 − 1
    assert set(frame["Complete quarter"]) == {"yes"}  # data from January to June: both quarters whole
    assert frame["Trailing 4Q ROI"].isna().all()  # two quarters are not four


def test_quartiles_best_first_with_the_gap_to_the_next_cut(report):
    frame = tables.quartile_display(report)
    assert frame["Quartile"].tolist() == ["Top", "Bottom", "not ranked"]
    rows = by_alliance(frame)
    beta = rows["Beta"]
    assert beta["Next quartile"] == "Third"
    assert beta["Gap (pts)"] == pytest.approx(0.10)  # P25 0.00 − (−0.10)
    assert beta["Extra net value needed"] == pytest.approx(100.0)  # 0.10 × cost 1,000
    assert beta["Percentile"] == 0.5
    assert math.isnan(rows["Acme"]["Gap (pts)"])  # Top has no next quartile


def test_roi_by_type(report):
    rows = {r["Type"]: r for _, r in tables.type_display(report).iterrows()}
    multiplier = rows["Value Multiplier"]  # Acme and Beta
    assert multiplier["Alliances"] == 2
    assert (multiplier["Revenue"], multiplier["Cost"]) == (2200, 2000)  # 1,300 + 900; 1,000 + 1,000
    assert multiplier["ROI"] == pytest.approx(0.10)  # 200 / 2,000
    assert multiplier["Mean of alliance ROIs"] == pytest.approx(0.10)  # (0.30 − 0.10) / 2
    assert math.isnan(rows["Market Accelerator"]["ROI"])  # Gamma alone, no cost


def test_goals_progress_and_time_gone(report):
    frame = tables.goals_display(report)
    assert list(frame.columns) == [c.header for c in cols.GOALS]
    goal = frame.iloc[0]
    assert goal["Progress"] == pytest.approx(0.40)  # 40 of 100
    # 1 Jan to 1 Jul 2024 is 182 days of the 365 from 1 Jan to 31 Dec
    assert goal["Expected by now"] == pytest.approx(182 / 365)
    assert goal["Status"] == "At risk"  # 0.40 is below 0.499 but above 0.75 × 0.499 = 0.374
    assert goal["Due date"] == pd.Timestamp("2024-12-31")


def test_issues_name_the_sheet_row_and_reason(report):
    frame = tables.issues_display(report.issues)
    assert list(frame.columns) == ["Sheet", "Row", "Column", "Value", "Reason"]
    assert frame.values.tolist() == [["Ledger", 12, "Amount", "oops", "'oops' is not a number"]]


def test_time_value_has_the_portfolio_row(report):
    frame = tables.time_value_display(report)
    assert list(frame.columns) == [c.header for c in cols.TIME_VALUE]
    rows = by_alliance(frame)
    assert set(rows) == {"Acme", "Beta", "Gamma", "Portfolio"}
    # Acme's own entries run from January to April: four months of activity
    assert rows["Acme"]["Years of activity"] == pytest.approx(4 / 12)
    assert rows["Portfolio"]["Years of activity"] == pytest.approx(0.5)  # every entry: January to June
    # Portfolio net: Jan +100, Feb −50, Mar +200: above zero from January on
    assert rows["Portfolio"]["Payback month"] == pd.Timestamp("2024-01-01")


def test_shared_costs_allocation_and_sensitivity():
    # A earns 300, B 100; 100 of shared cost split by revenue share: A 300/400 = 0.75 → 75, B 25.
    data = ledger_bytes(
        [
            ["2024-01-10", "A", "Revenue", 300],
            ["2024-01-10", "A", "Cost", 100],
            ["2024-01-10", "B", "Revenue", 100],
            ["2024-01-10", "B", "Cost", 100],
            ["2024-01-10", "Shared", "Cost", 100],
        ]
    )
    report = build_report(read_ledger(data, "shared.xlsx"))
    allocation = by_alliance(tables.allocation_display(report))
    assert allocation["A"]["Share"] == pytest.approx(0.75)
    assert allocation["A"]["Allocated cost"] == pytest.approx(75.0)
    sensitivity = by_alliance(tables.sensitivity_display(report))
    a = sensitivity["A"]
    assert a["revenue share"] == pytest.approx(125 / 175)  # (300 − 175) / 175
    assert a["evenly"] == pytest.approx(1.0)  # (300 − 150) / 150
    assert a["not allocated"] == pytest.approx(2.0)  # (300 − 100) / 100
    assert a["Spread"] == pytest.approx(2.0 - 125 / 175)  # highest − lowest
    detail = by_alliance(tables.alliance_detail_display(report))
    assert detail["A"]["Shared cost allocated"] == pytest.approx(75.0)
    assert detail["A"]["ROI lowest (sensitivity)"] == pytest.approx(125 / 175)
    assert detail["A"]["ROI highest (sensitivity)"] == pytest.approx(2.0)
