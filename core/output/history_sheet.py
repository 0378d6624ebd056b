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


def history_display(table: pd.DataFrame) -> pd.DataFrame:
    """The history under the sheet's headers; ROI change as a fraction, the unit of the 'points' kind."""
    # history() gives the change in percentage points (15.0); a 'points' column holds 0.15.
    rows = table.assign(
        roi_change=pd.to_numeric(table["roi_points"], errors="coerce") / 100,
        # Counts are nullable integers (empty when a review's actions were not read); cells take floats.
        actions_planned=pd.to_numeric(table["actions_planned"], errors="coerce").astype(float),
    )
    return display_frame(rows, cols.HISTORY)


def history_sheet(ws: Worksheet, table: pd.DataFrame, formats: Formats) -> None:
    """One row per alliance and review (an Excel table), header, review, date and alliance frozen."""
    write_table(ws, 0, history_display(table), cols.HISTORY, formats, "History")
    ws.freeze_panes(1, 3)
