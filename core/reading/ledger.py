"""Turning an uploaded workbook into clean ledger entries, plus a list of every row left out.

The ledger sheet is found by its headers, not its position (headers.py; mapping.py when the user
says which column is which); rows above the header (title banners) are skipped; every row below it
is either an entry or an issue with sheet, row, column and reason (entries.py, issues.py); the
optional sheets beside it are read by side_sheets.py (the Risks and Health cells by risk_health.py).
Other modules import the public names from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from core.errors import NoLedgerSheet, UnreadField
from core.reading.bookings import is_booking_batch, read_booking_batch
from core.reading.channel_spend import refuse_channel_spend
from core.reading.columns import body_frame, row_cells, typed_frame
from core.reading.completeness import check_figures, unread_number_columns
from core.reading.currency import ledger_currency
from core.reading.entries import EntriesRead, as_categories, merge_name_variants, read_entries
from core.reading.fees import add_fees
from core.reading.figures import derivations, figure_from_name, resolve_figures, settle_kind_column
from core.reading.headers import (
    ALLIANCE_HEADERS,
    BENCHMARK_HEADERS,
    FX_HEADERS,
    GOAL_HEADERS,
    HEALTH_COLUMNS,
    HEALTH_HEADERS,
    LEDGER_HEADERS,
    LEDGER_SHEET_NAMES,
    RISK_HEADERS,
    HeaderMatch,
    choose_ledger_sheet,
    find_header,
    guess_header_row,
    header_notes,
    ledger_layout,
    match_header,
)
from core.reading.mapping import (
    HEADER_ROWS_FOR_MAPPING,
    MAPPING_HINTS,
    ColumnMapping,
    column_label,
    guess_mapping,
    mapped_header,
    sheet_previews,
)
from core.reading.one_account import as_one_alliance, one_alliance_header, unused_name_notes
from core.reading.parsing import DAY, QUARTER, UNDATED, told_kinds
from core.reading.risk_health import empty_health, empty_risks
from core.reading.sheets import (
    LedgerSheets,
    SheetRead,
    SheetsRead,
    combined,
    drop_copies,
    ledger_sheets,
    sheets_notes,
)
from core.reading.side_sheets import (
    empty_alliances,
    empty_benchmarks,
    empty_fx,
    empty_goals,
    how_to_add,
    read_side_sheets,
)
from core.reading.signs import settle_signs
from core.reading.stage_column import settle_stages
from core.reading.statement import read_statement, statement_hint
from core.reading.told import Readings, StatementChoice, unread_notes
from core.reading.transfers import leave_out_transfers
from core.reading.undated import NO_DATE, as_one_period, one_period_header, undated_hint
from core.reading.unpivot import find_period_sheets, period_hint, read_period_sheets
from core.reading.workbook import SourceBook

# The names other modules import from here, wherever they are defined.
__all__ = [
    "ALLIANCE_HEADERS",
    "BENCHMARK_HEADERS",
    "FX_HEADERS",
    "GOAL_HEADERS",
    "HEADER_ROWS_FOR_MAPPING",
    "HEALTH_COLUMNS",
    "HEALTH_HEADERS",
    "LEDGER_HEADERS",
    "LEDGER_SHEET_NAMES",
    "MAPPING_HINTS",
    "RISK_HEADERS",
    "ColumnMapping",
    "HeaderMatch",
    "Ledger",
    "LedgerSource",
    "column_label",
    "empty_alliances",
    "empty_benchmarks",
    "empty_goals",
    "empty_health",
    "empty_risks",
    "find_header",
    "guess_header_row",
    "guess_mapping",
    "ledger_layout",
    "match_header",
    "read_ledger",
    "sheet_previews",
    "typed_frame",
]


def _body(
    book: SourceBook, sheet: str, header: HeaderMatch, columnwise: bool
) -> tuple[pd.DataFrame, Callable[[int], list[object]], list[object]]:
    """The rows below the header (column-wise when it can), every cell of a row on request, and the
    header row's own cells."""
    typed = book.typed_body(sheet, header) if columnwise else None
    if typed is not None:
        return typed.frame, typed.cells_of, book.head(sheet, header.row + 1)[header.row]
    raw = book.sheet(sheet)
    return body_frame(raw.rows, header), row_cells(raw.rows), raw.rows[header.row]


# Rows below the header looked at to tell a number column the reader did not take.
UNREAD_SAMPLE_ROWS = 200


def _unread_columns(book: SourceBook, sheet: str, header: HeaderMatch, titles: list[object]) -> list[str]:
    """The sheet's number columns no field took, judged on the first rows below the header."""
    rows = book.head(sheet, header.row + 1 + UNREAD_SAMPLE_ROWS)[header.row + 1 :]
    return unread_number_columns(titles, rows, header)


