"""Writing cells with xlsxwriter: real numbers with the number format of their kind, text that never runs.

Every table is an Excel table (filters, a header style), band and goal-status cells are coloured by
rules that Excel and LibreOffice both apply, each column is as wide as the widest text it shows (the
formatted text, headers included, up to a cap beyond which text wraps), and each sheet prints
landscape, one page wide, its first row repeated on every page.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import CHAR_WIDTHS
from xlsxwriter.worksheet import Worksheet

from core import palette
from core.analysis.roi import CENT_DIGITS, ROI_DIGITS
from core.formatting import ValueKind
from core.model import Band, GoalStatus
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

# A text cell starting with one of these is a formula to Excel and LibreOffice (and to CSV
# importers), so it is marked as text (quote prefix) or, in CSV, preceded by an apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

MONEY = "#,##0.00;[Red]-#,##0.00"
PERCENT = "0.0%"
POINTS = "+0.0%;[Red]-0.0%;0.0%"
POINTS_NUMBER = '+0.0 "pts";[Red]-0.0 "pts";0.0 "pts"'
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"

NUMBER_FORMATS: dict[ValueKind, str | None] = {
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
SCALE: dict[ValueKind, float] = {"points": 100.0}

# What each number format shows, in Python's words, to measure a column (worst case for '#,##0.##').
SHOWN_NUMBERS: dict[ValueKind, Callable[[float], str]] = {
    "money": lambda v: f"{v:,.2f}",
    "ratio": lambda v: f"{v:.1%}",
    "gap": lambda v: f"{v:+.1%}",
    "points": lambda v: f"{v:+.1f} pts",
    "number": lambda v: f"{v:,.2f}",
    "integer": lambda v: f"{v:.0f}",
}
SHOWN_DATES: dict[ValueKind, str] = {"month": "%b %Y", "datetime": "%Y-%m-%d %H:%M"}

WORKBOOK_OPTIONS = {
    "in_memory": True,
    # Text from the upload is written as text, whatever it looks like.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": False,
}

# Column widths are in Excel's unit, the width of a digit of the default font (7 pixels in Calibri 11).
DIGIT_PX = 7
# Excel's own 7 pixels of cell padding and a few more, since a number one pixel too wide shows as
# ####. (LibreOffice, drawing Calibri with another font where Carlito is missing, needs less.)
PADDING_PX = 10
FILTER_BUTTON_PX = 16  # the filter arrow over a table's header cell
BOLD_FACTOR = 1.1
MIN_WIDTH = 6.0
# Wider text wraps inside the column instead (a note, a reason); headers wrap sooner. Narrow enough
# that a sheet printed one page wide stays readable.
MAX_WIDTH = 36.0
MAX_HEADER_WIDTH = 16.0
LINE_POINTS = 15.0  # one line of Calibri 11, Excel's default row height
WRAP_SLACK = 1.15  # lines break at words and fonts differ: estimate wrapped text a little longer

TABLE_STYLE = "Table Style Medium 2"
# Columns (by source) whose cells are coloured, and the values that get a colour.
COLOURED: dict[str, tuple[str, ...]] = {
    "band": (Band.STRONG, Band.MODERATE, Band.WEAK),
    "status": (GoalStatus.ACHIEVED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK, GoalStatus.OFF_TRACK),
    "goal_status": (GoalStatus.ACHIEVED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK, GoalStatus.OFF_TRACK),
}
FOOTER = "&L&A&RPage &P of &N"
# From this day on a date's Excel serial number is a plain count of days (before it, Excel counts a
# 29 February 1900 that never was, and xlsxwriter writes those dates itself).
FIRST_PLAIN_DATE = pd.Timestamp("1900-03-01")


@dataclass
class Note:
    """A sentence written beside the tables, placed once the sheet's column widths are known."""

    row: int
    col: int
    text: str
    fmt: Format | None
    bold: bool = False


