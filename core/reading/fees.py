"""A Fee column beside the money: each row's fee is a cost of that row's alliance.

Payment processors' exports (PayPal's Gross, Fee and Net; Stripe's Amount and Fee) carry what the
processor kept in a column of its own, beside an amount whose sign already tells money in from
money out. The fee is money the alliance cost, so it is read as a second cost of its row, dated and
attributed as the row's other entries. Its sign convention is the column's (PayPal writes fees
negative, others positive), decided by all its non-zero fees, as costs' are (signs.py): the sign
most fees carry is a fee, the other a fee refunded (a cost reduced). A zero or empty fee is no entry;
a fee that is not a number is listed, and the row's other figures still count. Beside a revenue
column and no cost or amount, the Fee column is the cost column instead (figures.py), so that a fee
on a row of no revenue counts too.
"""

from __future__ import annotations

import pandas as pd

from core.model import COST
from core.reading.columns import blank_mask, over_rows, parse_amounts
from core.reading.entries import EntriesRead
from core.reading.headers import HeaderMatch, column_letter


def add_fees(
    frame: pd.DataFrame, header: HeaderMatch, sheet: str, found: EntriesRead, notes: list[str]
) -> EntriesRead:
    """The sheet's entries with a cost entry for each row's non-zero fee, and a note saying how the
    fee column was read; the entries as they are when the sheet has no fee column."""
    if "fee" not in header.columns:
        return found
    entries = found.entries
    # A row's first entry gives the fee its date, alliance, category, currency and attribution.
    rows = entries.drop_duplicates("row").set_index("row", drop=False)
    cells = frame["fee"].loc[rows.index]
    column = f"column {column_letter(header.columns['fee'])} '{header.labels['fee']}'"
    filled = ~blank_mask(cells)
    fees = over_rows(cells.index, parse_amounts(cells[filled], column, notes), "float")
    found.issues.add_cells(
        sheet,
        fees.bad,
        cells,
        header.labels["fee"],
        fees.reasons.where(
            fees.reasons.eq(""), fees.reasons + " (the fee is not counted; the row's other figures are)"
        ),
    )
    found.issues.sort_by_row()
    values = fees.values[filled & ~fees.bad & fees.values.ne(0)].dropna()
    negative = int((values < 0).sum())
    stored_negative = negative > len(values) - negative
    costs = -values if stored_negative else values
    fee_entries = rows.loc[costs.index].assign(kind=COST, amount=costs.to_numpy(dtype=float))
    notes.append(_note(sheet, column, costs, stored_negative, len(rows)))
    combined = pd.concat([entries, fee_entries.reset_index(drop=True)], ignore_index=True)
    return EntriesRead(
        combined.astype(entries.dtypes.to_dict()), found.issues, found.blank_rows, found.period
    )


def _note(sheet: str, column: str, costs: pd.Series, stored_negative: bool, rows: int) -> str:
    """How the fee column was read: the fees counted, their sign, the rows without one."""
    refunds = int((costs < 0).sum())
    sign = "stored negative, so a fee of -1.00 is a cost of 1.00" if stored_negative else "stored positive"
    note = (
        f"Sheet '{sheet}': {column} read as a cost beside each row's money: {len(costs)} "
        f"fee{'' if len(costs) == 1 else 's'} of {costs.sum():,.2f} in all ({sign})"
    )
    if refunds:
        note += f", {refunds} of the other sign read as fees refunded (a cost reduced)"
    without = rows - len(costs)
    return note + (f"; {without} rows have no fee (0 or empty)." if without else ".")
