"""The mapping step's first guess of which column is which: from the headers, then from the contents.

Headers come first (the vocabulary's words, then words that only hint at a field, `guess_mapping`).
A field no header suggests is guessed from what its column holds, judged on the first rows below the
header: the column whose cells read as dates is the date; a text column of few distinct values (not
kind words, not currency codes) is the partner; a column of kind words is the kind; number columns
with large sums are the money (the largest the amount when a kind column says what each row is,
else revenue, the next one cost). Each column is offered for one field at most, so the user never
finds one column pre-selected twice. The user confirms every guess against a preview of the rows as
they will be read (`mapped_preview`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.reading.completeness import IDENTIFIER, NUMBER_SHARE
from core.reading.headers import ledger_layout
from core.reading.mapping import column_label, guess_mapping
from core.reading.money import parse_amount
from core.reading.parsing import clean_name, is_blank, normalise_header, parse_date, parse_kind

# A number column's sum (of absolute values) is large when it is at least this share of the largest:
# a quantity or a unit price beside the amounts is not money to guess.
LARGE_SHARE = 0.1
# A text column is the partner's when it holds at most this share of distinct values (two at least):
# a notes or reference column holds a new value on nearly every row.
FEW_DISTINCT_SHARE = 0.5
# Figures that make a ledger's money 'wide': with one of them guessed, no amount is guessed.
_WIDE = ("revenue", "cost", "profit", "debit", "credit", "quantity", "unit price", "unit cost")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_DIGITS_DATE = re.compile(r"\d{8}")


def column_choices(cells: Sequence[object]) -> dict[int, str]:
    """The header row's filled columns as the mapping step offers them (column index -> label): the
    header text, or 'E: Amount' with the column's letter when two columns read the same."""
    texts = [" ".join(str(c).split()).casefold() for c in cells]
    return {
        i: column_label(i, cell) if texts.count(texts[i]) > 1 else str(cell)
        for i, cell in enumerate(cells)
        if str(cell).strip()
    }


@dataclass(frozen=True)
class ColumnProfile:
    """What a column holds in the rows looked at: how many cells are filled, read as dates, numbers
    and kind words, its distinct values, and the sum of its numbers' sizes (and whether some are
    below zero)."""

    index: int
    header: str
    filled: int
    dates: int
    numbers: int
    kinds: int
    codes: int
    distinct: int
    size: float
    negative: bool

    def share(self, count: int) -> bool:
        """Whether `count` cells are most of the filled ones (completeness.NUMBER_SHARE)."""
        return self.filled > 0 and count >= NUMBER_SHARE * self.filled

    @property
    def is_date(self) -> bool:
        return self.share(self.dates)

    @property
    def is_number(self) -> bool:
        """Mostly numbers, not dates, and not an identifier, a year or a code (its header says)."""
        years = self.share(self.dates) or IDENTIFIER.search(normalise_header(self.header)) is not None
        return self.share(self.numbers) and not years and self.size > 0

    @property
    def is_text(self) -> bool:
        return self.filled > 0 and self.filled - self.numbers - self.dates >= NUMBER_SHARE * self.filled

    @property
    def is_kind(self) -> bool:
        return self.is_text and self.share(self.kinds)

    @property
    def is_partner(self) -> bool:
        """Text of few distinct values, neither kind words nor currency codes."""
        few = self.distinct <= max(2, FEW_DISTINCT_SHARE * self.filled)
        return self.is_text and few and not self.is_kind and not self.share(self.codes)


def profile(index: int, header: object, cells: Sequence[object]) -> ColumnProfile:
    """The profile of one column from its cells in the rows looked at."""
    filled = [str(c).strip() for c in cells if not is_blank(c)]
    numbers = [n for n in map(_number, filled) if n is not None]
    return ColumnProfile(
        index=index,
        header=clean_name(header),
        filled=len(filled),
        dates=sum(_is_date(text) for text in filled),
        numbers=len(numbers),
        kinds=sum(_is_kind(text) for text in filled),
        codes=sum(bool(_CURRENCY_CODE.fullmatch(text)) for text in filled),
        distinct=len({clean_name(t).casefold() for t in filled}),
        size=sum(abs(n) for n in numbers),
        negative=any(n < 0 for n in numbers),
    )


