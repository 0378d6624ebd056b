"""The first rows of each sheet, read without laying the sheet out: what finding a header needs.

calamine parses a whole sheet to give any of its rows; openpyxl in read-only mode streams a sheet's
XML and stops after the rows asked for. The command (core.cli) checks an upload in a worker while it
loads its own modules; `checked_with_heads` reads the sheets' first rows there too, after the check,
so that the reader forked later finds them ready (safety.vouch) instead of reading them itself.
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

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
    import openpyxl  # the workbook writer's library, loaded only when a big sheet is read this way

    with warnings.catch_warnings():
        # Unsupported extensions (data validation, conditional formats) are not the ledger's business.
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            heads = {}
            for sheet in sheets:
                worksheet = book[sheet]
                # A read-only sheet trusts its <dimension>, which some writers leave at 'A1' (one
                # column): the rows are measured from their cells instead.
                worksheet.reset_dimensions()
                rows = [
                    ["" if v is None else v for v in row]
                    for row in worksheet.iter_rows(min_row=1, max_row=nrows, min_col=1, values_only=True)
                ]
                width = max((len(r) for r in rows), default=0)
                heads[sheet] = [r + [""] * (width - len(r)) for r in rows]
        finally:
            book.close()
    return heads


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