@dataclass
class SheetLayout:
    """What one sheet needs once its cells are written: column widths, row heights, notes, extent."""

    widths: dict[int, float] = field(default_factory=dict)
    fixed: dict[int, float] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)
    headers: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    last_row: int = 0
    last_col: int = 0

    def cap(self, col: int) -> float:
        """The widest a column may grow before its text wraps."""
        return self.fixed.get(col, MAX_WIDTH)

    def reach(self, row: int, col: int) -> None:
        """Count a written cell in the sheet's extent (its print area)."""
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, col)

    def see(self, row: int, col: int, text: str, bold: bool = False) -> bool:
        """Widen the column for a cell's text; True when the text is wider than the cap and must wrap."""
        self.reach(row, col)
        needed = text_width(text, bold)
        cap = self.cap(col)
        self.widths[col] = max(self.widths.get(col, MIN_WIDTH), min(needed, cap))
        if needed <= cap:
            return False
        self.lines[row] = max(self.lines.get(row, 1), lines_needed(text, cap, bold))
        return True

    def see_header(self, row: int, col: int, header: str) -> None:
        """Widen the column for a table header (bold, with its filter arrow); long headers wrap sooner."""
        self.reach(row, col)
        self.headers.append((row, col, header))
        full = text_width(header, bold=True, extra_px=FILTER_BUTTON_PX)
        longest_word = max(text_width(w, bold=True, extra_px=FILTER_BUTTON_PX) for w in [*header.split(), ""])
        wanted = min(max(min(full, MAX_HEADER_WIDTH), longest_word), self.cap(col))
        self.widths[col] = max(self.widths.get(col, MIN_WIDTH), wanted)

    def width(self, col: int) -> float:
        """A column's final width."""
        return self.fixed.get(col, self.widths.get(col, MIN_WIDTH))


def pixel_width(text: str) -> int:
    """xlsxwriter's xl_pixel_width (Excel's width of each character, 8 for any other), summed in C."""
    return sum(map(CHAR_WIDTHS.get, text, itertools.repeat(8, len(text))))


# CHAR_WIDTHS by code point: printable ASCII has its own width; DEL (127) and beyond are 8, so any
# code point is looked up at min(code, 127).
_WIDTH_BY_CODE = np.full(128, 8, dtype=np.int64)
for _char, _width in CHAR_WIDTHS.items():
    _WIDTH_BY_CODE[ord(_char)] = _width


