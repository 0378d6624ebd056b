"""A table's body written as ready-made cell XML, column by column, instead of one xlsxwriter call per cell.

xlsxwriter stores every cell as a Python object and turns each into XML when the workbook closes:
about 20 µs a cell, so a Quarterly sheet of 5,000 alliances (65k rows × 10 cells) took seconds. Here
a whole column becomes its cells' XML at once (core.output.xlsx.tables `_column_cells`), each distinct
value resolved once, and `BulkWorksheet` writes those rows where xlsxwriter would
have written its own. The XML is what xlsxwriter writes for the same cells: numbers as `%.16G`, text
in the shared-string table, dates as Excel serial numbers, blanks only when they carry a format.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xlsxwriter.workbook
from xlsxwriter.exceptions import OverlappingRange
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_range
from xlsxwriter.worksheet import RowInfo, Worksheet

# Strings this long may pass Excel's cell limit (32,767 UTF-16 units); xlsxwriter truncates them.
LONG_STRING = 32_767 // 2
# zlib's fastest level. Compressing a sheet's XML at zlib's default (6) took a second of a 5,000-alliance
# summary (50 MB of XML) against 0.28 s at level 1, for a file a third larger (9.4 MB, not 7.1 MB).
ZIP_LEVEL = 1


class QuickZipFile(zipfile.ZipFile):
    """The zip file xlsxwriter packs a workbook into, compressing at ZIP_LEVEL: xlsxwriter offers no
    setting for the level, and writes each part with `writestr`, which otherwise uses zlib's default."""

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: bytes | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        level = ZIP_LEVEL if compresslevel is None else compresslevel
        super().writestr(zinfo_or_arcname, data, compress_type, level)


# xlsxwriter opens its zip file by this module-level name; only this project writes workbooks here.
xlsxwriter.workbook.ZipFile = QuickZipFile  # type: ignore[misc]


@dataclass
class CellBlock:
    """Rows `first`… of a table's body: per column, each row's cell XML after `<c r="A1"` ("" = no cell)."""

    first: int
    columns: list[list[str]]

    @property
    def rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0


