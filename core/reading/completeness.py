"""Never a figure from a column the reader passed over: revenue or cost that came out zero for every
alliance while the sheet has number columns nobody read is a refusal that names them, not an ROI of
-100 %.

A ledger whose revenue column was called `Net Sales` before the vocabulary knew the word, or whose
cost was in `Total Cost`, would otherwise be read without a word, every alliance at -100 % or with
an undefined ROI. A ledger of revenue only is a real input, but only when the user says so
(`revenue_only`): then cost is absent on purpose and a note says ROI cannot be computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from core.errors import UnreadField
from core.model import COST, REVENUE
from core.reading.headers import HeaderMatch, column_letter
from core.reading.money import parse_amount
from core.reading.parsing import clean_name, is_blank, normalise_header

# Headers of number columns that are never money: identifiers, codes, calendar parts.
IDENTIFIER = re.compile(r"\b(?:id|ids|number|no|nr|code|key|zip|postal|phone|year|month|week|day)\b")
# A column is a number column when most of the filled cells in the rows below its header are numbers.
NUMBER_SHARE = 0.8
REVENUE_ONLY_NOTE = (
    "This ledger holds revenue only (as you said): ROI cannot be computed without costs, so each "
    "alliance shows its revenue and no ROI, band or quartile."
)


def unread_number_columns(titles: list[object], body: list[list[object]], header: HeaderMatch) -> list[str]:
    """The headers of the columns no field took whose filled cells are mostly numbers, not all zero,
    and whose header does not name an identifier (an account number, a postal code, a key)."""
    taken = set(header.columns.values())
    found = []
    for index, title in enumerate(titles):
        if index in taken or is_blank(title) or IDENTIFIER.search(normalise_header(title)):
            continue
        cells = [row[index] for row in body if index < len(row) and not is_blank(row[index])]
        numbers = [n for n in map(_number, cells) if n is not None]
        if cells and len(numbers) >= NUMBER_SHARE * len(cells) and any(numbers):
            found.append(f"{column_letter(index)} '{clean_name(title)}'")
    return found


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return parse_amount(value)
    except ValueError:
        return None


def check_figures(
    entries: pd.DataFrame,
    header: HeaderMatch,
    sheet: str,
    unread_of: Callable[[], list[str]],
    revenue_only: bool,
) -> list[str]:
    """Refuse a ledger whose revenue or cost is zero everywhere when that may be a column passed over
    (`unread_of()`: the sheet's unread number columns, worked out only then); returns the notes to
    add (that of a revenue-only ledger). A ledger without entries is left to the caller's message."""
    if entries.empty:
        return []
    totals = entries.groupby("kind", observed=True)["amount"].sum()
    revenue, cost = float(totals.get(REVENUE, 0.0)), float(totals.get(COST, 0.0))
    if revenue != 0 and (cost != 0 or revenue_only):
        return [REVENUE_ONLY_NOTE] if cost == 0 else []
    unread = unread_of()
    if revenue == 0 and unread:
        raise UnreadField(_message("revenue", header, sheet, unread), "revenue", tuple(unread))
    if cost == 0 and not revenue_only:
        raise UnreadField(_message("cost", header, sheet, unread), "cost", tuple(unread))
    return []


def _message(field: str, header: HeaderMatch, sheet: str, unread: list[str]) -> str:
    """What was missed, what the sheet has, and the ways on: map a column, or (cost) say so."""
    if field in header.columns:
        column = f"{column_letter(header.columns[field])} '{header.labels[field]}'"
        found = f"the {field} column {column} sums to 0"
    elif "kind" in header.columns:
        found = f"no entry is of kind {field}"
    else:
        found = f"no {field} column was found"
    harm = "every ROI would be -100 %" if field == "revenue" else "no ROI could be computed"
    if unread:
        step = f"the sheet has number columns that were not read: {', '.join(unread)}; map the {field} to one"
    else:
        step = "the sheet has no other number column"
    if field == "cost":
        step += "; if the ledger holds revenue only, say so"
    return f"Sheet '{sheet}': {found}, so {harm}; {step}."


def command_hint(refusal: UnreadField) -> str:
    """How the command is told what the refusal asks for: `--map cost='Total'`, `--revenue-only`."""
    field = refusal.field
    hints = [f"--map {field}='{refusal.proposed}'"] if refusal.proposed else []
    if field == "cost":
        hints.append("--revenue-only")
    if field == "currency":  # a column read as the currency that is not the amounts': none is
        hints.append("--map currency= (an empty header: no column is the currency)")
    return " or ".join(hints)
