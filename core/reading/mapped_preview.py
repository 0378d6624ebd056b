"""What a column mapping reads, before the user accepts it: the first rows as they will be read and
the totals per field (revenue, cost, rows read, rows left out), so that a wrong column shows in the
figures (a cost total of 3 when the costs are thousands) and not only later in an ROI."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.frames import MAPPING_PREVIEW
from core.model import COST, REVENUE
from core.reading.issues import commonest_reasons
from core.reading.ledger import Ledger

# Rows of the ledger shown as read.
PREVIEW_ROWS = 8
# The preview's rows (core.frames.MAPPING_PREVIEW): one per sheet row, its revenue and its cost.
PREVIEW_COLUMNS = tuple(MAPPING_PREVIEW.names)


@dataclass(frozen=True)
class CurrencyTotals:
    """The revenue and cost read in one currency ('' when the ledger names none)."""

    currency: str
    revenue: float
    cost: float


@dataclass(frozen=True)
class MappingPreview:
    """The first entries as read (PREVIEW_COLUMNS), the totals per currency, the rows read and left
    out (with the commonest reasons), and how figures without a column were worked out."""

    rows: pd.DataFrame
    totals: tuple[CurrencyTotals, ...]
    entries: int
    rows_read: int
    rows_left_out: int
    reasons: str
    derived: tuple[str, ...]


def mapping_preview(ledger: Ledger, rows: int = PREVIEW_ROWS) -> MappingPreview:
    """The preview of a ledger read with a mapping: its first `rows` sheet rows as read, and its
    totals over every entry (math.fsum: the exact sum of the amounts, rounded once)."""
    entries = ledger.entries
    source = ledger.source
    return MappingPreview(
        rows=preview_rows(entries, source.ledger_sheets, rows),
        totals=currency_totals(entries),
        entries=len(entries),
        rows_read=source.rows_read,
        rows_left_out=ledger.rows_left_out,
        reasons=commonest_reasons(ledger.issues, source.ledger_sheets),
        derived=source.derived,
    )


def preview_rows(entries: pd.DataFrame, sheets: tuple[str, ...], rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first `rows` sheet rows that gave entries, in the order of `sheets` and of their rows, one
    line each: its revenue and its cost (a row of a revenue and a cost column gives both; empty
    when it gives none)."""
    position = entries["sheet"].astype(str).map({s: i for i, s in enumerate(sheets)}).fillna(len(sheets))
    place = position.astype("int64") * (1 << 32) + entries["row"].astype("int64")
    picked = entries[place.isin(np.sort(place.unique())[:rows])].assign(
        place=place,
        revenue=entries["amount"].where(entries["kind"].astype(str) == REVENUE),
        cost=entries["amount"].where(entries["kind"].astype(str) == COST),
    )
    lines = picked.groupby("place", sort=True).agg(
        sheet=("sheet", "first"),
        row=("row", "first"),
        date=("date", "first"),
        alliance=("alliance", "first"),
        revenue=("revenue", lambda v: math.fsum(v.dropna()) if v.notna().any() else np.nan),
        cost=("cost", lambda v: math.fsum(v.dropna()) if v.notna().any() else np.nan),
        category=("category", "first"),
        currency=("currency", "first"),
    )
    typed = {"sheet": str, "row": "int64", "alliance": str, "revenue": float, "cost": float}
    lines = lines.astype(typed | {"category": str, "currency": str})
    return lines.reset_index(drop=True)[list(PREVIEW_COLUMNS)]


def currency_totals(entries: pd.DataFrame) -> tuple[CurrencyTotals, ...]:
    """Revenue and cost summed per currency, in the order the currencies first appear (one line,
    currency '', for a ledger that names none)."""
    currencies = entries["currency"].astype(str).fillna("")
    kinds = entries["kind"].astype(str)
    amounts = entries["amount"].astype(float)
    totals = []
    for currency in dict.fromkeys(currencies) or [""]:
        mine = currencies == currency
        totals.append(
            CurrencyTotals(
                currency,
                math.fsum(amounts[mine & (kinds == REVENUE)]),
                math.fsum(amounts[mine & (kinds == COST)]),
            )
        )
    return tuple(totals)
