"""The optional sheets beside the ledger: Alliances, Goals, FX rates, Benchmarks, Risks and Health."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from core.reading.columns import blank_mask, body_frame, typed_frame
from core.reading.headers import (
    ALLIANCE_HEADERS,
    BENCHMARK_HEADERS,
    FX_HEADERS,
    GOAL_HEADERS,
    HEALTH_COLUMNS,
    HEALTH_HEADERS,
    RATE_TO,
    RISK_HEADERS,
    HeaderMatch,
    find_header,
)
from core.reading.issues import IssueLog
from core.reading.money import parse_amount, parse_ratio
from core.reading.parsing import clean_name, display_value, is_blank, normalise_header, parse_date
from core.reading.risk_health import empty_health, empty_risks, read_health, read_risks
from core.reading.workbook import SourceBook

# Real rates lie far inside these bounds (a rial to the dollar is about 1e-6); beyond them an
# amount × rate ÷ rate could leave the range of floats, where sums become infinite.
MIN_RATE, MAX_RATE = 1e-9, 1e9


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
            "exit_conditions": "str",
        }
    )


def empty_goals() -> pd.DataFrame:
    """The Goals table with no rows: the sheet's fields and the sheet row, as a read Goals sheet has."""
    frame = pd.DataFrame(columns=[*GOAL_HEADERS, "row"])
    return frame.astype(
        {
            "target": "float64",
            "actual": "float64",
            "due_date": "datetime64[ns]",
            "start_date": "datetime64[ns]",
            "row": "int64",
        }
    )


def empty_benchmarks() -> pd.DataFrame:
    """The Benchmarks table with no rows."""
    return typed_frame({"name": "str", "roi": "float64", "source": "str"})


def empty_fx() -> pd.DataFrame:
    """The FX rates table with no rows."""
    return pd.DataFrame(columns=["currency", "month", "rate", "row"])


@dataclass
class SideSheets:
    """The side sheets as read; a table stays empty where the workbook has no such sheet."""

    alliances: pd.DataFrame = field(default_factory=empty_alliances)
    goals: pd.DataFrame = field(default_factory=empty_goals)
    benchmarks: pd.DataFrame = field(default_factory=empty_benchmarks)
    fx: pd.DataFrame = field(default_factory=empty_fx)
    fx_base: str | None = None
    risks: pd.DataFrame = field(default_factory=empty_risks)
    health: pd.DataFrame = field(default_factory=empty_health)
    # The sheets the Risks and Health tables came from (None: the workbook has no such sheet).
    risks_sheet: str | None = None
    health_sheet: str | None = None
    # Whether the Alliances sheet has an Exit conditions column (only then can one be missing).
    has_exit_conditions: bool = False


def read_side_sheets(
    book: SourceBook, ledger_sheets: list[str], entries: pd.DataFrame, notes: list[str], issues: IssueLog
) -> SideSheets:
    """Find and read each side sheet among the sheets other than the ledger's; their unusable rows
    go to `issues`.

    Alliance names are spelt as `entries` spell them; names with no entries are noted in `notes`.
    """
    others = [n for n in book.sheet_names if n not in ledger_sheets]
    side = SideSheets()
    _read_decision_sheets(book, others, entries, issues, notes, side)
    goals = _find_table(
        book,
        others,
        GOAL_HEADERS,
        {"goals", "scorecard", "objectives"},
        lambda c: {"alliance", "metric", "target"} <= set(c),
    )
    if goals:
        side.goals = _align_names(_read_goals(book, *goals, issues), entries, notes, goals[0])
    # The Risks, Health and Goals sheets have an Alliance and an Owner column too: none of them is
    # the Alliances sheet (goal owners are not alliance owners).
    claimed = {side.risks_sheet, side.health_sheet, goals[0] if goals else None}
    alliances = _find_table(
        book,
        [n for n in others if n not in claimed],
        ALLIANCE_HEADERS,
        {"alliances", "partners", "partnerships"},
        lambda c: "alliance" in c and len(c) >= 2,
    )
    if alliances:
        side.alliances = _align_names(_read_alliances(book, *alliances, issues), entries, notes, alliances[0])
        side.has_exit_conditions = "exit_conditions" in alliances[1].columns
    fx = _find_table(
        book,
        others,
        FX_HEADERS,
        {"fx", "fx rates", "rates", "exchange rates", "currencies"},
        lambda c: {"currency", "rate"} <= set(c) and "alliance" not in c,
    )
    if fx:
        side.fx, side.fx_base = _read_fx(book, *fx, issues, entries)
        if side.fx.empty:
            # Rates convert to a base; with no rate at all there is nothing to convert, and a base
            # named by the header alone would turn every amount into one no rate can convert.
            side.fx_base = None
            notes.append(f"Sheet '{fx[0]}' has no usable exchange rate, so it is not used.")
    benchmarks = _find_table(
        book, others, BENCHMARK_HEADERS, {"benchmarks", "benchmark"}, lambda c: {"name", "roi"} <= set(c)
    )
    if benchmarks:
        side.benchmarks = _read_benchmarks(book, *benchmarks, issues)
    return side


