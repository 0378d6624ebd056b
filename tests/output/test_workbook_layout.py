"""The summary workbook's layout read back with openpyxl: Excel tables, the Alliances sheet's order,
coloured bands and goal statuses, column widths that show eight-digit money, print settings.

Figures come from tests/output/big_ledger.py, where each is worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from core.output.export import SHEETS, summary_workbook
from core.output.xlsx import table_headers_allowed
from tests.helpers import ALLIANCES_SHEET_HEADERS
from tests.output.big_ledger import BIG_LOSS, BIG_MONEY, BY_ROI, big_report

EXPORTED_AT = dt.datetime(2024, 7, 1, 9, 0)
# Excel's Good, Neutral and Bad fills; 'On track' a lighter green than 'Achieved'.
GREEN, YELLOW, RED, LIGHT_GREEN = "FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFE2EFDA"


@pytest.fixture(scope="module")
def book():
    return load_workbook(io.BytesIO(summary_workbook(big_report(), exported_at=EXPORTED_AT)))


def header_row(sheet, row=1):
    return [c.value for c in sheet[row] if c.value is not None]


def column_of(sheet, header, row=1):
    """The letter of the column under a header."""
    return get_column_letter(header_row(sheet, row).index(header) + 1)


def width(sheet, letter):
    """A column's width in Excel's units; columns of equal width side by side share one record."""
    index = sheet[f"{letter}1"].column
    [found] = [d.width for d in sheet.column_dimensions.values() if d.min <= index <= d.max]
    return found


class TestTables:
    """Each table is an Excel table under the contract's headers, with filters."""

    @pytest.mark.parametrize(
        ("sheet", "name", "ref"),
        [
            # 4 alliances under 18 headers (2 benchmarks, no shared costs): A1 to R5.
            ("Alliances", "Alliances", "A1:R5"),
            # 2024-Q1 and 2024-Q2 for each of the 4 alliances and the portfolio: 10 rows.
            ("Quarterly", "Quarterly", "A1:J11"),
            # 4 alliances and the Portfolio row under 16 headers.
            ("Before-After", "BeforeAfter", "A1:P6"),
            # 2 goals under 13 headers.
            ("Scorecard", "Goals", "A1:M3"),
            # No row left out: Excel wants one data row, so the table keeps a blank one.
            ("Data issues", "DataIssues", "A1:E2"),
        ],
    )
    def test_main_table(self, book, sheet, name, ref):
        table = book[sheet].tables[name]
        assert table.ref == ref
        assert table.autoFilter.ref == ref
        assert table.tableStyleInfo.name == "TableStyleMedium2"
        headers = [c.name for c in table.tableColumns]
        assert headers == header_row(book[sheet])  # the table's columns are the sheet's header cells

    def test_alliances_headers_are_the_contract(self, book):
        assert header_row(book["Alliances"]) == ALLIANCES_SHEET_HEADERS
        assert [c.name for c in book["Alliances"].tables["Alliances"].tableColumns] == ALLIANCES_SHEET_HEADERS

    def test_summary_benchmarks_and_scorecard_side_tables(self, book):
        benchmarks = book["Summary"].tables["Benchmarks"]
        first = int(benchmarks.ref.split(":")[0][1:])
        assert header_row(book["Summary"], first) == ["Benchmark", "ROI", "Source"]
        assert benchmarks.ref == f"A{first}:C{first + 2}"  # the two default benchmarks
        assert set(book["Scorecard"].tables) == {"Goals", "RedFlags", "ByType"}

    def test_header_style(self, book):
        cell = book["Alliances"]["A1"]
        assert cell.font.b is True
        assert cell.fill.fgColor.rgb == "FFDDEBF7"
        assert cell.alignment.wrap_text is True

    @pytest.mark.parametrize(
        ("headers", "allowed"),
        [
            (["Alliance", "ROI", "Band"], True),
            (["Alliance", "ROI", "roi"], False),  # Excel compares headers without letter case
            (["Alliance", " "], False),
            (["Alliance", ""], False),
        ],
    )
    def test_headers_excel_accepts_for_a_table(self, headers, allowed):
        assert table_headers_allowed(headers) is allowed


