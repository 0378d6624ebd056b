"""A table's body written in bulk (core.output.sheet_xml): every kind of value reads back as written one
cell at a time would, tables keep their full range, and overlaps are still refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from xlsxwriter.exceptions import OverlappingRange

from core.output.columns import Column
from core.output.xlsx import finish_sheet, new_workbook, write_cell, write_table

SPEC = (
    Column("name", "Name", "text"),
    Column("amount", "Amount", "money"),
    Column("change", "Change", "points"),
    Column("day", "Day", "date"),
    Column("mixed", "Mixed", "text"),
)
LONG = "a reason long enough to be wider than the widest column and so to wrap " * 2


def written(frame: pd.DataFrame, extra=None):
    """Write one table (and, with `extra`, a note-like cell in one of its rows), read it back."""
    book, buffer, formats = new_workbook()
    ws = book.add_worksheet("T")
    next_row = write_table(ws, 0, frame, SPEC, formats, "T")
    if extra is not None:
        write_cell(ws, *extra, formats.of("text"), formats)
    finish_sheet(ws, formats)
    book.close()
    return load_workbook(io.BytesIO(buffer.getvalue()))["T"], next_row


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[c.header for c in SPEC])


def test_each_kind_of_value_reads_back_as_it_was_written():
    table = frame(
        [
            ("=SUM(A1)", 1234.567, 0.1234, pd.Timestamp("2024-03-31"), True),
            ("Acme", np.nan, np.nan, pd.NaT, 7),
            ("", -0.005, -0.05, pd.Timestamp("1900-01-15"), "plain"),
            (LONG, 10.0, 0.0, pd.Timestamp("2026-11-23 09:30"), None),
        ]
    )
    sheet, next_row = written(table)
    assert next_row == 5
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows == [
        # Formula-like text stays text; money to the cent (1234.567 → 1234.57); points scaled
        # (0.1234 → 12.34); a boolean stays a boolean.
        ("=SUM(A1)", 1234.57, 12.34, dt.datetime(2024, 3, 31), True),
        # Missing values are empty cells; an integer among text is a number.
        ("Acme", None, None, None, 7),
        # −0.005 rounds half to even at 2 places in binary: round(-0.005, 2) = -0.01 (−0.005 is
        # stored as −0.005000000000000000104); a date before March 1900 is written by xlsxwriter.
        (None, -0.01, -5.0, dt.datetime(1900, 1, 15), "plain"),
        (LONG, 10.0, 0.0, dt.datetime(2026, 11, 23, 9, 30), None),
    ]
    assert sheet["A2"].quotePrefix and not sheet["A3"].quotePrefix
    assert sheet["A5"].alignment.wrap_text  # wider than the cap: wrapped, its row made taller
    assert sheet.row_dimensions[5].height > 15
    assert sheet["B2"].number_format == "#,##0.00;[Red]-#,##0.00"
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet.tables["T"].ref == "A1:E5"


def test_a_cell_written_in_a_row_of_the_block_joins_it():
    sheet, _ = written(
        frame([("Acme", 1.0, 0.0, pd.NaT, "x"), ("Beta", 2.0, 0.0, pd.NaT, "y")]), (2, 6, "note")
    )
    assert list(sheet.iter_rows(min_row=3, values_only=True)) == [("Beta", 2.0, 0.0, None, "y", None, "note")]


def test_a_long_table_keeps_its_whole_range_and_refuses_overlaps():
    book, _, formats = new_workbook()
    ws = book.add_worksheet("T")
    rows = frame([(f"P{i}", float(i), 0.0, pd.NaT, "") for i in range(1000)])
    assert write_table(ws, 0, rows, SPEC, formats, "T") == 1001
    assert ws.tables[-1]["range"] == "A1:E1001"
    with pytest.raises(OverlappingRange):
        ws.merge_range(500, 0, 500, 2, "", None)
    with pytest.raises(OverlappingRange):
        write_table(ws, 1000, rows.head(1), SPEC, formats, "Again")
    book.close()


def test_every_part_is_compressed_at_zlibs_fastest_level():
    book, buffer, formats = new_workbook()
    ws = book.add_worksheet("T")
    write_table(ws, 0, frame([(f"P{i}", float(i), 0.0, pd.NaT, "") for i in range(2000)]), SPEC, formats, "T")
    book.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        for info in archive.infolist():
            assert info.compress_type == zipfile.ZIP_DEFLATED
            # Raw deflate at level 1 gives exactly these bytes; zlib's default level gives fewer.
            quick = zlib.compressobj(1, zlib.DEFLATED, -15)
            data = archive.read(info)
            assert info.compress_size == len(quick.compress(data) + quick.flush()), info.filename


def test_row_heights_set_in_bulk_read_back_as_set_row_writes_them():
    """Heights go through set_row's pixels (points × 4/3, rounded): 14.4 pt → 19 px → 14.25 pt and
    43.2 pt → 58 px → 43.5 pt, inside a table's block and below it."""
    book, buffer, formats = new_workbook()
    ws = book.add_worksheet("T")
    write_table(
        ws, 0, frame([("Acme", 1.0, 0.0, pd.NaT, "x"), ("Beta", 2.0, 0.0, pd.NaT, "y")]), SPEC, formats, "T"
    )
    write_cell(ws, 5, 0, "note", formats.of("text"), formats)
    ws.set_heights({2: 14.4, 5: 43.2})
    book.close()
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["T"]
    assert sheet.row_dimensions[3].height == 14.25
    assert sheet.row_dimensions[6].height == 43.5
    assert sheet.row_dimensions[2].height is None
    assert sheet["A3"].value == "Beta" and sheet["A6"].value == "note"
