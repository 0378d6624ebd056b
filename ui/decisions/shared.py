"""What the Decisions page's parts share: grid heights that show every row, points shown signed, and
the red flags of some kinds under the section they belong to."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.report import Report
from ui import views
from ui.text import plain

# Points and scores are plain numbers on this page (the workbook holds them as hundredths).
POINTS_FORMAT = "%+.1f"
# A grid shows every row up to this many (then it scrolls): rows are 35 pixels, plus the header.
ROW_PIXELS, MAX_WHOLE_ROWS = 35, 20


def whole_height(rows: int) -> int:
    """A grid's height that shows all `rows` (at most MAX_WHOLE_ROWS, then it scrolls)."""
    return ROW_PIXELS * (min(rows, MAX_WHOLE_ROWS) + 1) + 3


def points_grid(table: pd.DataFrame | Any, headers: list[str]) -> dict[str, Any]:
    """`views.grid` with these number columns shown as signed points (+2.0)."""
    shown = views.grid(table, as_is=headers)
    for header in headers:
        if header in shown["column_config"]:
            hint = shown["column_config"][header].get("help")
            shown["column_config"][header] = st.column_config.NumberColumn(help=hint, format=POINTS_FORMAT)
    return shown


def flags_of(report: Report, names: tuple[str, ...]) -> None:
    """The red flags of these kinds, one line each (alliance: flag, figures); of many alliances, a
    grid with a row each."""
    chosen = report.flags[report.flags["flag"].isin(names)] if len(report.flags) else report.flags
    if len(chosen) and not views.listed_one_by_one(chosen):
        views.flags_grid(report, chosen, names)
        return
    for alliance, flag, figures in zip(chosen["alliance"], chosen["flag"], chosen["figures"], strict=True):
        st.markdown(f"- **{plain(alliance)}**: {plain(flag)} ({plain(figures)})")
