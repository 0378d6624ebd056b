"""A profit-and-loss statement with periods as columns: refused naming the choice, read as the user says.

A financial model's P&L has one row per line item (Revenue, Cost of sales, Sales and marketing,
Depreciation, Interest, Income tax...) and one column per period, often actual and forecast years
side by side (`Y01A` … `Y05A`, `Y06F` … `Y10F`, or `FY2023A`, `2025E`). Which lines are the cost of
the business (operating cost only, or interest and tax too) and whether forecasts count are
judgements no rule can make. So such a sheet is refused with the revenue row, the candidate cost
rows and the actual and forecast periods named, and the flags that read it:
`--statement-rows 'revenue=Revenue;cost=Cost of sales,Depreciation'` (a label that heads several
rows is given with its row, `Interest@86`) and `--periods Y01A,Y02A`. The statement is one entity
(`--alliance NAME`, else the file's name) and its periods have no calendar the other figures could
use (`Y01A` is no date), so it is read as one undated period (undated.py): an entry per chosen row
and period, each keeping its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from core.errors import LedgerError, NoLedgerSheet
from core.model import SOURCED
from core.reading.entries import EntriesRead
from core.reading.figures import ONE_ALLIANCE
from core.reading.headers import HeaderMatch
from core.reading.issues import IssueLog
from core.reading.money import parse_amount
from core.reading.parsing import UNDATED, clean_name, display_value, is_blank, normalise_header
from core.reading.sheets import SheetRead, SheetsRead
from core.reading.told import StatementChoice
from core.reading.undated import ONE_PERIOD_DAY
from core.reading.workbook import SourceBook

# A period column's header: Y01A, Y06F, FY2023, FY2023A, 2024, 2025E, 2024 Actual.
_PERIOD = re.compile(
    r"^(?:y\d{1,2}|fy ?\d{2,4}|(?:19|20)\d{2})(?: ?(?P<mark>a|f|e|b|p|actual|forecast|budget|plan))?$"
)
_ACTUAL = {"a", "actual", None}
# Line items a P&L names its revenue and its costs with (normalised), for the refusal's candidates.
_REVENUE_ROWS = {"revenue", "revenues", "sales", "net sales", "turnover", "total revenue", "income"}
_COST_WORDS = ("cost", "expense", "depreciation", "amorti", "interest", "tax", "admin", "marketing")
MIN_PERIODS = 3
# Rows below the revenue row looked at for cost lines, and the words of lines that are no cost.
BLOCK_ROWS = 30
_NOT_COSTS = (
    " profit ",
    " rate ",
    " growth ",
    " coverage ",
    " days ",
    " add ",
    " less ",
    " margin ",
    " total ",
)


@dataclass(frozen=True)
class Statement:
    """Where a statement's periods are: its sheet, the header row (0-based), period columns by label."""

    sheet: str
    row: int
    periods: dict[int, str]


def period_columns(cells: list[object]) -> dict[int, str]:
    """The columns of a row whose headers are period labels (Y01A, FY2024, 2025E)."""
    found = {}
    for index, cell in enumerate(cells):
        if is_blank(cell) or isinstance(cell, bool):
            continue
        # A number is a period only as a year (2024), never an amount that happens to have four digits.
        if isinstance(cell, int | float) and not (float(cell).is_integer() and 1990 <= cell <= 2100):
            continue
        text = str(int(cell)) if isinstance(cell, int | float) else display_value(cell).strip()
        if _PERIOD.match(normalise_header(text)):
            found[index] = text
    return found


def find_statement(book: SourceBook, wanted: str | None) -> Statement | None:
    """The first sheet (or the one `wanted`) with a row of three or more period labels below which
    a row is labelled as revenue."""
    names = [n for n in book.sheet_names if wanted is None or n.casefold() == wanted.strip().casefold()]
    for name in names:
        rows = book.head(name)
        for index, cells in enumerate(rows):
            periods = period_columns(cells)
            if len(periods) >= MIN_PERIODS and _line_items(book, Statement(name, index, periods)):
                return Statement(name, index, periods)
    return None


def _line_items(book: SourceBook, found: Statement) -> list[tuple[int, str]]:
    """(sheet row, label) of each row below the header with a text label left of the periods and a
    number under one of them; [] unless one is labelled as revenue."""
    first = min(found.periods)
    items = []
    for offset, cells in enumerate(book.sheet(found.sheet).rows[found.row + 1 :]):
        label = next((display_value(c) for c in cells[:first] if isinstance(c, str) and c.strip()), "")
        if label and any(_number(cells, i) is not None for i in found.periods):
            items.append((found.row + offset + 2, clean_name(label)))
    return items if any(normalise_header(label) in _REVENUE_ROWS for _, label in items) else []


def _number(cells: list[object], index: int) -> float | None:
    if index >= len(cells) or is_blank(cells[index]) or isinstance(cells[index], bool):
        return None
    try:
        return parse_amount(display_value(cells[index]))
    except ValueError:
        return None


