"""Collecting the rows left out as plain records, turned into one issue frame at the end."""

from __future__ import annotations

import pandas as pd

from core.model import ISSUE_COLUMNS
from core.reading.parsing import display_value


class IssueLog:
    """Issues (sheet, row, column, value, reason) in the order found, as a frame when asked.

    Records go to a list because appending to a list is constant time, where growing a DataFrame
    by one row copies it whole: one bad row after another made a large sheet quadratic.
    """

    def __init__(self) -> None:
        self._records: list[tuple[str, int, str, str, str]] = []
        # Kept alongside the records so that `has` does not scan them.
        self._rows: set[tuple[str, int]] = set()

    def __len__(self) -> int:
        """Number of issues so far."""
        return len(self._records)

    def add(self, sheet: str, row: int, column: str, value: str, reason: str) -> None:
        """One issue: where it is, what the cell held (as shown to the user), and why."""
        self._records.append((sheet, int(row), column, value, reason))
        self._rows.add((sheet, int(row)))

    def add_cells(
        self, sheet: str, mask: pd.Series, values: pd.Series, column: str, reasons: pd.Series | str
    ) -> None:
        """An issue for each row where `mask` holds, showing that row's cell of `values`."""
        if not mask.any():
            return
        rows = mask[mask].index.tolist()
        picked = values[mask]
        # A column read column-wise as numbers or dates marks an empty cell as missing (NaN, NaT).
        typed = picked.dtype.kind in "fM"
        shown = [("" if typed and pd.isna(v) else display_value(v)) for v in picked.tolist()]
        why = reasons[mask].tolist() if isinstance(reasons, pd.Series) else [reasons] * len(rows)
        for row, value, reason in zip(rows, shown, why, strict=True):
            self.add(sheet, row, column, value, reason)

    def extend(self, other: IssueLog) -> None:
        """The issues of another log after these (another sheet of the same ledger)."""
        for record in other._records:
            self.add(*record)

    def has(self, sheet: str, row: int) -> bool:
        """Whether some issue already names this row of this sheet."""
        return (sheet, int(row)) in self._rows

    def sort_by_row(self) -> None:
        """Order the issues by row, then column; issues of one cell keep the order they were found in."""
        self._records.sort(key=lambda record: (record[1], record[2]))

    def frame(self) -> pd.DataFrame:
        """The issues as a frame with ISSUE_COLUMNS, row as int64 even when there are none."""
        return pd.DataFrame(self._records, columns=ISSUE_COLUMNS).astype({"row": "int64"})


def commonest_reasons(issues: pd.DataFrame, sheets: tuple[str, ...], most: int = 3) -> str:
    """Why the rows of the ledger's `sheets` were left out, the commonest first: each reason with
    its count and one example ("column 'Date' (12 rows, e.g. row 2: 'soon' — not a date)"). Reasons that quote
    the cell are grouped without the quote."""
    rows = issues[issues["sheet"].isin(sheets)]
    if rows.empty:
        return ""
    shape = rows["reason"].str.replace(r"'[^']*'", "'…'", regex=True)
    # A row is a sheet's row: row 3 of Jan and row 3 of Feb are two.
    place = rows["sheet"].astype(str) + "\n" + rows["row"].astype(str)
    groups = rows.assign(shape=shape, place=place).groupby(["column", "shape"], sort=False)
    counted = groups["place"].nunique().sort_values(ascending=False, kind="stable").head(most)
    parts = []
    for (column, group_shape), count in counted.items():
        first = rows[(rows["column"] == column) & (shape == group_shape)].iloc[0]
        value = f": '{first['value']}'" if first["value"] else ""
        # On a ledger of several sheets, the example's sheet too.
        where = f"sheet '{first['sheet']}' " if len(sheets) > 1 else ""
        parts.append(
            f"column '{column}' ({count:,} {'row' if count == 1 else 'rows'}, e.g. {where}row {first['row']}"
            f"{value}"
            f" — {first['reason']})"
        )
    return "; ".join(parts)
