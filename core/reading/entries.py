"""Ledger entries from the ledger sheet's rows, each row left out listed as an issue; the currency."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd

from core.errors import LedgerError
from core.model import COST, REVENUE, SOURCED
from core.reading.columns import (
    Parsed,
    blank_mask,
    clean_texts,
    is_totals,
    over_rows,
    parse_amounts,
    parse_dates,
    parse_unique,
    typed_frame,
)
from core.reading.headers import HeaderMatch
from core.reading.issues import IssueLog
from core.reading.parsing import parse_attribution, parse_kind


def read_entries(
    frame: pd.DataFrame, header: HeaderMatch, sheet: str, layout: str, notes: list[str]
) -> tuple[pd.DataFrame, IssueLog]:
    """Entries from the ledger's body rows, and an issue (in row order) for every row left out."""
    labels, rows = header.labels, frame.index
    issues = IssueLog()
    blank = {name: blank_mask(frame[name]) for name in frame.columns}
    alliance_text = clean_texts(frame["alliance"])
    live = _rows_to_read(frame, labels, sheet, blank, alliance_text, issues)
    dates = over_rows(rows, parse_dates(frame["date"][live]), "datetime")
    issues.add_cells(sheet, dates.bad, frame["date"], labels["date"], dates.reasons)
    no_alliance = live & blank["alliance"]
    issues.add_cells(sheet, no_alliance, frame["alliance"], labels["alliance"], "no alliance named")
    usable = live & ~dates.bad & ~no_alliance
    category = clean_texts(frame["category"]) if "category" in frame else None
    currency = clean_texts(frame["currency"]).str.upper() if "currency" in frame else None
    if "attribution" in frame:
        attribution = over_rows(
            rows, parse_unique(frame["attribution"][live], parse_attribution, "object"), "object"
        )
        issues.add_cells(
            sheet, attribution.bad, frame["attribution"], labels["attribution"], attribution.reasons
        )
        usable &= ~attribution.bad
        extra = {"currency": currency, "attribution": attribution.values}
    else:
        extra = {"currency": currency, "attribution": None}
    # What every entry of a row shares, whichever column its amount and kind come from.
    entry = partial(
        _entry_frame, dates=dates, alliance=alliance_text, category=category, sheet=sheet, extra=extra
    )
    if layout == "long":
        parts = _long_entries(frame, labels, sheet, live, usable, issues, entry)
    else:
        parts = _wide_entries(frame, labels, sheet, live, usable, blank, issues, entry)
    entries = pd.concat(parts, ignore_index=True) if parts else _no_entries()
    entries = _costs_stored_negative(entries, notes)
    # The checks above run column by column; the user reads the issues row by row.
    issues.sort_by_row()
    return entries, issues


def _rows_to_read(
    frame: pd.DataFrame,
    labels: dict[str, str],
    sheet: str,
    blank: dict[str, pd.Series],
    alliance_text: pd.Series,
    issues: IssueLog,
) -> pd.Series:
    """Rows that may hold an entry; blank rows and totals rows are listed as issues instead."""
    all_blank = pd.concat(list(blank.values()), axis=1).all(axis=1)
    date_text = frame["date"].where(frame["date"].map(type).eq(str), "").astype(str)
    totals = ~all_blank & (
        is_totals(alliance_text) | is_totals(date_text) | (blank["date"] & blank["alliance"])
    )
    issues.add_cells(sheet, all_blank, frame["alliance"], "", "blank row")
    issues.add_cells(
        sheet,
        totals,
        alliance_text.where(~blank["alliance"], date_text),
        labels["alliance"],
        "totals row: a sum of other rows, not an entry",
    )
    return ~(all_blank | totals)


def _long_entries(
    frame: pd.DataFrame,
    labels: dict[str, str],
    sheet: str,
    live: pd.Series,
    usable: pd.Series,
    issues: IssueLog,
    entry: Callable[..., pd.DataFrame],
) -> list[pd.DataFrame]:
    """A kind and an amount column: one entry per row."""
    rows = frame.index
    kinds = over_rows(rows, parse_unique(frame["kind"][live], parse_kind, "object"), "object")
    issues.add_cells(sheet, kinds.bad, frame["kind"], labels["kind"], kinds.reasons)
    amounts = over_rows(rows, parse_amounts(frame["amount"][live]), "float")
    issues.add_cells(sheet, amounts.bad, frame["amount"], labels["amount"], amounts.reasons)
    ok = usable & ~kinds.bad & ~amounts.bad
    return [entry(ok, kind=kinds.values, amounts=amounts)]


