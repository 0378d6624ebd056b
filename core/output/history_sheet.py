"""The History sheet: saved reviews of one portfolio, per alliance, and what changed since the one before.

It takes the long table of `core.reviews.history.history` (reviews oldest first) and writes it under
the `HISTORY` column spec, after every sheet of the contract.
"""

from __future__ import annotations

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from core.output import columns as cols
from core.output.columns import display_frame
from core.output.xlsx import Formats, write_table

WIDTHS = {
    "Review": 22,
    "Review date": 12,
    "Alliance": 26,
    "Band": 10,
    "Quartile": 10,
    "Goal status": 12,
    "Red flags": 40,
    "Change": 13,
    "ROI change (points)": 12,
    "Band change": 20,
    "Quartile change": 18,
    "Goal status change": 22,
    "Flags raised": 40,
    "Flags cleared": 40,
}


def history_display(table: pd.DataFrame) -> pd.DataFrame:
    """The history under the sheet's headers; ROI change as a fraction, the unit of the 'points' kind."""
    # history() gives the change in percentage points (15.0); a 'points' column holds 0.15.
    rows = table.assign(roi_change=pd.to_numeric(table["roi_points"], errors="coerce") / 100)
    return display_frame(rows, cols.HISTORY)


def history_sheet(ws: Worksheet, table: pd.DataFrame, formats: Formats) -> None:
    """One row per alliance and review, header frozen with the review and alliance beside each row."""
    shown = history_display(table)
    last_row = write_table(ws, 0, shown, cols.HISTORY, formats, WIDTHS) - 1
    ws.freeze_panes(1, 3)
    ws.autofilter(0, 0, last_row, len(cols.HISTORY) - 1)
