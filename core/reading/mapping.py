"""Columns mapped by hand when headers are not recognised: sheet previews, guesses, the mapped header."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any  # a record holds texts, numbers and a flag

from core.errors import LedgerError
from core.reading.headers import HeaderMatch, column_letter, ledger_layout, match_header
from core.reading.parsing import clean_name, display_value, normalise_header
from core.reading.vocabulary import LEDGER_HEADERS
from core.reading.workbook import SourceBook

# Rows of each sheet shown when the user picks the header row by hand.
HEADER_ROWS_FOR_MAPPING = 15


@dataclass(frozen=True)
class ColumnMapping:
    """A user's answer to 'which column is what' when the headers are not recognised.

    `columns` maps fields (MAPPED_FIELDS: date, alliance, kind, amount, revenue, cost, ...) to header
    texts, so the same mapping fits the next export with the same headers.
    """

    sheet: str
    header_row: int
    columns: tuple[tuple[str, str], ...]
    # The user says the ledger holds revenue only: read without costs (else such a ledger is refused).
    revenue_only: bool = False

    def as_dict(self) -> dict[str, str]:
        """Field -> header text."""
        return dict(self.columns)

    def record(self) -> dict[str, Any]:
        """The mapping as plain values, as the session and a saved review keep it."""
        return {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": self.as_dict(),
            "revenue_only": self.revenue_only,
        }

    @classmethod
    def from_record(cls, raw: Mapping[str, Any]) -> ColumnMapping:
        """The mapping `record()` wrote (a review saved before `revenue_only` existed has none)."""
        columns = tuple(sorted(dict(raw["columns"]).items()))
        return cls(str(raw["sheet"]), int(raw["header_row"]), columns, bool(raw.get("revenue_only", False)))


def mapped_header(book: SourceBook, mapping: ColumnMapping) -> tuple[str, HeaderMatch]:
    """The sheet and header row the user's mapping names; LedgerError if this file does not fit it."""
    names = {n.casefold(): n for n in book.sheet_names}
    sheet = names.get(mapping.sheet.casefold())
    if sheet is None:
        raise LedgerError(
            f"The column mapping is for sheet '{mapping.sheet}', which '{book.filename}' does not "
            "have: map the columns of this file."
        )
    head = book.head(sheet, max(HEADER_ROWS_FOR_MAPPING, mapping.header_row))
    if not 1 <= mapping.header_row <= len(head):
        raise LedgerError(
            f"Row {mapping.header_row} of sheet '{sheet}' is beyond its data: pick the header row."
        )
    cells = head[mapping.header_row - 1]
    columns, labels, missing = {}, {}, []
    for name, header_text in mapping.as_dict().items():
        index = _mapped_column(cells, header_text, sheet, mapping.header_row)
        if index is None:
            missing.append(f"'{header_text}' ({name})")
        else:
            columns[name], labels[name] = index, clean_name(cells[index])
    if missing:
        raise LedgerError(
            f"Row {mapping.header_row} of sheet '{sheet}' has no column "
            + ", ".join(missing)
            + ": map the columns of this file."
        )
    if ledger_layout(columns) is None:
        raise LedgerError(
            "A ledger needs a date and an alliance column, and the money: kind and amount, revenue "
            "and/or cost, debit and/or credit, quantity with unit price or unit cost, or one signed "
            "amount: complete the mapping."
        )
    return sheet, HeaderMatch(row=mapping.header_row - 1, columns=columns, labels=labels)


# A mapped column named with its letter, as column_label writes it: 'E: Amount'.
_LETTERED = re.compile(r"([A-Z]{1,3}): (.*)", re.DOTALL)


def column_label(index: int, header: object) -> str:
    """A column as the mapping step may name it when two headers read the same: 'E: Amount'."""
    return f"{column_letter(index)}: {clean_name(header)}"


def _mapped_column(cells: list[object], header_text: str, sheet: str, row: int) -> int | None:
    """The column a mapping names by header text (or 'E: Amount'); LedgerError if two columns fit."""
    texts = [normalise_header(c) for c in cells]
    lettered = _LETTERED.fullmatch(header_text)
    if lettered:
        hits = [i for i, t in enumerate(texts) if column_letter(i) == lettered[1]]
        if hits and texts[hits[0]] == normalise_header(lettered[2]):
            return hits[0]
        # Not that letter's header: perhaps a header that only looks lettered ('EUR: Amount').
    # The header as written first: 'Amount (USD)' beside 'Amount (local)' is one column, though
    # both read 'amount' once their units are dropped.
    exact = [i for i, cell in enumerate(cells) if clean_name(cell) == clean_name(header_text)]
    if len(exact) == 1:
        return exact[0]
    wanted = normalise_header(header_text)
    hits = [i for i, text in enumerate(texts) if text == wanted]
    if len(hits) > 1:
        listed = " and ".join(column_letter(i) for i in hits)
        example = column_label(hits[-1], header_text)
        raise LedgerError(
            f"Row {row} of sheet '{sheet}' has {len(hits)} columns headed '{clean_name(header_text)}' "
            f"({listed}): rename one, or choose the column by its letter ('{example}')."
        )
    return hits[0] if hits else None


def sheet_previews(
    data: bytes, filename: str, rows: int = HEADER_ROWS_FOR_MAPPING
) -> dict[str, list[list[str]]]:
    """The first rows of every sheet as text, for choosing the header row and columns by hand."""
    book = SourceBook(data, filename)
    return {
        name: [[display_value(c) for c in row] for row in book.head(name, rows)] for name in book.sheet_names
    }


# The fields the mapping step offers: the vocabulary's, but for the ones it never needs asked (a fee
# and a deal stage are found by their headers, and the command's --map names them).
MAPPED_FIELDS: tuple[str, ...] = tuple(
    f for f in LEDGER_HEADERS if f not in ("attribution", "notes", "fee", "stage")
)
# Words that suggest a field in headers the reader does not know, for pre-filling the mapping step.
MAPPING_HINTS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "month", "period", "posted", "booking"),
    "alliance": ("alliance", "partner", "counterparty", "vendor", "customer", "account name", "company"),
    "kind": ("kind", "flow", "type", "direction", "debit credit", "in out"),
    "amount": ("amount", "value", "sum", "eur", "usd", "gbp", "total"),
    "category": ("category", "account", "line", "stream"),
    "currency": ("currency", "ccy"),
}


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """A first guess of which header is which field, each header used once; the user confirms it:
    the vocabulary's own reading of the headers first, then words that only hint at a field."""
    known = match_header(list(headers), LEDGER_HEADERS)
    guesses = {
        field_name: headers[i] for field_name, i in known.columns.items() if field_name in MAPPED_FIELDS
    }
    for field_name, words in MAPPING_HINTS.items():
        if field_name in guesses:
            continue
        for header in headers:
            text = normalise_header(header)
            if header not in guesses.values() and any(word in text for word in words):
                guesses[field_name] = header
                break
    return guesses
