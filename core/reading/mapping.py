"""Columns mapped by hand when headers are not recognised: sheet previews, guesses, the mapped header."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import LedgerError
from core.reading.headers import HeaderMatch, ledger_layout
from core.reading.parsing import clean_name, display_value, normalise_header
from core.reading.workbook import SourceBook

# Rows of each sheet shown when the user picks the header row by hand.
HEADER_ROWS_FOR_MAPPING = 15


@dataclass(frozen=True)
class ColumnMapping:
    """A user's answer to 'which column is what' when the headers are not recognised.

    `columns` maps fields (date, alliance, kind, amount, revenue, cost, category, currency) to
    header texts, so the same mapping fits the next export with the same headers.
    """

    sheet: str
    header_row: int
    columns: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, str]:
        """Field -> header text."""
        return dict(self.columns)


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
    texts = [normalise_header(c) for c in cells]
    columns, labels, missing = {}, {}, []
    for name, header_text in mapping.as_dict().items():
        wanted = normalise_header(header_text)
        if wanted in texts:
            columns[name] = texts.index(wanted)
            labels[name] = clean_name(cells[columns[name]])
        else:
            missing.append(f"'{header_text}' ({name})")
    if missing:
        raise LedgerError(
            f"Row {mapping.header_row} of sheet '{sheet}' has no column "
            + ", ".join(missing)
            + ": map the columns of this file."
        )
    if ledger_layout(columns) is None:
        raise LedgerError(
            "A ledger needs a date and an alliance column, and either kind and amount or revenue "
            "and/or cost columns: complete the mapping."
        )
    return sheet, HeaderMatch(row=mapping.header_row - 1, columns=columns, labels=labels)


def sheet_previews(
    data: bytes, filename: str, rows: int = HEADER_ROWS_FOR_MAPPING
) -> dict[str, list[list[str]]]:
    """The first rows of every sheet as text, for choosing the header row and columns by hand."""
    book = SourceBook(data, filename)
    return {
        name: [[display_value(c) for c in row] for row in book.head(name, rows)] for name in book.sheet_names
    }


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
    """A first guess of which header is which field, each header used once; the user confirms it."""
    guesses: dict[str, str] = {}
    for field_name, words in MAPPING_HINTS.items():
        for header in headers:
            text = normalise_header(header)
            if header not in guesses.values() and any(word in text for word in words):
                guesses[field_name] = header
                break
    return guesses
