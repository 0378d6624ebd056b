"""Goal status on hand-worked dates (a fixed 'as of', never the clock), red flags, ROI by type."""

import datetime as dt
import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from core.analysis.roi import alliance_roi
from core.analysis.scorecard import (
    COST_OUTGROWS,
    GOALS_OFF_TRACK,
    NEGATIVE_ROI,
    NO_GOALS,
    NO_RECENT_REVENUE,
    ROI_FALLING,
    goal_status,
    red_flags,
    roi_by_type,
)
from core.analysis.trends import quarterly_roi
from core.output.export import summary_workbook
from core.reading.ledger import empty_goals, read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

START, DUE = pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")  # 364 days apart
HALF_WAY = dt.date(2025, 7, 2)  # 182 days gone: expected progress 0.5; at risk from 0.75 × 0.5 = 0.375


def goals(*rows, start=START, due=DUE):
    """Goals of alliance 'A': (metric, target, actual, unit, direction)."""
    frame = pd.DataFrame(
        [
            {
                "alliance": "A",
                "metric": m,
                "target": t,
                "actual": a,
                "unit": u,
                "start_date": start,
                "due_date": due,
                "owner": "Kim",
                "direction": d,
            }
            for m, t, a, u, d in rows
        ]
    )
    return frame.astype({"target": float, "actual": float})


@pytest.mark.parametrize(
    ("target", "actual", "unit", "direction", "status"),
    [
        (10, 10, "customers", "", "Achieved"),
        (100, 50, "customers", "", "On track"),  # 0.50 ≥ 0.50
        (100, 40, "customers", "", "At risk"),  # 0.375 ≤ 0.40 < 0.50
        (100, 30, "customers", "", "Off track"),  # 0.30 < 0.375
        (10, 8, "days", "lower", "Achieved"),  # less is better and 8 ≤ 10
        (10, 12, "days", "lower", "On track"),  # 10 / 12 = 0.83 ≥ 0.50
        (10, 25, "days", "lower", "At risk"),  # 10 / 25 = 0.40
        (10, 40, "days", "Lower", "Off track"),  # 10 / 40 = 0.25
        (1, 0, "milestone", "", "On track"),  # a milestone is judged on time only: 50 % gone
        (100, None, "customers", "", "Unknown"),  # no actual
    ],
)
def test_status_half_way_through(target, actual, unit, direction, status):
    scored = goal_status(goals(("m", target, actual, unit, direction)), HALF_WAY)
    assert scored["status"].tolist() == [status]


def test_progress_and_expected_values():
    scored = goal_status(goals(("m", 100, 40, "customers", "")), HALF_WAY).iloc[0]
    assert scored["progress"] == pytest.approx(0.40)
    assert scored["expected"] == pytest.approx(182 / 364)
    assert scored["why"] == "40 customers against 100 customers with 50 % of the time gone"


def test_past_due_and_late_milestones():
    late = dt.date(2026, 1, 5)
    scored = goal_status(goals(("m", 100, 90, "customers", ""), ("n", 100, 100, "customers", "")), late)
    assert scored["status"].tolist() == ["Off track", "Achieved"]
    assert scored["why"].iloc[0] == "past due (2025-12-31) at 90 customers against 100 customers"
    nearly_due = dt.date(2025, 11, 1)  # 304 / 364 = 84 % of the time gone
    assert goal_status(goals(("m", 1, 0, "milestone", "")), nearly_due)["status"].tolist() == ["At risk"]


def test_start_defaults_to_the_alliances_start():
    frame = goals(("m", 100, 50, "customers", ""), start=pd.NaT)
    # from 2025-07-01 to 2025-12-31 (183 days), as of 2025-10-01: 92 days gone = 0.503 > 0.50 -> at risk
    scored = goal_status(frame, dt.date(2025, 10, 1), {"A": pd.Timestamp("2025-07-01")})
    assert scored["expected"].iloc[0] == pytest.approx(92 / 183)
    assert scored["status"].tolist() == ["At risk"]
    unknown = goal_status(frame, dt.date(2025, 10, 1), {})
    assert unknown["status"].tolist() == ["Unknown"]


