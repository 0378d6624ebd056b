"""Which columns give revenue and cost when a sheet holds them another way than the product's own.

Bank statements and account ledgers write money out and in as Debit and Credit columns; sales
reports give quantity and unit price rather than the sale's amount; some exports keep one signed
amount. The header scan finds such columns by the vocabulary; this module turns them into the
revenue and cost the reader takes, and says so. What the user named (`--map`) comes first: a cost
they asked to work out as quantity x unit cost is not read from a 'Cost of Sales' column the
vocabulary found.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from core.reading.headers import HeaderMatch, column_letter
from core.reading.parsing import clean_name, normalise_header, parse_kind
from core.reading.vocabulary import LEDGER_HEADERS, WORKED_OUT_FROM, own_words

# The label of the alliance "column" of a sheet read as one alliance (one_account.py), before its name.
ONE_ALLIANCE = "(no column: the whole sheet is one alliance"

# Money out and money in, as the product reads them.
ACCOUNT_SIDES = {"debit": "cost", "credit": "revenue"}


def resolve_figures(
    header: HeaderMatch, sheet: str, chosen: dict[str, str] | None = None
) -> tuple[HeaderMatch, list[str]]:
    """The header with debit and credit read as cost and revenue, and found figure columns set
    aside where the user chose to work the figure out; with a note for each decision."""
    notes: list[str] = []
    header = _set_aside_for_derivations(header, sheet, chosen or {}, notes)
    return _fee_as_cost(_account_sides(header, sheet, notes), sheet, notes), notes


def _fee_as_cost(header: HeaderMatch, sheet: str, notes: list[str]) -> HeaderMatch:
    """A Fee column beside a revenue column and no cost is the cost column (a fee alone on a row
    then counts too); beside an amount or a cost it is a second cost of each row (fees.py)."""
    columns, labels = dict(header.columns), dict(header.labels)
    if "fee" not in columns or "revenue" not in columns or {"cost", "amount"} & set(columns):
        return header
    columns["cost"], labels["cost"] = columns.pop("fee"), labels.pop("fee")
    notes.append(f"Sheet '{sheet}': {_column(header, 'fee')} read as the cost: the sheet has no cost column.")
    return replace(header, columns=columns, labels=labels)


def _column(header: HeaderMatch, name: str) -> str:
    return f"{column_letter(header.columns[name])} '{header.labels[name]}'"


def _set_aside_for_derivations(
    header: HeaderMatch, sheet: str, chosen: dict[str, str], notes: list[str]
) -> HeaderMatch:
    """Drop a figure column the vocabulary found when the user mapped the columns to work it out
    from and not the figure itself."""
    columns, labels = dict(header.columns), dict(header.labels)
    for figure, parts in WORKED_OUT_FROM.items():
        if figure in columns and figure not in chosen and all(chosen.get(p) for p in parts):
            passed = [f"{column_letter(i)} '{label}'" for i, label in header.clashes.get(figure, ())]
            passed = passed or [_column(header, figure)]
            verb = "is" if len(passed) == 1 else "are"
            from_parts = " × ".join(repr(labels[p]) for p in parts)
            notes.append(
                f"Sheet '{sheet}': {' and '.join(passed)} {verb} not read as the {figure}: it is worked "
                f"out from {from_parts}, as mapped."
            )
            del columns[figure], labels[figure]
    return replace(header, columns=columns, labels=labels)


def _account_sides(header: HeaderMatch, sheet: str, notes: list[str]) -> HeaderMatch:
    """Debit as cost and credit as revenue, when the sheet has neither a revenue nor a cost column."""
    sides = [side for side in ACCOUNT_SIDES if side in header.columns]
    if not sides or {"revenue", "cost"} & set(header.columns):
        return header
    columns, labels = dict(header.columns), dict(header.labels)
    read = []
    for side in sides:
        figure = ACCOUNT_SIDES[side]
        read.append(f"{_column(header, side)} as {figure} (money {'out' if side == 'debit' else 'in'})")
        columns[figure], labels[figure] = columns.pop(side), labels.pop(side)
    notes.append(
        f"Sheet '{sheet}': {' and '.join(read)}, as a bank statement or an account ledger writes them; "
        "a debit or credit written with a minus sign counts the same."
    )
    return replace(
        header, columns=columns, labels=labels, unsigned=frozenset(ACCOUNT_SIDES[s] for s in sides)
    )


def figure_named(text: str) -> tuple[str, str] | None:
    """The one figure a name says in the vocabulary's words, with the word ('MDF spend 2024' ->
    ('cost', 'spend')); None when it says neither or both ('Income and expenses')."""
    padded = f" {normalise_header(text)} "
    said = {f: next((w for w in LEDGER_HEADERS[f] if f" {w} " in padded), None) for f in ("revenue", "cost")}
    named = [(figure, word) for figure, word in said.items() if word]
    return named[0] if len(named) == 1 else None


def figure_from_name(sheet: str, header: HeaderMatch, notes: list[str]) -> HeaderMatch:
    """A sheet of one amount and no kind whose name says its figure ('Costs', 'Revenue 2024'): the
    amount is read as that figure, a negative one as a credit or a refund, not by its sign (a
    ledger split into a revenue sheet and a cost sheet of one header); said in a note."""
    columns = header.columns
    if "amount" not in columns or {"kind", "revenue", "cost", "debit", "credit", "quantity"} & set(columns):
        return header
    named = figure_named(sheet)
    if named is None:
        return header
    figure, word = named
    notes.append(
        f"Sheet '{sheet}' has one amount and no kind column, and its name says '{word}': column "
        f"{_column(header, 'amount')} is read as {figure}, a negative amount as "
        f"{'a credit that reduces cost' if figure == 'cost' else 'a refund that reduces revenue'}."
    )
    moved = {figure if name == "amount" else name: index for name, index in columns.items()}
    labels = {figure if name == "amount" else name: label for name, label in header.labels.items()}
    return replace(header, columns=moved, labels=labels)


def figure_sources(columns: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """Revenue and cost, each with the columns it is read from: its own, else the ones it is
    worked out from (cost from revenue and profit is worked out later, from the revenue read)."""
    sources: dict[str, tuple[str, ...]] = {}
    for figure, parts in WORKED_OUT_FROM.items():
        if figure in columns:
            sources[figure] = (figure,)
        elif all(part in columns for part in parts):
            sources[figure] = parts
    return sources


def cost_from_profit(columns: dict[str, int]) -> bool:
    """Whether cost is worked out as revenue - profit: a profit column, revenue, and no cost."""
    sources = figure_sources(columns)
    return "profit" in columns and "revenue" in sources and "cost" not in sources


def derivations(header: HeaderMatch) -> tuple[str, ...]:
    """How each figure not read from a column of its own name was worked out, for the About sheet."""
    labels, said = header.labels, []
    for figure, parts in figure_sources(header.columns).items():
        if parts != (figure,):
            said.append(f"{figure} = " + " × ".join(repr(labels[p]) for p in parts) + " on each row")
        elif figure in header.unsigned:
            side = "money out" if figure == "cost" else "money in"
            said.append(f"{figure} = '{labels[figure]}' ({side}), whatever its sign")
    if cost_from_profit(header.columns):
        said.append(f"cost = revenue - '{labels['profit']}' on each row")
    if labels.get("alliance", "").startswith(ONE_ALLIANCE):
        said.append("alliance = one for the whole sheet, which has no partner column")
    if "fee" in header.columns:
        said.append(
            f"cost also = each row's '{labels['fee']}' (a processor's fee, read as a cost of the row)"
        )
    if "stage" in header.columns:
        said.append(
            f"only rows whose '{labels['stage']}' is a won stage count (the others are on Data issues)"
        )
    return tuple(said)


# Distinct values of a kind column looked at before it is set aside, and named in the note.
KIND_SAMPLE, KIND_NAMED = 500, 3


def settle_kind_column(
    kinds: pd.Series, header: HeaderMatch, sheet: str, told: dict[str, str | None] | None
) -> tuple[HeaderMatch, list[str]]:
    """A 'Type' column found by its header alone, none of whose values is a revenue or cost word
    (PayPal's 'Subscription Payment'), is not the kind: without it the amount's sign tells revenue
    from cost. `kinds`: the column's cells; `told`: the user's readings of kind values."""
    if normalise_header(header.labels["kind"]) in own_words("kind"):  # 'Kind' says what it is
        return header, []
    values = [v for v in pd.unique(kinds.dropna())[:KIND_SAMPLE] if clean_name(v)]
    if not values or any(_is_kind(v, told) for v in values):
        return header, []
    columns, labels = dict(header.columns), dict(header.labels)
    kind = f"{column_letter(columns.pop('kind'))} '{labels.pop('kind')}'"
    shown = ", ".join(repr(clean_name(v)) for v in values[:KIND_NAMED]) + (
        ", …" if len(values) > KIND_NAMED else ""
    )
    note = (
        f"Sheet '{sheet}': column {kind} holds no revenue or cost word ({shown}), so it is not read as "
        f"the kind, and the sign of '{labels['amount']}' tells revenue from cost. If it is the kind, say "
        f"how its values read (the command: --kind-values '{clean_name(values[0])}=cost')."
    )
    return replace(header, columns=columns, labels=labels), [note]


def _is_kind(value: object, told: dict[str, str | None] | None) -> bool:
    try:
        parse_kind(value, told)
    except ValueError:
        return False
    return True
