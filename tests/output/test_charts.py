"""The charts' data, not their pictures, from the small ledger (tests/output/small_ledger.py).

Charts plot ROI in percent (the axis says "ROI", its ticks " %"), so a fraction of 0.30 is drawn at 30.

The alliance axis of the small ledger: two defined ROIs (30, −10) are too few to have a bulk, so all
are shown; with zero, the thresholds 10 and 20 and the benchmarks 15 and 25 it spans [−10, 30], 40
points, padded by 12 % of 40 = 4.8 on each side: [−14.8, 34.8].
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core import palette
from core.analysis.roi import BandThresholds
from core.output import charts
from tests.output.small_ledger import small_report


@pytest.fixture(scope="module")
def report():
    return small_report()


def line_positions(fig, axis: str) -> list[float]:
    """Where the figure's straight reference lines sit on one axis (x for vertical lines)."""
    return sorted(shape[f"{axis}0"] for shape in fig.layout.shapes)


def annotations(fig, name: str) -> list:
    return [a for a in fig.layout.annotations if a.name == name]


class TestRoiByAlliance:
    def test_one_bar_per_alliance_in_band_colours_shapes_and_patterns(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        bars = {trace.name: trace for trace in fig.data}
        assert list(bars) == ["▲ Strong", "▼ Weak", "○ n/a"]  # no Moderate alliance, so no Moderate bars
        assert all(trace.orientation == "h" for trace in fig.data)  # names beside the bars, not under
        assert list(bars["▲ Strong"].y) == ["Acme"]
        assert list(bars["▲ Strong"].x) == [pytest.approx(30.0)]  # (1,300 − 1,000) / 1,000 × 100
        assert list(bars["▼ Weak"].x) == [pytest.approx(-10.0)]  # (900 − 1,000) / 1,000 × 100
        assert list(bars["○ n/a"].y) == ["Gamma"] and list(bars["○ n/a"].x) == [0.0]  # undefined, flat
        assert bars["▲ Strong"].marker.color == palette.BAND_COLOURS["Strong"] == palette.GREEN
        assert bars["▼ Weak"].marker.pattern.shape == "/"  # told apart without colour too
        assert sum(len(t.y) for t in fig.data) == len(report.alliances)

    def test_values_in_a_column_right_of_the_plot(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        values = {a.y: a.text for a in annotations(fig, "value")}
        assert values == {"Acme": "30.0 %", "Beta": "-10.0 %", "Gamma": "n/a"}
        assert not annotations(fig, "clipped")
        assert fig.layout.margin.r == 46 + 14  # "-10.0 %", 7 characters of 6.5 px, and a gap

    def test_best_first_with_threshold_and_benchmark_lines(self, report):
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        # categories run bottom to top: Gamma (n/a) at the bottom, Acme (30 %) at the top
        assert list(fig.layout.yaxis.categoryarray) == ["Gamma", "Beta", "Acme"]
        assert tuple(fig.layout.xaxis.range) == (pytest.approx(-14.8), pytest.approx(34.8))
        # thresholds 10 % and 20 % (dashed), benchmarks 15 % and 25 % (dotted)
        assert line_positions(fig, "x") == [10, 15, 20, 25]
        dashes = {shape.x0: shape.line.dash for shape in fig.layout.shapes}
        assert (dashes[20], dashes[10], dashes[15]) == ("dash", "dash", "dot")

    def test_reference_tags_sit_above_the_plot_in_rows_that_never_overlap(self, report):
        # 180 px over 49.6 points: 3.629 px a point; a tag of 3 characters is 27.5 px wide.
        # 10 %: 76.3–103.8 px, row 0; 15 %: from 94.4, row 1; 20 %: from 112.5, row 0; 25 %: from
        # 129.8 ≥ 121.9 (where 15 % ends), row 1
        fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
        tags = annotations(fig, "reference")
        assert {a.x: (a.text, a.yshift) for a in tags} == {
            10: ("10%", 2),
            15: ("15%", 22),
            20: ("20%", 2),
            25: ("25%", 22),
        }
        assert len({(a.x, a.yshift) for a in tags}) == len(tags)
        assert fig.layout.margin.t == charts.TITLE_PX + charts.MODEBAR_PX + 2 * charts.TAG_ROW_PX


class TestReferences:
    def test_a_benchmark_on_a_threshold_shares_its_tag(self):
        benchmarks = pd.DataFrame({"name": ["Policy"], "roi": [0.20], "source": [""]})
        fig = charts.roi_by_alliance(
            pd.DataFrame(
                {"roi": [0.05], "band": ["Weak"], "revenue": [1.05], "cost": [1.0], "roi_note": [""]},
                index=["A"],
            ),
            BandThresholds(),
            benchmarks,
        )
        assert sorted(a.x for a in annotations(fig, "reference")) == [10, 20]  # one tag at 20
        assert sorted(s.name for s in fig.layout.shapes) == [
            "Moderate from 10%",
            "Policy 20%",
            "Strong above 20%",
        ]

    def test_tag_rows_keep_every_pair_apart_at_the_narrowest_width(self):
        axis = charts.Axis(0, 40)
        tags = [(v, f"{v}%") for v in (10, 11, 12, 13, 30)]
        rows = charts.tag_rows(tags, axis)
        px = charts.NARROWEST_PLOT_PX / 40
        for i, (a, ta) in enumerate(tags):
            for j, (b, tb) in enumerate(tags[i + 1 :], start=i + 1):
                if rows[i] == rows[j]:
                    half = (len(ta) + len(tb)) * charts.TAG_CHAR_PX / 2 + charts.TAG_PAD_PX
                    assert abs(a - b) * px >= half, (ta, tb)
        assert rows == [0, 1, 2, 3, 0]  # 10 to 13 are 4.5 px apart: each its own row; 30 far off


def test_before_after_dumbbells(report):
    result = report.before_after
    fig = charts.roi_before_after(result.table, result.portfolio, report.settings.thresholds)
    markers = {}
    for trace in fig.data:
        if trace.mode == "markers":
            markers.setdefault(trace.name, {}).update(zip(trace.y, trace.x, strict=True))
    # before: Acme 100 / 500, Beta −50 / 500, portfolio 250 / 1,000; after: 200 / 500, −50 / 500, 450 / 1,000
    assert markers["Before"]["Acme"] == pytest.approx(20.0)
    assert markers["After: ROI rose"]["Acme"] == pytest.approx(40.0)
    assert markers["Before"]["Beta"] == pytest.approx(-10.0) == markers["After: no change or n/a"]["Beta"]
    assert markers["Before"]["Portfolio"] == pytest.approx(25.0)
    assert markers["After: ROI rose"]["Portfolio"] == pytest.approx(45.0)
    assert math.isnan(markers["Before"]["Gamma"])  # no cost on either side: no change to speak of
    assert math.isnan(markers["After: no change or n/a"]["Gamma"])
    assert "After: ROI fell" not in markers
    # One line trace per colour, each segment before → after ended by a gap: Acme and the portfolio
    # rose (green), Beta and Gamma did not change or cannot be compared (blue; Gamma's ends are NaN).
    segments = {
        trace.line.color: list(zip(trace.y, trace.x, strict=True))
        for trace in fig.data
        if trace.mode == "lines"
    }
    assert set(segments) == {palette.GREEN, palette.BLUE}
    rose = [(y, x) for y, x in segments[palette.GREEN] if y is not None]
    assert sorted(rose) == [
        ("Acme", pytest.approx(20.0)),
        ("Acme", pytest.approx(40.0)),
        ("Portfolio", pytest.approx(25.0)),
        ("Portfolio", pytest.approx(45.0)),
    ]
    assert [y for y, _ in segments[palette.BLUE]] == ["Gamma", "Gamma", None, "Beta", "Beta", None]
    assert line_positions(fig, "x") == [10, 20]
    # values −10, −10, 20, 25, 40, 45: median 22.5, MAD 20, fences ±148: all shown; [−10, 45] padded 6.6
    assert tuple(fig.layout.xaxis.range) == (pytest.approx(-16.6), pytest.approx(51.6))
    assert charts.chart_notes(fig) == []


def test_revenue_and_cost_before_and_after(report):
    result = report.before_after
    fig = charts.revenue_cost_before_after(result.table, "EUR")
    bars = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in fig.data}
    assert list(bars) == ["Revenue before", "Revenue after", "Cost before", "Cost after"]
    assert bars["Revenue before"] == {"Acme": 600, "Beta": 450, "Gamma": 200}
    assert bars["Revenue after"] == {"Acme": 700, "Beta": 450, "Gamma": 300}
    assert bars["Cost after"] == {"Acme": 500, "Beta": 500, "Gamma": 0}
    assert (
        fig.data[0].marker.pattern.shape == "/" and fig.data[1].marker.pattern.shape == ""
    )  # before hatched
    assert (fig.layout.xaxis.tickprefix, fig.layout.xaxis.tickformat) == ("€", "~s")  # '€600', '€1.2k'
    assert fig.layout.xaxis.title.text == "Amount (EUR)"


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
        # the threshold tags sit in the right margin, at their lines' heights
        assert {(a.y, a.text, a.xref, a.x) for a in annotations(fig, "reference")} == {
            (20, "20%", "paper", 1),
            (10, "10%", "paper", 1),
        }

    def test_trailing_four_quarters_needs_four(self, report):
        fig = charts.quarterly_lines(report.quarterly, ["Acme"], report.settings.thresholds, trailing=True)
        assert all(math.isnan(y) for y in fig.data[0].y)  # two quarters of data
        assert fig.layout.title.text == "Trailing four-quarter ROI"


def test_partial_quarters_have_hollow_markers_and_a_legend_entry():
    """#32.10. Entries from 10 Nov 2024 to 20 Mar 2025: 2024-Q4 is covered from November only, so it
    is partial (as the table marks it); 2025-Q1 is whole. Q4 (Nov): (1,200 − 1,000) / 1,000 = 20 %;
    Q1 (Feb, Mar): (1,300 − 1,000) / 1,000 = 30 %. Acme, the first line, and the portfolio have
    circles."""
    from core.analysis.trends import quarterly_roi

    rows = [
        ("2024-11-10", "Acme", "revenue", 1200.0),
        ("2024-11-10", "Acme", "cost", 1000.0),
        ("2025-02-10", "Acme", "revenue", 1300.0),
        ("2025-03-20", "Acme", "cost", 1000.0),
    ]
    entries = pd.DataFrame(rows, columns=["date", "alliance", "kind", "amount"])
    quarterly = quarterly_roi(entries.assign(date=pd.to_datetime(entries["date"])))
    fig = charts.quarterly_lines(quarterly, ["Portfolio", "Acme"], BandThresholds())
    lines = {trace.name: trace for trace in fig.data}
    assert list(lines["Acme"].x) == ["2024-Q4", "2025-Q1"]
    assert list(lines["Acme"].y) == [pytest.approx(20.0), pytest.approx(30.0)]
    assert list(lines["Acme"].marker.symbol) == ["circle-open", "circle"]
    assert list(lines["Portfolio"].marker.symbol) == ["circle-open", "circle"]
    assert list(lines["Acme"].customdata) == [" (partial quarter)", ""]
    # The legend draws the hollow circle beside the words (a '○' in them showed it twice).
    legend = [t for t in fig.data if t.name and t.name.startswith("hollow marker")]
    assert [t.name for t in legend] == [
        "hollow marker: partial quarter (the data cover only part of it): 2024-Q4"
    ]
    assert legend[0].marker.symbol == "circle-open"
    # Whole quarters only: no hollow marker, no legend entry.
    whole = quarterly.assign(complete=True)
    fig = charts.quarterly_lines(whole, ["Acme"], BandThresholds())
    assert list(fig.data[0].marker.symbol) == ["circle", "circle"] and len(fig.data) == 1


def test_distribution_one_row_per_alliance_marked_by_quartile(report):
    fig = charts.roi_distribution(report.alliances, report.cuts, report.benchmarks)
    points = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in fig.data}
    assert points == {"Top quartile": {"Acme": pytest.approx(30.0)}, "Bottom quartile": {"Beta": -10.0}}
    assert {t.name: t.marker.symbol for t in fig.data} == {
        "Top quartile": "triangle-up",
        "Bottom quartile": "triangle-down",
    }
    # cuts P25 0, P50 10, P75 20 (QUARTILE.INC of −10 % and 30 %), benchmarks 15 and 25
    assert line_positions(fig, "x") == pytest.approx([0, 10, 15, 20, 25])
    tags = annotations(fig, "reference")
    assert sorted(a.text for a in tags) == ["15%", "25%", "P25 0.0%", "P50 10.0%", "P75 20.0%"]
    assert len({(a.x, a.yshift) for a in tags}) == len(tags)
    # the cuts are named by their tags; only the benchmarks need the legend
    assert sorted(s.name for s in fig.layout.shapes if s.showlegend) == [
        "Cross-industry average 15%",
        "Top quartile, technology partnerships 25%",
    ]


