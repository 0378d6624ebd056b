"""Grid column settings from a table's column spec: the app shows each kind as the workbook does.

Every grid shows an empty cell as "—" (never None or nan), says in the header's tooltip what "—"
means in that column, hides the columns that are empty in every row, keeps the alliance's name in
view while the rest scrolls, and marks bands, quartiles and goal statuses with a shape as well as
a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from core import formatting as fmt
from core import palette
from core.formatting import ValueKind
from core.output.columns import Column, TableSpec, spec_of

# One format per kind, from the presentation vocabulary (core.formatting.GRID_FORMATS): a ratio,
# gap or points column is shown times 100 ('18.3 %', '+11.4 pts'), so `grid` scales its cells.
NUMBER_FORMATS: dict[ValueKind, str] = {kind: f.format for kind, f in fmt.GRID_FORMATS.items()}
DATE_FORMATS: dict[ValueKind, str] = {"date": "YYYY-MM-DD", "month": "MMM YYYY"}
EMPTY = "—"
# A neutral blue for progress bars: Streamlit's default is its red primary colour, which would paint
# an achieved goal red. The status column and the goals chart carry the status colours.
PROGRESS_COLOUR = palette.BLUE
# A column of labelled words is sized from its longest label: pixels a character and beside the text.
LABEL_CHAR_PX, LABEL_PADDING_PX = 8, 24
# Columns whose words get their shape: by the source column they come from.
ICONS: dict[str, dict[Any, str]] = {
    "band": fmt.BAND_ICONS,
    "quartile": fmt.QUARTILE_ICONS,
    "quartile_text": fmt.QUARTILE_ICONS,
    "status": fmt.STATUS_ICONS,
}


def _setting(column: Column, hint: str | None) -> Any:
    """One column's Streamlit setting, from its kind."""
    pinned = True if column.source == "alliance" else None
    if column.kind in NUMBER_FORMATS:
        return st.column_config.NumberColumn(help=hint, format=NUMBER_FORMATS[column.kind])
    if column.kind in DATE_FORMATS:
        return st.column_config.DateColumn(help=hint, format=DATE_FORMATS[column.kind])
    if column.kind == "datetime":
        return st.column_config.DatetimeColumn(help=hint, format="YYYY-MM-DD HH:mm")
    return st.column_config.TextColumn(help=hint, pinned=pinned)


def column_config(spec: TableSpec, bars: Iterable[str] = (), gaps: Iterable[str] = ()) -> dict[str, Any]:
    """`st.dataframe`'s column settings for a spec; ratio columns named in `bars` get a progress bar.
    Columns named (by header) in `gaps` have empty cells: their tooltip says what "—" means there."""
    with_gaps = set(gaps)
    config = {}
    for column in spec:
        hint = column.help or None
        if column.header in with_gaps:
            meaning = column.missing or "no value for this row"
            hint = f"{column.help}\n\n{EMPTY} {meaning}." if column.help else f"{EMPTY} {meaning}."
        config[column.header] = _setting(column, hint)
        if column.source in bars:
            scale = fmt.GRID_FORMATS["ratio"].scale
            config[column.header] = st.column_config.ProgressColumn(
                help=hint,
                format=NUMBER_FORMATS["ratio"],
                min_value=0.0,
                max_value=scale,
                color=PROGRESS_COLOUR,
            )
    return config


def _restyled(styler: Styler, frame: pd.DataFrame) -> Styler:
    """The Styler over the scaled frame: its colours (applied by row and column) kept."""
    if frame is styler.data:
        return styler
    return frame.style.use(styler.export())


def _is_empty(values: pd.Series) -> bool:
    """Whether every cell is missing (None, NaN, NaT) or empty text; by column, not cell by cell."""
    present = values[values.notna()]
    return len(present) == 0 or (
        not pd.api.types.is_numeric_dtype(present) and bool(present.astype(str).eq("").all())
    )