def pixel_widths(texts: Sequence[str]) -> np.ndarray:
    """`pixel_width` of many texts at once: every character looked up in one numpy pass."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    running = np.concatenate(([0], np.cumsum(_WIDTH_BY_CODE[np.minimum(codes, 127)])))
    ends = np.cumsum(lengths)
    return running[ends] - running[ends - lengths]


def text_widths(texts: Sequence[str]) -> np.ndarray:
    """`text_width` (not bold) of many texts at once; a text of several lines goes one by one."""
    widths = (pixel_widths(texts) + PADDING_PX) / DIGIT_PX
    for i in [i for i, text in enumerate(texts) if "\n" in text]:
        widths[i] = text_width(texts[i])
    return widths


def lines_of(texts: Sequence[str], width: float) -> list[int]:
    """`lines_needed` (not bold) of many texts in a column of this width, at once."""
    room = max(width * DIGIT_PX - PADDING_PX, DIGIT_PX)
    counts = np.maximum(1, np.ceil(pixel_widths(texts) * WRAP_SLACK / room)).astype(int).tolist()
    for i in [i for i, text in enumerate(texts) if "\n" in text]:
        counts[i] = lines_needed(texts[i], width)
    return counts


def text_width(text: str, bold: bool = False, extra_px: float = 0) -> float:
    """Column width (in digits) that shows a text on one line; the widest line of a multi-line text."""
    pixels = max(pixel_width(line) for line in text.split("\n"))
    return (pixels * (BOLD_FACTOR if bold else 1.0) + PADDING_PX + extra_px) / DIGIT_PX


def lines_needed(text: str, width: float, bold: bool = False, extra_px: float = 0) -> int:
    """How many lines a text wraps to in a column of this width (an estimate on the generous side)."""
    room = max(width * DIGIT_PX - PADDING_PX - extra_px, DIGIT_PX)
    factor = WRAP_SLACK * (BOLD_FACTOR if bold else 1.0)
    return sum(max(1, math.ceil(pixel_width(line) * factor / room)) for line in text.split("\n"))


class Formats:
    """The workbook's cell formats (one per kind, the few for titles and labels) and each sheet's layout."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        # Every cell reads from the top, so a row made tall by wrapped text still lines up.
        top = {"valign": "top"}
        header = {**top, "bold": True, "bottom": 1, "text_wrap": True, "bg_color": palette.HEADER_FILL}
        self.header = book.add_format(header)
        self.quoted_header = book.add_format({**header, "quote_prefix": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({**top, "bold": True})
        self.bold_wrap = book.add_format({**top, "bold": True, "text_wrap": True})
        self.quoted = book.add_format({**top, "quote_prefix": True})
        self.quoted_wrap = book.add_format({**top, "quote_prefix": True, "text_wrap": True})
        self.wrap = book.add_format({**top, "text_wrap": True})
        self.kinds: dict[ValueKind, Format] = {
            kind: book.add_format(top if number_format is None else {**top, "num_format": number_format})
            for kind, number_format in NUMBER_FORMATS.items()
        }
        self._book = book
        self._fills: dict[tuple[str, str], Format] = {}
        self.fills = {value: self.fill(pair) for value, pair in palette.CELL_FILLS.items()}
        self.layouts: dict[str, SheetLayout] = {}

    def fill(self, colours: tuple[str, str]) -> Format:
        """The format of a coloured cell: its fill and font colour (one of palette's pairs)."""
        if colours not in self._fills:
            fill, font = colours
            self._fills[colours] = self._book.add_format({"bg_color": fill, "font_color": font})
        return self._fills[colours]

    def of(self, kind: ValueKind | None) -> Format | None:
        """The cell format of a kind (None for no kind)."""
        return None if kind is None else self.kinds[kind]

    def layout(self, ws: Worksheet) -> SheetLayout:
        """The layout of one sheet, made on first use."""
        return self.layouts.setdefault(ws.name, SheetLayout())

    def wrapped(self, fmt: Format | None) -> Format:
        """The format that wraps text, for a cell written in `fmt` (bold labels stay bold)."""
        return self.bold_wrap if fmt in (self.bold, self.bold_wrap) else self.wrap

    def quoted_like(self, fmt: Format | None) -> Format:
        """The quote-prefixed format for formula-like text written in `fmt`."""
        if fmt is self.header:
            return self.quoted_header
        return self.quoted_wrap if fmt in (self.wrap, self.bold_wrap) else self.quoted


def new_workbook() -> tuple[xlsxwriter.Workbook, io.BytesIO, Formats]:
    """An in-memory workbook that never turns text into formulas, links or numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    # Every sheet, however it is added, takes a table's body in bulk (write_table).
    book.worksheet_class = BulkWorksheet
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
    formats.layout(ws).reach(row, col)
    _put(ws, row, col, value, fmt, formats)


def _put(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None, formats: Formats) -> None:
    """`write_cell` without counting the cell in the sheet's extent (a table counts its own)."""
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
        ws.write_string(row, col, text, formats.quoted_like(fmt) if needs_quoting(text) else fmt)


def shown(value: object, kind: ValueKind | None) -> str:
    """The text a spreadsheet shows for a value written under its kind's number format."""
    if _missing(value):
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        number = float(value)
        return SHOWN_NUMBERS[kind](number) if kind in SHOWN_NUMBERS else f"{number:.10g}"
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return pd.Timestamp(value).strftime(SHOWN_DATES.get(kind or "date", "%Y-%m-%d"))
    return str(value)


def write_value(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    kind: ValueKind | None,
    formats: Formats,
    fmt: Format | None = None,
) -> None:
    """Write one value in the units and number format of its kind, widening its column to show it.

    `fmt` replaces the kind's format (a bold label); text wider than the column's cap wraps.
    """
    value = prepared(value, kind)
    fmt = fmt if fmt is not None else formats.of(kind)
    if formats.layout(ws).see(row, col, shown(value, kind), bold=fmt is formats.bold):
        fmt = formats.wrapped(fmt)
    write_cell(ws, row, col, value, fmt, formats)


# Money is exact to the cent; ratios are compared at ROI_DIGITS decimals, so more is noise.
ROUNDING: dict[str, int] = {
    "money": CENT_DIGITS,
    "ratio": ROI_DIGITS,
    "gap": ROI_DIGITS,
    "points": ROI_DIGITS,
}


def rounded(value: object, kind: ValueKind | None) -> object:
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
        _colour_cells(ws, top + 1, top + len(table), spec, formats)
    return top + 1 + len(table)


def prepared(value: object, kind: ValueKind | None) -> object:
    """A value in the units of its kind (points scaled), rounded as its kind means."""
    value = _plain(value)
    scale = SCALE.get(kind) if kind is not None else None
    if scale is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = value * scale
    return rounded(value, kind)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isnan(value)


def _fit(layout: SheetLayout, col: int, texts: Sequence[str]) -> None:
    """Widen a column to its widest text, up to its cap."""
    _widen(layout, col, float(text_widths(texts).max()) if len(texts) else MIN_WIDTH)


def _widen(layout: SheetLayout, col: int, needed: float) -> None:
    """Widen a column to show a text this wide, up to its cap."""
    layout.widths[col] = max(layout.widths.get(col, MIN_WIDTH), min(needed, layout.cap(col)))


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
    _fit(formats.layout(ws), col, [shown(n, kind) for n in extremes])
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
    return values if digits is None else rounded_like_python(values, digits)


def rounded_like_python(values: np.ndarray, digits: int) -> np.ndarray:
    """`round(v, digits)` of each value, exactly as Python rounds, at numpy's speed.

    Python rounds the exact binary value to `digits` decimals (half to even) and returns the double
    nearest that decimal. numpy's rint(v · 10^digits) / 10^digits finds the same decimal whenever the
    scaled value is clearly away from a half (its own rounding error is far smaller than the margin
    kept here), and dividing that whole number by 10^digits is correctly rounded, so the double is the
    same. Values near a half, or too large to scale exactly, go through Python's round.
    """
    scale = 10.0**digits
    # A huge value scales to infinity; it is not clear of a half, so Python rounds it.
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = values * scale
        result = np.rint(scaled) / scale
        margin = 1e-6 + np.abs(scaled) * 1e-15
        clear = (np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > margin) & (np.abs(scaled) < 2.0**52)
    doubtful = np.flatnonzero(~clear & ~np.isnan(values))
    if doubtful.size:
        result[doubtful] = [round(v, digits) for v in values[doubtful].tolist()]
    return result


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
    numbers = [] if all_text else [float(v) for v in values if _is_number(v)]  # type: ignore[arg-type]
    shown_at = [i for i, v in enumerate(values) if not _missing(v) and (all_text or not _is_number(v))]
    texts = [str(values[i]) if all_text else shown(values[i], kind) for i in shown_at]
    widths = text_widths(texts)
    samples = [shown(n, kind) for n in ((min(numbers), max(numbers)) if numbers else ())]
    _widen(layout, col, max([*text_widths(samples).tolist(), *widths.tolist()], default=MIN_WIDTH))
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
        _put(ws, first + i, col, values[code], formats.wrapped(fmt) if code in wide else fmt, formats)
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
    if _missing(value):
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


def _colour_cells(ws: Worksheet, first: int, last: int, spec: TableSpec, formats: Formats) -> None:
    """Fill band and goal-status cells by their text: cell-value rules that Excel and LibreOffice keep."""
    for col, column in enumerate(spec):
        for value in COLOURED.get(column.source, ()):
            rule = {"type": "cell", "criteria": "equal to", "value": f'"{value}"'}
            ws.conditional_format(first, col, last, col, {**rule, "format": formats.fills[value]})


Pair = tuple[str, object, ValueKind | None]


def write_pairs(ws: Worksheet, top: int, pairs: Iterable[Pair], formats: Formats) -> int:
    """Write bold labels in column A and their values in column B; returns the next free row.

    A value in words (a file name, a window, a reason) runs on over the columns to its right rather
    than widening column B, which tables below may share.
    """
    row = top
    for label, value, kind in pairs:
        write_label(ws, row, 0, label, formats)
        if isinstance(value, str):
            write_note(ws, row, 1, value, formats, fmt=formats.of(kind))
        else:
            write_value(ws, row, 1, value, kind, formats)
        row += 1
    return row


def write_label(ws: Worksheet, row: int, col: int, text: str, formats: Formats) -> None:
    """A bold label that its column is widened to show."""
    write_value(ws, row, col, text, None, formats, fmt=formats.bold)


def write_note(
    ws: Worksheet,
    row: int,
    col: int,
    text: object,
    formats: Formats,
    bold: bool = False,
    fmt: Format | None = None,
) -> None:
    """A sentence beside the tables (a reason, a paragraph), the last thing in its row.

    It is placed when the sheet is finished: on one line when the columns from `col` to the sheet's
    last one are wide enough, else wrapped over them (merged) in a row tall enough to show it.
    """
    if _missing(text):
        return
    layout = formats.layout(ws)
    layout.reach(row, col)
    layout.notes.append(Note(row, col, str(text), formats.bold if bold else fmt, bold))


def finish_sheet(ws: Worksheet, formats: Formats) -> None:
    """Set the column widths and row heights, place the notes and set up printing."""
    layout = formats.layout(ws)
    last_col = max([*layout.widths, *layout.fixed, 0])
    for col in range(last_col + 1):
        ws.set_column(col, col, round(layout.width(col), 1))
    for note in layout.notes:
        _place_note(ws, note, max(last_col, note.col), formats)
    _header_lines(layout)
    heights = {row: LINE_POINTS * lines for row, lines in sorted(layout.lines.items()) if lines > 1}
    if isinstance(ws, BulkWorksheet):
        ws.set_heights(heights)
    else:
        for row, points in heights.items():
            ws.set_row(row, points)
    ws.print_area(0, 0, layout.last_row, max(last_col, layout.last_col))
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    # Row 1 is repeated on every printed page, unless it is the header of the first of several
    # tables: it would then be printed above the later tables' rows as if it were theirs.
    header_rows = {row for row, _, _ in layout.headers}
    if not (0 in header_rows and len(header_rows) > 1):
        ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(FOOTER)


def _place_note(ws: Worksheet, note: Note, end: int, formats: Formats) -> None:
    layout = formats.layout(ws)
    span = sum(layout.width(c) for c in range(note.col, end + 1))
    if text_width(note.text, note.bold) <= span:
        write_cell(ws, note.row, note.col, note.text, note.fmt, formats)
        return
    fmt = formats.wrapped(note.fmt)
    if end > note.col:
        ws.merge_range(note.row, note.col, note.row, end, "", fmt)
    write_cell(ws, note.row, note.col, note.text, fmt, formats)
    lines = lines_needed(note.text, span, note.bold)
    layout.lines[note.row] = max(layout.lines.get(note.row, 1), lines)


def _header_lines(layout: SheetLayout) -> None:
    """Header rows tall enough for headers wrapped in their (final) column widths."""
    for row, col, header in layout.headers:
        width = layout.width(col)
        lines = lines_needed(header, width, bold=True, extra_px=FILTER_BUTTON_PX)
        layout.lines[row] = max(layout.lines.get(row, 1), lines)
