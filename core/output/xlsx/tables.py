"""A display frame written as an Excel table: filters, a header style, coloured band and status cells.

The body goes in as one block of cell XML, column by column (core.output.sheet_xml): a column of
numbers is fitted by its extremes, any other column once per distinct value.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core.analysis.money import cents
from core.formatting import ValueKind
from core.output.columns import TableSpec
from core.output.sheet_xml import (
    LONG_STRING,
    BulkWorksheet,
    CellBlock,
    blank_tail,
    number_tail,
    number_tails,
    string_tail,
)
from core.output.xlsx.cells import put_cell, write_cell
from core.output.xlsx.colouring import colour_cells
from core.output.xlsx.formats import Formats
from core.output.xlsx.layout import MIN_WIDTH, fit_column, lines_of, text_widths, widen_column
from core.output.xlsx.values import (
    ROUNDING,
    SCALE,
    is_missing,
    is_number,
    needs_quoting,
    prepared,
    rounded_like_python,
    shown,
)

TABLE_STYLE = "Table Style Medium 2"
# From this day on a date's Excel serial number is a plain count of days (before it, Excel counts a
# 29 February 1900 that never was, and xlsxwriter writes those dates itself).
FIRST_PLAIN_DATE = pd.Timestamp("1900-03-01")


def write_table(
    ws: Worksheet, top: int, table: pd.DataFrame, spec: TableSpec, formats: Formats, name: str
) -> int:
    """Write a display frame as an Excel table named `name`: the spec's headers, then its rows.

    The table has filters and the header style; band and goal-status cells are coloured. Excel wants
    at least one data row, so an empty table keeps one blank row. Returns the row after the last
    data row (the blank one of an empty table included only in the table, never in the count).
    The body goes in as one block of cell XML, column by column (core.output.sheet_xml), so a sheet
    of 5,000 alliances costs about what one of 150 does.
    """
    if not isinstance(ws, BulkWorksheet):
        raise TypeError("write_table needs a worksheet of a workbook made by new_workbook()")
    headers = [c.header for c in spec]
    if list(table.columns) != headers:
        raise ValueError(f"table columns {list(table.columns)} are not the spec's {headers}")
    last = top + max(1, len(table))
    _table_or_filter(ws, top, last, headers, formats, name)
    layout = formats.layout(ws)
    for col, header in enumerate(headers):
        write_cell(ws, top, col, header, formats.header, formats)
        layout.see_header(top, col, header)
    layout.reach(last, len(headers) - 1)
    body = [
        _column_cells(ws, top + 1, col, table.iloc[:, col], c.kind, formats) for col, c in enumerate(spec)
    ]
    ws.add_block(CellBlock(top + 1, body))
    if len(table):
        colour_cells(ws, top + 1, top + len(table), spec, formats)
    return top + 1 + len(table)


def _column_cells(
    ws: BulkWorksheet, first: int, col: int, column: pd.Series, kind: ValueKind | None, formats: Formats
) -> list[str]:
    """One table column as cell XML, fitted at once: numbers by their widest (the smallest and the
    largest, as shown in the kind's format), other values once per distinct value; a text wider than
    the cap wraps, and its row is made tall enough."""
    if column.empty:
        return []
    formats.layout(ws).reach(first + len(column) - 1, col)
    numbers = _number_column(column, kind)
    if numbers is None:
        return _distinct_cells(ws, first, col, column, kind, formats)
    finite = numbers[~np.isnan(numbers)]
    extremes = (float(finite.min()), float(finite.max())) if finite.size else ()
    fit_column(formats.layout(ws), col, [shown(n, kind) for n in extremes])
    return number_tails(numbers, formats.of(kind))


def _number_column(column: pd.Series, kind: ValueKind | None) -> np.ndarray | None:
    """A numeric column prepared as `prepared` does each value (scaled, rounded with Python's round),
    or None when it must go value by value (booleans, infinities, integers beyond a float's reach)."""
    if not pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
        return None
    if column.dtype.kind not in "fiu":
        return None
    values = column.to_numpy(dtype=float, na_value=np.nan)
    if column.dtype.kind in "iu" and len(values) and np.abs(values).max() >= 2**53:
        return None
    if np.isinf(values).any():
        return None
    scale = SCALE.get(kind) if kind is not None else None
    if scale is not None:
        values = values * scale
    digits = ROUNDING.get(kind or "")
    if kind == "money":  # the tables' one rule, half away from zero (values.rounded)
        return cents(pd.Series(values)).to_numpy()
    return values if digits is None else rounded_like_python(values, digits)


def _distinct_cells(
    ws: BulkWorksheet, first: int, col: int, column: pd.Series, kind: ValueKind | None, formats: Formats
) -> list[str]:
    """A column of text, dates or mixed values: each distinct value prepared, measured and turned into
    cell XML once. A value with no XML of its own here (a boolean, a date before March 1900, a text
    past Excel's length) is written by xlsxwriter in its row."""
    codes, distinct = _factorised(column)
    layout, fmt = formats.layout(ws), formats.of(kind)
    uses = np.bincount(codes[codes >= 0], minlength=len(distinct))
    # Text is already prepared and shown as it is: only other values go through prepared/shown.
    all_text = all(type(v) is str for v in distinct)
    values = distinct if all_text else [prepared(v, kind) for v in distinct]
    numbers = [] if all_text else [float(v) for v in values if is_number(v)]  # type: ignore[arg-type]
    shown_at = [i for i, v in enumerate(values) if not is_missing(v) and (all_text or not is_number(v))]
    texts = [str(values[i]) if all_text else shown(values[i], kind) for i in shown_at]
    widths = text_widths(texts)
    samples = [shown(n, kind) for n in ((min(numbers), max(numbers)) if numbers else ())]
    widen_column(layout, col, max([*text_widths(samples).tolist(), *widths.tolist()], default=MIN_WIDTH))
    cap = layout.cap(col)
    wide_at = [(i, t) for i, t, w in zip(shown_at, texts, widths.tolist(), strict=True) if w > cap]
    wide_at = [(i, t) for i, t in wide_at if isinstance(values[i], str)]
    wide = {i for i, _ in wide_at}
    cells: list[str | None] = [
        _cell_xml(ws, v, formats.wrapped(fmt) if i in wide else fmt, int(uses[i]), formats)
        for i, v in enumerate(values)
    ]
    table = np.array([*cells, blank_tail(fmt)], dtype=object)[codes]  # code -1: a missing value
    if wide:
        lines = np.zeros(len(values) + 1, dtype=np.int64)
        lines[[i for i, _ in wide_at]] = lines_of([t for _, t in wide_at], cap)
        tall = np.flatnonzero(lines[codes] > 0)
        for row, count in zip((tall + first).tolist(), lines[codes[tall]].tolist(), strict=True):
            layout.lines[row] = max(layout.lines.get(row, 1), count)
    for i in np.flatnonzero(pd.isna(table)).tolist():
        code = codes[i]
        put_cell(ws, first + i, col, values[code], formats.wrapped(fmt) if code in wide else fmt, formats)
        table[i] = ""
    return table.tolist()


def _factorised(column: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Codes (−1 for a missing value) and the distinct values of a column.

    An object column holding booleans goes value by value: hashing takes True for 1."""
    if column.dtype == object and bool in set(map(type, column.to_numpy())):
        values = column.tolist()
        return np.arange(len(values)), values
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    return np.asarray(codes), list(distinct)


def _cell_xml(
    ws: BulkWorksheet, value: object, fmt: Format | None, uses: int, formats: Formats
) -> str | None:
    """The XML of a prepared value's cell after its reference, or None when xlsxwriter must write it."""
    if is_missing(value):
        return blank_tail(fmt)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if math.isinf(value) else number_tail(value, fmt)
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value)
        if stamp.tz is not None or stamp < FIRST_PLAIN_DATE:
            return None
        serial = ws._convert_date_time(stamp.to_pydatetime())
        return number_tail(serial, fmt if fmt is not None else formats.of("date"))
    text = str(value)
    if len(text) > LONG_STRING:
        return None
    return string_tail(ws, text, formats.quoted_like(fmt) if needs_quoting(text) else fmt, uses)


def table_headers_allowed(headers: list[str]) -> bool:
    """Excel's rule for a table's headers: none blank, none repeated (letter case ignored)."""
    folded = [h.strip().casefold() for h in headers]
    return all(folded) and len(set(folded)) == len(folded)


def _table_or_filter(
    ws: Worksheet, top: int, last: int, headers: list[str], formats: Formats, name: str
) -> None:
    """An Excel table over the range; filters alone when Excel would refuse the headers (a benchmark
    named like another column), since a table with repeated headers makes Excel repair the file."""
    if not table_headers_allowed(headers):
        ws.autofilter(top, 0, last, len(headers) - 1)
        return
    columns = [{"header": h, "header_format": formats.header} for h in headers]
    ws.add_table(top, 0, last, len(headers) - 1, {"name": name, "style": TABLE_STYLE, "columns": columns})
