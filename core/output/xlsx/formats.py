"""The workbook's number formats and cell formats, and the in-memory workbook that uses them."""

from __future__ import annotations

import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core import palette
from core.formatting import ValueKind
from core.output.sheet_xml import BulkWorksheet
from core.output.xlsx.layout import SheetLayout

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

WORKBOOK_OPTIONS = {
    "in_memory": True,
    # Text from the upload is written as text, whatever it looks like.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": False,
}


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
