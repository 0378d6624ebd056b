"""Turning an uploaded workbook into clean ledger entries, plus a list of every row left out.

The ledger sheet is found by its headers, not its position; rows above the header (title banners)
are skipped; every row below it is either an entry or an issue with sheet, row, column and reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from core.reading.columns import blank_mask, body_frame, typed_frame
from core.reading.entries import ledger_currency, merge_name_variants, read_entries
from core.reading.headers import (
    ALLIANCE_HEADERS,
    BENCHMARK_HEADERS,
    FX_HEADERS,
    GOAL_HEADERS,
    LEDGER_HEADERS,
    LEDGER_SHEET_NAMES,
    RATE_TO,
    HeaderMatch,
    choose_ledger_sheet,
    find_header,
    guess_header_row,
    ledger_layout,
    match_header,
)
from core.reading.issues import IssueLog
from core.reading.mapping import (
    HEADER_ROWS_FOR_MAPPING,
    MAPPING_HINTS,
    ColumnMapping,
    guess_mapping,
    mapped_header,
    sheet_previews,
)
from core.reading.parsing import (
    clean_name,
    display_value,
    is_blank,
    normalise_header,
    parse_amount,
    parse_date,
    parse_ratio,
)
from core.reading.workbook import SourceBook

# The names other modules import from here, wherever they are defined.
__all__ = [
    "ALLIANCE_HEADERS",
    "BENCHMARK_HEADERS",
    "FX_HEADERS",
    "GOAL_HEADERS",
    "HEADER_ROWS_FOR_MAPPING",
    "LEDGER_HEADERS",
    "LEDGER_SHEET_NAMES",
    "MAPPING_HINTS",
    "ColumnMapping",
    "HeaderMatch",
    "Ledger",
    "LedgerSource",
    "empty_alliances",
    "empty_benchmarks",
    "empty_goals",
    "find_header",
    "guess_header_row",
    "guess_mapping",
    "ledger_layout",
    "match_header",
    "read_ledger",
    "sheet_previews",
    "typed_frame",
]


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


@dataclass
class Ledger:
    """A read ledger: entries, the rows left out, and the optional side sheets."""

    entries: pd.DataFrame
    issues: pd.DataFrame
    source: LedgerSource
    alliances: pd.DataFrame = field(default_factory=lambda: empty_alliances())
    goals: pd.DataFrame = field(default_factory=lambda: empty_goals())
    benchmarks: pd.DataFrame = field(default_factory=lambda: empty_benchmarks())
    notes: list[str] = field(default_factory=list)
    fx: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["currency", "month", "rate", "row"])
    )
    fx_base: str | None = None

    @property
    def rows_left_out(self) -> int:
        """Number of distinct ledger rows not used (a row may carry several issues)."""
        on_ledger = self.issues[self.issues["sheet"] == self.source.sheet]
        return int(on_ledger["row"].nunique())


def empty_alliances() -> pd.DataFrame:
    """The Alliances table with no rows."""
    return typed_frame(
        {
            "alliance": "str",
            "type": "str",
            "owner": "str",
            "start_date": "datetime64[ns]",
            "initiative_date": "datetime64[ns]",
            "segment": "str",
            "weight": "float64",
        }
    )


def empty_goals() -> pd.DataFrame:
    """The Goals table with no rows."""
    frame = pd.DataFrame(columns=list(GOAL_HEADERS))
    return frame.astype(
        {
            "target": "float64",
            "actual": "float64",
            "due_date": "datetime64[ns]",
            "start_date": "datetime64[ns]",
        }
    )


def empty_benchmarks() -> pd.DataFrame:
    """The Benchmarks table with no rows."""
    return typed_frame({"name": "str", "roi": "float64", "source": "str"})


def read_ledger(
    data: bytes, filename: str, sheet: str | None = None, mapping: ColumnMapping | None = None
) -> Ledger:
    """Read a ledger workbook (or CSV) from bytes. Raises LedgerError if it cannot be used.

    With `mapping`, the sheet, header row and columns are taken from it instead of being found.
    """
    book = SourceBook(data, filename)
    if mapping is not None:
        sheet_name, header = mapped_header(book, mapping)
    else:
        sheet_name, header = choose_ledger_sheet(book, sheet)
    raw = book.sheet(sheet_name)
    layout = ledger_layout(header.columns)
    frame = body_frame(raw.rows, header)
    notes: list[str] = []
    entries, issues = read_entries(frame, header, sheet_name, layout, notes)
    entries = merge_name_variants(entries, notes)
    ledger = Ledger(
        entries=entries,
        issues=issues.frame(),
        source=LedgerSource(
            filename=filename,
            sheet=sheet_name,
            header_row=header.row + 1,
            columns=header.labels,
            layout=layout,
            rows_read=len(frame),
        ),
        notes=notes,
    )
    _read_side_sheets(book, sheet_name, ledger, issues)
    ledger.issues = issues.frame()
    currency = ledger_currency(ledger.entries, ledger.fx, ledger.fx_base, sheet_name, header.labels)
    ledger.source = replace(ledger.source, currency=currency)
    return ledger


def _read_side_sheets(book: SourceBook, ledger_sheet: str, ledger: Ledger, issues: IssueLog) -> None:
    others = [n for n in book.sheet_names if n != ledger_sheet]
    alliances = _find_table(
        book,
        others,
        ALLIANCE_HEADERS,
        {"alliances", "partners", "partnerships"},
        lambda c: "alliance" in c and len(c) >= 2 and "metric" not in c,
    )
    if alliances:
        ledger.alliances = _read_alliances(book, issues, *alliances, ledger)
    goals = _find_table(
        book,
        others,
        GOAL_HEADERS,
        {"goals", "scorecard", "objectives"},
        lambda c: {"alliance", "metric", "target"} <= set(c),
    )
    if goals:
        ledger.goals = _read_goals(book, issues, *goals, ledger)
    fx = _find_table(
        book,
        others,
        FX_HEADERS,
        {"fx", "fx rates", "rates", "exchange rates", "currencies"},
        lambda c: {"currency", "rate"} <= set(c) and "alliance" not in c,
    )
    if fx:
        ledger.fx, ledger.fx_base = _read_fx(book, issues, *fx, ledger)
    benchmarks = _find_table(
        book, others, BENCHMARK_HEADERS, {"benchmarks", "benchmark"}, lambda c: {"name", "roi"} <= set(c)
    )
    if benchmarks:
        ledger.benchmarks = _read_benchmarks(book, issues, *benchmarks, ledger)


def _find_table(
    book: SourceBook,
    names: list[str],
    synonyms: dict[str, tuple[str, ...]],
    sheet_words: set[str],
    accept: Callable[[dict], bool],
) -> tuple[str, HeaderMatch] | None:
    ordered = sorted(names, key=lambda n: normalise_header(n) not in sheet_words)
    for name in ordered:
        header = find_header(book.head(name), synonyms, accept)
        if header is not None:
            return name, header
    return None


def _side_rows(book: SourceBook, sheet: str, header: HeaderMatch, issues: IssueLog) -> pd.DataFrame:
    frame = body_frame(book.sheet(sheet).rows, header)
    blank = pd.concat([blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
    for row in frame.index[blank]:
        issues.add(sheet, row, "", "", "blank row")
    frame = frame[~blank]
    named = frame["alliance" if "alliance" in frame else "name"].map(clean_name)
    for row in frame.index[named.eq("")]:
        issues.add(sheet, row, header.labels.get("alliance", "Name"), "", "no name in this row")
    return frame[named.ne("")]


def _optional_cell(
    frame: pd.DataFrame,
    name: str,
    parser: Callable[[object], object],
    sheet: str,
    header: HeaderMatch,
    issues: IssueLog,
    what: str,
) -> list[object]:
    """Parse an optional column; unreadable cells are listed and left empty, the row kept."""
    if name not in frame:
        return [None] * len(frame)
    values = []
    for row, value in frame[name].items():
        if is_blank(value):
            values.append(None)
            continue
        try:
            values.append(parser(value))
        except ValueError as exc:
            issues.add(
                sheet,
                row,
                header.labels[name],
                display_value(value),
                f"{exc}; {what} left empty",
            )
            values.append(None)
    return values


def _read_alliances(
    book: SourceBook, issues: IssueLog, sheet: str, header: HeaderMatch, ledger: Ledger
) -> pd.DataFrame:
    frame = _side_rows(book, sheet, header, issues)
    table = pd.DataFrame(
        {
            "alliance": frame["alliance"].map(clean_name).to_numpy(),
            "type": _text_column(frame, "type"),
            "owner": _text_column(frame, "owner"),
            "start_date": pd.to_datetime(
                _optional_cell(frame, "start_date", parse_date, sheet, header, issues, "start date")
            ),
            "initiative_date": pd.to_datetime(
                _optional_cell(frame, "initiative_date", parse_date, sheet, header, issues, "initiative date")
            ),
            "segment": _text_column(frame, "segment"),
            "weight": pd.to_numeric(
                _optional_cell(frame, "weight", parse_amount, sheet, header, issues, "weight"),
                errors="coerce",
            ),
        }
    )
    return _align_names(table, ledger, "alliance", sheet)


def _text_column(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame:
        return [""] * len(frame)
    return frame[name].map(clean_name).tolist()


def _read_goals(
    book: SourceBook, issues: IssueLog, sheet: str, header: HeaderMatch, ledger: Ledger
) -> pd.DataFrame:
    frame = _side_rows(book, sheet, header, issues)
    table = pd.DataFrame(
        {
            "alliance": frame["alliance"].map(clean_name).to_numpy(),
            "metric": _text_column(frame, "metric"),
            "target": pd.to_numeric(
                _optional_cell(frame, "target", parse_amount, sheet, header, issues, "target"),
                errors="coerce",
            ),
            "actual": pd.to_numeric(
                _optional_cell(frame, "actual", parse_amount, sheet, header, issues, "actual"),
                errors="coerce",
            ),
            "unit": _text_column(frame, "unit"),
            "start_date": pd.to_datetime(
                _optional_cell(frame, "start_date", parse_date, sheet, header, issues, "start date")
            ),
            "due_date": pd.to_datetime(
                _optional_cell(frame, "due_date", parse_date, sheet, header, issues, "due date")
            ),
            "owner": _text_column(frame, "owner"),
            "direction": _text_column(frame, "direction"),
            "row": frame.index.astype(int),
        }
    )
    return _align_names(table, ledger, "alliance", sheet)


def _read_fx(
    book: SourceBook, issues: IssueLog, sheet: str, header: HeaderMatch, ledger: Ledger
) -> tuple[pd.DataFrame, str | None]:
    """Rates per currency and month (the month's last rate where a month has several) and their base."""
    frame = body_frame(book.sheet(sheet).rows, header)
    blank = pd.concat([blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
    for row in frame.index[blank]:
        issues.add(sheet, row, "", "", "blank row")
    frame = frame[~blank]
    rows = []
    for row, values in frame.iterrows():
        code = clean_name(values["currency"]).upper()
        try:
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ValueError(f"'{clean_name(values['currency'])}' is not a currency code like EUR")
            when = parse_date(values["date"]) if "date" in frame else pd.NaT
            rate = parse_amount(values["rate"])
            if rate <= 0:
                raise ValueError("a rate must be above zero")
        except ValueError as exc:
            issues.add(
                sheet,
                row,
                header.labels.get("rate", "Rate"),
                display_value(values.get("rate")),
                f"{exc}; rate not used",
            )
            continue
        rows.append((code, when, rate, row))
    table = pd.DataFrame(rows, columns=["currency", "date", "rate", "row"])
    table["month"] = table["date"].dt.to_period("M") if len(table) else pd.Series(dtype="period[M]")
    table = table.sort_values(["currency", "date"]).drop_duplicates(["currency", "month"], keep="last")
    match = RATE_TO.match(normalise_header(header.labels.get("rate", "")))
    base = match[1].upper() if match else None
    if base is None:
        listed = set(table["currency"])
        unlisted = [c for c in ledger.entries["currency"].unique() if c and c not in listed]
        base = unlisted[0] if len(unlisted) == 1 else None
    table = table[["currency", "month", "rate", "row"]].reset_index(drop=True)
    table.attrs["sheet"] = sheet
    return table, base


def _read_benchmarks(
    book: SourceBook, issues: IssueLog, sheet: str, header: HeaderMatch, ledger: Ledger
) -> pd.DataFrame:
    frame = _side_rows(book, sheet, header, issues)
    rois = _optional_cell(frame, "roi", parse_ratio, sheet, header, issues, "benchmark")
    table = pd.DataFrame(
        {
            "name": frame["name"].map(clean_name).to_numpy(),
            "roi": pd.to_numeric(rois, errors="coerce"),
            "source": _text_column(frame, "source") if "source" in frame else f"sheet '{sheet}'",
        }
    )
    missing = table["roi"].isna()
    for row in frame.index[missing.to_numpy()]:
        if not issues.has(sheet, row):
            issues.add(sheet, row, header.labels["roi"], "", "benchmark without an ROI")
    table["source"] = table["source"].replace("", f"sheet '{sheet}'")
    return table[~missing].reset_index(drop=True)


def _align_names(table: pd.DataFrame, ledger: Ledger, column: str, sheet: str) -> pd.DataFrame:
    """Spell side-sheet alliance names as the ledger does ('acme corp' -> 'Acme Corp')."""
    known = {name.casefold(): name for name in ledger.entries["alliance"].unique()}
    table[column] = table[column].map(lambda n: known.get(n.casefold(), n))
    unknown = sorted(set(table[column]) - set(known.values()))
    if unknown:
        ledger.notes.append(
            f"Sheet '{sheet}' names alliances with no ledger entries: " + ", ".join(unknown) + "."
        )
    return table.reset_index(drop=True)