@dataclass(frozen=True)
class LedgerSource:
    """What was read, so that the user can check it: file, sheet, header row, columns."""

    filename: str
    sheet: str
    header_row: int
    columns: dict[str, str]
    layout: str
    rows_read: int
    currency: str | None = None
    # Empty spacer rows between entries: skipped and counted, never listed as issues.
    blank_rows: int = 0
    # How figures without a column of their own were worked out ('cost = revenue - 'Profit'').
    derived: tuple[str, ...] = ()
    # Every sheet read as the ledger, in workbook order, when its entries are split over several
    # sheets of one header (empty: `sheet` alone).
    sheets: tuple[str, ...] = ()

    @property
    def ledger_sheets(self) -> tuple[str, ...]:
        """The sheets the entries come from: `sheet`, or all those read as one ledger."""
        return self.sheets or (self.sheet,)

    @property
    def sheet_label(self) -> str:
        """The ledger's sheet as shown to the user: 'Ledger', or 'Jan, Feb, Mar' read as one."""
        return ", ".join(self.ledger_sheets)

    # What the dates were written as: parsing.DAY, MONTH ('2024-03'), QUARTER ('Q1 2024') or UNDATED.
    period: str = DAY

    @property
    def period_months(self) -> int:
        """The months one entry's date stands for: 3 in a ledger of quarters, else 1 (a day counts
        for its month, as every monthly figure counts it)."""
        return 3 if self.period == QUARTER else 1

    @property
    def undated(self) -> bool:
        """Whether the ledger has no dates and is read as one period (undated.py)."""
        return self.period == UNDATED


@dataclass
class Ledger:
    """A read ledger: entries, the rows left out, and the optional side sheets."""

    entries: pd.DataFrame
    issues: pd.DataFrame
    source: LedgerSource
    alliances: pd.DataFrame = field(default_factory=empty_alliances)
    goals: pd.DataFrame = field(default_factory=empty_goals)
    benchmarks: pd.DataFrame = field(default_factory=empty_benchmarks)
    notes: list[str] = field(default_factory=list)
    fx: pd.DataFrame = field(default_factory=empty_fx)
    fx_base: str | None = None
    # One row per risk (Risks sheet) and per alliance and side (Health sheet); empty without them.
    risks: pd.DataFrame = field(default_factory=empty_risks)
    health: pd.DataFrame = field(default_factory=empty_health)
    # The Alliances sheet has an Exit conditions column (alliances.exit_conditions is '' otherwise).
    has_exit_conditions: bool = False
    # The sheets the risks and health scores came from; None when the workbook has no such sheet.
    risks_sheet: str | None = None
    health_sheet: str | None = None

    @property
    def judges_exit(self) -> bool:
        """Whether a missing exit condition is a red flag: only when the Alliances sheet has an Exit
        conditions column, so that a workbook that never asked for them (one Risks row, no Alliances
        sheet) does not punish every alliance for an absent sheet."""
        return self.has_exit_conditions

    @property
    def rows_left_out(self) -> int:
        """Number of distinct ledger rows not used (a row may carry several issues); blank rows are not."""
        return rows_left_out(self.issues, self.source.ledger_sheets)

    @property
    def blank_rows(self) -> int:
        """Number of empty rows skipped on the ledger sheet (not issues: they hold nothing)."""
        return self.source.blank_rows


def _ledger_header(
    book: SourceBook, sheet: str | None, mapping: ColumnMapping | None, chosen: dict[str, str] | None
) -> tuple[str, HeaderMatch, str, list[str]]:
    """The ledger sheet, its header with the figures resolved (figures.py), its layout, and the
    notes on how its columns were read."""
    found = mapped_header(book, mapping) if mapping else choose_ledger_sheet(book, sheet, chosen)
    sheet_name, header = found
    notes = header_notes(sheet_name, header)
    header, figure_notes = resolve_figures(header, sheet_name, mapping.as_dict() if mapping else chosen)
    layout = ledger_layout(header.columns)
    # Both ways of choosing a header (by synonyms, or the user's mapping) accept only a full layout.
    assert layout is not None, "the chosen header has no ledger layout"
    return sheet_name, header, layout, notes + figure_notes


def _kind_or_sign(
    kinds: pd.Series,
    header: HeaderMatch,
    sheet: str,
    told: dict[str, str | None],
    notes: list[str],
) -> tuple[HeaderMatch, str]:
    """The header and layout once a 'Type' column that holds no kind words is set aside
    (figures.settle_kind_column): the amount's sign then tells revenue from cost."""
    header, kind_notes = settle_kind_column(kinds, header, sheet, told)
    notes.extend(kind_notes)
    return header, ledger_layout(header.columns) or "long"