class BulkWorksheet(Worksheet):
    """A worksheet that also takes blocks of cells as XML (`add_block`), written in row order with the
    cells written one by one (`write_*`); a row holding both gets both, in column order."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[CellBlock] = []
        self.table_areas: list[tuple[int, int, int, int]] = []

    def set_heights(self, heights: dict[int, float]) -> None:
        """Heights in points of many rows, recorded as `set_row(row, height)` records each, without its
        checks per call (0.25 s for the 35,000 wrapped rows of a 5,000-alliance summary)."""
        if not heights:
            return
        first_col = self.dim_colmin if self.dim_colmin is not None else 0
        for row in (min(heights), max(heights)):
            if self._check_dimensions(row, first_col):
                raise IndexError(f"row {row} is outside the worksheet")
        for row, points in heights.items():
            pixels = int(points * 4.0 / 3.0 + 0.5)  # set_row's own conversion
            self.row_info[row] = RowInfo(height=pixels)
            self.row_sizes[row] = [pixels, False]

    def add_block(self, block: CellBlock) -> None:
        """Add a block of cells; its columns start at column A."""
        if not block.rows:
            return
        self._check_dimensions(block.first, 0)
        self._check_dimensions(block.first + block.rows - 1, len(block.columns) - 1)
        self.blocks.append(block)

    def _calculate_spans(self) -> None:
        super()._calculate_spans()
        # A block's cells are not in xlsxwriter's table: widen each 16-row span over them.
        for block in self.blocks:
            for index in range(block.first // 16, (block.first + block.rows - 1) // 16 + 1):
                low, high = 1, len(block.columns)
                if index in self.row_spans:
                    old_low, old_high = (int(n) for n in self.row_spans[index].split(":"))
                    low, high = min(low, old_low), max(high, old_high)
                self.row_spans[index] = f"{low}:{high}"

    def _write_rows(self) -> None:
        if not self.blocks:
            super()._write_rows()
            return
        self._calculate_spans()
        starts = {block.first: block for block in self.blocks}
        row = self.dim_rowmin
        while row <= self.dim_rowmax:
            block = starts.get(row)
            if block is None:
                self._write_one_row(row)
                row += 1
            else:
                self._write_block(block)
                row += block.rows

    def _write_one_row(self, row: int) -> None:
        """xlsxwriter's own loop body for one row (Worksheet._write_rows)."""
        if row not in self.row_info and row not in self.comments and not self.table.get(row):
            return
        span = self.row_spans.get(row // 16)
        if self.table.get(row):
            self._write_row(row, span, self.row_info.get(row))
            for col in range(self.dim_colmin, self.dim_colmax + 1):
                if col in self.table[row]:
                    self._write_cell(row, col, self.table[row][col])
            self._xml_end_tag("row")
        else:
            self._write_empty_row(row, span, self.row_info.get(row))

    def _row_heads(self, block: CellBlock) -> tuple[list[str], list[int]]:
        """Each block row's opening tag as xlsxwriter writes it ("" for a row without cells), and the
        rows it must write itself (cells written one by one, a format or outline, a comment).

        A row whose only attribute is a height (wrapped text) is written here too, with xlsxwriter's
        `ht` and `customHeight` attributes."""
        first, stop = block.first, block.first + block.rows
        if self.default_row_height != self.original_row_height or self.excel_version == 2010:
            return [""] * block.rows, list(range(block.rows))
        inside = range(first, stop)
        special = {row for row, cells in self.table.items() if cells and row in inside}
        special |= {row for row in self.comments if row in inside}
        special |= {row for row, info in self.row_info.items() if row in inside and not _height_only(info)}
        heights = {
            row: f' ht="{info.height * 0.75:.16g}" customHeight="1"'
            for row, info in self.row_info.items()
            if row in inside and info.height != self.original_row_height
        }
        spans = {
            index: f' spans="{span}"'
            for index in range(first // 16, (stop - 1) // 16 + 1)
            if (span := self.row_spans.get(index))
        }
        filled = map(any, zip(*block.columns, strict=True))
        heads = [
            f'<row r="{row + 1}"{spans.get(row // 16, "")}{heights.get(row, "")}>' if has_cells else ""
            for row, has_cells in zip(inside, filled, strict=True)
        ]
        offsets = sorted(row - first for row in special)
        for offset in offsets:
            heads[offset] = ""
        return heads, offsets

    def _write_block(self, block: CellBlock) -> None:
        """The block's rows, joined in C from pieces: each cell is `<c r="` and its column's letter, the
        row's number, then its tail, so a column without gaps costs no Python per cell; a column with
        gaps (no cell in some rows) has its cells made one by one. The rows xlsxwriter must write
        itself go through it in their place."""
        letters = [xl_col_to_name(col) for col in range(len(block.columns))]
        numbers = range(block.first + 1, block.first + block.rows + 1)
        refs = [f'{number}"' for number in numbers]
        gapped = ["" in column for column in block.columns]
        cells = [
            [
                f'<c r="{letter}{number}"{tail}' if tail else ""
                for number, tail in zip(numbers, column, strict=True)
            ]
            if gaps
            else column
            for letter, column, gaps in zip(letters, block.columns, gapped, strict=True)
        ]
        heads, special = self._row_heads(block)
        ends = ["</row>" if head else "" for head in heads]
        start = 0
        for stop in [*special, block.rows]:
            if stop > start:
                pieces: list[Iterable[str]] = [heads[start:stop]]
                for letter, column, gaps in zip(letters, cells, gapped, strict=True):
                    if gaps:
                        pieces.append(column[start:stop])
                    else:
                        pieces += [
                            itertools.repeat(f'<c r="{letter}', stop - start),
                            refs[start:stop],
                            column[start:stop],
                        ]
                pieces.append(ends[start:stop])
                self.fh.write("".join(itertools.chain.from_iterable(zip(*pieces, strict=True))))
            if stop < block.rows:
                tails = [column[stop] for column in block.columns]
                self._write_mixed_row(block.first + stop, str(block.first + stop + 1), letters, tails)
            start = stop + 1

    def _write_mixed_row(self, row: int, number: str, letters: list[str], tails: Sequence[str]) -> None:
        """A block row that also has attributes (a height) or cells written one by one."""
        written = self.table.get(row, {})
        span = self.row_spans.get(row // 16)
        if not written and not any(tails):
            if row in self.row_info or row in self.comments:
                self._write_empty_row(row, span, self.row_info.get(row))
            return
        self._write_row(row, span, self.row_info.get(row))
        if written:
            for col in range(self.dim_colmin, self.dim_colmax + 1):
                if col < len(tails) and tails[col]:
                    self.fh.write(f'<c r="{letters[col]}{number}"{tails[col]}')
                elif col in written:
                    self._write_cell(row, col, written[col])
        else:
            self.fh.write("".join(f'<c r="{c}{number}"{t}' for c, t in zip(letters, tails, strict=True) if t))
        self._xml_end_tag("row")

    def add_table(  # type: ignore[override]
        self, first_row: int, first_col: int, last_row: int, last_col: int, options: dict[str, Any]
    ) -> int:
        """xlsxwriter's add_table without its cell-by-cell bookkeeping of a long table's range.

        xlsxwriter records every cell of a table to refuse overlapping tables and merged ranges (a
        million dictionary entries for 5,000 alliances): here the table is added over its header
        and first row, then stretched to its last row, and overlaps are checked by rectangle.
        """
        area = (first_row, first_col, last_row, last_col)
        for other in [*self.table_areas, *([m[0], m[1], m[2], m[3]] for m in self.merge)]:
            if _overlap(area, tuple(other)):
                raise OverlappingRange(f"Table range {area} overlaps {tuple(other)}.")
        if "data" in options or options.get("total_row") or any("formula" in c for c in options["columns"]):
            raise ValueError("a bulk table takes no data, total row or column formulas")
        result = super().add_table(first_row, first_col, min(last_row, first_row + 1), last_col, options)
        if result != 0:
            return result
        self._check_dimensions(last_row, last_col, True, True)
        table = self.tables[-1]
        table["range"] = xl_range(first_row, first_col, last_row, last_col)
        table["a_range"] = table["range"]
        if "autofilter" in table:
            table["autofilter"] = table["a_range"]
        self.table_areas.append(area)
        return 0

    def merge_range(  # type: ignore[override]
        self, first_row: int, first_col: int, last_row: int, last_col: int, data: Any, cell_format: Any = None
    ) -> int:
        """xlsxwriter's merge_range, refusing a range over a table's rows that it no longer records."""
        area = (first_row, first_col, last_row, last_col)
        for other in self.table_areas:
            if _overlap(area, other):
                raise OverlappingRange(f"Merge range {area} overlaps table range {other}.")
        return super().merge_range(first_row, first_col, last_row, last_col, data, cell_format)


def _height_only(info: Any) -> bool:
    """True for no row attributes, or a height alone (no format, not hidden, no outline)."""
    return info is None or not (info.row_format or info.hidden or info.level or info.collapsed)


def _overlap(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """True when two (first row, first column, last row, last column) areas share a cell."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def style(fmt: Format | None) -> str:
    """The cell's style attribute (none without a format)."""
    return "" if fmt is None else f' s="{fmt._get_xf_index()}"'


def blank_tail(fmt: Format | None) -> str:
    """An empty cell: written only when it carries a format, as xlsxwriter's write_blank does."""
    return "" if fmt is None else f"{style(fmt)}/>"


def number_tail(number: float, fmt: Format | None) -> str:
    """A number as xlsxwriter writes it (`%.16G`)."""
    return f"{style(fmt)}><v>{number:.16G}</v></c>"


def number_tails(numbers: np.ndarray, fmt: Format | None) -> list[str]:
    """A column of numbers, NaN a blank cell."""
    head = style(fmt)
    tails = [f"{head}><v>{n:.16G}</v></c>" for n in numbers.tolist()]
    blank = blank_tail(fmt)
    for i in np.flatnonzero(np.isnan(numbers)).tolist():
        tails[i] = blank
    return tails


def string_tail(ws: Worksheet, text: str, fmt: Format | None, uses: int) -> str:
    """A text cell through the workbook's shared-string table, looked up once for all its `uses`."""
    index = ws.str_table._get_shared_string_index(text)
    ws.str_table.count += uses - 1  # the table counts every use, as one write_string per cell would
    return f'{style(fmt)} t="s"><v>{index}</v></c>'
