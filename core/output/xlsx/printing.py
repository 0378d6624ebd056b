"""How a sheet prints: landscape, its first row on every page, and text kept readable.

A sheet narrow enough is fitted to one page wide. A wider one (the Alliances, Before-After and
Decisions tables run to 20 columns) fitted so would print at a third of its size, too small to
read: it prints at READABLE_SCALE instead, over as many pages across as it needs, broken between
columns and with its first column (the alliance) repeated on each page.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from core.output.xlsx.layout import DIGIT_PX, SheetLayout

FOOTER = "&L&A&RPage &P of &N"
MARGIN_INCHES = {"left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.6}
# The printable width of the narrower of Letter (11 in) and A4 (11.7 in) in landscape, inside the
# margins, in points. A column of w digits is w × 7 + 5 pixels; Excel prints a pixel as 0.75 pt (96
# an inch), LibreOffice as 1 pt (measured: a 12-digit column prints 89 pt wide at 100 %). Pages are
# worked out for LibreOffice's, the wider, so that neither cuts a column or shrinks text further.
PAGE_WIDTH_PX = (11 - MARGIN_INCHES["left"] - MARGIN_INCHES["right"]) * 72
# Calibri 11 fitted down to 60 % is 6.6 pt, about the smallest print a table is read at; a sheet that
# would shrink further is split across pages at 75 % (8.25 pt).
SMALLEST_FIT = 0.6
READABLE_SCALE = 0.75
CELL_PADDING_PX = 5  # Excel adds this to a column's width in digits times the digit's pixels
DEFAULT_WIDTH = 8.43  # Excel's, for a column whose width is not set (one a note runs over)


def column_pixels(layout: SheetLayout, set_last: int, last_col: int) -> list[float]:
    """Each column's printed width in pixels at 100 %; the widths of columns past `set_last` are
    not set (Excel's default)."""
    widths = [layout.width(col) if col <= set_last else DEFAULT_WIDTH for col in range(last_col + 1)]
    return [width * DIGIT_PX + CELL_PADDING_PX for width in widths]


def page_breaks(widths: list[float], scale: float) -> list[int]:
    """The columns that start a new page across when the sheet prints at `scale` with its first
    column repeated on every page: as many columns on each page as fit, never a page without one."""
    room = PAGE_WIDTH_PX / scale
    breaks: list[int] = []
    used = 0.0
    for col, width in enumerate(widths):
        if used + width > room and col > (breaks[-1] if breaks else 0):
            breaks.append(col)
            used = widths[0]  # the repeated first column
        used += width
    return breaks


def breaks_across(layout: SheetLayout, set_last: int) -> list[int]:
    """The columns that start a new page across, none when the sheet fits one page wide at
    SMALLEST_FIT or more; the columns up to `set_last` have their widths set."""
    widths = column_pixels(layout, set_last, max(set_last, layout.last_col))
    if sum(widths) * SMALLEST_FIT <= PAGE_WIDTH_PX:
        return []
    return page_breaks(widths, READABLE_SCALE)


def set_up_printing(ws: Worksheet, layout: SheetLayout, breaks: list[int], repeat_first_row: bool) -> None:
    """Print area, orientation, fit or scale and `breaks_across`, repeated row and column, margins
    and footer."""
    ws.print_area(0, 0, layout.last_row, max([*layout.widths, *layout.fixed, layout.last_col]))
    ws.set_landscape()
    if breaks:
        ws.set_print_scale(round(READABLE_SCALE * 100))
        ws.repeat_columns(0)
        ws.set_v_pagebreaks(breaks)
    else:
        ws.fit_to_pages(1, 0)
    if repeat_first_row:
        ws.repeat_rows(0)
    ws.set_margins(**MARGIN_INCHES)
    ws.set_footer(FOOTER)
