"""The ledger's one currency: from its entries' Currency cells and signs, the FX sheet's base, or
what the amount headers name ('Amount (USD)'); several without an FX sheet are refused."""

from __future__ import annotations

import re

import pandas as pd

from core.errors import LedgerError, UnreadField
from core.reading.money import CURRENCY_SYMBOLS

AMOUNT_FIELDS = ("amount", "revenue", "cost")
# 'Amount (USD)', 'Revenue [EUR]', 'Cost in GBP', 'Amount ($)', 'Amount €'.
_CODE_IN_HEADER = re.compile(r"[(\[]\s*([A-Z]{3})\s*[)\]]|\bin\s+([A-Z]{3})\b")
# Three capitals in a header that are not currencies.
_NOT_CODES = {"NET", "TTM", "YTD", "QTD", "MTD", "AVG", "SUM", "EST", "ALL", "TBD", "N/A"}


def header_currency(labels: dict[str, str]) -> str | None:
    """The currency the amount headers name (an ISO code in brackets or after 'in', or a currency
    sign), when they all name the same one; None when none does or they disagree."""
    found = set()
    for name in AMOUNT_FIELDS:
        header = labels.get(name, "")
        match = _CODE_IN_HEADER.search(header)
        code = (match.group(1) or match.group(2)) if match else None
        if code in _NOT_CODES:
            code = None
        if code is None:
            signs = [c for c in CURRENCY_SYMBOLS if c in header]
            code = CURRENCY_SYMBOLS[signs[0]] if len(signs) == 1 else None
        if name in labels:
            found.add(code)
    return found.pop() if len(found) == 1 and None not in found else None


def ledger_currency(
    entries: pd.DataFrame,
    fx: pd.DataFrame,
    fx_base: str | None,
    sheet: str,
    labels: dict[str, str],
    notes: list[str],
) -> str | None:
    """The ledger's currency; with several, the FX sheet's base (or an error naming them)."""
    counts = entries.loc[entries["currency"] != "", "currency"].value_counts()
    counts = counts[counts > 0]  # a categorical column counts its unused categories too
    # Most rows first, then by code, so that the message reads the same for the same ledger.
    counts = counts.iloc[sorted(range(len(counts)), key=lambda i: (-counts.iloc[i], counts.index[i]))]
    if len(counts) <= 1 and fx_base in (None, *counts.index):
        currency = str(counts.index[0]) if len(counts) else fx_base
        why = "the currency of the other entries" if len(counts) else "the currency the FX rates convert to"
    elif len(fx):
        if fx_base is None:
            raise LedgerError(
                "The FX sheet gives rates for "
                + ", ".join(sorted(fx["currency"].unique()))
                + " but not which currency they convert to: name its rate column 'Rate to USD' (with your "
                "reporting currency), or leave that currency out of the sheet."
            )
        currency, why = fx_base, "the currency the FX rates convert to"
    else:
        where = (
            f"column '{labels['currency']}'"
            if "currency" in labels
            else "the currency signs and codes of its amounts"
        )
        listed = ", ".join(f"{code} ({count} rows)" for code, count in counts.items())
        message = (
            f"Sheet '{sheet}' mixes currencies in {where}: {listed}. "
            "Add an FX sheet (Currency, Month, Rate to your reporting currency) so each entry is converted "
            "at its own month's rate, or convert the amounts to one currency, and upload again."
        )
        if "currency" not in labels:
            raise LedgerError(message)
        # A bank statement's Currency column may name each line's original currency while its amount
        # is in the statement's own: the user can say so by leaving the column unread.
        raise UnreadField(
            message + f" If column '{labels['currency']}' is not the currency of the amounts (a statement's "
            "original currency of each line), leave it unread: no column for the currency.",
            "currency",
        )
    if currency is None and len(entries):
        currency = header_currency(labels)
        if currency is not None:
            headers = ", ".join(f"'{labels[name]}'" for name in AMOUNT_FIELDS if name in labels)
            notes.append(f"Amounts read as {currency}, as the header {headers} says.")
    unnamed = int(entries["currency"].eq("").sum())
    if currency is not None and unnamed and (len(counts) or fx_base is not None):
        entries_word = "1 entry names" if unnamed == 1 else f"{unnamed} entries name"
        notes.append(f"{entries_word} no currency: read as {currency}, {why}.")
    return currency
