"""Grid column settings from a table's column spec: the app shows each kind as the workbook does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from core.output.columns import Column, Kind, TableSpec, spec_of

# Streamlit's "percent" multiplies by 100, so ratios stay fractions in the grid as everywhere else.
# Its formats cannot scale and sign a value, so points (a difference of fractions) show as a percent
# too; the header says "(pts)" and the help text says percentage points.
NUMBER_FORMATS: dict[Kind, str] = {
    "money": "accounting",
    "ratio": "percent",
    "gap": "percent",
    "points": "percent",
    "number": "localized",
    "integer": "%d",
}
DATE_FORMATS: dict[Kind, str] = {"date": "YYYY-MM-DD", "month": "MMM YYYY"}


def _setting(column: Column) -> Any:
    """One column's Streamlit setting, from its kind."""
    hint = column.help or None
    if column.kind in NUMBER_FORMATS:
        return st.column_config.NumberColumn(help=hint, format=NUMBER_FORMATS[column.kind])
    if column.kind in DATE_FORMATS:
        return st.column_config.DateColumn(help=hint, format=DATE_FORMATS[column.kind])
    if column.kind == "datetime":
        return st.column_config.DatetimeColumn(help=hint, format="YYYY-MM-DD HH:mm")
    return st.column_config.TextColumn(help=hint)


def column_config(spec: TableSpec, bars: Iterable[str] = ()) -> dict[str, Any]:
    """`st.dataframe`'s column settings for a spec; ratio columns named in `bars` get a progress bar."""
    config = {column.header: _setting(column) for column in spec}
    for column in spec:
        if column.source in bars:
            config[column.header] = st.column_config.ProgressColumn(
                help=column.help or None, format="percent", min_value=0.0, max_value=1.0
            )
    return config


def grid(table: pd.DataFrame | Styler, bars: Iterable[str] = ()) -> dict[str, Any]:
    """`st.dataframe`'s data and column settings for a display frame, from the spec it was made with."""
    frame = table.data if isinstance(table, Styler) else table
    return {"data": table, "column_config": column_config(spec_of(frame), bars)}
