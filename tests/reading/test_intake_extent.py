"""How far a sheet reaches, measured from its XML before calamine lays it out (core/reading/extent.py).

calamine lays out every cell of the rectangle from A1 to the farthest cell holding a value; one value
at XFD1048576 is 16,384 × 1,048,576 = 17,179,869,184 cells, which aborts it. Such a sheet is refused
with a sentence before it is parsed; a real ledger, even at Excel's last row, never is.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.errors import LedgerError
from core.reading import extent
from core.reading.extent import (
    CELL_BUDGET,
    ExtentScanner,
    SheetExtent,
    check_extent,
    column_name,
    column_number,
)
from core.reading.isolation import Limits, read_isolated
from core.reading.ledger import read_ledger
from core.reading.safety import check_upload
from tests.helpers import summarize
from tests.reading.test_bad_input import rezip

ROOT = Path(__file__).resolve().parents[2]
ROWS = [
    ["Date", "Alliance", "Kind", "Amount"],
    ["2024-01-01", "Acme", "Revenue", 1200],
    ["2024-01-02", "Acme", "Cost", 1000],
]


def with_cell(reference: str, value: object = 1, title: str = "Ledger") -> bytes:
    """A three-row ledger plus one value at `reference`, as openpyxl saves it."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in ROWS:
        sheet.append(row)
    sheet[reference] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def in_sheet_part(data: bytes, old: bytes, new: bytes) -> bytes:
    """The same workbook with `old` replaced by `new` in the sheet's XML."""

    def change(name: str, content: bytes) -> bytes:
        if name.endswith("sheet1.xml"):
            assert old in content
            return content.replace(old, new)
        return content

    return rezip(data, change)


def sheet_xml(*rows: bytes, dimension: bytes = b"A1") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><dimension ref="'
        + dimension
        + b'"/><sheetData>'
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


def measure(xml: bytes, chunk: int = 1 << 20) -> SheetExtent:
    scanner = ExtentScanner()
    for at in range(0, len(xml), chunk):
        scanner.feed(xml[at : at + chunk])
    return scanner.extent()


CORNER_MESSAGE = (
    "'corner.xlsx': sheet 'Ledger' reaches cell XFD1048576 (17,179,869,184 cells), far more than a ledger "
    "needs (budget 50,000,000 cells): a stray value sits far outside the data; delete the empty rows and "
    "columns after the data and save again."
)


def test_a_stray_value_in_the_last_cell_is_refused_before_parsing():
    with pytest.raises(LedgerError) as caught:
        read_ledger(with_cell("XFD1048576"), "corner.xlsx")
    assert str(caught.value) == CORNER_MESSAGE


def test_a_stray_value_far_right_names_its_cell_and_count():
    # XFD is column 16,384; row 200,000: 3,276,800,000 cells.
    with pytest.raises(LedgerError) as caught:
        read_ledger(with_cell("XFD200000", "note"), "notes.xlsx")
    assert str(caught.value) == (
        "'notes.xlsx': sheet 'Ledger' reaches cell XFD200000 (3,276,800,000 cells), far more than a ledger "
        "needs (budget 50,000,000 cells): a stray value sits far outside the data; delete the empty rows and "
        "columns after the data and save again."
    )


def test_the_command_exits_2_with_the_one_line(tmp_path):
    ledger = tmp_path / "corner.xlsx"
    ledger.write_bytes(with_cell("XFD1048576"))
    result = summarize(str(ledger))
    assert (result.returncode, result.stderr) == (2, f"error: {CORNER_MESSAGE}\n")
    assert not ledger.with_name("corner-summary.xlsx").exists()


def test_a_full_height_ledger_of_20_columns_passes():
    # T is column 20: 1,048,576 × 20 = 20,971,520 cells, under the budget. Measured, not parsed.
    extents = check_upload(with_cell("T1048576"), "tall.xlsx")
    assert extents["Ledger"] == SheetExtent(1_048_576, 20, "A1:T1048576")
    check_extent(extents["Ledger"], "Ledger", "tall.xlsx")


