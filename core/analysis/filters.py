"""Which alliances and dates are in view: by type, owner, segment and date range, for every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

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
    return entries[entries["alliance"].isin(alliances_in_view(entries, alliances, filters))]
