"""The charts' data, not their pictures, from the small ledger (tests/output/small_ledger.py).

Charts plot ROI in percent (the axis says "ROI (%)"), so a fraction of 0.30 is drawn at 30.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.analysis.roi import BandThresholds
from core.output import charts
from tests.output.small_ledger import small_report


@pytest.fixture(scope="module")
def report():
    return small_report()


def line_positions(fig, axis: str) -> list[float]:
    """Where the figure's straight reference lines sit on one axis (x for vertical lines)."""
    return sorted(shape[f"{axis}0"] for shape in fig.layout.shapes)


class TestRoiByAlliance:
    def test_one_bar_per_alliance_in_band_colours(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        bars = {trace.name: trace for trace in fig.data}
        assert list(bars) == ["Strong", "Weak", "n/a"]  # no Moderate alliance, so no Moderate bars
        assert list(bars["Strong"].x) == ["Acme"]
        assert list(bars["Strong"].y) == [pytest.approx(30.0)]  # (1,300 − 1,000) / 1,000 × 100
        assert list(bars["Weak"].y) == [pytest.approx(-10.0)]  # (900 − 1,000) / 1,000 × 100
        assert list(bars["n/a"].x) == ["Gamma"] and list(bars["n/a"].y) == [0.0]  # undefined, drawn flat
        assert list(bars["n/a"].text) == ["n/a"]
        assert bars["Strong"].marker.color == charts.BAND_COLOURS["Strong"]
        assert sum(len(t.x) for t in fig.data) == len(report.alliances)

    def test_best_first_with_threshold_and_benchmark_lines(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        assert list(fig.layout.xaxis.categoryarray) == ["Acme", "Beta", "Gamma"]  # 30 %, −10 %, n/a
        # thresholds 10 % and 20 % (dashed), benchmarks 15 % and 25 % (dotted)
        assert line_positions(fig, "y") == [10, 15, 20, 25]
        dashes = {shape.y0: shape.line.dash for shape in fig.layout.shapes}
        assert (dashes[20], dashes[10], dashes[15]) == ("dash", "dash", "dot")


def test_before_after_dumbbells(report):
    result = report.before_after
    fig = charts.roi_before_after(result.table, result.portfolio, report.settings.thresholds)
    markers = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in fig.data if trace.name}
    # before: Acme 100 / 500, Beta −50 / 500, portfolio 250 / 1,000; after: 200 / 500, −50 / 500, 450 / 1,000
    assert markers["Before"]["Acme"] == pytest.approx(20.0)
    assert markers["After"]["Acme"] == pytest.approx(40.0)
    assert markers["Before"]["Beta"] == pytest.approx(-10.0) == markers["After"]["Beta"]
    assert markers["Before"]["Portfolio"] == pytest.approx(25.0)
    assert markers["After"]["Portfolio"] == pytest.approx(45.0)
    assert math.isnan(markers["Before"]["Gamma"])  # no cost on either side
    segments = [trace for trace in fig.data if trace.mode == "lines"]
    assert len(segments) == 4  # three alliances and the portfolio
    assert line_positions(fig, "x") == [10, 20]


def test_revenue_and_cost_before_and_after(report):
    result = report.before_after
    fig = charts.revenue_cost_before_after(result.table)
    bars = {trace.name: dict(zip(trace.x, trace.y, strict=True)) for trace in fig.data}
    assert list(bars) == ["Revenue before", "Revenue after", "Cost before", "Cost after"]
    assert bars["Revenue before"] == {"Acme": 600, "Beta": 450, "Gamma": 200}
    assert bars["Revenue after"] == {"Acme": 700, "Beta": 450, "Gamma": 300}
    assert bars["Cost after"] == {"Acme": 500, "Beta": 500, "Gamma": 0}


class TestQuarterlyLines:
    def test_one_line_per_chosen_name_in_percent(self, report):
        fig = charts.quarterly_lines(report.quarterly, ["Portfolio", "Acme"], report.settings.thresholds)
        lines = {trace.name: trace for trace in fig.data}
        assert list(lines) == ["Portfolio", "Acme"]
        assert list(lines["Acme"].x) == ["2024-Q1", "2024-Q2"]
        assert list(lines["Acme"].y) == [pytest.approx(20.0), pytest.approx(40.0)]  # 100 / 500, 200 / 500
        assert list(lines["Portfolio"].y) == [pytest.approx(25.0), pytest.approx(45.0)]  # 250, 450 / 1,000
        assert lines["Portfolio"].line.width > lines["Acme"].line.width
        assert line_positions(fig, "y") == [10, 20]

    def test_trailing_four_quarters_needs_four(self, report):
        fig = charts.quarterly_lines(report.quarterly, ["Acme"], report.settings.thresholds, trailing=True)
        assert all(math.isnan(y) for y in fig.data[0].y)  # two quarters of data
        assert fig.layout.title.text == "Trailing four-quarter ROI"


def test_distribution_rows_per_quartile_with_cuts_and_benchmarks(report):
    fig = charts.roi_distribution(report.alliances, report.cuts, report.benchmarks)
    points = {trace.name: dict(zip(trace.text, trace.x, strict=True)) for trace in fig.data}
    assert points == {"Top quartile": {"Acme": pytest.approx(30.0)}, "Bottom quartile": {"Beta": -10.0}}
    # cuts P25 0, P50 10, P75 20 (QUARTILE.INC of −10 % and 30 %), benchmarks 15 and 25
    assert line_positions(fig, "x") == pytest.approx([0, 10, 15, 20, 25])


def test_revenue_cost_map_lines_of_equal_roi(report):
    fig = charts.revenue_cost_map(report.alliances)
    equal = {trace.name: trace for trace in fig.data if trace.mode == "lines"}
    top = 1300 * 1.1  # the larger of the largest cost (1,000) and revenue (1,300), with a margin
    assert list(equal["ROI 0%"].x) == [0, pytest.approx(top)]
    assert list(equal["ROI 0%"].y) == [0, pytest.approx(top)]
    assert list(equal["ROI 10%"].x) == [0, pytest.approx(top / 1.1)]  # revenue = 1.1 × cost at the top
    alliances = next(trace for trace in fig.data if trace.name == "Alliances")
    placed = dict(zip(alliances.text, zip(alliances.x, alliances.y, strict=True), strict=True))
    assert placed == {"Acme": (1000, 1300), "Beta": (1000, 900), "Gamma": (0, 500)}


def test_names_are_shown_as_text_in_charts():
    # Plotly reads <a href>, <b> and <br> in labels as markup: a name is escaped, shown as typed.
    evil = "<a href='https://evil.example'>sign in</a>"
    table = pd.DataFrame(
        {
            "revenue": [150.0],
            "cost": [100.0],
            "net_value": [50.0],
            "roi": [0.5],
            "roi_note": [""],
            "band": ["Strong"],
        },
        index=pd.Index([evil], name="alliance"),
    )
    fig = charts.roi_by_alliance(table, BandThresholds(), pd.DataFrame(columns=["name", "roi", "source"]))
    assert list(fig.data[0].x) == ["&lt;a href='https://evil.example'&gt;sign in&lt;/a&gt;"]
    quarterly = pd.DataFrame({"alliance": [evil], "quarter": ["2024-Q1"], "roi": [0.5], "roi_ttm": [0.5]})
    lines = charts.quarterly_lines(quarterly, [evil], BandThresholds())
    assert lines.data[0].name == "&lt;a href='https://evil.example'&gt;sign in&lt;/a&gt;"
    assert "evil" not in lines.data[0].hovertemplate