def _find_table(
    book: SourceBook,
    names: list[str],
    synonyms: dict[str, tuple[str, ...]],
    sheet_words: set[str],
    accept: Callable[[dict], bool],
) -> tuple[str, HeaderMatch] | None:
    """The first sheet with headers `accept` takes, sheets named like the table looked at first."""
    ordered = sorted(names, key=lambda n: normalise_header(n) not in sheet_words)
    for name in ordered:
        header = find_header(book.head(name), synonyms, accept)
        if header is not None:
            return name, header
    return None


def _filled_rows(book: SourceBook, sheet: str, header: HeaderMatch) -> pd.DataFrame:
    """The sheet's rows below its header, less blank rows (spacers hold nothing, so nothing is lost)."""
    frame = body_frame(book.sheet(sheet).rows, header)
    blank = pd.concat([blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
    return frame[~blank]


def _side_rows(book: SourceBook, sheet: str, header: HeaderMatch, issues: IssueLog) -> pd.DataFrame:
    """The sheet's rows that are neither blank nor nameless; those are listed as issues."""
    frame = _filled_rows(book, sheet, header)
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
    values: list[object] = []
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


def _read_alliances(book: SourceBook, sheet: str, header: HeaderMatch, issues: IssueLog) -> pd.DataFrame:
    """The Alliances table: one row per alliance, unreadable optional cells left empty."""
    frame = _side_rows(book, sheet, header, issues)
    return pd.DataFrame(
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
            "exit_conditions": _text_column(frame, "exit_conditions"),
        }
    )


def _text_column(frame: pd.DataFrame, name: str) -> list[str]:
    """An optional text column, cleaned; '' throughout when the sheet does not have it."""
    if name not in frame:
        return [""] * len(frame)
    return frame[name].map(clean_name).tolist()


def _read_goals(book: SourceBook, sheet: str, header: HeaderMatch, issues: IssueLog) -> pd.DataFrame:
    """The Goals table: one row per goal, unreadable optional cells left empty."""
    frame = _side_rows(book, sheet, header, issues)
    return pd.DataFrame(
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


def _read_fx(
    book: SourceBook, sheet: str, header: HeaderMatch, issues: IssueLog, entries: pd.DataFrame
) -> tuple[pd.DataFrame, str | None]:
    """Rates per currency and month (the month's last rate where a month has several) and their base."""
    frame = _filled_rows(book, sheet, header)
    rows = []
    for row, values in frame.iterrows():
        code = clean_name(values["currency"]).upper()
        try:
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ValueError(f"'{clean_name(values['currency'])}' is not a currency code like EUR")
            when = parse_date(values["date"]) if "date" in frame else pd.NaT
            rate = parse_amount(values["rate"])
            if not MIN_RATE <= rate <= MAX_RATE:
                raise ValueError(f"a rate must be between {MIN_RATE:g} and {MAX_RATE:g}")
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
        unlisted = [c for c in entries["currency"].unique() if c and c not in listed]
        base = unlisted[0] if len(unlisted) == 1 else None
    table = table[["currency", "month", "rate", "row"]].reset_index(drop=True)
    table.attrs["sheet"] = sheet
    return table, base


def _read_benchmarks(book: SourceBook, sheet: str, header: HeaderMatch, issues: IssueLog) -> pd.DataFrame:
    """Benchmarks with an ROI; a row without one is listed as an issue."""
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


def _align_names(table: pd.DataFrame, entries: pd.DataFrame, notes: list[str], sheet: str) -> pd.DataFrame:
    """Spell side-sheet alliance names as the ledger does ('acme corp' -> 'Acme Corp')."""
    known = {name.casefold(): name for name in entries["alliance"].unique()}
    table["alliance"] = table["alliance"].map(lambda n: known.get(n.casefold(), n))
    unknown = sorted(set(table["alliance"]) - set(known.values()))
    if unknown:
        notes.append(f"Sheet '{sheet}' names alliances with no ledger entries: " + ", ".join(unknown) + ".")
    return table.reset_index(drop=True)


def _read_decision_sheets(
    book: SourceBook,
    others: list[str],
    entries: pd.DataFrame,
    issues: IssueLog,
    notes: list[str],
    side: SideSheets,
) -> None:
    """The Risks and Health sheets, if the workbook has them, into `side`."""
    risks = _find_table(
        book,
        others,
        RISK_HEADERS,
        {"risks", "risk", "risk register", "risk log"},
        lambda c: {"alliance", "risk"} <= set(c) and bool({"probability", "impact"} & set(c)),
    )
    if risks:
        sheet, header = risks
        table = read_risks(_side_rows(book, sheet, header, issues), sheet, header, issues, notes)
        side.risks, side.risks_sheet = _known_alliances(table, entries, sheet, header, issues, "risk"), sheet
    health = _find_table(
        book,
        others,
        HEALTH_HEADERS,
        {"health", "relationship health", "alliance health", "health check", "health scores"},
        lambda c: {"alliance", "side"} <= set(c) and any(name in c for name in HEALTH_COLUMNS.values()),
    )
    if health:
        sheet, header = health
        table = read_health(_side_rows(book, sheet, header, issues), sheet, header, issues)
        table = _known_alliances(table, entries, sheet, header, issues, "row of scores")
        side.health, side.health_sheet = table, sheet
        _note_repeated_sides(table, sheet, notes)


def _known_alliances(
    table: pd.DataFrame, entries: pd.DataFrame, sheet: str, header: HeaderMatch, issues: IssueLog, what: str
) -> pd.DataFrame:
    """Rows spelt as the ledger spells their alliance; rows of an alliance the ledger lacks are issues."""
    known = {name.casefold(): name for name in entries["alliance"].unique()}
    spelt = table["alliance"].map(lambda n: known.get(n.casefold(), ""))
    for row, name in zip(table["row"][spelt.eq("")], table["alliance"][spelt.eq("")], strict=True):
        issues.add(
            sheet,
            row,
            header.labels["alliance"],
            name,
            f"'{name}' has no entries on the ledger; this {what} is not used",
        )
    return table.assign(alliance=spelt)[spelt.ne("")].reset_index(drop=True)


def _note_repeated_sides(health: pd.DataFrame, sheet: str, notes: list[str]) -> None:
    """Several rows for one alliance and side (two surveys, say) are averaged: say so."""
    repeated = health[health.duplicated(["alliance", "side"], keep=False)]
    for (alliance, side), rows in repeated.groupby(["alliance", "side"], sort=False)["row"]:
        listed = ", ".join(str(r) for r in rows)
        notes.append(
            f"Sheet '{sheet}': {alliance} is scored by {side} on rows {listed}; the scores are averaged."
        )


# What the reader says when a workbook has no Risks or no Health sheet: how to add it. The note
# comes last among the reading notes (ledger.py), as a pointer to what could be added.
_RISKS_HOW_TO = (
    "to weigh risks, add a sheet named 'Risks' with the headers Alliance, Risk, Probability, Impact, "
    "Mitigation, Owner (probability 0.3, 30 % or 30; impact in money, or head the column "
    "'Impact (1-5)' for scores)"
)
_HEALTH_HOW_TO = (
    "to score relationship health, add a sheet named 'Health' with the headers Alliance, Side (Us or "
    "Partner), Strategic fit, Operational, Financial, Relationship (scores from 1 to 5, one row per side)"
)
NO_RISKS_NOTE = f"No Risks sheet: {_RISKS_HOW_TO}. The blank template has one."
NO_HEALTH_NOTE = f"No Health sheet: {_HEALTH_HOW_TO}. The blank template has one."
NO_RISKS_OR_HEALTH_NOTE = (
    f"No Risks or Health sheet: {_RISKS_HOW_TO}; {_HEALTH_HOW_TO}. The blank template has both."
)


def how_to_add(side: SideSheets) -> str | None:
    """The note saying how to add the Risks and Health sheets a workbook lacks; None if it has both."""
    if side.risks_sheet is None and side.health_sheet is None:
        return NO_RISKS_OR_HEALTH_NOTE
    if side.risks_sheet is None:
        return NO_RISKS_NOTE
    if side.health_sheet is None:
        return NO_HEALTH_NOTE
    return None
