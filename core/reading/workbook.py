"""Opening an uploaded file (Excel, OpenDocument or CSV) as plain rows of cell values, in memory."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import cast

import fastexcel
import pyarrow as pa
import python_calamine

from core.errors import LedgerError
from core.reading.extent import SheetExtent, check_extent
from core.reading.preview import COLUMNWISE_SUFFIXES, HEADER_SCAN_ROWS, heads_of
from core.reading.safety import OLE_MAGIC, ZIP_MAGIC, check_rows, check_upload, vouched_heads
from core.reading.typed import HeaderPosition, TypedBody, typed_body

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
ACCEPTED_SUFFIXES = EXCEL_SUFFIXES + CSV_SUFFIXES

# calamine's words for a cell pointing past the end of the shared-string table.
_MISSING_SHARED_STRING = "string index not found in shared strings"
# A text file holds tabs and line breaks, and almost no other control characters.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_SHARE = 0.001
_STRAY_CONTROLS = 8


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cells, row 0 being the sheet's row 1, with merged areas filled in."""

    name: str
    rows: list[list[object]]


class SourceBook:
    """An opened workbook whose sheets are read on demand, so unused sheets cost nothing."""

    def __init__(self, data: bytes, filename: str) -> None:
        self.filename = filename
        self._extents = check_upload(data, filename)
        self._data = data
        suffix = PurePath(filename).suffix.lower()
        self._columnwise = suffix in COLUMNWISE_SUFFIXES
        # Rows a checker process read already (the command's early check), else read on demand.
        self._heads: dict[str, list[list[object]]] = vouched_heads(data, filename)
        # How many rows were asked of each sheet's head: a sheet shorter than that has no more to give
        # (asking again streamed every short sheet anew at each look, minutes at 500 sheets).
        self._asked: dict[str, int] = dict.fromkeys(self._heads, HEADER_SCAN_ROWS)
        self._reader: fastexcel.ExcelReader | None = None
        self._csv: list[list[object]] | None
        self._book: python_calamine.CalamineWorkbook | None
        if suffix in CSV_SUFFIXES:
            self._csv = _csv_rows(data, filename)
            check_rows(len(self._csv), PurePath(filename).stem, filename)
            self._book = None
            self.sheet_names = [PurePath(filename).stem or "csv"]
        else:
            self._csv = None
            self._book = _open_excel(data, filename)
            self.sheet_names = [
                meta.name for meta in self._book.sheets_metadata if str(meta.typ).endswith("WorkSheet")
            ]
        self._cache: dict[str, RawSheet] = {}
        # calamine parses a whole sheet when it is first asked for it; keep the parsed sheet.
        self._sheets: dict[str, python_calamine.CalamineSheet] = {}

    def head(self, name: str, nrows: int = HEADER_SCAN_ROWS) -> list[list[object]]:
        """The first rows of a sheet, for finding its header."""
        if self._csv is not None:
            return self._csv[:nrows]
        if name in self._cache:
            return self._cache[name].rows[:nrows]
        if self._plain_extent(name) is not None:
            # The whole sheet would be parsed to give these few rows; they are streamed instead.
            if self._asked.get(name, 0) < nrows:
                # Every sheet's first rows from one opening of the workbook: the header scan asks
                # for each sheet in turn, and opening it once per sheet took minutes at 500 sheets.
                depth = max(nrows, HEADER_SCAN_ROWS)
                wanted = [
                    other
                    for other in self.sheet_names
                    if self._plain_extent(other) is not None and self._asked.get(other, 0) < nrows
                ]
                try:
                    self._heads.update(heads_of(self._data, wanted, depth))
                    self._asked.update(dict.fromkeys(wanted, depth))
                except Exception:  # openpyxl refuses more than calamine; the cell reader says why
                    self._columnwise = False
                    return self._python_rows(name, nrows=nrows)
            return self._heads[name][:nrows]
        return self._python_rows(name, nrows=nrows)

    def _plain_extent(self, name: str) -> SheetExtent | None:
        """The extent of an .xlsx sheet without merged cells: one the column-wise reader can take."""
        extent = self._extents.get(name) if self._columnwise else None
        return extent if extent is not None and not extent.merged else None

    def typed_body(self, name: str, header: HeaderPosition) -> TypedBody | None:
        """The sheet's body below `header` read column-wise, or None: then `sheet()` reads it cell by cell."""
        extent = self._plain_extent(name)
        if extent is None:
            return None
        check_extent(extent, name, PurePath(self.filename).name)
        check_rows(extent.rows, name, self.filename)
        # calamine's own copy of the file is not needed to read column-wise, and the sheet about to be
        # laid out is the largest thing a read holds: let it go now, and open it again only if asked.
        self._book = None
        try:
            if self._reader is None:
                self._reader = fastexcel.read_excel(self._data)
            return typed_body(self._reader, name, header, extent.rows)
        except (fastexcel.FastExcelError, pa.ArrowException, ValueError, KeyError):
            # Whatever the column-wise reader cannot take, the cell reader reads or explains.
            return None

    def _calamine_sheet(self, name: str) -> python_calamine.CalamineSheet:
        if name not in self._sheets:
            assert self._csv is None, "a CSV has no calamine sheets"
            if self._book is None:  # let go before a column-wise read (typed_body)
                self._book = _open_excel(self._data, self.filename)
            if name in self._extents:
                check_extent(self._extents[name], name, PurePath(self.filename).name)
            try:
                self._sheets[name] = self._book.get_sheet_by_name(name)
            except python_calamine.CalamineError as exc:
                raise _unreadable_sheet(exc, name, self.filename) from None
        return self._sheets[name]

    def _python_rows(self, name: str, nrows: int | None = None) -> list[list[object]]:
        sheet = self._calamine_sheet(name)
        try:
            return _rows(sheet.to_python(skip_empty_area=False, nrows=nrows))
        except python_calamine.CalamineError as exc:
            raise _unreadable_sheet(exc, name, self.filename) from None

    def sheet(self, name: str) -> RawSheet:
        """All rows of a sheet, merged cells filled with their top-left value."""
        if name not in self._cache:
            rows: list[list[object]]
            if self._csv is not None:
                rows = self._csv
            else:
                calamine_sheet = self._calamine_sheet(name)
                # total_height is the index of the last row, counted from the first row of the sheet.
                check_rows(calamine_sheet.total_height + 1, name, self.filename)
                rows = self._python_rows(name)
                _fill_merged(rows, calamine_sheet.merged_cell_ranges or [])
            self._cache[name] = RawSheet(name, rows)
        return self._cache[name]