def test_a_benchmark_named_like_a_column_gets_filters_instead_of_a_table():
    """A table with two 'ROI' headers would make Excel repair the file; filters alone are safe."""
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from tests.helpers import ledger_bytes
    from tests.output.big_ledger import ROWS

    benchmarks = [["Name", "ROI"], ["roi", 0.2]]
    report = build_report(read_ledger(ledger_bytes(ROWS, Benchmarks=benchmarks), "b.xlsx"))
    sheet = load_workbook(io.BytesIO(summary_workbook(report)))["Alliances"]
    assert "roi" in header_row(sheet) and "ROI" in header_row(sheet)
    assert not sheet.tables
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header_row(sheet)))}5"


def test_alliances_sorted_by_roi_undefined_last(book):
    sheet = book["Alliances"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == BY_ROI  # 23.5 %, 10.0 %, −61.7 %, n/a
    rois = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rois[:3] == pytest.approx([0.23456789, 0.10, -0.6172839455], abs=1e-10)
    assert rois[3] is None


def test_equal_rois_by_name():
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from tests.helpers import ledger_bytes

    # Zed and Ann both (110 − 100) / 100 = 10 %; May (130 − 100) / 100 = 30 % goes first.
    rows = [
        ["2024-01-01", "Zed", "Revenue", 110],
        ["2024-01-01", "Zed", "Cost", 100],
        ["2024-01-01", "Ann", "Revenue", 110],
        ["2024-01-01", "Ann", "Cost", 100],
        ["2024-01-01", "May", "Revenue", 130],
        ["2024-01-01", "May", "Cost", 100],
    ]
    report = build_report(read_ledger(ledger_bytes(rows), "t.xlsx"))
    sheet = load_workbook(io.BytesIO(summary_workbook(report)))["Alliances"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["May", "Ann", "Zed"]


def rules_of(sheet):
    """Each conditional-format range with its rules as (type, operator, formula, fill)."""
    return {
        str(cf.sqref): [(r.type, r.operator, r.formula, r.dxf.fill.bgColor.rgb) for r in cf.rules]
        for cf in sheet.conditional_formatting
    }


BAND_RULES = [
    ("cellIs", "equal", ['"Strong"'], GREEN),
    ("cellIs", "equal", ['"Moderate"'], YELLOW),
    ("cellIs", "equal", ['"Weak"'], RED),
]


class TestColours:
    """Bands and goal statuses are filled by cell-value rules, on the data cells of their column."""

    def test_band_on_alliances(self, book):
        sheet = book["Alliances"]
        band = column_of(sheet, "Band")
        assert rules_of(sheet) == {f"{band}2:{band}5": BAND_RULES}

    def test_band_on_quarterly(self, book):
        sheet = book["Quarterly"]
        band = column_of(sheet, "Band")
        assert rules_of(sheet) == {f"{band}2:{band}11": BAND_RULES}

    def test_goal_status_on_scorecard(self, book):
        sheet = book["Scorecard"]
        status = column_of(sheet, "Status")
        assert rules_of(sheet) == {
            f"{status}2:{status}3": [
                ("cellIs", "equal", ['"Achieved"'], GREEN),
                ("cellIs", "equal", ['"On track"'], LIGHT_GREEN),
                ("cellIs", "equal", ['"At risk"'], YELLOW),
                ("cellIs", "equal", ['"Off track"'], RED),
            ]
        }
        assert [sheet[f"{status}{r}"].value for r in (2, 3)] == ["Achieved", "Off track"]

    def test_no_rules_where_there_is_nothing_to_colour(self, book):
        for name in ("Summary", "Before-After", "Data issues", "About"):
            assert rules_of(book[name]) == {}


class TestWidths:
    """Each column is as wide as the text it shows, formatted, headers included, up to a cap."""

    def test_eight_digit_money_fits(self, book):
        sheet = book["Alliances"]
        # Excel's unit is one digit; commas, stops and the minus sign are narrower, so a column at
        # least as wide as the text has characters shows it whole.
        assert sheet["C2"].value == 12_345_678.90
        assert width(sheet, "C") >= len(BIG_MONEY)
        loss = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "Beta"][0][4]
        assert loss.value == pytest.approx(-12_345_678.91)
        assert width(sheet, "E") >= len(BIG_LOSS)

    def test_short_columns_stay_narrow(self, book):
        sheet = book["Alliances"]
        # 'ROI' holds '23.5%', '10.0%', '-61.7%': a few digits wide, not the old fixed 10 or more.
        assert width(sheet, column_of(sheet, "ROI")) < 10

    def test_headers_count(self, book):
        sheet = book["Data issues"]
        # Nothing below 'Column' but its header, bold with a filter arrow: wider than its 6 letters.
        assert width(sheet, "C") > len("Column")

    def test_long_text_wraps_at_the_cap(self, book):
        sheet = book["Alliances"]
        note = column_of(sheet, "ROI note")
        gamma = sheet[f"{note}5"]
        assert gamma.value == "no cost recorded, so ROI is undefined"
        assert width(sheet, note) <= 37
        notes = column_of(sheet, "Time value notes")
        assert width(sheet, notes) <= 37  # capped, the longer notes wrap
        long_ones = [c for c in sheet[notes][1:] if c.value and len(c.value) > 40]
        assert long_ones and all(c.alignment.wrap_text for c in long_ones)

    def test_wrapped_rows_are_tall_enough(self, book):
        sheet = book["Alliances"]
        notes = column_of(sheet, "Time value notes")
        for cell in sheet[notes][1:]:
            if cell.value and len(cell.value) > 45:  # more than one line in a column of 36 digits
                assert sheet.row_dimensions[cell.row].height >= 30


# The printable width of Letter in landscape inside the workbook's 0.4 in side margins, in points,
# and the width of a column in pixels: the file's width (digits, its padding included) times the
# digit's 7 pixels. LibreOffice prints a pixel of column as a point (Excel as 0.75 pt).
PAGE_PX = (11 - 0.8) * 72


def column_pixels(sheet) -> list[float]:
    widths = [9.14] * sheet.max_column  # Excel's default, 8.43 digits and the padding
    for dimension in sheet.column_dimensions.values():  # one <col> may set a run of columns
        for col in range(dimension.min, min(dimension.max, sheet.max_column) + 1):
            widths[col - 1] = dimension.width
    return [width * 7 for width in widths]


class TestPrinting:
    """Every sheet prints landscape with its first row on every page (unless that row heads the first
    of several tables): fitted to one page wide when that keeps it at 60 % or more (Calibri 11 at
    6.6 pt); else at 75 % over several pages across, broken between columns, the first column (the
    alliance) repeated on each page (#32.13: the Alliances sheet fitted to one page printed at 37 %)."""

    @pytest.mark.parametrize("name", SHEETS)
    def test_page_setup(self, book, name):
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape"
        widths = column_pixels(sheet)
        if sum(widths) * 0.6 <= PAGE_PX:
            assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
            assert (sheet.page_setup.fitToWidth or 1) == 1  # 1 is the file format's default, left out
            assert sheet.page_setup.fitToHeight == 0  # as many pages down as needed
        else:
            assert not sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.page_setup.scale == 75
            assert sheet.print_title_cols == "$A:$A"
            starts = [0, *(b.id for b in sheet.col_breaks.brk)]
            pages = [widths[a:b] for a, b in zip(starts, [*starts[1:], len(widths)], strict=True)]
            assert len(pages) >= 2 and all(pages)
            for number, page in enumerate(pages):
                repeated = widths[0] if number else 0
                assert (repeated + sum(page)) * 0.75 <= PAGE_PX, f"page {number + 1} across is too wide"
        # The Scorecard's goals table has the flags table below it: its header is not repeated over
        # the flags' rows. Every other sheet repeats its first row.
        assert sheet.print_title_rows == (None if name == "Scorecard" else "$1:$1")
        assert sheet.print_area.startswith(f"'{name}'!$A$1:")

    def test_the_wide_sheets_print_across_pages(self, book):
        """The Alliances table of 18 columns would print at about 40 % on one page wide."""
        assert sum(column_pixels(book["Alliances"])) * 0.6 > PAGE_PX
        assert book["Alliances"].page_setup.scale == 75

    def test_print_areas_cover_the_tables(self, book):
        assert book["Alliances"].print_area == "'Alliances'!$A$1:$R$5"
        assert book["Data issues"].print_area == "'Data issues'!$A$1:$E$2"
        assert book["About"].print_area.startswith("'About'!$A$1:$B$")
        last = book["Before-After"].max_row
        assert book["Before-After"].print_area == f"'Before-After'!$A$1:$P${last}"

    def test_case_study_paragraph_stays_inside_the_print_area(self, book):
        sheet = book["Before-After"]
        [row] = [r for r in sheet.iter_rows() if r[0].value == "Case study"]
        paragraph = row[1]
        assert paragraph.value.startswith("Across the 4 alliances")
        # It runs on from B over the empty cells to its right, all inside the print area (A to P).
        assert all(cell.value is None for cell in row[2:])
        assert book["Before-After"].print_area.endswith(f"$P${sheet.max_row}")
