"""One column spec per table: the workbook, the HTML report and the app's grids all follow it.

The small ledger is in tests/output/small_ledger.py; Acme's ROI there is (1,300 − 1,000) / 1,000 = 0.30.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from core import formatting as fmt
from core.formatting import VALUE_KINDS
from core.output import columns as cols
from core.output.export import summary_workbook
from core.output.html_report import html_report
from core.output.tables import alliance_spec
from core.output.xlsx import NUMBER_FORMATS
from tests.output.small_ledger import small_report
from ui.columns import column_config, grid

TABLE_SHEETS = [
    ("Alliances", lambda report: alliance_spec(report)),
    ("Quarterly", lambda _report: cols.QUARTERLY),
    ("Before-After", lambda _report: cols.BEFORE_AFTER),
    ("Scorecard", lambda _report: cols.GOALS),
    ("Data issues", lambda _report: cols.ISSUES),
]


@pytest.fixture(scope="module")
def report():
    return small_report()


@pytest.fixture(scope="module")
def book(report):
    return load_workbook(io.BytesIO(summary_workbook(report)))


class TestDisplayFrame:
    def test_renames_orders_and_keeps_values(self):
        frame = pd.DataFrame({"cost": [1000.0], "roi": [0.183], "extra": ["not shown"]})
        spec = (cols.Column("roi", "ROI", "ratio"), cols.Column("cost", "Cost", "money"))
        shown = cols.display_frame(frame, spec)
        assert list(shown.columns) == ["ROI", "Cost"]
        assert shown.iloc[0].tolist() == [0.183, 1000.0]  # a fraction stays a fraction
        assert cols.spec_of(shown) == spec

    def test_a_missing_source_column_is_named(self):
        with pytest.raises(KeyError, match="roi"):
            cols.display_frame(pd.DataFrame({"cost": [1.0]}), (cols.Column("roi", "ROI", "ratio"),))

    def test_a_frame_not_made_from_a_spec_has_none(self):
        with pytest.raises(ValueError, match="display_frame"):
            cols.spec_of(pd.DataFrame({"ROI": [0.1]}))

    def test_pick_and_without(self):
        assert [c.header for c in cols.pick(cols.FLAGS, "figures", "alliance")] == ["Figures", "Alliance"]
        assert [c.header for c in cols.without(cols.FLAGS, "flag")] == ["Alliance", "Figures"]


@pytest.mark.parametrize(
    "spec",
    [
        cols.BEFORE_AFTER,
        cols.QUARTERLY,
        cols.GOALS,
        cols.FLAGS,
        cols.BY_TYPE,
        cols.ISSUES,
        cols.BENCHMARKS,
        cols.ALLOCATION,
        cols.QUARTILES,
        cols.TIME_VALUE,
        cols.alliances_spec(["A", "B"], allocated=True, sensitivity=True),
        cols.overview_spec(["A"]),
        cols.sensitivity_spec(["evenly", "spread"]),
    ],
)
def test_a_spec_has_one_column_per_header_and_known_kinds(spec):
    headers = [c.header for c in spec]
    assert len(headers) == len(set(headers))
    assert {c.kind for c in spec} <= set(VALUE_KINDS)


@pytest.mark.parametrize(("sheet", "spec_of_report"), TABLE_SHEETS)
def test_workbook_headers_and_number_formats_come_from_the_spec(book, report, sheet, spec_of_report):
    spec = spec_of_report(report)
    rows = list(book[sheet].iter_rows(min_row=1, max_row=2))
    assert [cell.value for cell in rows[0][: len(spec)]] == [c.header for c in spec]
    for column, cell in zip(spec, rows[1], strict=False):
        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
            assert cell.number_format == NUMBER_FORMATS[column.kind], column.header


def test_workbook_writes_fractions_and_points_as_their_kind_says(book):
    alliances = {row[0].value: row for row in book["Alliances"].iter_rows(min_row=2)}
    assert alliances["Acme"][5].value == pytest.approx(0.30)  # ROI as a fraction under "0.0%"
    before_after = {row[0].value: row for row in book["Before-After"].iter_rows(min_row=2, max_row=5)}
    change = before_after["Acme"][3]
    assert change.value == pytest.approx(20.0)  # (0.40 − 0.20) × 100 under '+0.0 "pts"'
    assert change.number_format == NUMBER_FORMATS["points"]


def test_html_cells_follow_the_kind(report):
    page = html_report(report).decode("utf-8")
    alliances = page[page.index("<h2>Alliances</h2>") : page.index("<h2>Quartiles")]
    acme = re.search(r"<tr>\s*<td>Acme</td>(.*?)</tr>", alliances, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", acme)
    assert cells[:4] == ["Value Multiplier", "1,300", "1,000", "300"]  # money
    assert cells[4] == "30.0 %"  # ratio: 0.30
    assert "+15.0 pts" in cells  # gap to the 15 % benchmark: 0.30 − 0.15
    assert "Jan 2024" in cells  # payback month


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (0.183, "ratio", "18.3 %"),
        (float("nan"), "ratio", "n/a"),
        (-0.05, "gap", "-5.0 pts"),
        (0.1, "points", "+10.0 pts"),
        (12500.4, "money", "12,500"),
        (1234.5, "number", "1,234.5"),
        (100.0, "number", "100"),
        (7, "integer", "7"),
        (pd.Timestamp("2024-03-01"), "month", "Mar 2024"),
        (pd.NaT, "date", ""),
        (None, "text", ""),
        ("Acme", "text", "Acme"),
    ],
)
def test_cell_text_by_kind(value, kind, text):
    assert fmt.cell(value, kind) == text


def test_grid_settings_follow_the_kind():
    config = column_config(cols.BEFORE_AFTER)
    assert list(config) == [c.header for c in cols.BEFORE_AFTER]
    # One format per kind (#32.7): percents and points with one decimal, points as points (never
    # Streamlit's "percent", which showed '11.43%' for +11.4 points and '14%' beside '10.2%').
    assert config["ROI before"]["type_config"]["format"] == "%,.1f %%"
    assert config["ROI change (pts)"]["type_config"]["format"] == "%+,.1f pts"
    assert config["Revenue before"]["type_config"]["format"] == "%,.2f"
    assert config["Initiative date"]["type_config"] == {
        "type": "date",
        "format": "YYYY-MM-DD",
        "min_value": None,
        "max_value": None,
        "step": None,
    }
    assert config["Alliance"]["type_config"]["type"] == "text"
    assert config["ROI change (pts)"]["help"] == "ROI after − ROI before"


def test_grid_takes_the_spec_from_the_table_and_draws_bars(report):
    from core.output.tables import goals_display, status_style

    settings = grid(status_style(goals_display(report)), bars=("progress",))
    assert settings["column_config"]["Progress"]["type_config"]["type"] == "progress"
    # Shown in percent like every ratio (#32.7): the bar runs to 100, its cells × 100.
    assert settings["column_config"]["Progress"]["type_config"]["max_value"] == 100.0
    assert settings["column_config"]["Progress"]["type_config"]["format"] == "%,.1f %%"
    assert settings["column_config"]["Expected by now"]["type_config"]["format"] == "%,.1f %%"
    data, table = settings["data"].data, goals_display(report)
    assert data["Progress"].tolist() == pytest.approx((table["Progress"] * 100).tolist(), nan_ok=True)


def test_grid_leaves_the_spec_behind_and_the_table_as_it_was(report):
    # pandas deep-copies a frame's attrs into every column taken from it, and Streamlit sends them to
    # the browser: the grid's data carries none, and the table it was given keeps its spec.
    from core.output.tables import alliance_detail_display

    table = alliance_detail_display(report)
    spec = cols.spec_of(table)
    settings = grid(table)
    assert settings["data"].attrs == {}
    # The same cells, the ratios, gaps and points × 100 for the grid's formats (#32.7).
    hundred = [c.header for c in spec if c.kind in ("ratio", "gap", "points")]
    assert settings["data"].drop(columns=hundred).equals(table.drop(columns=hundred))
    for header in hundred:
        assert settings["data"][header].tolist() == pytest.approx(
            (table[header] * 100).tolist(), nan_ok=True
        ), header
    assert cols.spec_of(table) == spec == alliance_spec(report)


def test_grid_shows_percents_and_points_times_a_hundred(report):
    """#32.7. The small ledger's before/after around 1 April 2024: Acme Jan–Mar (600 − 500) / 500 =
    20 %, Apr–Jun (700 − 500) / 500 = 40 %, +20 points; Beta (450 − 500) / 500 = −10 % both sides,
    +0 points. The grid holds 20.0, 40.0 and 20.0 under '%,.1f %%' and '%+,.1f pts' (shown 20.0 %,
    +20.0 pts); money stays as it is, to the cent."""
    from core.output.tables import before_after_display

    shown = grid(before_after_display(report))
    data = shown["data"].set_index("Alliance")
    assert data.loc["Acme", "ROI before"] == pytest.approx(20.0)
    assert data.loc["Acme", "ROI after"] == pytest.approx(40.0)
    assert data.loc["Acme", "ROI change (pts)"] == pytest.approx(20.0)
    assert data.loc["Beta", "ROI change (pts)"] == pytest.approx(0.0)
    assert data.loc["Acme", "Revenue before"] == 600
    assert fmt.points(-0.0004) == "+0.0 pts"  # a change that rounds to nothing has no minus sign
