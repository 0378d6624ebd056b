"""Charts on a ledger with outliers: the axis shows the bulk, a value beyond it is written at the edge.

The outlier ledger (`outlier_workbook`), monthly entries on the 15th, January 2024 to December 2025,
in USD, every alliance's initiative on 2025-01-01. Per month, before (2024) and after (2025):

    alliance              revenue / cost before     revenue / cost after      ROI over both years
    Northwind Cloud       120,500 / 100,000         the same                  20.5 %   (Strong, just)
    Contoso Systems        56,500 /  50,000         the same                  13.0 %
    Globex Distribution    86,000 /  80,000         the same                   7.5 %
    Initech Channel        27,600 /  24,000         the same                  15.0 %
    Umbrella Resellers     18,000 /  20,000         the same                 −10.0 %
    Tiny Labs              28,570 /   1,000         22,200 / 20,000          141.8 %
    Spark Referrals        14,285 /     500         the same                 2,757 %

    Tiny Labs over both years: (342,840 + 266,400 − 12,000 − 240,000) / 252,000 = 357,240 / 252,000
    Spark Referrals: (14,285 − 500) / 500 = 27.57; Tiny Labs before: (28,570 − 1,000) / 1,000 = 27.57,
    after (22,200 − 20,000) / 20,000 = 0.11: a change of −27.46, −2,746 points, on a cost of 12,000
    before and 240,000 after.

The ROI axis of the alliance chart (`robust_range`, in percent): the ROIs sorted are −10, 7.5, 13,
15, 20.5, 141.76, 2,757; median 15; distances from it 25, 7.5, 2, 0, 5.5, 126.76, 2,742, whose median
is 7.5; spread 1.4826 × 7.5 = 11.1195 (above the 10-point floor), so the bulk lies within
15 ± 5 × 11.1195 = [−40.6, 70.6]: the five ROIs from −10 to 20.5. With the marks (0, thresholds 10
and 20, benchmarks 15 and 25) the core is [−10, 25], 35 points; all values would span 2,767 > 2 × 35,
so the axis is the core padded by 12 % of 35 = 4.2 on each side: [−14.2, 29.2].
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core import palette
from core.output import charts
from core.reading.ledger import read_ledger
from core.report import build_report
from tests.helpers import workbook_bytes

MONTHLY = {
    "Northwind Cloud": ((120_500, 100_000), (120_500, 100_000), "Value Multiplier"),
    "Contoso Systems": ((56_500, 50_000), (56_500, 50_000), "Value Multiplier"),
    "Globex Distribution": ((86_000, 80_000), (86_000, 80_000), "Market Accelerator"),
    "Initech Channel": ((27_600, 24_000), (27_600, 24_000), "Market Accelerator"),
    "Umbrella Resellers": ((18_000, 20_000), (18_000, 20_000), "Market Accelerator"),
    "Tiny Labs": ((28_570, 1_000), (22_200, 20_000), "Innovation Catalyst"),
    "Spark Referrals": ((14_285, 500), (14_285, 500), "Innovation Catalyst"),
}
INITIATIVE = dt.date(2025, 1, 1)


def outlier_workbook() -> bytes:
    """The outlier ledger above, with a Currency column (USD) and an Alliances sheet."""
    rows: list[list[object]] = [["Date", "Alliance", "Kind", "Amount", "Currency"]]
    for year in (2024, 2025):
        for month in range(1, 13):
            day = dt.date(year, month, 15)
            for name, (before, after, _) in MONTHLY.items():
                revenue, cost = before if year == 2024 else after
                rows += [[day, name, "Revenue", revenue, "USD"], [day, name, "Cost", cost, "USD"]]
    alliances = [["Alliance", "Type", "Initiative date"]]
    alliances += [[name, kind, INITIATIVE] for name, (_, _, kind) in MONTHLY.items()]
    return workbook_bytes({"Ledger": rows, "Alliances": alliances})


@pytest.fixture(scope="module")
def report():
    return build_report(read_ledger(outlier_workbook(), "outliers.xlsx"))


def annotations(fig, name: str) -> list:
    return [a for a in fig.layout.annotations if a.name == name]


class TestRobustRange:
    def test_the_outlier_ledger_axis_as_worked_out_above(self):
        rois = [20.5, 13.0, 7.5, 15.0, -10.0, 357_240 / 252_000 * 100, 2757.0]
        axis = charts.robust_range(rois, keep=[20, 10, 15, 25])
        assert (axis.low, axis.high) == (pytest.approx(-14.2), pytest.approx(29.2))

    def test_every_value_shown_when_none_is_far_out(self):
        # median 15; distances 45, 20, 10, 3, 3, 10, 25, 45 -> median 10, spread 14.826: fences ±74.1
        axis = charts.robust_range([-30, -5, 5, 12, 18, 25, 40, 60])
        assert (axis.low, axis.high) == (pytest.approx(-30 - 10.8), pytest.approx(60 + 10.8))  # 12 % of 90

    def test_a_value_beyond_the_fences_stays_when_it_does_not_double_the_axis(self):
        # median 10, distances 5, 2, 0, 2, 35 -> MAD 2, spread floored at 10: fences [−40, 60]; 45 is in
        # them anyway; with 75 instead the core [0, 12] is 12 and all [0, 75] is 75 > 24: left off
        assert charts.robust_range([5, 8, 10, 12, 45]).high == pytest.approx(45 + 0.12 * 45)
        assert charts.robust_range([5, 8, 10, 12, 75]).high == pytest.approx(12 + 0.12 * 12)

    def test_two_values_are_both_shown(self):
        axis = charts.robust_range([10, 2757])
        assert axis.high == pytest.approx(2757 + 0.12 * 2757)

    def test_clips_says_which_edge(self):
        axis = charts.Axis(-14.2, 29.2)
        assert [axis.clips(v) for v in (2757, -50, 20.5, float("nan"))] == [1, -1, 0, 0]


class TestTagRows:
    def test_close_tags_go_to_another_row(self):
        # 180 px over [−14.2, 29.2] is 4.147 px a point; '10%' is 3 × 6.5 + 8 = 27.5 px wide.
        # 10 % spans 90.4–117.9 px, 15 %: 111.2 px from its left: no room in row 0 -> row 1;
        # 20 %: 132.7 ≥ 117.9 -> row 0; 25 %: 153.4 ≥ 138.7 (15 %'s end) -> row 1
        axis = charts.Axis(-14.2, 29.2)
        assert charts.tag_rows([(10, "10%"), (15, "15%"), (20, "20%"), (25, "25%")], axis) == [0, 1, 0, 1]

    def test_far_apart_tags_share_a_row(self):
        assert charts.tag_rows([(0, "0%"), (50, "50%"), (100, "100%")], charts.Axis(0, 100)) == [0, 0, 0]


class TestOverviewBars:
    def test_the_axis_leaves_out_the_outliers_and_writes_their_values_at_the_edge(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks, "USD")
        assert tuple(fig.layout.xaxis.range) == (pytest.approx(-14.2), pytest.approx(29.2))
        # every ROI is written in a column right of the plot; those beyond the axis with an arrow
        edges = {a.y: a.text for a in annotations(fig, "clipped")}
        assert edges == {"Spark Referrals": "<b>2,757 % →</b>", "Tiny Labs": "<b>142 % →</b>"}  # 141.76 %
        values = {a.y: a.text for a in annotations(fig, "value")}
        assert values["Northwind Cloud"] == "20.5 %" and values["Umbrella Resellers"] == "-10.0 %"
        assert all(
            a.xref == "paper" and a.x == 1 and a.xanchor == "left"
            for a in fig.layout.annotations
            if a.name in ("clipped", "value")
        )
        bars = {y: x for trace in fig.data for y, x in zip(trace.y, trace.x, strict=True)}
        assert bars["Spark Referrals"] == pytest.approx(2757.0)  # the bar runs on; the axis cuts it at 29.2

    def test_notes_name_the_cost_base(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks, "USD")
        # costs: 2.4M, 1.2M, 960k, 600k, 288k, 252k, 12k -> median 600k; Spark's 12k is under a tenth
        assert charts.chart_notes(fig) == [
            "Spark Referrals: ROI 2,757 % on a cost of $12.00k (a small base: under a tenth of the median "
            "alliance's), drawn to the edge of the chart.",
            "Tiny Labs: ROI 142 % on a cost of $252.00k, drawn to the edge of the chart.",
        ]

    def test_reference_labels_never_share_a_place(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        tags = annotations(fig, "reference")
        assert sorted((a.x, a.text) for a in tags) == [(10, "10%"), (15, "15%"), (20, "20%"), (25, "25%")]
        places = [(a.x, a.yshift) for a in tags]
        assert len(set(places)) == len(places)
        assert {a.x: a.yshift for a in tags} == {10: 2, 15: 22, 20: 2, 25: 22}  # rows as in TestTagRows
        assert all(a.yref == "paper" and a.y == 1 and a.yanchor == "bottom" for a in tags)  # above the plot
        # the lines are named in the legend, not on the plot
        assert sorted(s.name for s in fig.layout.shapes) == [
            "Cross-industry average 15%",
            "Moderate from 10%",
            "Strong above 20%",
            "Top quartile, technology partnerships 25%",
        ]
        assert all(s.showlegend for s in fig.layout.shapes)


class TestBeforeAfterDumbbells:
    def test_the_small_base_before_is_cut_at_the_edge_with_an_honesty_note(self, report):
        result = report.before_after
        fig = charts.roi_before_after(result.table, result.portfolio, report.settings.thresholds, "USD")
        high = fig.layout.xaxis.range[1]
        assert high < 100  # the axis is not stretched to 2,757 %
        edges = {a.y: a.text for a in annotations(fig, "clipped")}
        assert edges["Tiny Labs"] == "before 2,757 % →"
        assert edges["Spark Referrals"] == "2,757 % before and after →"
        before = next(t for t in fig.data if t.name == "Before")
        placed = dict(zip(before.y, before.x, strict=True))
        assert placed["Tiny Labs"] == pytest.approx(high)  # drawn on the edge
        note = next(n for n in charts.chart_notes(fig) if n.startswith("Tiny Labs"))
        # before-side costs 1.2M, 600k, 960k, 288k, 240k, 12k, 6k -> median 240k; 12k is under a tenth
        assert note == (
            "Tiny Labs: ROI 2,757 % before, 11.0 % after (-2,746 points) on a cost of $12.00k before and "
            "$240.00k after; the cost before is under a tenth of the median alliance's, a small base on "
            "which ROI swings widely. Drawn to the edge of the chart."
        )


class TestTrendLines:
    def test_quarters_beyond_the_axis_are_marked_on_the_top_edge_with_their_figure(self, report):
        fig = charts.quarterly_lines(
            report.quarterly, ["Portfolio", "Spark Referrals", "Contoso Systems"], report.settings.thresholds
        )
        high = fig.layout.yaxis.range[1]
        assert high < 100  # the bulk: the portfolio and Contoso, not Spark's 2,757 %
        edge = next(t for t in fig.data if t.showlegend is False)
        assert list(edge.x) == [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
        assert all(y == pytest.approx(high) for y in edge.y) and edge.marker.symbol == "triangle-up"
        assert list(edge.hovertext) == ["2,757 %"] * 8
        labels = annotations(fig, "clipped")
        assert [a.text for a in labels] == ["↑ Spark Referrals: 2,757 % in 8 quarters"]
        assert labels[0].yref == "paper" and labels[0].y == 1  # above the plot, clear of the lines
        assert charts.chart_notes(fig) == [
            "Spark Referrals: 2,757 % in 8 quarters, beyond the chart: marked on its top edge."
        ]

    def test_two_lines_beyond_the_axis_get_labels_one_below_the_other(self, report):
        # every line: 64 quarters' values, of which Spark's 8 and Tiny Labs' 4 of 2024 are far out
        names = ["Portfolio", *MONTHLY]
        fig = charts.quarterly_lines(report.quarterly, names, report.settings.thresholds)
        labels = annotations(fig, "clipped")
        assert [(a.text, a.yshift) for a in labels] == [
            ("↑ Tiny Labs: 2,757 % in 4 quarters", 20),  # a row above the markers on the edge
            ("↑ Spark Referrals: 2,757 % in 8 quarters", 40),  # and one more
        ]
        assert fig.layout.margin.t == charts.TITLE_PX + charts.MODEBAR_PX + 3 * charts.TAG_ROW_PX

    def test_lines_differ_by_more_than_colour(self, report):
        fig = charts.quarterly_lines(
            report.quarterly,
            ["Portfolio", "Contoso Systems", "Globex Distribution"],
            report.settings.thresholds,
        )
        styles = {(t.line.color, t.line.dash, t.marker.symbol) for t in fig.data}
        assert len(styles) == 3
        assert fig.data[0].line.color == palette.PORTFOLIO_COLOUR


def test_tables_of_a_clean_ledger_are_not_cut():
    table = pd.DataFrame(
        {"roi": [0.3, 0.1, -0.05], "band": ["Strong", "Moderate", "Weak"], "revenue": [1.0] * 3},
        index=["A", "B", "C"],
    ).assign(cost=1.0, roi_note="")
    fig = charts.roi_by_alliance(table, report_thresholds(), pd.DataFrame(columns=["name", "roi"]))
    assert not annotations(fig, "clipped") and charts.chart_notes(fig) == []


def report_thresholds():
    from core.analysis.roi import BandThresholds

    return BandThresholds()
