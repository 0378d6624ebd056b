"""The HTML report's file: small enough to send, numbers on one line, built to print, charts readied.

Figures come from tests/output/small_ledger.py (Acme 30 %, Beta −10 %, Gamma without cost), worked
out by hand there. Tests/output/test_html_printing.py looks at the same file in Chromium.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from importlib import resources

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs_version

from core.model import PORTFOLIO
from core.output.charts import chart_notes, quarterly_lines, revenue_cost_map, roi_by_alliance
from core.output.html_report import PLOTLY_BASIC, html_report, print_zoom, report_chart
from core.palette import DISTINCT_LINE_COLOURS as LINE_COLOURS
from core.reading.ledger import read_ledger
from core.report import Report, build_report
from core.settings import Settings
from tests.output.small_ledger import small_report
from tests.output.test_sample_workbook import AS_OF, SAMPLE

EXPORTED_AT = dt.datetime(2024, 7, 1, 9, 0)
MB = 1_000_000  # 2 MB read strictly: 2,000,000 bytes


@cache
def sample_report() -> Report:
    return build_report(read_ledger(SAMPLE.read_bytes(), SAMPLE.name), Settings(as_of=AS_OF))


@cache
def small_page() -> str:
    return html_report(small_report(), exported_at=EXPORTED_AT).decode("utf-8")


def test_the_sample_report_is_under_2_mb():
    size = len(html_report(sample_report(), exported_at=EXPORTED_AT))
    assert size < 2 * MB, f"{size:,} bytes"


def test_plotly_js_is_the_basic_bundle_of_the_packages_version_and_inline_once():
    bundle = resources.files("core.output").joinpath("assets", PLOTLY_BASIC).read_text("utf-8")
    assert f"plotly.js (basic - minified) v{get_plotlyjs_version()}" in bundle[:200]
    page = small_page()
    assert page.count("plotly.js (basic - minified)") == 1
    assert "<script src=" not in page and 'src="http' not in page  # nothing fetched from the network


def test_one_section_per_part_in_order():
    headings = re.findall(r"<section>\s*<h2>(.*?)</h2>", small_page())
    assert headings == [
        "Alliances",
        "Quartiles and benchmarks",
        "Before / after",
        "Quarterly trends",
        "Scorecard",
        "Decisions",
        "Health and risks",
        "Action plan",
    ]


def style_of(page: str) -> str:
    return page[page.index("<style>") : page.index("</style>")]


def test_print_rules():
    style = style_of(small_page())
    assert "@page { size: landscape; margin: 12mm; }" in style  # A4 or Letter, whichever is loaded
    printing = style[style.index("@media print") :]
    assert "section ~ section { break-before: page; }" in printing  # each part on a new page
    assert "thead { display: table-header-group; }" in printing  # headers again on each page
    assert "tr, .tile, .paragraph, .chart { break-inside: avoid; }" in printing  # no row cut in two
    # Each chart at its own scale (below), 0.86 unless it says otherwise.
    assert ".chart { zoom: var(--print-zoom, 0.86); }" in printing
    # Charts are at most the body's 1,100 px wide; Letter in landscape leaves (279.4 − 24) mm of
    # page, 965 px at 96 px an inch.
    assert 1100 * 0.86 <= (279.4 - 24) / 25.4 * 96


def test_a_chart_taller_than_the_page_prints_smaller_to_stay_on_it():
    def tall(height: int) -> go.Figure:
        return go.Figure(layout=dict(height=height))

    # A4 in landscape leaves 210 − 24 = 186 mm of height: 186 / 25.4 × 96 = 702.99 px, less a
    # 60 px section heading: 642.99 px for the chart.
    assert print_zoom(tall(600)) == 0.86  # 600 × 0.86 = 516 px: fits as it is
    assert print_zoom(tall(876)) == 0.73  # 642.99 / 876 = 0.734, rounded down
    assert print_zoom(tall(2000)) == 0.6  # 0.32 would be unreadable: it spans two pages
    # The first chart shares page 1 with the title and tiles too: 702.99 − 145 − 60 = 497.99 px.
    assert print_zoom(tall(650), above=205) == 0.76  # 497.99 / 650 = 0.766
    # 497.99 / 1000 would be below 0.6: it goes to page 2, below its heading, 642.99 / 1000.
    assert print_zoom(tall(1000), above=205) == 0.64
    assert print_zoom(go.Figure()) == 0.86  # Plotly's default 450 px


def test_each_chart_carries_its_print_scale():
    page = small_page()
    zooms = re.findall(r'<div class="chart" style="--print-zoom: ([\d.]+)">', page)
    assert len(zooms) == page.count('<div class="chart"') == 5
    assert all(0.6 <= float(z) <= 0.86 for z in zooms)


def nowrap_columns(page: str, table_id: str) -> set[int]:
    """The columns of a table whose cells never wrap (headers may)."""
    rule = re.search(rf"<style>([^<]*#{table_id} [^<]*)\{{ white-space: nowrap; text-align: right; \}}", page)
    assert rule, table_id
    assert " th:" not in rule.group(1)
    return {int(n) for n in re.findall(rf"#{table_id} td:nth-child\((\d+)\)", rule.group(1))}


def test_numbers_never_wrap():
    page = small_page()
    # Alliance, Type, Revenue, Cost, Net value, ROI, ROI note, Band, Quartile, the two default
    # benchmarks, Payback month: amounts, ROI, gaps to the benchmarks and the month are numbers.
    assert nowrap_columns(page, "t1") == {3, 4, 5, 6, 10, 11, 12}
    # Alliance, Annualised ROI, NPV, IRR, Value over hurdle, Time value notes.
    assert nowrap_columns(page, "t2") == {2, 3, 4, 5}
    # Goals: Alliance, Metric, Owner, Target, Actual, Unit, Progress, Status, Why.
    assert nowrap_columns(page, "t3") == {4, 5, 7}
    assert ".tile b { display: block; font-size: 1.5rem; white-space: nowrap; }" in style_of(page)


def table_headers(page: str, table_id: str) -> list[str]:
    table = page[page.index(f'<table id="{table_id}">') :]
    return re.findall(r"<th>(.*?)</th>", table[: table.index("</thead>")])


def test_the_alliance_table_in_two_that_fit_a_page():
    page = small_page()
    assert table_headers(page, "t1") == [
        "Alliance",
        "Type",
        "Revenue",
        "Cost",
        "Net value",
        "ROI",
        "ROI note",
        "Band",
        "Quartile",
        "Cross-industry average",
        "Top quartile, technology partnerships",
        "Payback month",
    ]
    assert table_headers(page, "t2") == [
        "Alliance",
        "Annualised ROI",
        "NPV",
        "IRR (annual)",
        "Value over hurdle",
        "Time value notes",
    ]


def test_alliances_best_roi_first_in_both_tables():
    page = small_page()
    for table_id in ("t1", "t2"):
        table = page[page.index(f'<table id="{table_id}">') :]
        table = table[: table.index("</table>")]
        names = re.findall(r"<tr><td>(\w+)</td>", table)
        assert names == ["Acme", "Beta", "Gamma"]  # 30 %, −10 %, undefined last


def test_a_cell_shows_the_kind_and_escapes_text():
    page = small_page()
    acme = re.search(r"<tr><td>Acme</td>(.*?)</tr>", page).group(1)
    cells = re.findall(r"<td>(.*?)</td>", acme)
    assert cells[:5] == ["Value Multiplier", "1,300", "1,000", "300", "30.0 %"]  # (1,300 − 1,000) / 1,000


class TestReportChart:
    def test_axes_get_the_margin_their_labels_need(self):
        report = small_report()
        fig = report_chart(quarterly_lines(report.quarterly, [PORTFOLIO, "Acme"], report.settings.thresholds))
        assert fig.layout.xaxis.automargin is True and fig.layout.yaxis.automargin is True
        assert fig.layout.margin.l >= 60 and fig.layout.margin.b >= 60

    def test_each_trend_line_its_own_colour(self):
        report = small_report()
        names = [PORTFOLIO, "Acme", "Beta", "Gamma"]
        fig = report_chart(quarterly_lines(report.quarterly, names, report.settings.thresholds))
        colours = [t.line.color for t in fig.data if "lines" in t.mode]
        assert len(colours) == 4 and None not in colours
        assert len({c.upper() for c in colours}) == 4

    def test_twelve_alliances_and_the_portfolio_thirteen_colours(self):
        """More lines than plotly's ten default colours: none repeats."""
        from tests.helpers import ledger_bytes

        names = [f"Partner {i:02d}" for i in range(1, 13)]
        rows = [
            ["2024-01-15", n, kind, amount]
            for n in names
            for kind, amount in (("Revenue", 110), ("Cost", 100))
        ]
        report = build_report(read_ledger(ledger_bytes(rows), "twelve.xlsx"))
        fig = report_chart(quarterly_lines(report.quarterly, [PORTFOLIO, *names], report.settings.thresholds))
        colours = [t.line.color.upper() for t in fig.data if "lines" in t.mode]
        assert len(colours) == 13 and len(set(colours)) == 13

    def test_repeated_and_missing_colours_are_replaced_hidden_lines_kept(self):
        fig = go.Figure()
        fig.add_scatter(x=[1, 2], y=[1, 2], mode="lines", name="a", line=dict(color="#0072B2"))
        fig.add_scatter(x=[1, 2], y=[2, 3], mode="lines+markers", name="b", line=dict(color="#0072b2"))
        fig.add_scatter(x=[1, 2], y=[3, 4], mode="lines", name="c")
        fig.add_scatter(x=[1, 2], y=[4, 5], mode="lines", showlegend=False, line=dict(color="#0072B2"))
        fig.add_scatter(x=[1, 2], y=[5, 6], mode="markers", name="points")
        colours = [t.line.color for t in report_chart(fig).data]
        # a keeps its colour; b repeats it and c has none: the palette's next unused ones, in order;
        # a connector hidden from the legend and a trace without lines are left alone.
        assert colours == ["#0072B2", LINE_COLOURS[1], LINE_COLOURS[2], "#0072B2", None]

    def test_point_labels_are_not_cut_at_the_axis(self):
        fig = go.Figure()
        fig.add_scatter(x=[0], y=[0], mode="markers+text", text=["Hooli Referrals"])
        assert report_chart(fig).data[0].cliponaxis is False


def test_chart_notes_are_written_below_the_charts():
    """The map names every point it can; any it leaves unnamed, and any ROI drawn at an axis edge,
    are listed in the figure's notes, and the report writes each of them as text."""
    report = sample_report()
    page = html_report(report, exported_at=EXPORTED_AT).decode()
    figures = [
        roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks, report.currency),
        revenue_cost_map(report.alliances, currency=report.currency),
    ]
    notes = [n for fig in figures for n in chart_notes(fig)]
    assert "Not named on the chart, to keep names apart (hover to see them): Stark Labs." in notes
    for note in notes:
        assert f"<p class='note'>{html.escape(note, quote=False)}</p>" in page


def test_charts_keep_plotlys_theme_in_a_process_that_imported_streamlit():
    """Streamlit makes its own theme Plotly's default on import; its colours are placeholders
    (#000001, #000002, ...) that only Streamlit's page replaces. The app's report must not carry them."""
    import plotly.io as pio
    import streamlit  # noqa: F401 - what the app's process has imported

    assert pio.templates.default == "streamlit"
    page = html_report(small_report()).decode("utf-8")
    assert "#000001" not in page
    assert '"colorway":["#636efa"' in page  # Plotly's own theme, as the command writes it
