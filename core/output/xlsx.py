"""Writing cells with xlsxwriter: real numbers with the number format of their kind, text that never runs."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core.analysis.roi import CENT_DIGITS, ROI_DIGITS
from core.output.columns import Kind, TableSpec

# A text cell starting with one of these is a formula to Excel and LibreOffice (and to CSV
# importers), so it is marked as text (quote prefix) or, in CSV, preceded by an apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

MONEY = "#,##0.00;[Red]-#,##0.00"
PERCENT = "0.0%"
POINTS = "+0.0%;[Red]-0.0%;0.0%"
POINTS_NUMBER = '+0.0 "pts";[Red]-0.0 "pts";0.0 "pts"'
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"

NUMBER_FORMATS: dict[Kind, str | None] = {
    "money": MONEY,
    "ratio": PERCENT,
    "gap": POINTS,
    # Excel formats cannot scale a value except by 100 with a percent sign, so points are written
    # as points (0.1 → 10.0) under a "pts" format; every other kind is written as it is.
    "points": POINTS_NUMBER,
    "number": "#,##0.##",
    "integer": "0",
    "date": DATE,
    "month": "mmm yyyy",
    "datetime": DATETIME,
    "text": None,
}
SCALE: dict[Kind, float] = {"points": 100.0}

WORKBOOK_OPTIONS = {
    "in_memory": True,
    # Text from the upload is written as text, whatever it looks like.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": False,
}


class Formats:
    """The workbook's cell formats: one per kind, and the few for titles and labels."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.quoted = book.add_format({"quote_prefix": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.kinds: dict[Kind, Format | None] = {
            kind: None if number_format is None else book.add_format({"num_format": number_format})
            for kind, number_format in NUMBER_FORMATS.items()
        }

    def of(self, kind: Kind | None) -> Format | None:
        """The number format of a kind (None for text or no kind)."""
        return None if kind is None else self.kinds[kind]


def new_workbook() -> tuple[xlsxwriter.Workbook, io.BytesIO, Formats]:
    """An in-memory workbook that never turns text into formulas, links or numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    return book, buffer, Formats(book)


def needs_quoting(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def _missing(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def write_cell(
    ws: Worksheet, row: int, col: int, value: object, fmt: Format | None, formats: Formats
) -> None:
    """Write one value as what it is: number, date, or text that can never run as a formula."""
    if _missing(value):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value).to_pydatetime()
        ws.write_datetime(row, col, stamp, fmt if fmt is not None else formats.of("date"))
    else:
        text = str(value)
        ws.write_string(row, col, text, formats.quoted if needs_quoting(text) else fmt)


def write_value(
    ws: Worksheet, row: int, col: int, value: object, kind: Kind | None, formats: Formats
) -> None:
    """Write one value in the units and number format of its kind."""
    value = _plain(value)
    scale = SCALE.get(kind) if kind is not None else None
    if scale is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = value * scale
    value = rounded(value, kind)
    write_cell(ws, row, col, value, formats.of(kind), formats)


# Money is exact to the cent; ratios are compared at ROI_DIGITS decimals, so more is noise.
ROUNDING: dict[str, int] = {
    "money": CENT_DIGITS,
    "ratio": ROI_DIGITS,
    "gap": ROI_DIGITS,
    "points": ROI_DIGITS,
}


def rounded(value: object, kind: Kind | None) -> object:
    """A number rounded to what its kind means (cents for money), anything else as it is."""
    digits = ROUNDING.get(kind or "")
    if digits is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    return value if math.isnan(value) or math.isinf(value) else round(value, digits)


def _plain(value: object) -> object:
    if hasattr(value, "item") and not isinstance(value, (str, bytes, pd.Timestamp)):
        return value.item()
    return value


def write_table(
    ws: Worksheet,
    top: int,
    table: pd.DataFrame,
    spec: TableSpec,
    formats: Formats,
    widths: dict[str, int] | None = None,
) -> int:
    """Write the spec's header row and a display frame below it; returns the next free row."""
    headers = [c.header for c in spec]
    if list(table.columns) != headers:
        raise ValueError(f"table columns {list(table.columns)} are not the spec's {headers}")
    for col, column in enumerate(spec):
        write_cell(ws, top, col, column.header, formats.header, formats)
        width = (widths or {}).get(column.header, max(10, min(40, len(column.header) + 2)))
        ws.set_column(col, col, width)
    kinds = [c.kind for c in spec]
    for r, values in enumerate(table.itertuples(index=False), start=top + 1):
        for col, (kind, value) in enumerate(zip(kinds, values, strict=True)):
            write_value(ws, r, col, value, kind, formats)
    return top + 1 + len(table)


Pair = tuple[str, object, Kind | None]


def write_pairs(ws: Worksheet, top: int, pairs: Iterable[Pair], formats: Formats) -> int:
    """Write bold labels in column A and their values in column B; returns the next free row."""
    row = top
    for label, value, kind in pairs:
        write_cell(ws, row, 0, label, formats.bold, formats)
        write_value(ws, row, 1, value, kind, formats)
        row += 1
    return row
