"""Months (or quarters) as columns, partners as rows: one entry per partner and period (#27.9b).

A plan or a sales report often has a row per partner and a column per month (`Jan`..`Dec`, `M01`..
`M12`, `2024-01`, `Q1 2024`), with the year in the headers or in a column of its own. Such a sheet is
read only when no sheet reads as a ledger row by row. Which figure the months hold is said by a Kind
column on each row, else by the sheet's name or the title above the header ('Revenue 2024',
'MDF spend'), else by the user (a ledger of revenue only); otherwise it is refused, never guessed.
An empty month ('' or '-') is no entry; every cell that cannot be read is an issue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from core.errors import LedgerError
from core.model import REVENUE, SOURCED
from core.reading.columns import (
    Parsed,
    blank_mask,
    body_frame,
    clean_texts,
    is_totals,
    over_rows,
    parse_amounts,
    parse_unique,
)
from core.reading.completeness import unread_number_columns
from core.reading.entries import EntriesRead
from core.reading.figures import figure_named
from core.reading.headers import HeaderMatch, column_letter, match_header
from core.reading.issues import IssueLog
from core.reading.money import currency_code
from core.reading.parsing import FIRST_YEAR, LAST_YEAR, MONTHS, clean_name, parse_kind
from core.reading.sheets import SheetRead, SheetsRead, combined, copy_notes, drop_copies
from core.reading.signs import settle_signs
from core.reading.vocabulary import LEDGER_HEADERS, YEAR_HEADERS
from core.reading.workbook import SourceBook

# Fewer period columns than this are not a layout (a 'Q1' beside other headers is a name).
PERIOD_COLUMNS_MIN = 3
# Cells that mean 'nothing this month' in a plan.
EMPTY_MONTH = {"-", "–", "—", "n/a", "na"}

_MONTH_NUMBER = re.compile(r"^(?:m|month|monat|mois|mes|maand) ?(\d{1,2})$")
_MONTH_NAME = re.compile(r"^([a-z]+) ?(\d{4}|\d{2})?$")
_YEAR_MONTH = re.compile(r"^(\d{4}) (\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2}) (\d{4})$")
_QUARTER = re.compile(r"^(?:q|quarter ?)([1-4])(?: (\d{4}|\d{2}))?$")
_YEAR_QUARTER = re.compile(r"^(\d{4}) ?q([1-4])$")


@dataclass(frozen=True)
class Period:
    """The period a header names: its first month, its year when the header gives one."""

    month: int
    year: int | None
    quarter: bool


@dataclass(frozen=True)
class PeriodSheet:
    """A sheet of periods as columns: its header (alliance, and kind or year when it has them), the
    period of each period column, and the column holding the year when the headers lack it."""

    name: str
    header: HeaderMatch
    periods: dict[int, Period]
    year: int | None
    titles: list[object]


def _year(text: str | None) -> int | None:
    """'2024' -> 2024, '24' -> 2024."""
    if text is None:
        return None
    return int(text) + (2000 if len(text) == 2 else 0)


def period_of(cell: object) -> Period | None:
    """The month or quarter a header cell names ('M01', 'Jan', 'Mar 2024', '2024-03', 'Q1 2024', a
    date), or None."""
    if isinstance(cell, dt.date):
        return Period(cell.month, cell.year, False)
    text = re.sub(r"[\s\-_/.']+", " ", clean_name(cell).casefold()).strip()
    if match := _MONTH_NUMBER.match(text):
        number = int(match[1])
        return Period(number, None, False) if 1 <= number <= 12 else None
    if (match := _MONTH_NAME.match(text)) and match[1] in MONTHS:
        return Period(MONTHS[match[1]], _year(match[2]), False)
    for pattern, month_at, year_at in ((_YEAR_MONTH, 2, 1), (_MONTH_YEAR, 1, 2)):
        if (match := pattern.match(text)) and 1 <= int(match[month_at]) <= 12:
            return Period(int(match[month_at]), int(match[year_at]), False)
    if match := _QUARTER.match(text):
        return Period(3 * int(match[1]) - 2, _year(match[2]), True)
    if match := _YEAR_QUARTER.match(text):
        return Period(3 * int(match[2]) - 2, int(match[1]), True)
    return None


def _periods(cells: list[object]) -> dict[int, Period]:
    """The columns of a header row that name periods: its months, or its quarters when it has more
    of those; {} when fewer than PERIOD_COLUMNS_MIN."""
    found = {i: p for i, cell in enumerate(cells) if (p := period_of(cell)) is not None}
    months = {i: p for i, p in found.items() if not p.quarter}
    quarters = {i: p for i, p in found.items() if p.quarter}
    chosen = months if len(months) >= len(quarters) else quarters
    return chosen if len(chosen) >= PERIOD_COLUMNS_MIN else {}


def find_period_sheets(book: SourceBook, wanted: str | None, chosen: dict[str, str]) -> list[PeriodSheet]:
    """The sheets (`wanted` alone when named) with a header row of periods as columns and an
    alliance column; `chosen` headers the user named for fields (`date`: the year column)."""
    return [f for f in _period_headers(book, wanted, chosen) if "alliance" in f.header.columns]


def _period_headers(book: SourceBook, wanted: str | None, chosen: dict[str, str]) -> list[PeriodSheet]:
    """Each sheet's first header row of periods as columns, with the fields found beside them."""
    names = [
        n for n in book.sheet_names if wanted is None or n.strip().casefold() == wanted.strip().casefold()
    ]
    found = []
    for name in names:
        for row, cells in enumerate(book.head(name)):
            periods = _periods(cells)
            if not periods:
                continue
            others = ["" if i in periods else cell for i, cell in enumerate(cells)]
            match = match_header(others, {**LEDGER_HEADERS, "year": YEAR_HEADERS}, (), chosen)
            kept = {k: v for k, v in match.columns.items() if k in _KEPT}
            year = kept.get("date" if "date" in chosen else "year")
            labels = {k: v for k, v in match.labels.items() if k in kept}
            header = replace(match, row=row, columns=kept, labels=labels, clashes={}, others={})
            found.append(PeriodSheet(name, header, periods, year, list(cells)))
            break
    return found


