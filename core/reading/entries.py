"""Ledger entries from the ledger sheet's rows, each row left out listed as an issue; the currency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from core.errors import LedgerError
from core.model import COST, REVENUE, SOURCED
from core.reading.columns import (
    Parsed,
    blank_mask,
    clean_texts,
    is_empty_cell,
    is_totals,
    map_unique,
    over_rows,
    parse_amounts,
    parse_dates,
    parse_unique,
    typed_frame,
)
from core.reading.headers import HeaderMatch, column_letter
from core.reading.issues import IssueLog
from core.reading.money import AMBIGUOUS_SYMBOLS, currency_code
from core.reading.parsing import clean_name, display_value, parse_attribution, parse_kind

# Costs are read as booked negative (an ERP habit) only on clear evidence from the whole column: at
# least NEGATIVE_COSTS_MIN non-zero costs are negative, and at least CLEAR_MAJORITY times as many
# as the positive ones. With that many negative costs but neither sign CLEAR_MAJORITY times the
# other, the convention cannot be told and the ledger is refused. Otherwise costs are positive, as
# the ledger format says, and a negative cost is a credit (a credit note) that reduces cost.
NEGATIVE_COSTS_MIN = 3
CLEAR_MAJORITY = 3

# What a currency sign alone is taken for, said in a note whenever an amount is read that way.
_ASSUMED = {"$": "US dollars (USD)", "¥": "Japanese yen (JPY)"}


class EntriesRead(NamedTuple):
    """The entries of the ledger sheet, the issues of the rows left out, and the blank rows skipped."""

    entries: pd.DataFrame
    issues: IssueLog
    blank_rows: int


@dataclass
class _Sheet:
    """What every step of reading one ledger sheet shares."""

    frame: pd.DataFrame
    header: HeaderMatch
    name: str
    notes: list[str]
    issues: IssueLog = field(default_factory=IssueLog)
    currency: pd.Series | None = None
    # Entries whose currency came from a '$' or '¥' alone, per sign.
    assumed: dict[str, int] = field(default_factory=dict)


def read_entries(
    frame: pd.DataFrame,
    header: HeaderMatch,
    sheet: str,
    layout: str,
    notes: list[str],
    others: tuple[list[object], Callable[[int], list[object]]],
) -> EntriesRead:
    """Entries from the ledger's body rows, and an issue (in row order) for every row left out."""
    at = _Sheet(frame, header, sheet, notes)
    labels, rows, issues = header.labels, frame.index, at.issues
    blank = {name: blank_mask(frame[name]) for name in frame.columns}
    alliance_text = clean_texts(frame["alliance"])
    live, blank_rows = _rows_to_read(at, blank, alliance_text, others)
    dates = over_rows(rows, parse_dates(frame["date"][live]), "datetime")
    issues.add_cells(sheet, dates.bad, frame["date"], labels["date"], dates.reasons)
    no_alliance = live & blank["alliance"]
    issues.add_cells(sheet, no_alliance, frame["alliance"], labels["alliance"], "no alliance named")
    usable = live & ~dates.bad & ~no_alliance
    category = clean_texts(frame["category"]) if "category" in frame else None
    at.currency = clean_texts(frame["currency"]).str.upper() if "currency" in frame else None
    attribution = None
    if "attribution" in frame:
        attribution = over_rows(
            rows, parse_unique(frame["attribution"][live], parse_attribution, "str"), "str"
        )
        issues.add_cells(
            sheet, attribution.bad, frame["attribution"], labels["attribution"], attribution.reasons
        )
        usable &= ~attribution.bad
    shared = {"dates": dates, "alliance": alliance_text, "category": category, "attribution": attribution}
    if layout == "long":
        parts = _long_entries(at, live, usable, shared)
    else:
        parts = _wide_entries(at, live, usable, blank, shared)
    entries = pd.concat(parts, ignore_index=True) if parts else _no_entries()
    _note_assumed_signs(at)
    entries = _cost_signs(entries, sheet, notes)
    # The checks above run column by column; the user reads the issues row by row.
    issues.sort_by_row()
    return EntriesRead(entries, issues, blank_rows)


