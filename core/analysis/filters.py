"""Which alliances and dates are in view: by type, owner, segment and date range, for every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

NOT_SET = "(not set)"
ATTRIBUTES = ("type", "owner", "segment")


@dataclass(frozen=True)
class Filters:
    """Empty tuples mean 'all'; dates are inclusive."""

    types: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    def is_active(self) -> bool:
        """True when anything is left out of view."""
        return bool(self.types or self.owners or self.segments or self.start or self.end)

    def describe(self) -> str:
        """'type: Value Multiplier; from 2024-01-01' or 'none'."""
        parts = [
            f"{name}: {', '.join(values)}"
            for name, values in (("type", self.types), ("owner", self.owners), ("segment", self.segments))
            if values
        ]
        if self.start:
            parts.append(f"from {self.start:%Y-%m-%d}")
        if self.end:
            parts.append(f"to {self.end:%Y-%m-%d}")
        return "; ".join(parts) or "none"


def alliance_attributes(entries: pd.DataFrame, alliances: pd.DataFrame) -> pd.DataFrame:
    """Type, owner and segment of every alliance in the ledger ('(not set)' where the sheet is silent)."""
    names = sorted(entries["alliance"].unique())
    sheet = alliances.drop_duplicates("alliance").set_index("alliance")
    table = sheet.reindex(names)[list(ATTRIBUTES)]
    return table.fillna("").replace("", NOT_SET)


def filter_options(entries: pd.DataFrame, alliances: pd.DataFrame) -> dict[str, list[str]]:
    """The values each attribute takes, for the filter widgets."""
    table = alliance_attributes(entries, alliances)
    return {name: sorted(table[name].unique()) for name in ATTRIBUTES}


def alliances_in_view(entries: pd.DataFrame, alliances: pd.DataFrame, filters: Filters) -> list[str]:
    """Alliances whose type, owner and segment pass the filters."""
    table = alliance_attributes(entries, alliances)
    keep = pd.Series(True, index=table.index)
    for name, chosen in (("type", filters.types), ("owner", filters.owners), ("segment", filters.segments)):
        if chosen:
            keep &= table[name].isin(chosen)
    return list(table.index[keep])


def in_date_range(entries: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The entries dated within the filter's range (inclusive)."""
    if not (filters.start or filters.end):
        return entries
    mask = pd.Series(True, index=entries.index)
    if filters.start:
        mask &= entries["date"] >= pd.Timestamp(filters.start)
    if filters.end:
        mask &= entries["date"] < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    return entries[mask]


def of_alliances_in_view(entries: pd.DataFrame, alliances: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The entries of the alliances whose type, owner and segment pass the filters."""
    if not (filters.types or filters.owners or filters.segments):
        return entries
    return entries[among(entries["alliance"], alliances_in_view(entries, alliances, filters))]


def among(values: pd.Series, names: Iterable[object]) -> np.ndarray:
    """`values.isin(names)` as a boolean array, for a long column of alliance names.

    pandas' isin on Arrow strings turns every name into an Arrow scalar first (about 25 ms a call
    with 5,000 names); here the names become one Arrow array and pyarrow's is_in runs over the column.
    As in pandas, a missing name (None, NaN) matches a missing value; anything but text matches nothing.
    """
    dtype = values.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return values.isin(list(names)).to_numpy(dtype=bool)
    column = pa.array(values.array)
    if isinstance(names, (pd.Index, pd.Series)) and names.dtype == dtype:
        wanted = pa.array(names.array).cast(column.type)  # already Arrow text, missing names as nulls
    else:
        listed = list(names)
        text = [n for n in listed if isinstance(n, str)]
        missing = len(text) < len(listed) and any(pd.isna(n) for n in listed if not isinstance(n, str))
        wanted = pa.array(text + [None] * missing, type=column.type)
    if not len(wanted):
        return np.zeros(len(values), dtype=bool)
    found = pc.is_in(column, value_set=wanted)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
