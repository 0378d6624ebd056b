"""Sign conventions: costs and income that an export books as negative numbers.

The ledger format writes revenue and cost as positive amounts, a negative one being a credit (a
credit note that reduces cost, a refund that reduces revenue). ERPs book costs negative, and
accounting exports book income negative (credits). Each figure's convention is decided by all its
amounts, never row by row: at least NEGATIVE_MIN non-zero amounts of the figure are negative, and at
least CLEAR_MAJORITY times as many as the positive ones. With that many negative amounts but neither
sign CLEAR_MAJORITY times the other, the convention cannot be told and the ledger is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.errors import LedgerError
from core.model import COST, REVENUE, Kind

NEGATIVE_MIN = 3
CLEAR_MAJORITY = 3


@dataclass(frozen=True)
class _Words:
    """How the notes name one figure's amounts and what a negative or positive one is read as."""

    plural: str  # 'costs'
    are: str  # 'costs are', 'income is'
    turned: str  # how a turned sign reads
    credit: str  # a negative amount under the positive convention
    credits: str
    reversals: str  # a positive amount under the negative convention
    short: tuple[str, str]  # the two readings in the refusal's parentheses


_WORDS = {
    COST: _Words(
        "costs",
        "costs are",
        "every cost's sign was turned (a cost of −100 is read as 100)",
        "a credit that reduces cost",
        "credits that reduce cost",
        "refunds that reduce cost",
        ("refunds", "credits"),
    ),
    REVENUE: _Words(
        "income",
        "income is",
        "every revenue amount's sign was turned (a revenue of −100 is read as 100)",
        "a refund that reduces revenue",
        "refunds that reduce revenue",
        "reversals that reduce revenue",
        ("reversals", "refunds"),
    ),
}


def settle_signs(entries: pd.DataFrame, sheet: str, notes: list[str]) -> pd.DataFrame:
    """Costs and revenue as positive amounts, each decided by its whole column (over every sheet of
    a ledger split over several), and said in a note."""
    for kind in (COST, REVENUE):
        entries = _settle(entries, kind, sheet, notes)
    return entries


def _settle(entries: pd.DataFrame, kind: Kind, sheet: str, notes: list[str]) -> pd.DataFrame:
    """One figure's sign convention (see the module's docstring)."""
    words = _WORDS[kind]
    is_kind = entries["kind"] == kind
    several = entries["sheet"].nunique() > 1
    negative_rows = _places(entries[is_kind & (entries["amount"] < 0)], several)
    positive_rows = _places(entries[is_kind & (entries["amount"] > 0)], several)
    negative, positive = len(negative_rows), len(positive_rows)
    if not negative:
        return entries
    if negative >= NEGATIVE_MIN and negative >= CLEAR_MAJORITY * positive:
        entries = entries.copy()
        entries.loc[is_kind, "amount"] = 0.0 - entries.loc[is_kind, "amount"]
        note = (
            f"{negative} of the {negative + positive} non-zero {kind} amounts are negative, so "
            f"{words.are} booked as negatives here: {words.turned}."
        )
        if positive:
            note += f" The positive ones ({row_list(positive_rows)}) are read as {words.reversals}."
        notes.append(note)
        return entries
    if negative >= NEGATIVE_MIN and positive < CLEAR_MAJORITY * negative:
        raise LedgerError(
            f"Sheet '{sheet}' has {negative} negative and {positive} positive {kind} amounts, so it cannot "
            f"be told whether {words.are} booked as negatives (the positive ones being "
            f"{words.short[0]}) or as positive amounts (the negative ones being {words.short[1]}): write "
            f"{words.plural} as positive amounts and {words.short[1]} as negative ones, and upload again."
        )
    read_as = f"is read as {words.credit}" if negative == 1 else f"are read as {words.credits}"
    notes.append(
        f"{negative} negative {kind} amount{'' if negative == 1 else 's'} ({row_list(negative_rows)}) "
        f"{read_as}. {words.are.capitalize()} read as booked negative only "
        f"when at least {NEGATIVE_MIN} {kind} amounts are negative and they outnumber the positive ones "
        f"at least {CLEAR_MAJORITY} to 1."
    )
    return entries


def _places(entries: pd.DataFrame, several: bool) -> list[str]:
    """Where each entry is, in sheet then row order: its row ('3'), or on a ledger of several sheets
    its sheet and row ("'Jan' row 3")."""
    sheets, rows = entries["sheet"].astype(str).tolist(), entries["row"].astype(int).tolist()
    order = {name: i for i, name in enumerate(dict.fromkeys(sheets))}
    pairs = sorted(zip(sheets, rows, strict=True), key=lambda pair: (order[pair[0]], pair[1]))
    return [f"'{sheet}' row {row}" if several else str(row) for sheet, row in pairs]


def row_list(places: list[str], most: int = 5) -> str:
    """'row 3', 'rows 3 and 5', 'rows 3, 5, 7, 9, 11 and 2 more'; places that name their sheet
    ("'Jan' row 3") are listed as they are."""
    start = "" if places[0].startswith("'") else ("row " if len(places) == 1 else "rows ")
    if len(places) == 1:
        return start + places[0]
    if len(places) > most:
        return start + ", ".join(places[:most]) + f" and {len(places) - most} more"
    return start + ", ".join(places[:-1]) + f" and {places[-1]}"