def period_hint(book: SourceBook, wanted: str | None, chosen: dict[str, str]) -> str:
    """For a refusal: the sheets with periods as columns and no alliance column, and what to say."""
    found = [f for f in _period_headers(book, wanted, chosen) if "alliance" not in f.header.columns]
    if not found:
        return ""
    sheet = found[0]
    return (
        f" Sheet '{sheet.name}' has {_period_words(sheet)} as columns ({_span(sheet)}): to read one entry "
        "per partner and period, say which column names the partner (--map alliance=HEADER)."
    )


# The fields a sheet of periods reads beside its period columns.
_KEPT = ("alliance", "kind", "date", "year")


def _figure(book: SourceBook, found: PeriodSheet, revenue_only: bool) -> tuple[str | None, str]:
    """Revenue or cost for every period cell (None: a Kind column says it row by row), and why."""
    if "kind" in found.header.columns:
        return None, f"column {_column(found.header, 'kind')} on each row"
    above = " ".join(clean_name(c) for row in book.head(found.name)[: found.header.row] for c in row)
    for text, where in ((found.name, "the sheet's name"), (above, "the title above the header")):
        named = figure_named(text)
        if named is not None:
            return named[0], f"{where} says '{named[1]}'"
    if revenue_only:
        return REVENUE, "you said the ledger holds revenue only"
    raise LedgerError(
        f"Sheet '{found.name}' has {_period_words(found)} as columns ({_span(found)}) and nothing says "
        "whether they are revenue or cost: name the sheet after its figure ('Revenue', 'Costs'), add a "
        "Kind column, or, if the ledger holds revenue only, say so (the command: --revenue-only)."
    )


def _column(header: HeaderMatch, name: str) -> str:
    return f"{column_letter(header.columns[name])} '{header.labels[name]}'"


def _period_words(found: PeriodSheet) -> str:
    return "quarters" if next(iter(found.periods.values())).quarter else "months"


def _span(found: PeriodSheet) -> str:
    """ "C 'M01' … N 'M12'"."""
    first, last = (
        f"{column_letter(i)} '{clean_name(found.titles[i])}'"
        for i in (min(found.periods), max(found.periods))
    )
    return f"{first} … {last}"


