"""Ledger entries from the ledger sheet's rows, each row left out listed as an issue; the currency."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import numpy as np
import pandas as pd

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
    parse_unique,
    typed_frame,
)
from core.reading.date_columns import column_period, parse_dates
from core.reading.figures import cost_from_profit, figure_sources
from core.reading.headers import HeaderMatch, column_letter
from core.reading.issues import IssueLog
from core.reading.kind_values import OWN_KIND_VALUES
from core.reading.money import AMBIGUOUS_SYMBOLS, currency_code
from core.reading.parsing import (
    DAY,
    clean_name,
    display_value,
    normalise_header,
    parse_attribution,
    parse_kind,
    told_kinds,
)

# What a currency sign alone is taken for, said in a note whenever an amount is read that way.
_ASSUMED = {"$": "US dollars (USD)", "¥": "Japanese yen (JPY)"}


class EntriesRead(NamedTuple):
    """The entries of the ledger sheet, the issues of the rows left out, the blank rows skipped, and
    what the dates were written as (parsing.DAY, MONTH or QUARTER)."""

    entries: pd.DataFrame
    issues: IssueLog
    blank_rows: int
    period: str = DAY


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
    # The user's reading of kind values (normalised value -> 'revenue', 'cost' or None for neither).
    kind_values: dict[str, str | None] = field(default_factory=dict)
    # Columns two figures are worked out from, read once (quantity).
    parts: dict[str, Parsed] = field(default_factory=dict)


def read_entries(
    frame: pd.DataFrame,
    header: HeaderMatch,
    sheet: str,
    layout: str,
    notes: list[str],
    others: tuple[list[object], Callable[[int], list[object]]],
    kind_values: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
) -> EntriesRead:
    """Entries from the ledger's body rows, and an issue (in row order) for every row left out.

    `kind_values`: the user's reading of some kind values (value -> 'revenue', 'cost' or None for
    neither), before the vocabulary's. `dayfirst`: the user's order of slash dates (None: the date
    column's own dates settle it).
    """
    told = told_kinds(kind_values)
    at = _Sheet(frame, header, sheet, notes, kind_values=told)
    labels, rows, issues = header.labels, frame.index, at.issues
    blank = {name: blank_mask(frame[name]) for name in frame.columns}
    alliance_text = clean_texts(frame["alliance"])
    live, blank_rows = _rows_to_read(at, blank, alliance_text, others)
    where = f"Sheet '{sheet}', column {column_letter(header.columns['date'])} '{labels['date']}'"
    dates = over_rows(rows, parse_dates(frame["date"][live], where, notes, dayfirst), "datetime")
    issues.add_cells(sheet, dates.bad, frame["date"], labels["date"], dates.reasons)
    no_alliance = live & blank["alliance"]
    issues.add_cells(sheet, no_alliance, frame["alliance"], labels["alliance"], "no alliance named")
    usable = live & ~dates.bad & ~no_alliance
    period = column_period(frame["date"][usable], where, notes)
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
    elif layout == "signed":
        parts = _signed_entries(at, live, usable, shared)
    else:
        parts = _wide_entries(at, live, usable, blank, shared)
    entries = pd.concat(parts, ignore_index=True) if parts else _no_entries()
    _note_assumed_signs(at)
    # The checks above run column by column; the user reads the issues row by row.
    issues.sort_by_row()
    return EntriesRead(entries, issues, blank_rows, period)


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
    parser = partial(parse_kind, told=at.kind_values)
    kinds = over_rows(rows, parse_unique(frame["kind"][live], parser, "str"), "str")
    at.issues.add_cells(at.name, kinds.bad, frame["kind"], labels["kind"], kinds.reasons)
    _note_kind_values(at, frame["kind"][live & ~kinds.bad], kinds.values[live & ~kinds.bad])
    amounts = _amounts(at, "amount", live)
    ok = usable & ~kinds.bad & ~amounts.bad
    return [_entry_frame(at, ok, kinds.values, amounts, shared)]


# Kind values shown in the note, most frequent first; the rest are counted.
KIND_VALUES_SHOWN = 8


def _note_kind_values(at: _Sheet, cells: pd.Series, kinds: pd.Series) -> None:
    """Say how values beyond the product's own words (Invoice, Bill, Soll) were read, with counts,
    and how to read them otherwise: an accounting export's types are a guess the user can correct."""
    # Once per distinct value: a kind column repeats a few words over every row.
    words, texts = map_unique(cells, normalise_header), map_unique(cells, clean_name)
    table = (
        pd.DataFrame({"word": words.to_numpy(), "text": texts.to_numpy(), "kind": kinds.to_numpy()})
        .loc[lambda t: ~t["word"].isin(OWN_KIND_VALUES) | t["word"].isin(list(at.kind_values))]
        .groupby(["word", "kind"], sort=False)
        .agg(text=("text", "first"), count=("text", "size"))
        .reset_index()
        .sort_values("count", ascending=False, kind="stable")
    )
    if table.empty:
        return
    read = [
        f"{row.text} → {row.kind} ({row.count}{', as told' if row.word in at.kind_values else ''})"
        for row in table.head(KIND_VALUES_SHOWN).itertuples()
    ]
    if len(table) > KIND_VALUES_SHOWN:
        read.append(f"{len(table) - KIND_VALUES_SHOWN} more values")
    example = table.iloc[0]
    other = REVENUE if example["kind"] == COST else COST
    at.notes.append(
        f"Sheet '{at.name}': column {column_letter(at.header.columns['kind'])} '{at.header.labels['kind']}' "
        f"read as transaction types: {', '.join(read)}. To read a value otherwise, say so with the kind "
        f"values (the command: --kind-values '{example['text']}={other}'; 'none' for neither)."
    )


def _signed_entries(at: _Sheet, live: pd.Series, usable: pd.Series, shared: dict) -> list[pd.DataFrame]:
    """One amount and no kind: money in (positive) is revenue, money out (negative) is a cost of
    its size, as a bank statement or a cash book writes them; a note gives the counts."""
    amounts = _amounts(at, "amount", live)
    ok = usable & ~amounts.bad
    values = amounts.values
    kinds = pd.Series(np.where(values < 0, COST, REVENUE), index=values.index, dtype="str")
    counts = kinds[ok].value_counts()
    column = f"{column_letter(at.header.columns['amount'])} '{at.header.labels['amount']}'"
    at.notes.append(
        f"Sheet '{at.name}' has no kind column, so the sign of column {column} tells revenue from cost: "
        f"{_count(counts.get(REVENUE, 0), 'amount')} of zero or more read as revenue (money in), "
        f"{_count(counts.get(COST, 0), 'negative one')} as costs of their size (money out). If the sign "
        "means something else, say which column is the kind, or map revenue and cost columns."
    )
    turned = Parsed(values.abs(), amounts.bad, amounts.reasons, amounts.symbols)
    return [_entry_frame(at, ok, kinds, turned, shared)]


def _count(number: int, noun: str) -> str:
    """'1 amount', '3 amounts'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _wide_entries(
    at: _Sheet, live: pd.Series, usable: pd.Series, blank: dict[str, pd.Series], shared: dict
) -> list[pd.DataFrame]:
    """Revenue and/or cost, each from its column or worked out: one entry per figure and row."""
    frame, labels = at.frame, at.header.labels
    sources = figure_sources(at.header.columns)
    missing = {f: pd.concat([blank[c] for c in cols], axis=1).any(axis=1) for f, cols in sources.items()}
    both_blank = live & pd.concat(list(missing.values()), axis=1).all(axis=1)
    first = next(iter(sources.values()))[0]
    at.issues.add_cells(
        at.name, both_blank, frame[first], labels[first], "no revenue and no cost in this row"
    )
    parts, parsed = [], {}
    for figure, columns in sources.items():
        parsed[figure] = amounts = _figure(
            at, figure, columns, live & ~missing[figure], live & ~blank[columns[0]]
        )
        ok = usable & ~missing[figure] & ~amounts.bad
        parts.append(_entry_frame(at, ok, REVENUE if figure == "revenue" else COST, amounts, shared))
    if cost_from_profit(at.header.columns):
        with_revenue = usable & ~missing["revenue"] & ~parsed["revenue"].bad
        parts.append(_cost_from_profit(at, live, with_revenue, parsed["revenue"], shared))
    return parts


def _figure(at: _Sheet, figure: str, columns: tuple[str, ...], rows: pd.Series, first: pd.Series) -> Parsed:
    """One figure's amounts on `rows`: its column's (turned positive when the column is a debit or
    a credit, whose sign says nothing), or quantity × unit price (or unit cost), said in a note.
    `first`: the rows where the first of `columns` is filled (a quantity is read on all of them)."""
    if columns == (figure,):
        amounts = _amounts(at, figure, rows)
        if figure not in at.header.unsigned:
            return amounts
        return Parsed(amounts.values.abs(), amounts.bad, amounts.reasons, amounts.symbols)
    # Quantity serves both figures: read once, so that a bad cell is one issue.
    if "quantity" not in at.parts:
        at.parts["quantity"] = _amounts(at, "quantity", first)
    quantity, unit = at.parts["quantity"], _amounts(at, columns[1], rows)
    labels = at.header.labels
    at.notes.append(
        f"Sheet '{at.name}': {figure} worked out as '{labels[columns[0]]}' × '{labels[columns[1]]}' on each "
        "row."
    )
    return Parsed(quantity.values * unit.values, quantity.bad | unit.bad, unit.reasons, unit.symbols)


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