def statement_hint(book: SourceBook, wanted: str | None) -> str:
    """What the refusal of a workbook adds when a sheet is a statement with periods as columns: the
    choice no rule can make, its candidates, and the flags that read it; '' when none is."""
    found = find_statement(book, wanted)
    if found is None:
        return ""
    items = _line_items(book, found)
    revenue = [f"{r} '{label}'" for r, label in items if normalise_header(label) in _REVENUE_ROWS]
    costs = [f"{r} '{label}'" for r, label in _cost_candidates(items)]
    actual = [label for label in found.periods.values() if _mark(label) in _ACTUAL]
    other = [label for label in found.periods.values() if _mark(label) not in _ACTUAL]
    return (
        f" Sheet '{found.sheet}' is a statement with periods as columns (row {found.row + 1}: "
        f"{', '.join(found.periods.values())}) and line items as rows: which rows are the cost and which "
        "periods count are choices no rule can make. Revenue row: "
        f"{', '.join(revenue)}; rows that could be costs: {', '.join(costs) or 'none named so'}; periods "
        f"marked actual: {', '.join(actual) or 'none'}; forecast or plan: {', '.join(other) or 'none'}. "
        "Say which (the command: --statement-rows 'revenue=LABEL;cost=LABEL,LABEL' with LABEL@ROW for "
        "a label on several rows, --periods LABEL,LABEL, and --alliance NAME for the entity); its "
        "periods are no calendar, so it is then read as one period, without quarters, before/after, NPV, "
        "IRR or annualised ROI."
    )


def _cost_candidates(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Line items below the first revenue row (the P&L block) named as a cost, an expense,
    depreciation, interest or tax; not ratios, subtotals or cash-flow add-backs."""
    first = next(r for r, label in items if normalise_header(label) in _REVENUE_ROWS)
    named = [(r, label) for r, label in items if first < r <= first + BLOCK_ROWS]
    return [
        (r, label)
        for r, label in named
        if any(w in normalise_header(label) for w in _COST_WORDS)
        and not any(w in f" {normalise_header(label)} " for w in _NOT_COSTS)
        and "%" not in label
    ]


def _mark(label: str) -> str | None:
    match = _PERIOD.match(normalise_header(label))
    return match["mark"] if match else None


def _chosen_rows(items: list[tuple[int, str]], labels: tuple[str, ...], sheet: str) -> list[tuple[int, str]]:
    """The rows the user's labels name, each exactly one ('Interest@86' picks row 86)."""
    chosen = []
    for told in labels:
        label, _, at = told.rpartition("@") if re.search(r"@\d+$", told) else (told, "", "")
        hits = [
            (r, t)
            for r, t in items
            if normalise_header(t) == normalise_header(label) and (not at or r == int(at))
        ]
        if len(hits) != 1:
            where = ", ".join(
                f"{label}@{r}" for r, t in items if normalise_header(t) == normalise_header(label)
            )
            raise LedgerError(
                f"Sheet '{sheet}': the row label '{told}' heads "
                + (
                    f"several rows; give one with its row: {where}."
                    if hits
                    else "no row with numbers under the periods."
                )
            )
        chosen.extend(hits)
    return chosen


def read_statement(
    book: SourceBook, wanted: str | None, choice: StatementChoice, alliance: str | None
) -> tuple[SheetsRead, list[str]]:
    """The statement's chosen rows and periods as entries of its one alliance (the user's name for
    it, else the file's name), as one period."""
    told, periods = choice.rows, choice.periods
    name = alliance or PurePath(book.filename).stem
    found = find_statement(book, wanted)
    if found is None:
        raise NoLedgerSheet(
            f"No sheet of '{book.filename}' is a statement with periods as columns (--statement-rows)."
        )
    columns = {i: label for i, label in found.periods.items() if label in periods}
    missing = [p for p in periods if p not in columns.values()]
    if missing or len(columns) != len(periods):
        raise LedgerError(
            f"Sheet '{found.sheet}': the periods {', '.join(periods)} must each head one column of row "
            f"{found.row + 1} ({', '.join(found.periods.values())})."
        )
    items, rows = _line_items(book, found), book.sheet(found.sheet).rows
    issues, parts = IssueLog(), []
    for kind in ("revenue", "cost"):
        for row, label in _chosen_rows(items, told.get(kind, ()), found.sheet):
            for index, period in columns.items():
                value = _number(rows[row - 1], index)
                if value is None:
                    cell = rows[row - 1][index] if index < len(rows[row - 1]) else None
                    if not is_blank(cell):
                        issues.add(found.sheet, row, period, display_value(cell), "not a number")
                    continue
                parts.append((row, label, kind, value))
    entries = pd.DataFrame(
        {
            "date": pd.to_datetime([ONE_PERIOD_DAY] * len(parts)),
            "alliance": name,
            "kind": [p[2] for p in parts],
            "amount": [float(p[3]) for p in parts],
            "category": [p[1] for p in parts],
            "currency": "",
            "attribution": SOURCED,
            "sheet": found.sheet,
            "row": [int(p[0]) for p in parts],
        }
    )
    labels = {
        "date": "(no column: the periods are read as one period)",
        "alliance": f"{ONE_ALLIANCE}, '{name}')",
    }
    header = HeaderMatch(found.row, {"date": min(found.periods), "alliance": min(found.periods)}, labels)
    read = SheetRead(
        found.sheet, EntriesRead(entries, issues, 0, UNDATED), len(rows) - found.row - 1, rows[found.row]
    )
    chosen = "; ".join(f"{k} = {' + '.join(v)}" for k, v in told.items())
    derived = (f"{chosen}, over the periods {', '.join(periods)}, as you said",)
    note = (
        f"Sheet '{found.sheet}' read as a statement, as you said: {chosen}, over the periods "
        f"{', '.join(periods)} ({len(entries):,} entries of '{name}'), as one period without dates."
    )
    return SheetsRead(found.sheet, header, "statement", [read], [read], read.found, derived), [note]