def _read_sheet(
    book: SourceBook,
    sheet: str,
    header: HeaderMatch,
    layout: str,
    notes: list[str],
    told: dict[str, str],
    readings: Readings,
    columnwise: bool,
) -> tuple[SheetRead, HeaderMatch, str]:
    """One ledger sheet's entries and issues, with its header and layout once a 'Type' column
    without kind words has given way to the amount's sign, and an amount to the figure the sheet's
    name says."""
    frame, cells_of, titles = _body(book, sheet, header, columnwise)
    if readings.one_alliance is not None:
        frame = as_one_alliance(frame, readings.one_alliance)
    if header.labels.get("date") == NO_DATE:
        frame = as_one_period(frame)
    if layout == "long" and "kind" not in told:
        header, layout = _kind_or_sign(frame["kind"], header, sheet, readings.kind_values, notes)
    named = figure_from_name(sheet, header, notes)
    if named is not header:
        (figure,) = set(named.columns) - set(header.columns)
        frame, header, layout = frame.rename(columns={"amount": figure}), named, "wide"
    found = read_entries(
        frame, header, sheet, layout, notes, (titles, cells_of), readings.kind_values, readings.dayfirst
    )
    found, header = settle_stages(frame, header, sheet, found, readings.won_stages, notes)
    found = leave_out_transfers(frame, header, sheet, add_fees(frame, header, sheet, found, notes), notes)
    return SheetRead(sheet, found, len(frame), titles), header, layout


def _read_sheets(
    book: SourceBook,
    alone: bool,
    first: tuple[str, HeaderMatch, str],
    notes: list[str],
    told: dict[str, str],
    readings: Readings,
    columnwise: bool,
) -> SheetsRead:
    """The `first` sheet (sheet, header, layout) and, unless it is read `alone`, every sheet of its
    header (sheets.py), each read with that header; the copies of the others left out, the rest
    combined with one sign convention, and notes on it. Told headers (`told`) come from a mapping
    only when the sheet is read alone."""
    name, header, layout = first
    sheets = LedgerSheets(((name, header.row),)) if alone else ledger_sheets(book, name, header, told)
    to_read = [(sheet, replace(header, row=row), layout) for sheet, row in sheets.read]
    for sheet, own, said in sheets.beside:
        notes.extend(said)
        to_read.append((sheet, own, ledger_layout(own.columns) or "wide"))
    reads = []
    for sheet, sheet_header, sheet_layout in to_read:
        read, sheet_header, sheet_layout = _read_sheet(
            book, sheet, sheet_header, sheet_layout, notes, told, readings, columnwise
        )
        reads.append(read)
        if sheet == name:
            header, layout = sheet_header, sheet_layout
    kept, dropped = drop_copies(reads, name)
    entries, issues, blank_rows, period = combined(kept)
    entries = settle_signs(entries, ", ".join(read.name for read in kept), notes)
    notes.extend(sheets_notes(kept, dropped, sheets))
    return SheetsRead(name, header, layout, reads, kept, EntriesRead(entries, issues, blank_rows, period))


def _source(filename: str, read: SheetsRead, currency: str | None) -> LedgerSource:
    """What was read, from the sheets as read."""
    header, blank_rows = read.header, read.found.blank_rows
    return LedgerSource(
        filename=filename,
        sheet=read.name,
        header_row=header.row + 1,
        columns=header.labels,
        layout=read.layout,
        rows_read=sum(r.rows for r in read.kept),
        currency=currency,
        blank_rows=blank_rows,
        derived=read.derived or derivations(header),
        sheets=tuple(r.name for r in read.kept) if len(read.kept) > 1 else (),
        period=UNDATED if header.labels.get("date") == NO_DATE else read.found.period,
    )


