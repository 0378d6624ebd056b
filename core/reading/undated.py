"""A ledger without any date read as one period, when the user says so (`--undated`).

A CRM opportunity list or a price list of deals often has no date column at all: the partner and
the money are there, but nothing says when. Such a sheet is refused by default, with a message that
names the missing date and the way out, because a date cannot be guessed. When the user says the
ledger is undated, every entry is read as one period: revenue, cost, ROI, bands and quartiles per
alliance are as exact as the cells, and every figure that needs time (quarters, before/after,
payback, NPV, IRR, annualised ROI, opportunity cost) is stated as not available, never computed on
an invented calendar.

The entries still carry a date, `ONE_PERIOD_DAY`, so that the frames keep one schema; the ledger's
period is `parsing.UNDATED`, and the report and every output read that, not the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from core.errors import NoLedgerSheet
from core.reading.columns import blank_mask
from core.reading.figures import resolve_figures
from core.reading.headers import STRICT_FIELDS, HeaderMatch, find_header, header_notes, ledger_layout
from core.reading.vocabulary import LEDGER_HEADERS
from core.reading.workbook import SourceBook

# The label of the date 'column' of an undated ledger, as the About sheet shows it.
NO_DATE = "(no column: the ledger has no dates and is read as one period)"
# The one date every entry of an undated ledger carries (never shown: outputs say 'no dates').
ONE_PERIOD_DAY = dt.datetime(2000, 1, 1)
# What every output says instead of a figure that needs dates.
NOT_WITHOUT_DATES = "n/a (the ledger has no dates: read as one period)"


def _is_undated(columns: dict[str, int]) -> bool:
    return "date" not in columns and ledger_layout({**columns, "date": -1}) is not None


def undated_header(
    book: SourceBook, wanted: str | None, chosen: dict[str, str] | None
) -> tuple[str, HeaderMatch] | None:
    """The first sheet (or the one `wanted`) whose header has the partner and the money but no
    date, its date 'column' pointed at the partner's (the dates are then set by `as_one_period`)."""
    names = [n for n in book.sheet_names if wanted is None or n.casefold() == wanted.strip().casefold()]
    for name in names:
        header = find_header(book.head(name), LEDGER_HEADERS, _is_undated, STRICT_FIELDS, chosen)
        if header is not None:
            columns = {**header.columns, "date": header.columns["alliance"]}
            labels = {**header.labels, "date": NO_DATE}
            return name, replace(header, columns=columns, labels=labels)
    return None


def one_period_header(
    book: SourceBook, wanted: str | None, chosen: dict[str, str] | None, refusal: NoLedgerSheet
) -> tuple[str, HeaderMatch, str, list[str]]:
    """The sheet read as one undated period: its name, header (figures resolved), layout and the
    notes on how it is read; the `refusal` when no sheet has the partner and the money."""
    found = undated_header(book, wanted, chosen)
    if found is None:
        raise refusal
    sheet, header = found
    header, figure_notes = resolve_figures(header, sheet, chosen)
    layout = ledger_layout(header.columns)
    assert layout is not None, "a sheet read as one period has a ledger layout"
    note = (
        f"Sheet '{sheet}' has no date column, so, as you said (--undated), its entries are read as one "
        "period: revenue, cost and ROI per alliance are computed; quarters, before/after, payback, NPV, "
        "IRR, annualised ROI and opportunity cost need dates and are not."
    )
    return sheet, header, layout, [note, *header_notes(sheet, header), *figure_notes]


def as_one_period(frame: pd.DataFrame) -> pd.DataFrame:
    """The sheet's rows with the one period's date on every row that holds anything (a blank row
    stays blank, so it is skipped as blank rows are)."""
    others = [column for column in frame.columns if column != "date"]
    filled = ~pd.concat([blank_mask(frame[c]) for c in others], axis=1).all(axis=1)
    dated = pd.Series("", index=frame.index, dtype=object).where(~filled, ONE_PERIOD_DAY)
    return frame.assign(date=dated)


def undated_hint(book: SourceBook, wanted: str | None, chosen: dict[str, str] | None) -> str:
    """What the refusal of a sheet that has everything but a date adds: the date is the missing
    field, and how to read it all the same; '' when no sheet is so."""
    found = undated_header(book, wanted, chosen)
    if found is None:
        return ""
    return (
        f" Sheet '{found[0]}' has the alliance and the money but no date column: if a column holds the "
        "dates, map it (the command: --map date=HEADER); if the ledger has no dates, say so to read "
        "it as one period, without quarters, before/after, NPV, IRR or annualised ROI (the command: "
        "--undated)."
    )
