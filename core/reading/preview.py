"""The first rows of each sheet, read without laying the sheet out: what finding a header needs.

calamine parses a whole sheet to give any of its rows; openpyxl in read-only mode streams a sheet's
XML and stops after the rows asked for. The command (core.cli) checks an upload in a worker while it
loads its own modules; `checked_with_heads` reads the sheets' first rows there too, after the check,
so that the reader forked later finds them ready (safety.vouch) instead of reading them itself.
"""

from __future__ import annotations

import functools
import io
import warnings
from pathlib import PurePath
from typing import Any

from core.reading.extent import SheetExtent
from core.reading.safety import check_upload

# Enough rows to get past a title banner and a few notes above the header row.
HEADER_SCAN_ROWS = 30
# Sheets the column-wise reader takes (and whose first rows are streamed): zips of XML parts.
COLUMNWISE_SUFFIXES = (".xlsx", ".xlsm")

Rows = list[list[object]]


def head_rows(data: bytes, sheet: str, nrows: int) -> Rows:
    """The first rows of a sheet as cell values ('' for an empty cell), streamed by openpyxl."""
    return heads_of(data, [sheet], nrows)[sheet]


def heads_of(data: bytes, sheets: list[str], nrows: int) -> dict[str, Rows]:
    """The first `nrows` rows of each of `sheets`, from one opening of the workbook."""
    with warnings.catch_warnings():
        # Unsupported extensions (data validation, conditional formats) are not the ledger's business.
        warnings.simplefilter("ignore")
        reader = _unsized_reader()(io.BytesIO(data), read_only=True, data_only=True)
        reader.read()
        book = reader.wb
        try:
            heads = {}
            for sheet in sheets:
                worksheet = book[sheet]
                rows = [
                    ["" if v is None else v for v in row]
                    for row in worksheet.iter_rows(min_row=1, max_row=nrows, min_col=1, values_only=True)
                ]
                width = max((len(r) for r in rows), default=0)
                heads[sheet] = [r + [""] * (width - len(r)) for r in rows]
        finally:
            book.close()
    return heads


@functools.cache
def _unsized_reader() -> Any:
    """openpyxl's read-only workbook reader, without its sizing of every sheet on opening. A sheet
    without a <dimension> (openpyxl's write-only mode and many exporters write none) is parsed whole
    to size it, because openpyxl looks for the dimension until the *end* of the sheet's data: a
    50,000-row sheet cost 1.3 s for the 30 rows wanted. The size is not needed: a read-only sheet
    that trusted its <dimension> would also take 'A1' (some writers' value) for one column, so the
    rows are measured from their cells."""
    # The workbook writer's library, loaded only when a sheet's first rows are streamed.
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedSheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            self.reset_dimensions()

    class UnsizedReader(ExcelReader):  # type: ignore[misc]
        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    worksheet = UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                    worksheet.sheet_state = sheet.state
                    self.wb._sheets.append(worksheet)

    return UnsizedReader


def checked_with_heads(data: bytes, filename: str) -> tuple[dict[str, SheetExtent], dict[str, Rows]]:
    """`check_upload`'s verdict (it raises on a refused file), and the first HEADER_SCAN_ROWS rows of
    each sheet the column-wise reader would stream them from ({} when they cannot be had here)."""
    extents = check_upload(data, filename)
    if PurePath(filename).suffix.lower() not in COLUMNWISE_SUFFIXES:
        return extents, {}
    plain = [name for name, extent in extents.items() if not extent.merged]
    try:
        return extents, heads_of(data, plain, HEADER_SCAN_ROWS)
    except Exception:  # openpyxl refuses more than calamine: the reader reads these rows itself, or says why
        return extents, {}