def _ledger_sheets(
    book: SourceBook,
    sheet: str | None,
    mapping: ColumnMapping | None,
    chosen: dict[str, str] | None,
    readings: Readings,
    revenue_only: bool,
) -> tuple[SheetsRead, list[str]]:
    """The ledger's sheets as read (one, several of one header, or a sheet of months as columns
    when no sheet reads row by row), and the notes on how."""
    told = mapping.as_dict() if mapping else chosen or {}
    if not told and is_booking_batch(book):  # DATEV's bookings, read on both their accounts
        return read_booking_batch(book, readings.alliance)
    try:
        sheet_name, header, layout, notes = _ledger_header(book, sheet, mapping, chosen)
    except UnreadField:
        raise
    except NoLedgerSheet as refusal:
        refuse_channel_spend(book, sheet, told)
        if readings.undated and mapping is None:
            name, header, layout, notes = one_period_header(book, sheet, chosen, refusal)
            return _read_sheets(book, True, (name, header, layout), notes, told, readings, True), notes
        if readings.statement is not None:
            return read_statement(book, sheet, readings.statement, readings.alliance)
        periods = find_period_sheets(book, sheet, told) if mapping is None else []
        hints = (
            period_hint(book, sheet, told),
            undated_hint(book, sheet, chosen),
            statement_hint(book, sheet),
        )
        hint = "".join(hints) if mapping is None and not periods else ""
        if hint:
            raise NoLedgerSheet(str(refusal) + hint) from None
        if not periods and mapping is None:
            name, header, layout, notes, alliance = one_alliance_header(
                book, sheet, chosen, readings.alliance, refusal
            )
            readings = replace(readings, one_alliance=alliance)
            return _read_sheets(book, True, (name, header, layout), notes, told, readings, True), notes
        if not periods:
            raise
        read, notes = read_period_sheets(book, periods, revenue_only, readings.kind_values)
        # A sheet of periods beside them without a partner column is not read, and said.
        return read, notes + [f"Not read:{hint}" for hint in [period_hint(book, sheet, told)] if hint]
    # Only the sheet the user named (or mapped) is read; else its twins of one header with it.
    alone = sheet is not None or mapping is not None
    first = (sheet_name, header, layout)
    return _read_sheets(book, alone, first, notes, told, readings, columnwise=mapping is None), notes


def rows_left_out(issues: pd.DataFrame, sheets: tuple[str, ...]) -> int:
    """Number of distinct rows of the ledger's sheets that carry an issue."""
    on_ledger = issues[issues["sheet"].isin(sheets)]
    return len(on_ledger[["sheet", "row"]].drop_duplicates())


def read_ledger(
    data: bytes,
    filename: str,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    revenue_only: bool = False,
    chosen: dict[str, str] | None = None,
    kind_values: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
    won_stages: tuple[str, ...] | None = None,
    alliance: str | None = None,
    undated: bool = False,
    statement: StatementChoice | None = None,
) -> Ledger:
    """Read a ledger workbook (or CSV) from bytes. Raises LedgerError if it cannot be used.

    With `mapping`, the sheet, header row and columns are taken from it instead of being found.
    `chosen`: headers the user named for some fields (`--map revenue='Net Sales'`); the header row
    is found as usual, and must have them. `revenue_only`: the user says the ledger holds no costs
    (else a ledger without any is refused). `kind_values`: the user's reading of kind values
    (value -> 'revenue', 'cost' or None for neither), before the vocabulary's. `dayfirst`: slash
    dates day first (True) or month first (False); None: as the column settles it (date_columns).
    `won_stages`: the deal stages that count in a stage column (None: the stage table's won ones).
    `alliance`: the name of the one alliance of a sheet without a partner column (one_account.py).
    `undated`: the user says the ledger has no dates: a sheet without any is read as one period;
    `statement`: the rows and periods of a statement with periods as columns (statement.py).
    """
    book = SourceBook(data, filename)
    revenue_only = revenue_only or bool(mapping and mapping.revenue_only)
    readings = Readings(
        told_kinds(kind_values), dayfirst, won_stages, alliance, undated=undated, statement=statement
    )
    read, notes = _ledger_sheets(book, sheet, mapping, chosen, readings, revenue_only)
    sheet_name, header, entries, issues = read.name, read.header, read.found.entries, read.found.issues
    notes.extend(unread_notes(sheet_name, read.titles, header, chosen) + unused_name_notes(alliance, header))
    unread = partial(_unread_columns, book, sheet_name, header, read.titles)
    notes.extend(check_figures(entries, header, sheet_name, unread, revenue_only))
    entries = as_categories(merge_name_variants(entries, notes))
    side = read_side_sheets(book, [r.name for r in read.reads], entries, notes, issues)
    currency = ledger_currency(entries, side.fx, side.fx_base, sheet_name, header.labels, notes)
    # Last, after the notes on what was read: a pointer to what could be added.
    notes.extend(filter(None, [how_to_add(side)]))
    source = _source(filename, read, currency)
    return Ledger(
        entries=entries,
        issues=issues.frame(),
        source=source,
        alliances=side.alliances,
        goals=side.goals,
        benchmarks=side.benchmarks,
        notes=notes,
        fx=side.fx,
        fx_base=side.fx_base,
        risks=side.risks,
        health=side.health,
        has_exit_conditions=side.has_exit_conditions,
        risks_sheet=side.risks_sheet,
        health_sheet=side.health_sheet,
    )