def _rows_to_read(
    at: _Sheet,
    blank: dict[str, pd.Series],
    alliance_text: pd.Series,
    others: tuple[list[object], Callable[[int], list[object]]],
) -> tuple[pd.Series, int]:
    """Rows that may hold an entry, and the number of blank rows (spacers, counted, not issues).

    Totals rows, and rows whose only content is outside the ledger's columns, are listed as issues.
    """
    frame, labels, sheet = at.frame, at.header.labels, at.name
    all_blank = pd.concat(list(blank.values()), axis=1).all(axis=1)
    elsewhere = _content_elsewhere(all_blank, at.header, *others)
    for row, (column, value) in elsewhere.items():
        at.issues.add(
            sheet,
            row,
            column,
            value,
            "the ledger's columns are empty and only this cell is filled: not an entry",
        )
    dates = frame["date"]
    # A date column read as dates holds no text (a totals label sits in a text column then).
    date_text = (
        dates.where(dates.map(type).eq(str), "").astype(str)
        if dates.dtype == object
        else pd.Series("", index=dates.index, dtype=object)
    )
    totals = ~all_blank & (
        is_totals(alliance_text) | is_totals(date_text) | (blank["date"] & blank["alliance"])
    )
    at.issues.add_cells(
        sheet,
        totals,
        alliance_text.where(~blank["alliance"], date_text),
        labels["alliance"],
        "totals row: a sum of other rows, not an entry",
    )
    return ~(all_blank | totals), int(all_blank.sum()) - len(elsewhere)


def _content_elsewhere(
    all_blank: pd.Series, header: HeaderMatch, titles: list[object], cells_of: Callable[[int], list[object]]
) -> dict[int, tuple[str, str]]:
    """For rows blank in every ledger column, the first filled cell elsewhere: (its header, its value)."""
    used = set(header.columns.values())
    found = {}
    for row in all_blank[all_blank].index:
        cells = cells_of(int(row))
        for index, cell in enumerate(cells):
            if index not in used and not is_empty_cell(cell):
                title = clean_name(titles[index]) if index < len(titles) else ""
                found[int(row)] = (title or column_letter(index), display_value(cell))
                break
    return found


def _long_entries(at: _Sheet, live: pd.Series, usable: pd.Series, shared: dict) -> list[pd.DataFrame]:
    """A kind and an amount column: one entry per row."""
    frame, labels, rows = at.frame, at.header.labels, at.frame.index
    kinds = over_rows(rows, parse_unique(frame["kind"][live], parse_kind, "str"), "str")
    at.issues.add_cells(at.name, kinds.bad, frame["kind"], labels["kind"], kinds.reasons)
    amounts = _amounts(at, "amount", live)
    ok = usable & ~kinds.bad & ~amounts.bad
    return [_entry_frame(at, ok, kinds.values, amounts, shared)]


def _wide_entries(
    at: _Sheet, live: pd.Series, usable: pd.Series, blank: dict[str, pd.Series], shared: dict
) -> list[pd.DataFrame]:
    """A revenue and/or a cost column: one entry per filled cell."""
    frame, labels = at.frame, at.header.labels
    value_fields = [f for f in ("revenue", "cost") if f in frame]
    both_blank = live & pd.concat([blank[f] for f in value_fields], axis=1).all(axis=1)
    first = value_fields[0]
    at.issues.add_cells(
        at.name, both_blank, frame[first], labels[first], "no revenue and no cost in this row"
    )
    parts, parsed = [], {}
    for name in value_fields:
        parsed[name] = amounts = _amounts(at, name, live & ~blank[name])
        ok = usable & ~blank[name] & ~amounts.bad
        parts.append(_entry_frame(at, ok, REVENUE if name == "revenue" else COST, amounts, shared))
    if "profit" in frame and value_fields == ["revenue"]:
        with_revenue = usable & ~blank["revenue"] & ~parsed["revenue"].bad
        parts.append(_cost_from_profit(at, live, with_revenue, parsed["revenue"], shared))
    return parts


def _cost_from_profit(
    at: _Sheet, live: pd.Series, with_revenue: pd.Series, revenue: Parsed, shared: dict
) -> pd.DataFrame:
    """Cost as revenue - profit on each row with both, when the sheet has revenue and profit and no
    cost column; a note says so, and how many rows had a revenue without a profit (no cost there)."""
    blank = blank_mask(at.frame["profit"])
    profit = _amounts(at, "profit", live & ~blank)
    ok = with_revenue & ~blank & ~profit.bad
    cost = Parsed(revenue.values - profit.values, profit.bad, profit.reasons, revenue.symbols)
    labels = at.header.labels
    note = f"Sheet '{at.name}': cost worked out as '{labels['revenue']}' - '{labels['profit']}' on each row"
    missing = int((with_revenue & blank).sum())
    if missing:
        note += f" ({missing} rows with a revenue and no profit have no cost)"
    at.notes.append(note + ": the sheet has no cost column.")
    return _entry_frame(at, ok, COST, cost, shared)