def _wide_entries(
    frame: pd.DataFrame,
    labels: dict[str, str],
    sheet: str,
    live: pd.Series,
    usable: pd.Series,
    blank: dict[str, pd.Series],
    issues: IssueLog,
    entry: Callable[..., pd.DataFrame],
) -> list[pd.DataFrame]:
    """A revenue and/or a cost column: one entry per filled cell."""
    value_fields = [f for f in ("revenue", "cost") if f in frame]
    both_blank = live & pd.concat([blank[f] for f in value_fields], axis=1).all(axis=1)
    first = value_fields[0]
    issues.add_cells(sheet, both_blank, frame[first], labels[first], "no revenue and no cost in this row")
    parts = []
    for name in value_fields:
        amounts = over_rows(frame.index, parse_amounts(frame[name][live & ~blank[name]]), "float")
        issues.add_cells(sheet, amounts.bad, frame[name], labels[name], amounts.reasons)
        ok = usable & ~blank[name] & ~amounts.bad
        parts.append(entry(ok, kind=REVENUE if name == "revenue" else COST, amounts=amounts))
    return parts


def _entry_frame(
    ok: pd.Series,
    dates: Parsed,
    alliance: pd.Series,
    kind: pd.Series | str,
    amounts: Parsed,
    category: pd.Series | None,
    sheet: str,
    extra: dict[str, pd.Series | None],
) -> pd.DataFrame:
    """The entries of the rows where `ok` holds, with the row each came from."""
    rows = ok[ok].index
    currency, attribution = extra["currency"], extra["attribution"]
    return pd.DataFrame(
        {
            "date": dates.values[ok].to_numpy(),
            "alliance": alliance[ok].to_numpy(),
            "kind": kind if isinstance(kind, str) else kind[ok].astype(str).to_numpy(),
            "amount": amounts.values[ok].to_numpy(dtype=float),
            "category": "" if category is None else category[ok].to_numpy(),
            "currency": "" if currency is None else currency[ok].to_numpy(),
            "attribution": SOURCED if attribution is None else attribution[ok].astype(str).to_numpy(),
            "sheet": sheet,
            "row": rows.astype(int),
        }
    )


def _no_entries() -> pd.DataFrame:
    """The entries frame with no rows."""
    return typed_frame(
        {
            "date": "datetime64[ns]",
            "alliance": "str",
            "kind": "str",
            "amount": "float64",
            "category": "str",
            "currency": "str",
            "attribution": "str",
            "sheet": "str",
            "row": "int64",
        }
    )


def _costs_stored_negative(entries: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Flip costs when the ledger books every cost as a negative number (an ERP convention)."""
    costs = entries.loc[entries["kind"] == COST, "amount"]
    nonzero = costs[costs != 0]
    if len(nonzero) and (nonzero < 0).all():
        entries = entries.copy()
        entries.loc[entries["kind"] == COST, "amount"] = -costs
        notes.append(
            f"All {len(nonzero)} cost amounts are negative, so costs are booked as negatives here: "
            "they were read as positive costs."
        )
    return entries


def ledger_currency(
    entries: pd.DataFrame, fx: pd.DataFrame, fx_base: str | None, sheet: str, labels: dict[str, str]
) -> str | None:
    """The ledger's currency; with several, the FX sheet's base (or an error naming them)."""
    counts = entries.loc[entries["currency"] != "", "currency"].value_counts()
    if len(counts) <= 1 and fx_base in (None, *counts.index):
        return str(counts.index[0]) if len(counts) else fx_base
    if len(fx):
        if fx_base is None:
            raise LedgerError(
                "The FX sheet gives rates for "
                + ", ".join(sorted(fx["currency"].unique()))
                + " but not which currency they convert to: name its rate column 'Rate to USD' (with your "
                "reporting currency), or leave that currency out of the sheet."
            )
        return fx_base
    listed = ", ".join(f"{code} ({count} rows)" for code, count in counts.items())
    raise LedgerError(
        f"Sheet '{sheet}' mixes currencies in column '{labels['currency']}': {listed}. "
        "Add an FX sheet (Currency, Month, Rate to your reporting currency) so each entry is converted at "
        "its own month's rate, or convert the amounts to one currency, and upload again."
    )


def merge_name_variants(entries: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Read 'ACME Corp' and 'Acme Corp ' as one alliance, named by its most frequent spelling."""
    if entries.empty:
        return entries
    key = entries["alliance"].str.casefold()
    spellings = entries.groupby([key, entries["alliance"]], sort=False).size()
    canonical: dict[str, str] = {}
    for folded, group in spellings.groupby(level=0, sort=False):
        names = group.droplevel(0).sort_values(ascending=False, kind="stable")
        canonical[folded] = names.index[0]
        if len(names) > 1:
            variants = ", ".join(f"'{n}'" for n in names.index)
            notes.append(
                f"Names {variants} differ only in case or spacing: read as one alliance '{names.index[0]}'."
            )
    entries = entries.copy()
    entries["alliance"] = key.map(canonical)
    return entries
