"""Writing single cells, label and value pairs and notes, and finishing a sheet for screen and print.

A number is written as a number in the format of its kind, a date as a date, and text never runs as
a formula. How each sheet prints is core.output.xlsx.printing's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core.formatting import ValueKind
from core.output.sheet_xml import BulkWorksheet
from core.output.xlsx.formats import Formats
from core.output.xlsx.layout import LINE_POINTS, Note, header_lines, lines_needed, text_width
from core.output.xlsx.printing import breaks_across, set_up_printing
from core.output.xlsx.values import is_missing, needs_quoting, prepared, shown


def write_cell(
    ws: Worksheet, row: int, col: int, value: object, fmt: Format | None, formats: Formats
) -> None:
    """Write one value as what it is: number, date, or text that can never run as a formula."""
    formats.layout(ws).reach(row, col)
    put_cell(ws, row, col, value, fmt, formats)


def put_cell(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None, formats: Formats) -> None:
    """`write_cell` without counting the cell in the sheet's extent (a table counts its own)."""
    if is_missing(value):
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
    if is_missing(text):
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
    breaks = breaks_across(layout, last_col)
    # A sentence printed across a page break would be cut in two: it stays on the first page across.
    note_end = breaks[0] - 1 if breaks else last_col
    for note in layout.notes:
        _place_note(ws, note, max(note_end, note.col), formats)
    header_lines(layout)
    heights = {row: LINE_POINTS * lines for row, lines in sorted(layout.lines.items()) if lines > 1}
    if isinstance(ws, BulkWorksheet):
        ws.set_heights(heights)
    else:
        for row, points in heights.items():
            ws.set_row(row, points)
    # Row 1 is repeated on every printed page, unless it is the header of the first of several
    # tables: it would then be printed above the later tables' rows as if it were theirs.
    header_rows = {row for row, _, _ in layout.headers}
    repeat_first_row = not (0 in header_rows and len(header_rows) > 1)
    set_up_printing(ws, layout, breaks, repeat_first_row)


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