def _number(text: str) -> float | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _is_date(text: str) -> bool:
    """A cell that reads as a date and not as a plain number: an amount of 45,366 is no text serial
    date here, though a YYYYMMDD number (20240315) is a date."""
    if _number(text) is not None and not _DIGITS_DATE.fullmatch(text):
        return False
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


def _is_kind(text: str) -> bool:
    try:
        parse_kind(text)
    except ValueError:
        return False
    return True


def guess_columns(
    cells: Sequence[object], body: Sequence[Sequence[object]], proposed: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A first guess of each field's column (field -> its label in `column_choices`), each column for
    one field at most: `proposed` first (the column a refusal names for a field), then the headers'
    words, then the columns' contents in `body` (the rows below the header)."""
    labels = column_choices(cells)
    by_label = {label: i for i, label in labels.items()}
    guessed: dict[str, int] = {}

    def take(field: str, index: int | None) -> None:
        if index is not None and field not in guessed and index not in guessed.values():
            guessed[field] = index

    for field, label in (proposed or {}).items():
        take(field, by_label.get(label, _first_headed(cells, label, guessed)))
    for field, header in guess_mapping([str(cells[i]) for i in labels]).items():
        take(field, _first_headed(cells, header, guessed))
    free = [
        profile(i, cells[i], [row[i] if i < len(row) else "" for row in body])
        for i in labels
        if i not in guessed.values()
    ]
    for field, index in content_guesses(free, set(guessed)).items():
        take(field, index)
    return {field: labels[index] for field, index in guessed.items()}


def _first_headed(cells: Sequence[object], header: str, taken: Mapping[str, int]) -> int | None:
    """The first column headed `header` that no field has taken."""
    wanted = clean_name(header)
    return next(
        (i for i, c in enumerate(cells) if clean_name(c) == wanted and i not in taken.values()),
        None,
    )


def content_guesses(columns: Sequence[ColumnProfile], known: set[str]) -> dict[str, int]:
    """The fields not `known` (guessed from the headers) guessed from the columns' profiles: field
    -> column index, each column once."""
    free = list(columns)
    found: dict[str, int] = {}

    def claim(field: str, candidates: list[ColumnProfile]) -> None:
        if field not in known and field not in found and candidates:
            found[field] = candidates[0].index
            free.remove(candidates[0])

    claim("date", [c for c in free if c.is_date])
    if not known & set(_WIDE):
        claim("kind", [c for c in free if c.is_kind])
    claim("alliance", [c for c in free if c.is_partner])
    for field, column in _money_guesses(free, known | set(found)).items():
        claim(field, [column])
    return found


def _money_guesses(columns: Sequence[ColumnProfile], known: set[str]) -> dict[str, ColumnProfile]:
    """The money's columns among number columns with large sums, largest first: the amount beside a
    kind column; the other figure beside a revenue or a cost column; else one amount of both signs,
    or revenue and then cost. None when the headers already give the money."""
    numbers = sorted((c for c in columns if c.is_number), key=lambda c: (-c.size, c.index))
    if not numbers:
        return {}
    large = [c for c in numbers if c.size >= LARGE_SHARE * numbers[0].size]
    if "kind" in known:
        return {} if "amount" in known else {"amount": large[0]}
    if ledger_layout(dict.fromkeys({*known, "date", "alliance"}, 0)) is not None:
        wide = known & set(_WIDE)
        if wide == {"revenue"}:
            return {"cost": large[0]}
        if wide == {"cost"}:
            return {"revenue": large[0]}
        return {}
    if large[0].negative:
        return {"amount": large[0]}
    return dict(zip(("revenue", "cost"), large[:2], strict=False))