def _amounts(at: _Sheet, name: str, rows: pd.Series) -> Parsed:
    """An amount column's values on `rows`; unreadable cells and currency contradictions are issues."""
    label = at.header.labels[name]
    where = f"Column {column_letter(at.header.columns[name])} '{label}'"
    values = at.frame[name]
    amounts = over_rows(values.index, parse_amounts(values[rows], where, at.notes), "float")
    at.issues.add_cells(at.name, amounts.bad, values, label, amounts.reasons)
    if at.currency is None or amounts.symbols is None:
        return amounts
    codes = map_unique(amounts.symbols, currency_code)
    # A lone '$' or '¥' gives way to the row's Currency cell (CAD, CNY); any other sign must agree.
    clash = (
        ~amounts.bad
        & ~amounts.symbols.isin(["", *AMBIGUOUS_SYMBOLS])
        & at.currency.ne("")
        & codes.ne(at.currency)
    )
    if clash.any():
        currency_label = at.header.labels["currency"]
        reasons = [
            f"'{display_value(v)}' is in {c}, but column '{currency_label}' says {cell}"
            for v, c, cell in zip(values[clash], codes[clash], at.currency[clash], strict=True)
        ]
        at.issues.add_cells(at.name, clash, values, label, pd.Series(reasons, index=clash[clash].index))
        amounts = Parsed(amounts.values, amounts.bad | clash, amounts.reasons, amounts.symbols)
    return amounts


def _entry_frame(
    at: _Sheet, ok: pd.Series, kind: pd.Series | str, amounts: Parsed, shared: dict
) -> pd.DataFrame:
    """The entries of the rows where `ok` holds, with the row each came from."""
    rows = ok[ok].index
    dates: Parsed = shared["dates"]
    category, attribution = shared["category"], shared["attribution"]
    return pd.DataFrame(
        {
            "date": dates.values[ok].to_numpy(),
            # Strings stay Arrow-backed (.array): a numpy object array would be converted back.
            "alliance": shared["alliance"][ok].array,
            "kind": kind if isinstance(kind, str) else kind[ok].array,
            "amount": amounts.values[ok].to_numpy(dtype=float),
            "category": "" if category is None else category[ok].array,
            "currency": _currencies(at, ok, amounts),
            "attribution": SOURCED if attribution is None else attribution.values[ok].array,
            "sheet": at.name,
            "row": rows.astype(int),
        }
    )


def _currencies(at: _Sheet, ok: pd.Series, amounts: Parsed) -> object:
    """Each entry's currency: its Currency cell, else the currency its amount's sign or code names."""
    if amounts.symbols is None:  # numbers only: the Currency cells as they are
        return "" if at.currency is None else at.currency[ok].array
    symbols = amounts.symbols[ok] if amounts.symbols is not None else pd.Series("", index=ok[ok].index)
    column = at.currency[ok] if at.currency is not None else pd.Series("", index=symbols.index)
    from_sign = column.eq("") & symbols.ne("")
    for sign in AMBIGUOUS_SYMBOLS:
        at.assumed[sign] = at.assumed.get(sign, 0) + int((from_sign & symbols.eq(sign)).sum())
    return column.where(~from_sign, map_unique(symbols, currency_code)).to_numpy()


