"""The alliance table as CSV: the Alliances sheet's columns and headers, text that never runs."""

from __future__ import annotations

import csv

from core.analysis.report import Report
from core.output.tables import alliance_detail_display
from core.output.xlsx import needs_quoting


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and needs_quoting(value):
        return "'" + value
    return value


def alliance_csv(report: Report) -> bytes:
    """The alliance table as UTF-8 CSV (with BOM, so Excel detects the encoding)."""
    frame = alliance_detail_display(report).map(csv_safe)
    text = frame.to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")
