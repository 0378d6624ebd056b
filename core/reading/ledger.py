"""Turning an uploaded workbook into clean ledger entries, plus a list of every row left out.

The ledger sheet is found by its headers, not its position; rows above the header (title banners)
are skipped; every row below it is either an entry or an issue with sheet, row, column and reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np
import pandas as pd

from core.errors import LedgerError
from core.model import COST, REVENUE, SOURCED
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
    parse_attribution,
    parse_date,
    parse_kind,
    parse_ratio,
    slash_order,
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

_TOTALS = re.compile(r"^\s*(grand\s+)?(sub-?\s*)?totals?\b|^\s*sum\b", re.IGNORECASE)


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


def typed_frame(dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with no rows and these columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


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
    frame = _body_frame(raw.rows, header)
    notes: list[str] = []
    entries, issues = _read_entries(frame, header, sheet_name, layout, notes)
    entries = _merge_name_variants(entries, notes)
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
    ledger.source = replace(ledger.source, currency=_currency(ledger, header))
    return ledger


def _body_frame(rows: list[list[object]], header: HeaderMatch) -> pd.DataFrame:
    body = rows[header.row + 1 :]
    columns = {}
    for name, index in header.columns.items():
        columns[name] = pd.Series([r[index] if index < len(r) else "" for r in body], dtype=object)
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(header.row + 2, header.row + 2 + len(body), name="row")
    return frame


class _Bad(NamedTuple):
    reason: str


@dataclass(frozen=True)
class _Parsed:
    """A parsed column aligned with the sheet's rows: values, which cells failed, and why."""

    values: pd.Series
    bad: pd.Series
    reasons: pd.Series


def _parse_unique(values: pd.Series, parser: Callable[[object], object], dtype: str) -> _Parsed:
    """Parse each distinct value once: ledgers repeat the same few names, kinds and periods.

    `dtype` is 'float', 'datetime' or 'object' for the parsed values; failed cells hold NaN/NaT/None.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = []
    for value in uniques:
        try:
            results.append(parser(value))
        except ValueError as exc:
            results.append(_Bad(str(exc)))
    bad = np.fromiter((isinstance(r, _Bad) for r in results), bool, len(results))
    reasons = np.array([r.reason if isinstance(r, _Bad) else "" for r in results], dtype=object)
    good = [None if isinstance(r, _Bad) else r for r in results]
    if dtype == "float":
        parsed = np.array([np.nan if g is None else g for g in good], dtype=float)
    elif dtype == "datetime":
        parsed = pd.to_datetime(pd.Series(good, dtype=object)).to_numpy()
    else:
        parsed = np.array(good, dtype=object)
    index = values.index
    return _Parsed(
        pd.Series(parsed[codes], index=index) if len(results) else pd.Series(parsed, index=index),
        pd.Series(bad[codes] if len(results) else bad, index=index),
        pd.Series(reasons[codes] if len(results) else reasons, index=index),
    )


def _on(rows: pd.Index, parsed: _Parsed, dtype: str) -> _Parsed:
    """Spread a column parsed on some rows back over all rows (nothing failed on the others)."""
    fill = {"float": np.nan, "datetime": pd.NaT, "object": None}[dtype]
    return _Parsed(
        parsed.values.reindex(rows, fill_value=fill),
        parsed.bad.reindex(rows, fill_value=False),
        parsed.reasons.reindex(rows, fill_value=""),
    )


def _is_number(values: pd.Series) -> pd.Series:
    # type() rather than isinstance: True and False are ints to isinstance, not amounts.
    return values.map(type).isin([int, float]) & values.notna()


def _blank_mask(values: pd.Series) -> pd.Series:
    """Empty cells: None, NaN, '' or only spaces; judged once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    blank = np.fromiter((is_blank(u) for u in uniques), bool, len(uniques))
    return pd.Series(blank[codes] if len(uniques) else np.zeros(len(values), bool), index=values.index)


def _parse_amounts(values: pd.Series) -> _Parsed:
    numeric = _is_number(values)
    rest = _parse_unique(values[~numeric], parse_amount, "float")
    parsed = _on(values.index, rest, "float")
    parsed.values[numeric] = values[numeric].astype(float)
    return parsed


def _parse_dates(values: pd.Series) -> _Parsed:
    texts = [v for v in pd.unique(values) if isinstance(v, str)]
    order = slash_order(texts)
    dayfirst = True if order is None else order
    return _parse_unique(values, lambda v: parse_date(v, dayfirst=dayfirst), "datetime")


def _clean_texts(values: pd.Series) -> pd.Series:
    """Trimmed names with single spaces, computed once per distinct value."""
    return _parse_unique(values, clean_name, "object").values.astype(str)


def _is_totals(texts: pd.Series) -> pd.Series:
    """Cells that say Total, Grand total, Subtotal or Sum."""
    codes, uniques = pd.factorize(texts)
    hits = np.fromiter((bool(_TOTALS.match(u)) for u in uniques), bool, len(uniques))
    return pd.Series(hits[codes], index=texts.index)


