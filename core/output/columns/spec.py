"""The machinery of a table's column spec: a Column (source, header, kind, hints), a TableSpec (the
columns in order), the display frame a spec makes of a report frame, and ways to take a spec apart.
The specs themselves are in the modules beside this one, by the page family that shows them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TypeAlias

import pandas as pd

from core.formatting import ValueKind


@dataclass(frozen=True)
class Column:
    """One column of a shown table: where its values come from, its header, its kind, a hint."""

    source: str
    header: str
    kind: ValueKind
    help: str = ""
    # What an empty cell ("—" in the app) means in this column, for the header's tooltip.
    missing: str = ""


TableSpec: TypeAlias = tuple[Column, ...]


def display_frame(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The spec's columns of a report frame under the spec's headers, in its order, values as they are."""
    missing = [c.source for c in spec if c.source not in frame.columns]
    if missing:
        raise KeyError(f"columns {missing} are not in the frame")
    shown = frame[[c.source for c in spec]].copy()
    shown.columns = [c.header for c in spec]
    shown = shown.reset_index(drop=True)
    # Kept on the frame for consumers that are handed only the table (the app's grids), as plain
    # values because Streamlit serialises a frame's attrs as JSON.
    shown.attrs["spec"] = [asdict(c) for c in spec]
    return shown


def empty_frame(spec: TableSpec) -> pd.DataFrame:
    """A report frame with the spec's source columns and no rows."""
    return pd.DataFrame(columns=[c.source for c in spec])


def spec_of(table: pd.DataFrame) -> TableSpec:
    """The spec a display frame was made with."""
    if "spec" not in table.attrs:
        raise ValueError("this table was not made by display_frame, so its columns have no spec")
    return tuple(Column(**fields) for fields in table.attrs["spec"])


def pick(spec: TableSpec, *sources: str) -> TableSpec:
    """Some of the spec's columns, in the order asked."""
    by_source = {c.source: c for c in spec}
    return tuple(by_source[s] for s in sources)


def without(spec: TableSpec, *sources: str) -> TableSpec:
    """The spec less some columns, for a view that has no room or no use for them."""
    return tuple(c for c in spec if c.source not in sources)