def _has_gaps(values: pd.Series) -> bool:
    """Whether some cell is missing (None, NaN, NaT): shown as "—"."""
    return bool(values.isna().any())


def _with_icon(icons: dict[Any, str]) -> Callable[[object], str]:
    return lambda v: f"{icons[v]} {v}" if v in icons else ("" if v is None else str(v))


def marked_column(values: pd.Series, icons: dict[Any, str], hint: str | None) -> Any:
    """A column of words shown with their shape ('▲ Strong'): a read-only selectbox column whose
    options are the column's words, labelled by `format_func`. The data keep the plain words, so
    sorting, the grid's download and tests see them. A pandas Styler did the same at a cost: Streamlit
    formats every cell of a styled frame on every run and sends the text beside the data (2,000
    alliances: 0.2 s and 400 kB more per run)."""
    words = [v for v in pd.unique(values) if isinstance(v, str) and v]
    label = _with_icon(icons)
    # The grid sizes a column by its words, not their labels: wide enough for the longest label.
    longest = max((len(label(w)) for w in words), default=0)
    return st.column_config.SelectboxColumn(
        help=hint,
        width=max(len(str(values.name)), longest) * LABEL_CHAR_PX + LABEL_PADDING_PX,
        options=words,
        format_func=label,
    )


def scaled(frame: pd.DataFrame, spec: TableSpec, as_is: Iterable[str] = ()) -> pd.DataFrame:
    """The frame with each number column whose kind a grid shows scaled (ratios, gaps, points: × 100)
    multiplied, leaving the columns named (by header) in `as_is`, which already hold the shown unit."""
    kept = set(as_is)
    changes = {
        c.header: pd.to_numeric(frame[c.header], errors="coerce") * fmt.GRID_FORMATS[c.kind].scale
        for c in spec
        if c.kind in fmt.GRID_FORMATS
        and fmt.GRID_FORMATS[c.kind].scale != 1.0
        and c.header not in kept
        and pd.api.types.is_numeric_dtype(frame[c.header])  # a column of words is shown as it is
    }
    return frame.assign(**changes) if changes else frame


def grid(
    table: pd.DataFrame | Styler,
    bars: Iterable[str] = (),
    lead: Iterable[str] = (),
    as_is: Iterable[str] = (),
) -> dict[str, Any]:
    """`st.dataframe`'s arguments for a display frame (or a Styler of one), from the spec it was made
    with: its data, column settings (shapes beside bands, quartiles and statuses), the columns worth
    showing, "—".

    Columns named (by source) in `lead` come right after the first one, so that a phone shows them
    without scrolling; the data and its exports keep the spec's order. Ratio, gap and points cells
    are shown × 100 (GRID_FORMATS), except the columns named (by header) in `as_is`."""
    styler = table if isinstance(table, Styler) else None
    frame: pd.DataFrame = styler.data if styler is not None else table  # type: ignore[assignment]
    spec = spec_of(frame)
    # The spec rides in the frame's attrs, which pandas deep-copies into every column taken from the
    # frame (and Streamlit sends to the browser with the data): read once, then left behind.
    frame = frame.copy(deep=False)
    frame.attrs = {}
    leading = [c for source in lead for c in spec[1:] if c.source == source]
    spec = (*spec[:1], *leading, *(c for c in spec[1:] if c not in leading))
    shown = tuple(c for c in spec if len(frame) == 0 or not _is_empty(frame[c.header]))
    frame = scaled(frame, shown, as_is)
    gaps = [c.header for c in shown if _has_gaps(frame[c.header])]
    config = column_config(shown, bars, gaps)
    for column in shown:
        if column.source in ICONS:
            hint = config[column.header]["help"]
            config[column.header] = marked_column(frame[column.header], ICONS[column.source], hint)
    return {
        "data": _restyled(styler, frame) if styler is not None else frame,
        "column_config": config,
        "column_order": [c.header for c in shown],
        "placeholder": EMPTY,
    }
