"""The table of a kind (transaction type) column's values as they were read, for the user to check
and change: each distinct value, its rows, and whether it reads as revenue, cost or neither (and why:
the user said so, the vocabulary's table in kind_values.py, or a value it does not know, whose rows
are left out). The app shows it beside a ledger whose kind column holds values beyond the product's
own words; a change is read back as the kind values (`read_ledger(kind_values=...)`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any  # read_ledger's options, passed through

import pandas as pd

from core.frames import KIND_TABLE
from core.reading.headers import HeaderMatch
from core.reading.kind_values import KIND_OF_VALUE
from core.reading.ledger import Ledger, read_ledger
from core.reading.parsing import clean_name, is_blank, normalise_header, told_kinds
from core.reading.preview import HEADER_SCAN_ROWS
from core.reading.workbook import SourceBook

# Where a value's reading comes from.
TOLD, VOCABULARY, UNKNOWN = "as you said", "the vocabulary", "not a kind: rows left out"
# A reading as the table writes it (KIND_READINGS' words: 'none' for neither).
NONE = "none"


def read_with_kinds(data: bytes, filename: str, **options: Any) -> tuple[Ledger, pd.DataFrame | None]:
    """`read_ledger(data, filename, **options)` and, when its kind column holds values beyond the
    product's own words (or the user told some), the table of its values (`kind_table`)."""
    ledger = read_ledger(data, filename, **options)
    told = dict(options.get("kind_values") or {})
    if not needs_table(ledger, told):
        return ledger, None
    return ledger, kind_table(SourceBook(data, filename), ledger, told)


def needs_table(ledger: Ledger, told: Mapping[str, str | None]) -> bool:
    """Whether a kind column was read whose values the user may want to read otherwise: the user
    told some, a note says it was read as transaction types, or rows were left out for their kind."""
    label = ledger.source.columns.get("kind")
    if label is None or ledger.source.layout != "long":
        return False
    noted = any(f"'{label}' read as transaction types" in note for note in ledger.notes)
    left_out = (ledger.issues["column"] == label).any()
    return bool(told) or noted or bool(left_out)


def kind_table(book: SourceBook, ledger: Ledger, told: Mapping[str, str | None]) -> pd.DataFrame:
    """Every distinct value of the kind column on the ledger's sheets (compared normalised, as the
    reader compares them), with its rows and its reading, the commonest first (KIND_TABLE)."""
    label = ledger.source.columns["kind"]
    counts: Counter[object] = Counter()
    for sheet in ledger.source.ledger_sheets:
        counts.update(_column_cells(book, sheet, label, ledger.source.header_row - 1))
    # Once per distinct cell, then per value as the reader compares them (' INVOICE ' is 'Invoice').
    words: dict[str, list] = {}
    for cell, count in counts.items():
        if not is_blank(cell):
            entry = words.setdefault(normalise_header(cell), [clean_name(cell), 0])
            entry[1] += count
    normalised = told_kinds(told)
    ordered = sorted(words.items(), key=lambda item: -item[1][1])
    readings = [_reading(word, normalised) for word, _ in ordered]
    table = pd.DataFrame(
        {
            "value": [str(value) for _, (value, _) in ordered],
            "rows": pd.Series([rows for _, (_, rows) in ordered], dtype="int64"),
            "reading": [r for r, _ in readings],
            "source": [s for _, s in readings],
        },
        columns=KIND_TABLE.names,
    )
    return table


def _reading(word: str, told: Mapping[str, str | None]) -> tuple[str, str]:
    if word in told:
        return told[word] or NONE, TOLD
    if word in KIND_OF_VALUE:
        return KIND_OF_VALUE[word], VOCABULARY
    return NONE, UNKNOWN


def _column_cells(book: SourceBook, sheet: str, label: str, header_row: int) -> list[object]:
    """The cells below the header of the column headed `label` on `sheet` (the header found on
    `header_row`, else on the first row of the sheet's head that has it): read column-wise when the
    sheet allows it (the column alone), else from the sheet's rows."""
    head = book.head(sheet, max(HEADER_SCAN_ROWS, header_row + 1))
    for number in [header_row, *range(len(head))]:
        titles = [clean_name(c) for c in head[number]] if 0 <= number < len(head) else []
        if label in titles:
            index = titles.index(label)
            typed = book.typed_body(
                sheet, HeaderMatch(row=number, columns={"kind": index}, labels={"kind": label})
            )
            if typed is not None:
                return typed.frame["kind"].tolist()
            rows = book.sheet(sheet).rows
            return [row[index] if index < len(row) else None for row in rows[number + 1 :]]
    return []


def told_from_table(table: pd.DataFrame) -> dict[str, str | None]:
    """The kind values a (possibly edited) table says: every value whose reading differs from the
    vocabulary's, and every value the user told before, as value -> 'revenue', 'cost' or None."""
    told: dict[str, str | None] = {}
    for row in table.itertuples(index=False):
        word = normalise_header(row.value)
        default = KIND_OF_VALUE.get(word, NONE)
        if row.reading != default or row.source == TOLD:
            told[str(row.value)] = None if row.reading == NONE else str(row.reading)
    return told
