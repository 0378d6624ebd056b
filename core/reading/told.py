"""What the user told of the ledger's columns beyond naming them: a field left unread.

`--map currency=` (an empty header) says that no column is the field's, even one the vocabulary
would take: a bank statement's Currency column that names each line's original currency while its
Amount is in the statement's own is not the amount's currency. The field is then not read, and a
note names the column passed over, so that the choice is never silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.reading.headers import HeaderMatch, column_letter
from core.reading.parsing import clean_name, normalise_header
from core.reading.vocabulary import LEDGER_HEADERS


def unread_fields(chosen: Mapping[str, str] | None) -> list[str]:
    """The fields the user left unread (mapped to an empty header), in the order given."""
    return [field for field, header in (chosen or {}).items() if not header]


def unread_notes(
    sheet: str, titles: list[object], header: HeaderMatch, chosen: Mapping[str, str] | None
) -> list[str]:
    """A note per field left unread: the column the vocabulary would have taken for it, if any."""
    notes = []
    taken = set(header.columns.values())
    normalised = [normalise_header(title) for title in titles]
    for field in unread_fields(chosen):
        words = LEDGER_HEADERS.get(field, ())
        hits = [i for word in words for i, text in enumerate(normalised) if text == word and i not in taken]
        if hits:
            column = f"column {column_letter(hits[0])} '{clean_name(titles[hits[0]])}'"
            notes.append(f"Sheet '{sheet}': {column} is not read as the {field}, as told (no column is).")
        else:
            notes.append(f"Sheet '{sheet}': no column is read as the {field}, as told.")
    return notes


@dataclass(frozen=True)
class Readings:
    """What the user said of the ledger's values: how its kind values read (normalised value ->
    'revenue', 'cost' or None for neither), and whether slash dates are day first (None: each
    column says)."""

    kind_values: dict[str, str | None]
    dayfirst: bool | None = None
    # The deal stages that count (stages.py); None: the stage table's won stages.
    won_stages: tuple[str, ...] | None = None
    # The user's name for a sheet without a partner column; the name it is read under (one_account.py).
    alliance: str | None = None
    one_alliance: str | None = None
    # The user says the ledger has no dates: a sheet without a date column is read as one period.
    undated: bool = False
    # A statement with periods as columns: the rows of each figure and the periods (statement.py).
    statement: StatementChoice | None = None


@dataclass(frozen=True)
class StatementChoice:
    """Which rows of a statement with periods as columns are revenue and cost ('Interest@86' for a
    label on several rows), and which periods count (`--statement-rows`, `--periods`)."""

    rows: dict[str, tuple[str, ...]]
    periods: tuple[str, ...]
