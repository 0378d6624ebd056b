"""The alliance table as CSV: the Alliances sheet's columns and headers, text that never runs."""

from __future__ import annotations

import csv

import pandas as pd

from core.output.columns import spec_of
from core.output.tables import alliance_detail_display
from core.output.xlsx import SCALE, needs_quoting, rounded
from core.report import Report


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and needs_quoting(value):
        return "'" + value
    return value


def alliance_csv(report: Report) -> bytes:
    """The alliance table as UTF-8 CSV (with BOM, so Excel detects the encoding).

    Money to the cent and ratios to the compared precision, never 16-digit fractions; headers (which
    carry benchmark names a user typed) are neutralised like any other cell.
    """
    return table_csv(alliance_detail_display(report))


def table_csv(table: pd.DataFrame) -> bytes:
    """A display frame (made from a column spec) as UTF-8 CSV with BOM, rounded and neutralised."""
    spec = spec_of(table)
    frame = pd.DataFrame(
        {
            # Points are written as points (0.15 → 15.0), as in the workbook, under a "(points)" header.
            csv_safe(column.header): (table[column.header] * SCALE.get(column.kind, 1.0)).map(
                lambda v, k=column.kind: csv_safe(rounded(v, k))
            )
            if column.kind in SCALE
            else table[column.header].map(lambda v, k=column.kind: csv_safe(rounded(v, k)))
            for column in spec
        }
    )
    text = frame.to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")
