"""Transfers between one's own accounts: money moved, neither revenue nor cost.

A bank statement lists a transfer to the savings account ('VIREMENT VERS ÉPARGNE', 'Transfer to
savings', 'Umbuchung') as money out, but nothing was spent: counted by its sign it would be a cost.
A row whose description (the notes column: Remarque, Label, Memo, Verwendungszweck) says such a
transfer, in the words of this table, is left out and listed on Data issues with its text, and a
note gives the count. Texts are compared normalised, as headers are (`parsing.normalise_header`),
and a phrase counts wherever it stands in the text, as whole words.
"""

from __future__ import annotations

import re

import pandas as pd

from core.reading.columns import clean_texts, map_unique
from core.reading.entries import EntriesRead
from core.reading.headers import HeaderMatch, column_letter
from core.reading.parsing import normalise_header

OWN_TRANSFERS: tuple[str, ...] = (
    # English
    "transfer to savings",
    "transfer from savings",
    "savings transfer",
    "transfer to own account",
    "transfer from own account",
    "own account transfer",
    "internal transfer",
    "transfer between accounts",
    "transfer between own accounts",
    # French
    "virement vers epargne",
    "virement depuis epargne",
    "virement epargne",
    "virement vers livret",
    "virement interne",
    "virement de compte a compte",
    # German
    "umbuchung",
    "eigenubertrag",
    "ubertrag auf sparkonto",
    "ubertrag vom sparkonto",
    # Spanish
    "traspaso entre cuentas",
    "traspaso interno",
    "traspaso a ahorro",
    "transferencia a ahorro",
    # Dutch
    "overboeking naar spaarrekening",
    "overboeking van spaarrekening",
    "interne overboeking",
)
_PHRASE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in OWN_TRANSFERS) + r")\b")


def is_own_transfer(text: str) -> bool:
    """Whether a description says a transfer between own accounts, in the words of the table."""
    return bool(_PHRASE.search(normalise_header(text)))


def leave_out_transfers(
    frame: pd.DataFrame, header: HeaderMatch, sheet: str, found: EntriesRead, notes: list[str]
) -> EntriesRead:
    """The sheet's entries without the rows whose notes say a transfer between own accounts, each
    such row listed with its text; the entries as they are without a notes column or such a row."""
    if "notes" not in header.columns:
        return found
    texts = clean_texts(frame["notes"])
    moved = map_unique(texts, is_own_transfer).astype(bool)
    entries = found.entries
    out = entries["row"].isin(moved.index[moved])
    if not out.any():
        return found
    rows = list(dict.fromkeys(entries.loc[out, "row"].tolist()))
    label = header.labels["notes"]
    for row in rows:
        found.issues.add(
            sheet,
            row,
            label,
            str(texts[row]),
            "a transfer between own accounts: money moved, not revenue or cost",
        )
    found.issues.sort_by_row()
    column = f"column {column_letter(header.columns['notes'])} '{label}'"
    example = str(texts[rows[0]])
    notes.append(
        f"Sheet '{sheet}': {len(rows)} row{'' if len(rows) == 1 else 's'} whose {column} says a transfer "
        f"between own accounts (such as '{example}') {'is' if len(rows) == 1 else 'are'} money moved, not "
        "revenue or cost: left out and listed on Data issues. If "
        f"{'it is revenue or a cost' if len(rows) == 1 else 'they are revenue or costs'}, leave the notes "
        "unread (the command: --map notes=)."
    )
    kept = entries[~out].reset_index(drop=True)
    return EntriesRead(kept, found.issues, found.blank_rows, found.period)
