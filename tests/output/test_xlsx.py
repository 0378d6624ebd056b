"""The workbook writer's parts on tiny sheets: what a number format shows, tables, notes, printing."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from core.output.columns import Column
from core.output.xlsx import (
    finish_sheet,
    lines_of,
    new_workbook,
    pixel_widths,
    rounded_like_python,
    shown,
    text_width,
    text_widths,
    write_note,
    write_table,
)

SPEC = (Column("name", "Name", "text"), Column("amount", "Amount", "money"))


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (12_345_678.9, "money", "12,345,678.90"),
        (-12_345_678.91, "money", "-12,345,678.91"),
        (0.183, "ratio", "18.3%"),
        (0.033, "gap", "+3.3%"),
        (-0.05, "gap", "-5.0%"),
        (15.0, "points", "+15.0 pts"),  # points are written scaled: 0.15 → 15.0
        (1234.5, "number", "1,234.50"),  # '#,##0.##' shows at most this much
        (7, "integer", "7"),
        (dt.date(2024, 3, 1), "date", "2024-03-01"),
        (pd.Timestamp("2024-03-01"), "month", "Mar 2024"),
        (dt.datetime(2026, 11, 23, 9, 30), "datetime", "2026-11-23 09:30"),
        (dt.date(2024, 3, 1), None, "2024-03-01"),  # dates are written with the date format
        ("n/a (no cost)", "ratio", "n/a (no cost)"),  # a reason where a ratio would be
        (None, "money", ""),
        (float("nan"), "ratio", ""),
        (True, None, "TRUE"),
        (0.1234567, None, "0.1234567"),
    ],
)
def test_shown_is_what_the_number_format_shows(value, kind, text):
    assert shown(value, kind) == text


def tiny(rows, notes=(), header="Name"):
    """A one-table sheet with notes below it, finished and read back."""
    book, buffer, formats = new_workbook()
    ws = book.add_worksheet("T")
    spec = (Column("name", header, "text"), SPEC[1])
    frame = pd.DataFrame(rows, columns=[header, "Amount"])
    row = write_table(ws, 0, frame, spec, formats, "Tiny")
    for offset, note in enumerate(notes, start=1):
        write_note(ws, row + offset, 0, note, formats)
    finish_sheet(ws, formats)
    book.close()
    return load_workbook(io.BytesIO(buffer.getvalue()))["T"], row


def test_an_empty_table_keeps_one_blank_row():
    sheet, next_row = tiny([])
    assert next_row == 1  # nothing below the header counts ...
    assert sheet.tables["Tiny"].ref == "A1:B2"  # ... but Excel wants one data row in a table
    assert [c.value for c in sheet[1]] == ["Name", "Amount"]
    assert sheet.print_area == "'T'!$A$1:$B$2"


def test_a_short_note_runs_on_and_a_long_one_wraps_over_the_columns():
    long = "word " * 60  # 300 characters: many times the two columns' width
    sheet, _ = tiny([("x", 1.0)], notes=["short", long])
    # The table takes rows 1 and 2, row 3 is left blank, the notes are on rows 4 and 5.
    assert sheet["A4"].value == "short"
    assert [str(m) for m in sheet.merged_cells.ranges] == ["A5:B5"]
    assert sheet["A5"].value == long and sheet["A5"].alignment.wrap_text is True
    # The two columns are under 25 digits together, so under 25 characters a line: 12 lines or more.
    widths = sum(d.width for d in sheet.column_dimensions.values())
    assert widths < 25
    assert sheet.row_dimensions[5].height >= 12 * 15
    assert sheet.print_area == "'T'!$A$1:$B$5"


def test_a_formula_like_header_is_text():
    sheet, _ = tiny([("x", 1.0)], header="=SUM(A1)")
    assert sheet["A1"].value == "=SUM(A1)"
    assert sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix is True
    assert [c.name for c in sheet.tables["Tiny"].tableColumns] == ["=SUM(A1)", "Amount"]


def test_a_long_header_wraps_in_a_taller_header_row():
    header = "A header far longer than its one short value"
    sheet, _ = tiny([("x", 1.0)], header=header)
    assert sheet.column_dimensions["A"].width < len(header) / 2
    assert sheet.row_dimensions[1].height >= 2 * 15


def test_a_column_of_money_fits_its_widest_amount():
    sheet, _ = tiny([("x", 1.0), ("y", -98_765_432.1)])
    assert sheet["B3"].number_format == "#,##0.00;[Red]-#,##0.00"
    assert sheet.column_dimensions["B"].width >= len("-98,765,432.10")


def test_many_texts_are_measured_as_one_text_is():
    # Character widths from xlsxwriter's table: 'i' is 4 px, 'W' 13 px, 'a' 7 px, anything outside
    # printable ASCII (é, a line break) 8 px. "iW" = 4 + 13 = 17; "" = 0; "é" = 8; "a\nWW" summed
    # over every character = 7 + 8 + 26 = 41.
    texts = ["iW", "", "é", "a\nWW"]
    assert pixel_widths(texts).tolist() == [17, 0, 8, 41]
    # Width in digits: (pixels + 10 px padding) / 7 px; the two-line text by its widest line, WW (26).
    assert text_widths(texts).tolist() == [27 / 7, 10 / 7, 18 / 7, 36 / 7]
    assert text_widths(texts).tolist() == [text_width(t) for t in texts]
    # In a column 10 digits wide the room is 70 − 10 = 60 px: 60 W's are 780 px, × 1.15 / 60 =
    # 14.95 → 15 lines; "iW" one line; the two-line text one line for each of its lines.
    assert lines_of(["W" * 60, "iW", "a\nWW"], 10.0) == [15, 1, 2]


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (2.675, 2, 2.67),  # stored as 2.67499999999999982236431605997495353221893310546875
        (0.125, 2, 0.12),  # an exact half: to even
        (0.375, 2, 0.38),  # an exact half: to even
        (-0.005, 2, -0.01),  # stored as −0.005000000000000000104
        (1234.5678, 2, 1234.57),
        (0.18333333333333, 10, 0.1833333333),
        (2.5e-10, 10, 3e-10),  # stored as 2.50000000000000015…e-10, a hair above the half: up
        (1e300, 10, 1e300),  # too large to scale: left to Python's round
    ],
)
def test_a_column_is_rounded_as_python_rounds_each_value(value, digits, expected):
    column = np.array([value, 7.0, np.nan])
    got = rounded_like_python(column, digits)
    assert got[0] == expected == round(value, digits)
    assert got[1] == 7.0 and np.isnan(got[2])
