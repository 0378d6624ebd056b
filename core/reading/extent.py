"""How far a worksheet's cells reach, measured from its XML before calamine lays the sheet out.

calamine holds a sheet as one rectangle reaching the farthest cell that holds a value, 32 bytes a
cell whether the cell is empty or not: one value at XFD1048576 makes it ask for 512 GiB. The
rectangle is measured here while the sheet part streams out of the zip, 1 MB at a time, so a sheet
that would need more than CELL_BUDGET cells is refused in a sentence before it is parsed.

What counts is what calamine lays out: cells holding something. A cell that is only formatted
(`<c r="XFD1048576" s="1"/>`) and the sheet's `<dimension ref=...>` cost calamine nothing (measured:
a sheet declaring A1:XFD1048576, or formatting XFD1048576, reads in 42 MB), so they never refuse a
sheet; the dimension is kept for the record. The scan is linear and cheap because it only looks
closely at cells that could break the budget: beyond the columns a full-height sheet may fill, or
below Excel's last row. Rows are taken as writers save them (in order); cells spelt in ways no
writer uses (no `r`, entities in `r`) are left to the worker's memory cap (isolation.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.errors import LedgerError

EXCEL_MAX_ROWS = 1_048_576
# A full-height ledger of 20 columns is 1,048,576 × 20 = 20,971,520 cells. 50,000,000 lets a sheet
# reach Excel's last row with 47 columns. calamine keeps 32 bytes a cell (1.6 GB at the budget); a
# 1,048,576 × 47 sheet was measured to read in 2.5 GB, under the worker's 4 GB cap (isolation.py).
CELL_BUDGET = 50_000_000

_CHUNK_TAIL = 16 * 1024  # the last cell of each chunk gives the farthest row (rows come in order)
_MAX_CARRY = 1024 * 1024  # an unfinished tag longer than this is not a cell: stop carrying it
_DIGITS_CAP = 15  # a row number longer than this is absurd; it is read as 10**15
_LETTERS_CAP = 10  # likewise for a column name


@dataclass(frozen=True)
class SheetExtent:
    """The farthest row and column (1-based) holding a value, and the <dimension> the sheet declares."""

    rows: int
    columns: int
    declared: str | None = None
    # Merged areas are filled in by the careful reader; the column-wise one leaves such sheets to it.
    merged: bool = False

    @property
    def cells(self) -> int:
        """Cells in the rectangle from A1 to the farthest row and column."""
        return self.rows * self.columns

    @property
    def last_cell(self) -> str:
        """The corner the rectangle reaches, e.g. XFD1048576."""
        return f"{column_name(self.columns)}{self.rows}"


def check_extent(extent: SheetExtent, sheet: str, filename: str) -> None:
    """Refuse a sheet whose cells reach farther than CELL_BUDGET cells, before it is parsed."""
    if extent.cells > CELL_BUDGET:
        raise LedgerError(
            f"'{filename}': sheet '{sheet}' reaches cell {extent.last_cell} ({extent.cells:,} cells), "
            f"far more than a ledger needs (budget {CELL_BUDGET:,} cells): a stray value sits far "
            "outside the data; delete the empty rows and columns after the data and save again."
        )


def column_name(number: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name or "A"


def column_number(letters: bytes) -> int:
    """b'A' → 1, b'xfd' → 16384; absurdly long names count as 26**10."""
    number = 0
    for letter in letters[:_LETTERS_CAP].upper():
        number = number * 26 + letter - 64
    return number if len(letters) <= _LETTERS_CAP else 26**_LETTERS_CAP


def _row_number(digits: bytes) -> int:
    return int(digits) if len(digits) <= _DIGITS_CAP else 10**_DIGITS_CAP


def _letters_above(limit: int) -> bytes:
    """A regex for column names (either case) after column number `limit`: 47 → AV, AW, …, BA, …, AAA."""
    name = column_name(limit).encode()
    choices = [rb"[A-Za-z]{%d,}" % (len(name) + 1)]
    for at, letter in enumerate(name):
        if letter < ord("Z"):
            same = b"".join(b"[%c%c]" % (c, c + 32) for c in name[:at])
            after = b"[%c-Z%c-z]" % (letter + 1, letter + 33)
            choices.append(same + after + b"[A-Za-z]" * (len(name) - at - 1))
    return b"(?:" + b"|".join(choices) + b")"


@lru_cache(maxsize=64)
def _wide_cells(beyond: int) -> re.Pattern[bytes]:
    """Cell references in a column after `beyond` (the attribute's value, letters and digits apart)."""
    # The lookahead turns away a shorter name at once: most cells of a ledger are in columns A to Z.
    shortest = rb"(?=[A-Za-z]{%d})" % len(column_name(beyond))
    return re.compile(rb"r=[\"']" + shortest + rb"(" + _letters_above(beyond) + rb")(\d+)[\"']")


# A full-height sheet may fill this many columns within the budget: 47.
_NARROW = CELL_BUDGET // EXCEL_MAX_ROWS
# Row elements numbered with as many digits as Excel's last row or more (1,000,000 and above).
_DEEP_ROWS = re.compile(rb"row\s+r=[\"'](\d{%d,})[\"']" % len(str(EXCEL_MAX_ROWS)))
_CELLS = re.compile(rb"\br=[\"']([A-Za-z]+)(\d+)[\"']")
_MERGED = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref=[\"']([^\"']*)[\"']")
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")


def _tag_at(buffer: bytes, position: int, end: int) -> tuple[bytes, bool]:
    """The local name of the tag holding the attribute at `position`, and whether it has content."""
    start = buffer.rfind(b"<", 0, position)
    words = buffer[start + 1 : position].split(None, 1) if start >= 0 else []
    name = words[0] if words else b""
    close = buffer.find(b">", position, end)
    empty = close > 0 and buffer[close - 1] == ord("/")
    return name.rsplit(b":", 1)[-1], not empty


def _is_attribute(buffer: bytes, position: int) -> bool:
    return position > 0 and buffer[position - 1] in b" \t\r\n"


class ExtentScanner:
    """Fed a worksheet part chunk by chunk; `extent()` then says how far its cells reach."""

    def __init__(self) -> None:
        self._carry = b""
        self._rows = 0
        self._columns = 0
        self._beyond = _NARROW
        self._declared: str | None = None
        self._in_data = False
        self._merged = False

    def feed(self, chunk: bytes) -> None:
        """Scan the next piece of the part; an unfinished tag waits for the next piece."""
        buffer = self._carry + chunk
        end = buffer.rfind(b">") + 1
        if end == 0:
            if len(buffer) <= _MAX_CARRY:
                self._carry = buffer
                return
            end = len(buffer) - 64
        self._scan(buffer, end)
        self._carry = buffer[end:]

    def extent(self) -> SheetExtent:
        """The rectangle the part's cells reach: exact past column 47 or row 1,048,576, where it matters."""
        if self._carry:
            self._scan(self._carry, len(self._carry))
            self._carry = b""
        return SheetExtent(self._rows, self._columns, self._declared, self._merged)

    def _scan(self, buffer: bytes, end: int) -> None:
        if not self._in_data:
            self._read_dimension(buffer, end)
        # A plain find first: the pattern's search over a whole sheet costs as much as the rest of the scan.
        if not self._merged and buffer.find(b"mergeCell", 0, end) >= 0 and _MERGED.search(buffer, 0, end):
            self._merged = True
        self._scan_wide(buffer, end)
        for match in _DEEP_ROWS.finditer(buffer, 0, end):
            row = _row_number(match.group(1))
            if row > EXCEL_MAX_ROWS and _tag_at(buffer, match.start() + 3, end) == (b"row", True):
                self._rows = max(self._rows, row)
        # The last cell holding something is the farthest row so far, as rows come in order; the last
        # rows' columns up to the 47th give the width (a wider cell was counted above, exactly).
        tail = list(_CELLS.finditer(buffer, max(0, end - _CHUNK_TAIL), end))
        for match in reversed(tail):
            if self._note_cell(buffer, match, end):
                break
        widths = (column_number(letters) for letters in {match.group(1) for match in tail})
        self._columns = max(self._columns, max((w for w in widths if w <= _NARROW), default=0))

    def _read_dimension(self, buffer: bytes, end: int) -> None:
        found = _DIMENSION.search(buffer, 0, end)
        if found and self._declared is None:
            self._declared = found.group(1).decode("ascii", "replace")
        self._in_data = _SHEET_DATA.search(buffer, 0, end) is not None

    def _scan_wide(self, buffer: bytes, end: int) -> None:
        # Only cells past the widest column seen so far match; each new widest column narrows the search.
        position = 0
        while found := _wide_cells(self._beyond).search(buffer, position, end):
            position = found.end()
            if self._note_cell(buffer, found, end):
                self._beyond = max(self._beyond, self._columns)

    def _note_cell(self, buffer: bytes, match: re.Match[bytes], end: int) -> bool:
        """Count a cell reference if it is a cell holding something; True if it was counted."""
        if not _is_attribute(buffer, match.start()):
            return False
        tag, holds = _tag_at(buffer, match.start(), end)
        if tag != b"c" or not holds:
            return False
        self._columns = max(self._columns, column_number(match.group(1)))
        self._rows = max(self._rows, _row_number(match.group(2)))
        return True
