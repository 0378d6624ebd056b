"""A marketing-mix table refused with why: one revenue total per row, the spend of each channel in
a column of its own.

A marketing-mix model's input (Robyn's `dt_simulated_weekly`, a media plan) has a row per week, the
business's whole revenue in one column and the spend per channel in one column each (`tv_S`,
`search_S`, `Facebook spend`, `Cost TV`). The spend can be read channel by channel, but the revenue
is not any channel's: a channel's ROI needs an attribution (a marketing-mix model) that no reading
rule can make. Reading the revenue as one alliance and the spend as others would print -100 % for
every channel, and reading one spend column as the cost would drop the others: either is a figure
silently wrong. So the sheet is refused, the message naming the revenue column, the spend columns
and what would make it readable.
"""

from __future__ import annotations

import re

from core.errors import NoLedgerSheet
from core.reading.headers import STRICT_FIELDS, column_letter, match_header
from core.reading.money import parse_amount
from core.reading.parsing import clean_name, display_value, is_blank, normalise_header
from core.reading.vocabulary import LEDGER_HEADERS
from core.reading.workbook import SourceBook

# A spend column's normalised header: 'tv s' (Robyn's '_S' suffix), 'tv spend', 'spend tv', 'cost tv'.
_SPEND = re.compile(
    r"^(?:(?P<before>[a-z0-9][a-z0-9 ]*?) (?:s|spend|spends|cost|costs|investment)"
    r"|(?:spend|cost|costs) (?:on )?(?P<after>[a-z0-9][a-z0-9 ]*))$"
)
# Rows below the header looked at to tell a number column.
SAMPLE_ROWS = 50
_KNOWN = {word for words in LEDGER_HEADERS.values() for word in words}
# 'Total spend' is every channel's: the cost of the business as one alliance, not a channel.
_TOTALS = {"total", "all", "overall", "sum", "media", "marketing"}


def spend_channel(title: object) -> str | None:
    """The channel a header names the spend of ('tv_S' -> 'tv'), or None: a header the vocabulary
    knows ('Total Cost', 'Unit Cost') is a field of its own, not a channel."""
    text = normalise_header(title)
    match = _SPEND.match(text)
    if match is None or text in _KNOWN:
        return None
    channel = match["before"] or match["after"]
    return None if channel in _TOTALS else channel


def _numeric(rows: list[list[object]], index: int) -> bool:
    values = [r[index] for r in rows if index < len(r) and not is_blank(r[index])]
    for value in values:
        try:
            parse_amount(display_value(value))
        except ValueError:
            return False
    return bool(values)


def refuse_channel_spend(book: SourceBook, wanted: str | None, told: dict[str, str]) -> None:
    """Raise NoLedgerSheet when a sheet (the one `wanted`, else any) has a revenue column, no
    partner column and the spend of two or more channels in columns of their own; not when the
    user `told` a cost (or amount) column that is no channel's (a total spend column)."""
    if any(told.get(f) and spend_channel(told[f]) is None for f in ("cost", "amount")):
        return
    names = [n for n in book.sheet_names if wanted is None or n.casefold() == wanted.strip().casefold()]
    for name in names:
        rows = book.head(name)
        for index, cells in enumerate(rows):
            header = match_header(cells, LEDGER_HEADERS, STRICT_FIELDS)
            if "revenue" not in header.columns or "alliance" in header.columns:
                continue
            body = book.head(name, index + 1 + SAMPLE_ROWS)[index + 1 :]
            spend = [
                (i, title) for i, title in enumerate(cells) if spend_channel(title) and _numeric(body, i)
            ]
            if len(spend) >= 2:
                raise NoLedgerSheet(_message(name, cells, header.columns["revenue"], spend))


def _message(sheet: str, cells: list[object], revenue: int, spend: list[tuple[int, object]]) -> str:
    columns = ", ".join(f"{column_letter(i)} '{clean_name(t)}'" for i, t in spend)
    channels = ", ".join(sorted({str(spend_channel(t)) for _, t in spend}))
    return (
        f"Sheet '{sheet}' is a marketing-mix table, not a ledger of alliances: each row has one revenue "
        f"total, {column_letter(revenue)} '{clean_name(cells[revenue])}', and the spend of each channel "
        f"in a column of its own ({columns}). The revenue is not split by channel ({channels}), so "
        "no rule can give a channel's revenue or ROI: that needs an attribution model (a marketing-mix "
        "model), which this product does not make, and reading one spend column as the cost would drop "
        "the others. To read it, give each channel's attributed revenue beside its spend, one row per "
        "channel and date (headers Date, Channel, Revenue, Cost); or, for the business as one alliance, "
        "add a column with the total spend and read it so (the command: --alliance NAME --map "
        "cost=HEADER)."
    )
