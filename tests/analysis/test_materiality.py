"""Materiality (#32.3): a change of ROI under the 'Flat below' setting (0.5 points by default) is
flat, in the decisions' trend, in the history of saved reviews and (through the decisions) in the
deck. Every expected value below is worked out by hand in the comments."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from core.analysis.decisions import recommend
from core.analysis.materiality import DOWN, FLAT, UP, change_points, movement
from core.analysis.trends import quarterly_roi
from core.cli import build_parser, view_settings
from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.report import build_report, with_choices
from core.settings import Settings, parse_values, query_values, to_values
from tests.analysis.test_decisions import (
    NO_FLAGS,
    NO_GOAL_ROWS,
    NO_HEALTH,
    decide,
    entries,
    quarters,
    table,
)
from tests.helpers import ledger_bytes


@pytest.mark.parametrize(
    ("points", "flat", "expected"),
    [
        (0.5, 0.5, UP),  # exactly the threshold is a change
        (-0.5, 0.5, DOWN),
        (0.49, 0.5, FLAT),  # just under it is flat
        (-0.08, 0.5, FLAT),  # 10.84 % → 10.76 %: the issue's "falling 10.8 % → 10.8 %"
        (0.0, 0.5, FLAT),
        (12.0, 0.5, UP),
        (-0.08, 0.05, DOWN),  # a smaller threshold sees it
        (1e-8, 0.0, UP),  # no threshold: any change that survives ROI's precision counts
        (-1e-8, 0.0, DOWN),
        (0.0, 0.0, FLAT),
        (float("nan"), 0.5, ""),  # undefined (a quarter without cost)
        (None, 0.5, ""),
    ],
)
def test_movement(points, flat, expected):
    assert movement([points], flat).tolist() == [expected]


def test_points_at_the_threshold_are_not_lost_to_binary_fractions():
    """10.5 % − 10 % is 0.004999… in binary fractions; at ROI's precision it is 0.5 points: a rise."""
    points = change_points(pd.Series([0.10]), pd.Series([1105 / 1000 - 1]))
    assert points.tolist() == [0.5]
    assert movement(points, 0.5).tolist() == [UP]


# --- decisions: the trend factor, through quarterly_roi ---------------------------------------------


@pytest.mark.parametrize(
    ("q1", "q2", "flat", "trend", "points"),
    [
        # 1,108.40 / 1,000 → 10.84 %; 1,107.60 / 1,000 → 10.76 %: −0.08 points, flat at 0.5.
        ((1108.40, 1000), (1107.60, 1000), 0.5, "", 0.0),
        ((1108.40, 1000), (1107.60, 1000), 0.05, "falling", -1.0),
        ((1100, 1000), (1101, 1000), 0.5, "", 0.0),  # 10.0 % → 10.1 %: +0.1 points, flat
        ((1100, 1000), (1105, 1000), 0.5, "rising", 1.0),  # 10.0 % → 10.5 %: +0.5 points
        ((1100, 1000), (1095, 1000), 0.5, "falling", -1.0),  # 10.0 % → 9.5 %: −0.5 points
        ((1100, 1000), (1101, 1000), 0.0, "rising", 1.0),  # no threshold: +0.1 counts
    ],
)
def test_a_trend_under_the_threshold_is_flat_and_gives_no_points(q1, q2, flat, trend, points):
    quarterly = quarterly_roi(entries(quarters("A", q1, q2)))
    decided = recommend(table(), quarterly, NO_GOAL_ROWS, NO_FLAGS, NO_HEALTH, flat_points=flat)
    assert (decided.at["A", "trend"], decided.at["A", "trend_points"]) == (trend, points)
    assert ("ROI falling" in decided.at["A", "reasons"]) == (trend == "falling")


def test_the_issue_case_no_longer_costs_a_point():
    """Q1 10.84 %, Q2 10.76 %: both shown as 10.8 %. Band Moderate 0, no spread, flat 0: score 0,
    Maintain, and no reason about the trend (before: "ROI falling 10.8 % → 10.8 % (−1)", Fix)."""
    quarterly = quarterly_roi(entries(quarters("A", (1108.40, 1000), (1107.60, 1000))))
    decided = decide(table(), quarterly=quarterly)
    assert decided.at["A", "score"] == 0.0
    assert decided.at["A", "recommendation"] == "Maintain"
    assert "ROI" not in decided.at["A", "reasons"]


# --- the setting: a link's `flat=`, the command's --flat-below, the report -------------------------

# One alliance, Q1 2026 10.84 % and Q2 10.76 %, and a July revenue that starts a partial Q3 (not read
# by the trend). ROI over all: (1,108.40 + 1,107.60 + 10 − 2,000) / 2,000 = 11.3 %: Moderate, 0.
ROWS = [
    ["2026-01-10", "A", "Revenue", 1108.40],
    ["2026-01-10", "A", "Cost", 1000],
    ["2026-04-10", "A", "Revenue", 1107.60],
    ["2026-04-10", "A", "Cost", 1000],
    ["2026-07-10", "A", "Revenue", 10],
]


def _report(settings: Settings = Settings()):
    return build_report(read_ledger(ledger_bytes(ROWS), "one.xlsx"), settings)


def test_the_link_carries_the_threshold_and_leaves_the_default_out():
    assert Settings().flat_points == 0.5
    assert "flat" not in to_values(Settings())
    decoded = parse_values(query_values("https://x.example/?flat=0.05"))
    assert decoded.settings.flat_points == 0.05 and not decoded.notices
    assert to_values(decoded.settings) == {"flat": ["0.05"]}
    refused = parse_values({"flat": ["-1"]})
    assert refused.settings.flat_points == 0.5
    assert [n.param for n in refused.notices] == ["flat"]


def test_the_command_flag_sets_it():
    args = build_parser().parse_args(["summarize", "x.xlsx", "--flat-below", "0.05"])
    assert isinstance(args, argparse.Namespace)
    settings, warnings = view_settings(args)
    assert settings.flat_points == 0.05 and warnings == []


def test_the_report_follows_the_setting_and_a_change_of_it_redecides():
    report = _report(Settings(as_of=dt.date(2026, 8, 1)))
    assert report.decisions.at["A", "trend_points"] == 0.0
    assert report.decisions.at["A", "recommendation"] == "Maintain"
    strict = with_choices(report, Settings(as_of=dt.date(2026, 8, 1), flat_points=0.05))
    assert strict.decisions.at["A", "trend_points"] == -1.0
    assert strict.decisions.at["A", "recommendation"] == "Fix"  # 0 − 1 = −1: from −2, a Fix
    assert strict.decisions.at["A", "reasons"] == "ROI falling 10.8 % → 10.8 % (−1)"
    assert not math.isnan(report.evidence.at["A", "trend_change"])
    assert report.evidence.at["A", "trend_change"] == -0.08


def test_the_about_sheet_states_the_threshold_in_force():
    book = load_workbook(io.BytesIO(summary_workbook(_report(Settings(flat_points=0.2)))))
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r[0]}
    assert about["Flat below"] == (
        "0.2 points: a change of ROI of less than 0.2 percentage points is flat (neither up nor down)"
    )
    assert "'Flat below' setting is flat" in about["Recommendation"]