def read_period_sheets(
    book: SourceBook, found: list[PeriodSheet], revenue_only: bool, told: dict[str, str | None]
) -> tuple[SheetsRead, list[str]]:
    """Every sheet of periods as columns (a revenue sheet and a cost sheet, a sheet per year), each
    read as its name or Kind column says; a sheet whose entries are all on the others is left out;
    the figures' signs settled over all of them; and the notes on how."""
    notes: list[str] = []
    each = [read_period_sheet(book, sheet, revenue_only, told, notes) for sheet in found]
    kept, dropped = drop_copies([read.reads[0] for read in each], found[0].name)
    entries, issues, blank_rows, _ = combined(kept)
    entries = settle_signs(entries, ", ".join(read.name for read in kept), notes)
    if len(kept) > 1:
        counts = ", ".join(f"{read.name} {len(read.found.entries):,}" for read in kept)
        notes.append(f"Every sheet of periods as columns was read, as one ledger (entries: {counts}).")
    notes.extend(copy_notes(kept, dropped))
    derived = tuple(d for read in each if read.reads[0] in kept for d in read.derived)
    first = each[0]
    reads = [read.reads[0] for read in each]
    found_read = EntriesRead(entries, issues, blank_rows)
    return SheetsRead(first.name, first.header, "periods", reads, kept, found_read, derived), notes