def _note_assumed_signs(at: _Sheet) -> None:
    """Say which currency a '$' or '¥' alone was taken for: other dollars and the yuan use them too."""
    for sign, count in sorted(at.assumed.items()):
        if count:
            at.notes.append(
                f"{count} amount{'' if count == 1 else 's'} written with '{sign}' alone "
                f"{'was' if count == 1 else 'were'} read as {_ASSUMED[sign]}: if that is not their currency, "
                "add a Currency column that says which."
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


def _cost_signs(entries: pd.DataFrame, sheet: str, notes: list[str]) -> pd.DataFrame:
    """Costs as positive amounts, decided by the whole column (see NEGATIVE_COSTS_MIN), and said in a note."""
    is_cost = entries["kind"] == COST
    negative_rows = entries.loc[is_cost & (entries["amount"] < 0), "row"].tolist()
    positive_rows = entries.loc[is_cost & (entries["amount"] > 0), "row"].tolist()
    negative, positive = len(negative_rows), len(positive_rows)
    if not negative:
        return entries
    if negative >= NEGATIVE_COSTS_MIN and negative >= CLEAR_MAJORITY * positive:
        entries = entries.copy()
        entries.loc[is_cost, "amount"] = 0.0 - entries.loc[is_cost, "amount"]
        note = (
            f"{negative} of the {negative + positive} non-zero cost amounts are negative, so costs are "
            "booked as negatives here: every cost's sign was turned (a cost of −100 is read as 100)."
        )
        if positive:
            note += f" The positive ones ({_row_list(positive_rows)}) are read as refunds that reduce cost."
        notes.append(note)
        return entries
    if negative >= NEGATIVE_COSTS_MIN and positive < CLEAR_MAJORITY * negative:
        raise LedgerError(
            f"Sheet '{sheet}' has {negative} negative and {positive} positive cost amounts, so it cannot be "
            "told whether costs are booked as negatives (the positive ones being refunds) or as positive "
            "amounts (the negative ones being credits): write costs as positive amounts and credits as "
            "negative ones, and upload again."
        )
    credits = "is read as a credit that reduces" if negative == 1 else "are read as credits that reduce"
    notes.append(
        f"{negative} negative cost amount{'' if negative == 1 else 's'} ({_row_list(negative_rows)}) "
        f"{credits} cost. Costs are read as booked negative only when at least {NEGATIVE_COSTS_MIN} cost "
        f"amounts are negative and they outnumber the positive ones at least {CLEAR_MAJORITY} to 1."
    )
    return entries


def _row_list(rows: list[int], most: int = 5) -> str:
    """'row 3', 'rows 3 and 5', 'rows 3, 5, 7, 9, 11 and 2 more'."""
    rows = sorted(rows)
    if len(rows) == 1:
        return f"row {rows[0]}"
    shown = [str(r) for r in rows[:most]]
    if len(rows) > most:
        return "rows " + ", ".join(shown) + f" and {len(rows) - most} more"
    return "rows " + ", ".join(shown[:-1]) + f" and {shown[-1]}"


# Text columns with few distinct values per ledger: the report groups and filters by them dozens of
# times, and as categories pandas takes their codes ready made instead of hashing 200,000 strings each
# time (and a worker hands them back as codes, not strings).
_REPEATED_TEXTS = ("alliance", "kind", "category", "currency", "attribution", "sheet")


def as_categories(entries: pd.DataFrame) -> pd.DataFrame:
    """The entries with their repeated text columns as categories (sorted, so that ordering by them
    is the strings' own order); the values are unchanged."""
    return entries.astype({name: "category" for name in _REPEATED_TEXTS if name in entries})


def merge_name_variants(entries: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Read 'ACME Corp' and 'Acme Corp ' as one alliance, named by its most frequent spelling
    (the first seen among equally frequent ones); worked out once per distinct spelling."""
    if entries.empty:
        return entries
    codes, spellings = pd.factorize(entries["alliance"])
    table = pd.DataFrame(
        {
            "spelling": spellings,
            "count": np.bincount(codes, minlength=len(spellings)),
            "folded": [str(name).casefold() for name in spellings],
        }
    )
    ranked = table.sort_values("count", ascending=False, kind="stable")
    best = ranked.drop_duplicates("folded")
    canonical = dict(zip(best["folded"], best["spelling"], strict=True))
    sizes = table["folded"].value_counts()
    shared = table["folded"][table["folded"].map(sizes) > 1]
    for folded in dict.fromkeys(shared):  # in the order the names first appear
        variants = ", ".join(f"'{n}'" for n in ranked.loc[ranked["folded"] == folded, "spelling"])
        notes.append(
            f"Names {variants} differ only in case or spacing: read as one alliance '{canonical[folded]}'."
        )
    if shared.empty:  # every spelling is its own alliance: the names stay as read
        return entries
    named = pd.array([canonical[f] for f in table["folded"]], dtype="str")
    # Copy-on-write: the other columns are shared with the frame read, not copied.
    return entries.assign(alliance=named.take(codes))