def test_revenue_cost_map_lines_of_equal_roi(report):
    fig = charts.revenue_cost_map(report.alliances)
    equal = {trace.name: trace for trace in fig.data if trace.mode == "lines"}
    top = 1300 * 1.1  # the larger of the largest cost (1,000) and revenue (1,300), with a margin
    assert list(equal["ROI 0%"].x) == [0, pytest.approx(top)]
    assert list(equal["ROI 0%"].y) == [0, pytest.approx(top)]
    assert list(equal["ROI 10%"].x) == [0, pytest.approx(top / 1.1)]  # revenue = 1.1 × cost at the top
    placed = {
        name: (x, y)
        for trace in fig.data
        if trace.mode == "markers+text"
        for name, x, y in zip(trace.hovertext, trace.x, trace.y, strict=True)
    }
    assert placed == {"Acme": (1000, 1300), "Beta": (1000, 900), "Gamma": (0, 500)}
    assert {t.name: t.marker.symbol for t in fig.data if t.mode == "markers+text"} == {
        "Strong": "triangle-up",
        "Weak": "triangle-down",
        "n/a": "circle-open",
    }


class TestLabelPositions:
    def test_far_apart_points_are_named_above(self):
        # on 260 × 300 px over [0, 100]²: points at (10, 10) and (90, 90) px-wise far apart
        assert charts.label_positions([(10, 10, "A"), (90, 90, "B")], 100) == ["top center", "top center"]

    def test_a_crowded_name_moves_or_is_left_for_the_hover(self):
        # On 260 × 300 px over [0, 100]², five points 1 unit (3 px) apart, one above the other at
        # x = 130 px (y 156, 153, 150, 147, 144 px); a name is 12 px high, 6 px a character + 4,
        # 8 px from its point; a marker takes ±7 px.
        #   Alpha: above (164–176) is free.
        #   Beta: above meets Alpha's name; below (133–145) meets Gamma's marker; right is free.
        #   Gamma: above meets Alpha's name, below meets Delta's marker, right meets Beta's name: left.
        #   Delta: above, below (Epsilon's marker), right and left (Gamma's name) are all taken: none.
        #   Epsilon: above meets Alpha's marker; below (124–136) is free.
        points = [(50, 52 - i, name) for i, name in enumerate(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])]
        assert charts.label_positions(points, 100) == [
            "top center",
            "middle right",
            "middle left",
            None,
            "bottom center",
        ]

    def test_a_name_that_would_leave_the_plot_goes_beside_its_point(self):
        # at x = 0 a centred name would stick out on the left: it goes right of the point
        assert charts.label_positions([(0, 50, "Edge")], 100) == ["middle right"]

    def test_the_map_notes_the_names_left_off(self):
        # Big (1,000, 1,000) sets the axis to [0, 1,100]; six alliances share (500, 500): above,
        # below, right and left of that point take four names, the last two are left for the hover
        names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
        table = pd.DataFrame(
            {"cost": [1000.0] + [500.0] * 6, "revenue": [1000.0] + [500.0] * 6, "band": ["Weak"] * 7},
            index=["Big", *names],
        )
        fig = charts.revenue_cost_map(table)
        named = [t for trace in fig.data if trace.mode == "markers+text" for t in trace.text if t]
        assert named == ["Big", "Alpha", "Beta", "Gamma", "Delta"]
        assert charts.chart_notes(fig) == [
            "Not named on the chart, to keep names apart (hover to see them): Epsilon, Zeta."
        ]