def read_period_sheet(
    book: SourceBook, found: PeriodSheet, revenue_only: bool, told: dict[str, str | None], notes: list[str]
) -> SheetsRead:
    """One entry per row and filled period cell, the rows and cells left out as issues, and a note
    on how the sheet was read."""
    figure, why = _figure(book, found, revenue_only)
    if found.year is None and any(p.year is None for p in found.periods.values()):
        raise LedgerError(
            f"Sheet '{found.name}' has {_period_words(found)} as columns ({_span(found)}) without a year, "
            "and no Year column: write the year in the headers ('Jan 2024') or add a Year column."
        )
    periods = {f"period {i}": i for i in found.periods}
    labels = {**found.header.labels, figure or "amount": _span(found)}
    header = replace(found.header, columns={**found.header.columns, **periods}, labels=labels)
    frame = body_frame(book.sheet(found.name).rows, header)
    at = _Reading(found, frame, IssueLog(), notes)
    blank = pd.concat([blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
    years, ok = _years(at, ~blank & _named_rows(at, blank))
    kinds, ok = _kinds(at, ok, told) if figure is None else (figure, ok)
    parts = [_period_entries(at, i, ok, years, kinds) for i in found.periods]
    entries = pd.concat([part for part, _ in parts], ignore_index=True)
    at.issues.sort_by_row()
    notes.append(_note(book, at, header, len(entries), (figure, why), sum(e for _, e in parts)))
    read = SheetRead(found.name, EntriesRead(entries, at.issues, int(blank.sum())), len(frame), found.titles)
    period = _period_words(found)[:-1]
    derived = (
        f"{figure or 'revenue and cost'} = one entry per partner and {period}, from columns {_span(found)}",
    )
    return SheetsRead(found.name, header, "periods", [read], [read], read.found, derived)


def _note(
    book: SourceBook,
    at: _Reading,
    header: HeaderMatch,
    count: int,
    figure: tuple[str | None, str],
    empty: int,
) -> str:
    """How the sheet of periods was read: the columns, the figure and why, the year, empty cells,
    and number columns not read (a Total beside the months)."""
    found, (kind, why) = at.found, figure
    note = (
        f"Sheet '{found.name}' has {_period_words(found)} as columns ({_span(found)}): read as one "
        f"{kind or 'revenue or cost'} entry per partner and {_period_words(found)[:-1]} ({count:,} entries), "
        f"{'as' if kind is None else 'because'} {why}"
    )
    if found.year is not None:
        note += f"; the year from column {column_letter(found.year)} '{clean_name(found.titles[found.year])}'"
    if empty:
        note += f"; {empty:,} empty cells ('' or '-') are no entry"
    rows = book.head(found.name, header.row + 201)[header.row + 1 :]
    unread = unread_number_columns(found.titles, rows, header)
    if unread:
        note += f"; not read: {', '.join(unread)} (a total of the periods is not an entry)"
    return note + "."


@dataclass(frozen=True)
class _Reading:
    """What each step of reading a sheet of periods shares."""

    found: PeriodSheet
    frame: pd.DataFrame
    issues: IssueLog
    notes: list[str]

    def label(self, name: str) -> str:
        return clean_name(self.found.titles[self.frame_column(name)])

    def frame_column(self, name: str) -> int:
        return self.found.header.columns[name] if not name.startswith("period ") else int(name[7:])


def _named_rows(at: _Reading, blank: pd.Series) -> pd.Series:
    """Rows with an alliance that are not totals; the others (not blank) are issues."""
    names = clean_texts(at.frame["alliance"])
    label, sheet = at.label("alliance"), at.found.name
    totals = ~blank & is_totals(names)
    at.issues.add_cells(sheet, totals, names, label, "totals row: a sum of other rows, not an entry")
    nameless = ~blank & names.eq("")
    at.issues.add_cells(sheet, nameless, names, label, "no alliance named")
    return ~totals & ~nameless


def _year_of(value: object) -> int:
    """A year cell (2024, '2024', 'FY2024'); ValueError with the reason otherwise."""
    text = clean_name(value)
    match = re.fullmatch(r"(?:fy ?)?(\d{4})(?:\.0+)?", text.casefold())
    if match is None or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise ValueError(f"'{text}' is not a year")
    return int(match[1])


def _years(at: _Reading, live: pd.Series) -> tuple[pd.Series | None, pd.Series]:
    """Each row's year from the year column (None when the headers give it), and the rows whose
    year could be read; the others are issues."""
    if at.found.year is None:
        return None, live
    name = next(k for k, v in at.found.header.columns.items() if v == at.found.year)
    years = over_rows(at.frame.index, parse_unique(at.frame[name][live], _year_of, "float"), "float")
    at.issues.add_cells(at.found.name, years.bad, at.frame[name], at.label(name), years.reasons)
    return years.values, live & ~years.bad


def _kinds(at: _Reading, live: pd.Series, told: dict[str, str | None]) -> tuple[pd.Series, pd.Series]:
    """Each row's kind from the Kind column, and the rows whose kind could be read."""
    parser = partial(parse_kind, told=told)
    kinds = over_rows(at.frame.index, parse_unique(at.frame["kind"][live], parser, "str"), "str")
    at.issues.add_cells(at.found.name, kinds.bad, at.frame["kind"], at.label("kind"), kinds.reasons)
    return kinds.values, live & ~kinds.bad


def _period_entries(
    at: _Reading, index: int, ok: pd.Series, years: pd.Series | None, kind: pd.Series | str
) -> tuple[pd.DataFrame, int]:
    """The entries of one period column on the rows `ok`, and the number of its empty cells there."""
    name, period = f"period {index}", at.found.periods[index]
    values, label = at.frame[name], at.label(name)
    empty = blank_mask(values) | values.map(
        lambda v: isinstance(v, str) and v.strip().casefold() in EMPTY_MONTH
    )
    filled = ok & ~empty
    where = f"Column {column_letter(index)} '{label}'"
    amounts: Parsed = over_rows(values.index, parse_amounts(values[filled], where, at.notes), "float")
    at.issues.add_cells(at.found.name, amounts.bad, values, label, amounts.reasons)
    good = filled & ~amounts.bad
    year = years[good].astype(int) if years is not None else pd.Series(period.year, index=good[good].index)
    dates = pd.to_datetime(pd.DataFrame({"year": year, "month": period.month, "day": 1}))
    symbols = amounts.symbols[good] if amounts.symbols is not None else pd.Series("", index=dates.index)
    frame = pd.DataFrame(
        {
            "date": dates.to_numpy(),
            "alliance": clean_texts(at.frame["alliance"][good]).array,
            "kind": kind if isinstance(kind, str) else kind[good].array,
            "amount": amounts.values[good].to_numpy(dtype=float),
            "category": "",
            "currency": symbols.map(currency_code).to_numpy(),
            "attribution": SOURCED,
            "sheet": at.found.name,
            "row": good[good].index.astype(int),
        }
    )
    return frame, int((ok & empty).sum())