def _read_entries(
    frame: pd.DataFrame, header: HeaderMatch, sheet: str, layout: str, notes: list[str]
) -> tuple[pd.DataFrame, IssueLog]:
    labels = header.labels
    rows = frame.index
    blank = {name: _blank_mask(frame[name]) for name in frame.columns}
    value_fields = ["amount"] if layout == "long" else [f for f in ("revenue", "cost") if f in frame]
    all_blank = pd.concat(list(blank.values()), axis=1).all(axis=1)
    alliance_text = _clean_texts(frame["alliance"])
    date_text = frame["date"].where(frame["date"].map(type).eq(str), "").astype(str)
    totals = ~all_blank & (
        _is_totals(alliance_text) | _is_totals(date_text) | (blank["date"] & blank["alliance"])
    )
    live = ~(all_blank | totals)
    issues = IssueLog()
    issues.add_cells(sheet, all_blank, frame["alliance"], "", "blank row")
    issues.add_cells(
        sheet,
        totals,
        alliance_text.where(~blank["alliance"], date_text),
        labels["alliance"],
        "totals row: a sum of other rows, not an entry",
    )
    dates = _on(rows, _parse_dates(frame["date"][live]), "datetime")
    issues.add_cells(sheet, dates.bad, frame["date"], labels["date"], dates.reasons)
    no_alliance = live & blank["alliance"]
    issues.add_cells(sheet, no_alliance, frame["alliance"], labels["alliance"], "no alliance named")
    usable = live & ~dates.bad & ~no_alliance
    category = _clean_texts(frame["category"]) if "category" in frame else None
    currency = _clean_texts(frame["currency"]).str.upper() if "currency" in frame else None
    if "attribution" in frame:
        attribution = _on(
            rows, _parse_unique(frame["attribution"][live], parse_attribution, "object"), "object"
        )
        issues.add_cells(
            sheet, attribution.bad, frame["attribution"], labels["attribution"], attribution.reasons
        )
        usable &= ~attribution.bad
        extra = {"currency": currency, "attribution": attribution.values}
    else:
        extra = {"currency": currency, "attribution": None}
    parts: list[pd.DataFrame] = []
    if layout == "long":
        kinds = _on(rows, _parse_unique(frame["kind"][live], parse_kind, "object"), "object")
        issues.add_cells(sheet, kinds.bad, frame["kind"], labels["kind"], kinds.reasons)
        amounts = _on(rows, _parse_amounts(frame["amount"][live]), "float")
        issues.add_cells(sheet, amounts.bad, frame["amount"], labels["amount"], amounts.reasons)
        ok = usable & ~kinds.bad & ~amounts.bad
        parts.append(_entry_frame(ok, dates, alliance_text, kinds.values, amounts, category, sheet, extra))
    else:
        both_blank = live & pd.concat([blank[f] for f in value_fields], axis=1).all(axis=1)
        first = value_fields[0]
        issues.add_cells(sheet, both_blank, frame[first], labels[first], "no revenue and no cost in this row")
        for name in value_fields:
            amounts = _on(rows, _parse_amounts(frame[name][live & ~blank[name]]), "float")
            issues.add_cells(sheet, amounts.bad, frame[name], labels[name], amounts.reasons)
            ok = usable & ~blank[name] & ~amounts.bad
            kind = REVENUE if name == "revenue" else COST
            parts.append(_entry_frame(ok, dates, alliance_text, kind, amounts, category, sheet, extra))
    entries = pd.concat(parts, ignore_index=True) if parts else _no_entries()
    entries = _costs_stored_negative(entries, notes)
    issues.sort_by_row()
    return entries, issues


def _entry_frame(
    ok: pd.Series,
    dates: _Parsed,
    alliance: pd.Series,
    kind: pd.Series | str,
    amounts: _Parsed,
    category: pd.Series | None,
    sheet: str,
    extra: dict[str, pd.Series | None],
) -> pd.DataFrame:
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


def _currency(ledger: Ledger, header: HeaderMatch) -> str | None:
    """The ledger's currency; with several, the FX sheet's base (or an error naming them)."""
    counts = ledger.entries.loc[ledger.entries["currency"] != "", "currency"].value_counts()
    if len(counts) <= 1 and ledger.fx_base in (None, *counts.index):
        return str(counts.index[0]) if len(counts) else ledger.fx_base
    if len(ledger.fx):
        if ledger.fx_base is None:
            raise LedgerError(
                "The FX sheet gives rates for "
                + ", ".join(sorted(ledger.fx["currency"].unique()))
                + " but not which currency they convert to: name its rate column 'Rate to USD' (with your "
                "reporting currency), or leave that currency out of the sheet."
            )
        return ledger.fx_base
    listed = ", ".join(f"{code} ({count} rows)" for code, count in counts.items())
    raise LedgerError(
        f"Sheet '{ledger.source.sheet}' mixes currencies in column '{header.labels['currency']}': {listed}. "
        "Add an FX sheet (Currency, Month, Rate to your reporting currency) so each entry is converted at "
        "its own month's rate, or convert the amounts to one currency, and upload again."
    )


def _merge_name_variants(entries: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
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
    frame = _body_frame(book.sheet(sheet).rows, header)
    blank = pd.concat([_blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
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
    frame = _body_frame(book.sheet(sheet).rows, header)
    blank = pd.concat([_blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
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