def test_the_budget_holds_47_full_height_columns_not_48():
    # AU is column 47: 1,048,576 × 47 = 49,283,072 cells (in); AV is 48: 50,331,648 cells (out).
    assert CELL_BUDGET // extent.EXCEL_MAX_ROWS == 47
    check_extent(
        measure(sheet_xml(b'<row r="1048576"><c r="AU1048576"><v>1</v></c></row>')), "Wide", "w.xlsx"
    )
    with pytest.raises(LedgerError) as caught:
        check_extent(
            measure(sheet_xml(b'<row r="1048576"><c r="AV1048576"><v>1</v></c></row>')), "Wide", "w.xlsx"
        )
    assert str(caught.value).startswith("'w.xlsx': sheet 'Wide' reaches cell AV1048576 (50,331,648 cells)")


def test_formatting_and_the_declared_dimension_alone_cost_nothing_and_pass():
    """calamine skips a cell with only a style and never sizes by <dimension>: both read in a few MB."""
    formatted = in_sheet_part(
        with_cell("D5", 7),
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>',
    )
    declared = in_sheet_part(formatted, b'<dimension ref="A1:D5"', b'<dimension ref="A1:XFD1048576"')
    assert check_upload(declared, "styled.xlsx") == {"Ledger": SheetExtent(5, 4, "A1:XFD1048576")}
    assert read_ledger(declared, "styled.xlsx").entries["amount"].tolist() == [1200.0, 1000.0]


def test_rows_beyond_excels_last_row_count():
    # Data to column D and a value at row 99,999,999: 399,999,996 cells.
    deep = in_sheet_part(
        with_cell("D5", 7),
        b"</sheetData>",
        b'<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>',
    )
    with pytest.raises(LedgerError) as caught:
        read_ledger(deep, "deep.xlsx")
    assert str(caught.value).startswith(
        "'deep.xlsx': sheet 'Ledger' reaches cell D99999999 (399,999,996 cells)"
    )


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="XFD9"><v>1</v></c>',
        b'<c r="xfd9"><v>1</v></c>',  # calamine reads lower case too
        b"<c r='XFD9'><v>1</v></c>",
        b'<c s="3" t="n" r="XFD9"><v>1</v></c>',
        b'<x:c r="XFD9"><x:v>1</x:v></x:c>',
        b'<c r="XFD9" t="inlineStr"><is><t>stray</t></is></c>',
    ],
)
def test_the_farthest_cell_is_found_however_it_is_written(cell):
    xml = sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="9">' + cell + b"</row>")
    assert measure(xml) == SheetExtent(9, 16_384, "A1")


def test_a_reference_cut_between_two_chunks_is_read_whole():
    xml = sheet_xml(
        b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>',
        b'<row r="700"><c r="ZZ700" s="1"/></row>',  # formatted only: not counted
        b'<row r="800"><c r="BA800"><v>3</v></c></row>',
        dimension=b"A1:BA800",
    )
    expected = SheetExtent(800, 53, "A1:BA800")
    for chunk in (1, 3, 7, 64, len(xml)):
        assert measure(xml, chunk) == expected, chunk


def test_text_that_looks_like_a_reference_is_not_a_cell():
    xml = sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>see r="XFD1048576"</t></is></c></row>')
    assert measure(xml) == SheetExtent(1, 1, "A1")


@pytest.mark.parametrize(
    ("number", "name"),
    [(1, "A"), (26, "Z"), (27, "AA"), (47, "AU"), (48, "AV"), (702, "ZZ"), (703, "AAA"), (16_384, "XFD")],
)
def test_column_names_and_numbers(number, name):
    assert column_name(number) == name
    assert column_number(name.encode()) == column_number(name.lower().encode()) == number


def test_a_sheet_the_scan_cannot_measure_still_ends_in_a_message():
    """A reference spelt as no writer spells it (spaces around '=') escapes the scan; the worker's memory
    cap still turns calamine's abort into a sentence."""
    hidden = in_sheet_part(with_cell("XFD1048576"), b'r="XFD1048576"', b'r = "XFD1048576"')
    assert check_upload(hidden, "hidden.xlsx")["Ledger"].cells <= CELL_BUDGET
    with pytest.raises(LedgerError) as caught:
        read_isolated(hidden, "hidden.xlsx", Limits(memory_bytes=2 * 1024**3))
    assert str(caught.value).startswith("'hidden.xlsx' needs more than 2 GB of memory to read")
