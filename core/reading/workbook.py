"""Opening an uploaded file (Excel, OpenDocument or CSV) as plain rows of cell values, in memory."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import cast

import python_calamine

from core.errors import LedgerError
from core.reading.safety import check_rows, check_upload

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
ACCEPTED_SUFFIXES = EXCEL_SUFFIXES + CSV_SUFFIXES

# Enough rows to get past a title banner and a few notes above the header row.
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cells, row 0 being the sheet's row 1, with merged areas filled in."""

    name: str
    rows: list[list[object]]


class SourceBook:
    """An opened workbook whose sheets are read on demand, so unused sheets cost nothing."""

    def __init__(self, data: bytes, filename: str) -> None:
        self.filename = filename
        check_upload(data, filename)
        suffix = PurePath(filename).suffix.lower()
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
        return _rows(self._calamine_sheet(name).to_python(skip_empty_area=False, nrows=nrows))

    def _calamine_sheet(self, name: str) -> python_calamine.CalamineSheet:
        if name not in self._sheets:
            assert self._book is not None, "a CSV has no calamine sheets"
            self._sheets[name] = self._book.get_sheet_by_name(name)
        return self._sheets[name]

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
                rows = _rows(calamine_sheet.to_python(skip_empty_area=False))
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
    if not data:
        raise LedgerError(f"'{filename}' is empty (0 bytes): upload the saved ledger file.")
    text = _decode(data)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _decode(data: bytes) -> str:
    # Excel on Windows saves CSV as cp1252 unless told otherwise; UTF-8 (with or without BOM)
    # is everyone else's default. latin-1 never fails, so it is the last resort.
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte string")