def test_goal_progress_bars_by_status(report):
    fig = charts.goal_progress(report.goals)
    bars = {trace.name: trace for trace in fig.data if trace.type == "bar"}
    assert list(bars) == ["! At risk"]  # 40 of 100, half the year gone (tests/output/small_ledger.py)
    assert list(bars["! At risk"].x) == [pytest.approx(40.0)]
    assert list(bars["! At risk"].y) == ["Acme<br>Customers"]
    assert bars["! At risk"].marker.color == palette.ORANGE  # an achieved goal would be green, never red
    assert [(a.y, a.text) for a in annotations(fig, "value")] == [("Acme<br>Customers", "40.0 %")]
    expected = next(trace for trace in fig.data if trace.name == "Expected by now")
    assert list(expected.x) == [pytest.approx(182 / 365 * 100)]


def test_status_and_band_colours_come_from_okabe_ito():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#999999"}
    assert set(palette.BAND_COLOURS.values()) <= okabe_ito
    assert set(palette.STATUS_COLOURS.values()) <= okabe_ito
    assert set(palette.QUARTILE_COLOURS.values()) <= okabe_ito
    assert palette.STATUS_COLOURS["Achieved"] == palette.GREEN != palette.STATUS_COLOURS["Off track"]
    # every band, quartile and status has its own shape too
    assert len(set(charts.BAND_SYMBOLS.values())) == len(charts.BAND_SYMBOLS)
    assert len(set(charts.QUARTILE_SYMBOLS.values())) == len(charts.QUARTILE_SYMBOLS)
    assert len(set(charts.STATUS_ICONS.values())) == len(charts.STATUS_ICONS)


