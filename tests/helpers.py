"""Small workbooks built in memory for tests: every expected number is worked out from these rows."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook


def workbook_bytes(
    sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None
) -> bytes:
    """An .xlsx with the given sheets (first sheet first), rows written from A1 down."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for area in (merges or {}).get(name, []):
            sheet.merge_cells(area)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LEDGER_HEADER = ["Date", "Alliance", "Kind", "Amount"]
# The summary workbook's Alliances sheet (a contract other scripts read), with the two default
# benchmarks: every test that checks these headers checks this one list, written by hand.
ALLIANCES_SHEET_HEADERS = [
    "Alliance",
    "Type",
    "Revenue",
    "Cost",
    "Net value",
    "ROI",
    "ROI note",
    "Band",
    "Quartile",
    "Percentile",
    "Cross-industry average",
    "Top quartile, technology partnerships",
    "Annualised ROI",
    "Payback month",
    "NPV",
    "IRR (annual)",
    "Value over hurdle",
    "Time value notes",
]


def ledger_bytes(rows: list[list[object]], **other_sheets: list[list[object]]) -> bytes:
    """A workbook with a 'Ledger' sheet (header + rows) and optional side sheets."""
    sheets = {"Ledger": [LEDGER_HEADER, *rows]}
    sheets.update({name.replace("_", " "): value for name, value in other_sheets.items()})
    return workbook_bytes(sheets)


ROOT = Path(__file__).resolve().parents[1]


def summarize(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m core summarize ARGS` as a real process from the project's root, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "core", "summarize", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