def _rows(cells: object) -> list[list[object]]:
    """calamine's rows as the plain cell lists the readers take (no copy: 1M rows stay one list)."""
    return cast("list[list[object]]", cells)


def _open_excel(data: bytes, filename: str) -> python_calamine.CalamineWorkbook:
    if not data:
        raise LedgerError(f"'{filename}' is empty (0 bytes): upload the saved ledger workbook.")
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several of its own types for unreadable files
        raise LedgerError(
            f"'{filename}' could not be opened as a spreadsheet ({_short(exc)}): "
            "save it from Excel as .xlsx (or as .csv) and upload it again."
        ) from None


def _unreadable_sheet(exc: Exception, sheet: str, filename: str) -> LedgerError:
    name = PurePath(filename).name
    if _MISSING_SHARED_STRING in str(exc).lower():
        return LedgerError(
            f"'{name}': the workbook's text table (shared strings) is damaged: sheet '{sheet}' has cells "
            "pointing at text that is not in it. Open the file in Excel, let it repair the workbook, "
            "save it and upload it again."
        )
    reason = _short(exc)
    if isinstance(exc, python_calamine.XmlError):
        reason = "its XML is malformed: " + re.sub(r"^at \d+\.\.\d+: ", "", reason)
    return LedgerError(
        f"'{name}': sheet '{sheet}' could not be read ({reason}): save it from Excel as .xlsx "
        "(or as .csv) and upload it again."
    )


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _fill_merged(rows: list[list[object]], ranges: list) -> None:
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value


def _csv_rows(data: bytes, filename: str) -> list[list[object]]:
    name = PurePath(filename).name
    if not data:
        raise LedgerError(f"'{filename}' is empty (0 bytes): upload the saved ledger file.")
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        real = ".xlsx" if data.startswith(ZIP_MAGIC) else ".xls"
        raise LedgerError(
            f"'{name}' is not a text CSV file (it is an Excel workbook with a CSV name): rename it to "
            f"'{PurePath(name).stem}{real}' and upload it again."
        )
    text = _decode(data)
    if text is None or _is_binary(text):
        raise LedgerError(
            f"'{name}' is not a text CSV file (it holds binary data): open the ledger in Excel, save it "
            "with File › Save As › CSV UTF-8 (or as .xlsx) and upload that file."
        )
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        # A first line of another shape (DATEV's EXTF batch line above its header) hides the
        # delimiter the rows share: the rows below it tell.
        try:
            dialect = csv.Sniffer().sniff(sample.split("\n", 1)[-1], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
    rows: list[list[object]] = []
    # newline="": a line break inside a quoted cell stays in the cell, and old Mac files (\r) split rows.
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row in reader:
            rows.append(list(row))
    except csv.Error as exc:
        raise _unreadable_csv_row(exc, name, len(rows) + 1) from None
    return rows


def _unreadable_csv_row(exc: csv.Error, name: str, row: int) -> LedgerError:
    if "field larger than field limit" in str(exc):
        return LedgerError(
            f"'{name}': row {row:,} has a field of more than {csv.field_size_limit():,} characters; a "
            'ledger cell is never that long: look for a quote mark (") that opens a field and is never '
            "closed, fix it, or export the ledger from Excel as CSV again."
        )
    return LedgerError(
        f"'{name}': row {row:,} cannot be read as CSV ({_short(exc)}): export the ledger from Excel as "
        "CSV again, or save it as .xlsx and upload that."
    )


def _decode(data: bytes) -> str | None:
    """The file's text, or None if it does not decode as any encoding a CSV is saved in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data[:4096]):
        # Excel's "Unicode Text" is UTF-16 with tabs.
        try:
            return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else _utf16_order(data))
        except UnicodeDecodeError:
            return None
    # Excel on Windows saves CSV as cp1252 unless told otherwise; UTF-8 (with or without BOM)
    # is everyone else's default. latin-1 never fails, so it is the last resort.
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte string")


def _looks_utf16(head: bytes) -> bool:
    """Text without a byte-order mark whose every other byte is zero."""
    return len(head) >= 8 and max(head[0::2].count(0), head[1::2].count(0)) >= 0.9 * (len(head) // 2)


def _utf16_order(data: bytes) -> str:
    return "utf-16-be" if data[0::2][:2048].count(0) > data[1::2][:2048].count(0) else "utf-16-le"


def _is_binary(text: str) -> bool:
    """NUL bytes, or more control characters than a text file ever holds (a few, under 1 in 1,000)."""
    body = text.rstrip("\x00\x1a")  # padding and an old DOS end-of-file mark are harmless
    sample = body[:1_000_000]
    controls = len(_CONTROL.findall(sample))
    return "\x00" in body or controls > max(_BINARY_SHARE * len(sample), _STRAY_CONTROLS)