def test_untitled_moves_the_title_out_and_gives_back_its_room(report):
    fig = charts.roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks)
    title, bare = charts.untitled(fig)
    assert title == "ROI by alliance, coloured by band"
    assert not bare.layout.title.text
    assert bare.layout.margin.t == fig.layout.margin.t - charts.TITLE_PX
    assert bare.layout.height == fig.layout.height - charts.TITLE_PX
    assert fig.layout.title.text == title  # the figure itself is left as it was


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
    assert list(fig.data[0].y) == ["&lt;a href='https://evil.example'&gt;sign in&lt;/a&gt;"]
    quarterly = pd.DataFrame({"alliance": [evil], "quarter": ["2024-Q1"], "roi": [0.5], "roi_ttm": [0.5]})
    lines = charts.quarterly_lines(quarterly, [evil], BandThresholds())
    assert lines.data[0].name == "&lt;a href='https://evil.example'&gt;sign in&lt;/a&gt;"
    assert "evil" not in lines.data[0].hovertemplate
    goals = pd.DataFrame(
        {
            "alliance": [evil],
            "metric": ["<b>x</b>"],
            "progress": [0.5],
            "expected": [0.5],
            "status": ["On track"],
        }
    )
    assert "<a" not in charts.goal_progress(goals).data[0].y[0]


def test_history_lines_of_ten_alliances_each_have_a_colour_of_their_own():
    """#32.14: the history chart's colours went round after six (the seventh alliance's line was the
    first's colour). Ten alliances, two reviews: ten lines, ten colours."""
    names = [f"A{i}" for i in range(10)]
    rows = [
        {"alliance": n, "review": r, "review_date": d, "roi": 0.1 + 0.01 * i}
        for r, d in (("Q1", "2026-03-31"), ("Q2", "2026-06-30"))
        for i, n in enumerate(names)
    ]
    fig = charts.roi_across_reviews(pd.DataFrame(rows))
    colours = [trace.line.color for trace in fig.data]
    assert [trace.name for trace in fig.data] == names
    assert len(set(colours)) == 10
    assert set(colours) <= set(palette.MANY_LINE_COLOURS)
