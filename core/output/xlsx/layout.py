"""A sheet's layout: column widths from the text each column shows, row heights from wrapped text.

Widths are measured as Excel measures them (xlsxwriter's character widths), on the formatted text,
headers included, up to a cap beyond which text wraps and its row is made taller.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from xlsxwriter.format import Format
from xlsxwriter.utility import CHAR_WIDTHS

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


def fit_column(layout: SheetLayout, col: int, texts: Sequence[str]) -> None:
    """Widen a column to its widest text, up to its cap."""
    widen_column(layout, col, float(text_widths(texts).max()) if len(texts) else MIN_WIDTH)


def widen_column(layout: SheetLayout, col: int, needed: float) -> None:
    """Widen a column to show a text this wide, up to its cap."""
    layout.widths[col] = max(layout.widths.get(col, MIN_WIDTH), min(needed, layout.cap(col)))


def header_lines(layout: SheetLayout) -> None:
    """Header rows tall enough for headers wrapped in their (final) column widths."""
    for row, col, header in layout.headers:
        width = layout.width(col)
        lines = lines_needed(header, width, bold=True, extra_px=FILTER_BUTTON_PX)
        layout.lines[row] = max(layout.lines.get(row, 1), lines)