def entries(rows):
    return pd.DataFrame(rows, columns=["date", "alliance", "kind", "amount"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )


def flags_of(rows, goal_rows=None):
    frame = entries(rows)
    table = alliance_roi(frame)
    scored = goal_status(goal_rows if goal_rows is not None else empty_goals(), dt.date(2025, 12, 31))
    found = red_flags(table, quarterly_roi(frame), frame, scored)
    return {(r.alliance, r.flag): r.figures for r in found.itertuples()}


def quarterly_rows(name, pairs, year=2025):
    """One revenue and one cost entry in the middle of each quarter: pairs of (revenue, cost).

    Entries of zero on the first and last day of the year make every quarter complete.
    """
    rows = [(f"{year}-01-01", name, "cost", 0), (f"{year}-12-31", name, "cost", 0)]
    for q, (revenue, cost) in enumerate(pairs):
        day = f"{year}-{3 * q + 2:02d}-15"
        rows += [(day, name, "revenue", revenue), (day, name, "cost", cost)]
    return rows


def test_negative_roi_fires_and_not():
    found = flags_of(quarterly_rows("Loss", [(900, 1000)]) + quarterly_rows("Gain", [(1100, 1000)]))
    assert found[("Loss", NEGATIVE_ROI)] == "ROI -10.0 %: revenue 900 against cost 1,000"
    assert ("Gain", NEGATIVE_ROI) not in found


def test_roi_falling_two_quarters_running():
    # full year of data so that every quarter is complete; Q2 0.30, Q3 0.20, Q4 0.10
    falling = quarterly_rows("F", [(120, 100), (130, 100), (120, 100), (110, 100)])
    found = flags_of(falling)
    assert found[("F", ROI_FALLING)] == "ROI 30.0 % → 20.0 % → 10.0 % (2025-Q2 to 2025-Q4)"
    bouncing = quarterly_rows("B", [(120, 100), (110, 100), (120, 100), (110, 100)])
    assert ("B", ROI_FALLING) not in flags_of(bouncing)


def test_partial_last_quarter_does_not_make_a_trend():
    # Q1–Q3 complete, then only October: Q4 is partial and ignored
    rows = [
        ("2025-01-01", "P", "cost", 0),
        ("2025-10-01", "P", "revenue", 105),
        ("2025-10-01", "P", "cost", 100),
    ]
    for q, revenue in enumerate([130, 120, 115]):
        rows += [
            (f"2025-{3 * q + 2:02d}-15", "P", "revenue", revenue),
            (f"2025-{3 * q + 2:02d}-15", "P", "cost", 100),
        ]
    found = flags_of(rows)
    # complete quarters Q1 0.30, Q2 0.20, Q3 0.15 fall: flagged; the partial Q4 (October only) is not used
    assert found[("P", ROI_FALLING)] == "ROI 30.0 % → 20.0 % → 15.0 % (2025-Q1 to 2025-Q3)"


def test_cost_growing_faster_than_revenue():
    # Q1 revenue 120, cost 100; Q4 revenue 150 (+25 %), cost 150 (+50 %)
    fast = quarterly_rows("C", [(120, 100), (130, 110), (140, 130), (150, 150)])
    assert flags_of(fast)[("C", COST_OUTGROWS)] == "from 2025-Q1 to 2025-Q4: cost +50.0 %, revenue +25.0 %"
    slow = quarterly_rows("S", [(120, 100), (130, 100), (140, 105), (150, 110)])
    assert ("S", COST_OUTGROWS) not in flags_of(slow)


def test_cost_growth_compares_season_for_season_with_two_years():
    year1 = quarterly_rows("Y", [(100, 90), (100, 90), (100, 90), (200, 90)], 2024)
    year2 = quarterly_rows("Y", [(110, 100), (110, 100), (110, 100), (220, 100)], 2025)
    # last four: revenue 550 vs 500 (+10 %), cost 400 vs 360 (+11.1 %)
    found = flags_of(year1 + year2)
    assert found[("Y", COST_OUTGROWS)] == (
        "last four quarters (2025-Q1 to 2025-Q4) against the four before: cost +11.1 %, revenue +10.0 %"
    )


def test_no_revenue_in_the_last_90_days():
    rows = [
        ("2025-01-10", "Quiet", "revenue", 100),
        ("2025-08-01", "Quiet", "revenue", 100),
        ("2025-08-01", "Quiet", "cost", 50),
        ("2025-11-15", "Busy", "revenue", 100),
        ("2025-12-31", "Busy", "cost", 50),
    ]
    found = flags_of(rows)
    assert found[("Quiet", NO_RECENT_REVENUE)] == (
        "nothing after 2025-10-02 (data ends 2025-12-31); last revenue 2025-08-01"
    )
    assert ("Busy", NO_RECENT_REVENUE) not in found


def test_no_goals_and_goals_off_track():
    rows = quarterly_rows("A", [(120, 100)]) + quarterly_rows("B", [(120, 100)])
    found = flags_of(rows, goals(("Customers", 100, 10, "customers", "")))
    assert ("B", NO_GOALS) in found and ("A", NO_GOALS) not in found
    assert found[("A", GOALS_OFF_TRACK)] == (
        "1 of 1: Customers (10 customers against 100 customers with 100 % of the time gone)"
    )


def test_roi_by_type():
    table = alliance_roi(
        entries(
            [
                ("2025-01-01", "A", "revenue", 130),
                ("2025-01-01", "A", "cost", 100),
                ("2025-01-01", "B", "revenue", 90),
                ("2025-01-01", "B", "cost", 100),
                ("2025-01-01", "C", "revenue", 220),
                ("2025-01-01", "C", "cost", 200),
            ]
        )
    )
    table.insert(0, "type", ["Value Multiplier", "Value Multiplier", ""])
    by_type = roi_by_type(table)
    # Value Multiplier: revenue 220, cost 200 -> 0.10; mean of 0.30 and −0.10 = 0.10
    assert by_type.loc["Value Multiplier", ["alliances", "revenue", "cost"]].tolist() == [2, 220, 200]
    assert by_type.loc["Value Multiplier", "roi"] == pytest.approx(0.10)
    assert by_type.loc["(not set)", "roi"] == pytest.approx(0.10)


def test_workbook_without_goals_sheet_still_exports_a_scorecard():
    ledger = read_ledger(
        ledger_bytes([["2025-01-01", "A", "Revenue", 10], ["2025-01-01", "A", "Cost", 5]]), "x.xlsx"
    )
    report = build_report(ledger, Settings(as_of=dt.date(2025, 6, 30)))
    assert report.goals.empty
    book = load_workbook(io.BytesIO(summary_workbook(report)))
    cells = [c for row in book["Scorecard"].iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith("No goals: add a Goals sheet") for c in cells)
    # Issue 28.4: an absent Goals sheet is said once, and flags no alliance (no point lost for it).
    assert NO_GOALS not in cells
    assert NO_GOALS not in set(report.flags["flag"])


def test_an_alliance_without_goals_is_flagged_when_the_workbook_has_goals():
    goals_sheet = [["Alliance", "Metric", "Target", "Actual"], ["A", "Customers", 100, 40]]
    rows = [["2025-01-01", n, k, v] for n in "AB" for k, v in (("Revenue", 10), ("Cost", 5))]
    ledger = read_ledger(ledger_bytes(rows, Goals=goals_sheet), "x.xlsx")
    report = build_report(ledger, Settings(as_of=dt.date(2025, 6, 30)))
    assert report.flags.loc[report.flags["flag"] == NO_GOALS, "alliance"].tolist() == ["B"]


def test_scorecard_sheet_of_the_sample_shape():
    goals_sheet = [
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
        ["A", "Customers", 100, 40, "customers", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "Kim"],
    ]
    ledger = read_ledger(
        ledger_bytes([["2025-01-01", "A", "Revenue", 10], ["2025-01-01", "A", "Cost", 5]], Goals=goals_sheet),
        "x.xlsx",
    )
    book = load_workbook(io.BytesIO(summary_workbook(build_report(ledger, Settings(as_of=HALF_WAY)))))
    sheet = book["Scorecard"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Status"] == "At risk"
    assert row["Progress"] == pytest.approx(0.40)
    assert sheet.cell(2, header.index("Progress") + 1).number_format == "0.0%"


def test_a_goal_whose_progress_is_not_finite_still_exports():
    # Target 1e-300 and actual 1e14: actual / target overflows to infinity. The goal is achieved
    # (1e14 ≥ 1e-300); its progress is not a number, written as an empty cell, never INF.
    goals = [
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
        ["A", "Customers", 1e-300, 1e14, "count", "2025-01-01", "2025-12-31", "Kim"],
    ]
    ledger = read_ledger(
        ledger_bytes([["2025-01-01", "A", "Revenue", 10], ["2025-01-01", "A", "Cost", 5]], Goals=goals),
        "g.xlsx",
    )
    report = build_report(ledger, Settings(as_of=dt.date(2025, 6, 30)))
    assert report.goals["status"].tolist() == ["Achieved"]
    assert math.isnan(report.goals["progress"].iloc[0])
    book = load_workbook(io.BytesIO(summary_workbook(report)))
    assert book["Scorecard"]["A1"].value is not None
