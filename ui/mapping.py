"""The column-mapping step: when no sheet has recognisable headers, the user says which column is what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.reading.guesses import column_choices as choice_labels
from core.reading.guesses import guess_columns
from core.reading.ledger import guess_header_row, ledger_layout
from core.reading.mapping import ColumnMapping
from ui.loading import MAPPING_KEY
from ui.mapping_preview import mapping_preview
from ui.session import Loaded
from ui.text import plain_lines

# The fields the step offers (core.reading.mapping.MAPPED_FIELDS), as it labels them.
FIELDS = {
    "date": "Date or period",
    "alliance": "Alliance / partner",
    "kind": "Kind (revenue or cost)",
    "amount": "Amount (with a kind, or one signed amount: in is revenue, out is cost)",
    "revenue": "Revenue (if revenue and cost are separate columns)",
    "cost": "Cost (if revenue and cost are separate columns)",
    "profit": "Profit (cost is worked out as revenue − profit)",
    "quantity": "Quantity (with a unit price or unit cost)",
    "unit price": "Unit price (revenue is worked out as quantity × unit price)",
    "unit cost": "Unit cost (cost is worked out as quantity × unit cost)",
    "debit": "Debit (money out, read as cost)",
    "credit": "Credit (money in, read as revenue)",
    "category": "Category (optional)",
    "currency": "Currency (optional)",
}
NONE = "—"
REVENUE_ONLY_KEY = "map_revenue_only"


def column_choices(cells: list[str]) -> list[str]:
    """The header row's columns as the mapping step offers them: the header text, or 'E: Amount'
    with the column's letter when two columns read the same, so that either can be chosen."""
    return list(choice_labels(cells).values())


def is_full_guess(guesses: dict[str, str]) -> bool:
    """Whether guessed fields are enough to read a ledger: a date, an alliance and the money in one
    of the layouts the reader takes."""
    return ledger_layout(dict.fromkeys(guesses, 0)) is not None


def _first_guess(previews: dict[str, list[list[str]]], proposed: dict[str, str] | None) -> dict[str, str]:
    """The guess for the sheet and header row the step opens on (before the user changes them)."""
    sheet = st.session_state.get("map_sheet")
    rows = previews.get(str(sheet)) or next(iter(previews.values()))
    row = int(st.session_state.get(f"map_header_{sheet}", guess_header_row(rows))) if rows else 1
    cells = rows[row - 1] if rows and row <= len(rows) else []
    return guess_columns(cells, rows[row:], proposed)


def column_mapping(loaded: Loaded) -> bool:
    """Pick the sheet, the header row and the column of each field; saved for the next file too.

    When the column names suggest every field the step opens as a guess to confirm (an info box,
    returns True); otherwise as the reader's error with the fields left to choose (returns False).
    """
    previews = loaded.previews or {}
    if not previews:
        return False
    guessed = is_full_guess(_first_guess(previews, loaded.proposed))
    _introduction(loaded, guessed)
    sheet = st.selectbox("Sheet", list(previews), key="map_sheet")
    rows = previews[sheet]
    st.dataframe(pd.DataFrame(rows, index=range(1, len(rows) + 1)), width="stretch", placeholder="—")
    header_row = st.number_input(
        "Header row",
        min_value=1,
        max_value=max(1, len(rows)),
        step=1,
        value=guess_header_row(rows),
        key=f"map_header_{sheet}",
    )
    cells = rows[header_row - 1] if rows else []
    chosen = _chosen_fields(cells, rows[header_row:], sheet, header_row, loaded.proposed)
    st.checkbox(
        "This ledger holds revenue only (no costs): read it without them",
        key=REVENUE_ONLY_KEY,
        help="ROI needs costs: without them each alliance shows its revenue, and no ROI is computed.",
    )
    if is_full_guess(chosen) and not _twice(chosen):
        revenue_only = bool(st.session_state.get(REVENUE_ONLY_KEY))
        mapping_preview(ColumnMapping(sheet, int(header_row), tuple(sorted(chosen.items())), revenue_only))
    elif _twice(chosen):
        st.warning(TWICE, icon=":material/warning:")
    if st.button("Read the ledger with this mapping", type="primary", key="map_apply"):
        _apply(chosen, sheet, header_row)
    return guessed


def _introduction(loaded: Loaded, guessed: bool) -> None:
    """A guess to confirm (an info box), or the reader's error and the step to map by hand."""
    if guessed:
        st.info(
            "**We guessed your columns: confirm.** "
            + plain_lines(loaded.error or "")
            + "\n\nEach field below is filled in from the column names and what the columns hold. Check "
            "them against the preview of the rows and totals they read, change any that is wrong, and "
            "press **Read the ledger with this mapping**; the mapping is kept for the next file you "
            "upload in this session.",
            icon=":material/fact_check:",
        )
        st.subheader("Confirm the columns")
    else:
        st.error(plain_lines(loaded.error or ""), icon=":material/error:")
        st.subheader("Map the columns")
        st.write(
            "The headers were not recognised. Say which column holds what; the mapping is kept for the "
            "next file you upload in this session."
        )


def _chosen_fields(
    cells: list[str],
    body: list[list[str]],
    sheet: str,
    header_row: int,
    proposed: dict[str, str] | None = None,
) -> dict[str, str]:
    """A box per field, two a row, each opening on the column guessed from the header row's cells
    and the rows below it (`body`), or `proposed` by the reader's refusal (the unread column it
    names); each column opens in one box at most. Returns the fields given a column."""
    choices = column_choices(cells)
    guesses = guess_columns(cells, body, proposed)
    chosen = {}
    cols = st.columns(2)
    for i, (field, label) in enumerate(FIELDS.items()):
        with cols[i % 2]:
            options = [NONE, *choices]
            guess = guesses.get(field, NONE)
            pick = st.selectbox(
                label,
                options,
                index=options.index(guess),
                key=f"map_{field}_{sheet}_{header_row}",
            )
        if pick != NONE:
            chosen[field] = pick
    return chosen


TWICE = "One column is chosen for two fields: each field needs its own column."


def _twice(chosen: dict[str, str]) -> bool:
    """Whether one column is chosen for two fields."""
    return len(set(chosen.values())) < len(chosen)


def _apply(chosen: dict[str, str], sheet: str, header_row: int) -> None:
    """Keep the mapping and read the ledger with it, or say what is missing or chosen twice."""
    if not is_full_guess(chosen):
        st.error(
            "Choose at least the date and alliance columns, and the money: kind and amount, revenue "
            "and/or cost, debit and/or credit, quantity with a unit price or unit cost, or one signed "
            "amount."
        )
    elif _twice(chosen):
        st.error(TWICE)
    else:
        revenue_only = bool(st.session_state.get(REVENUE_ONLY_KEY))
        mapping = ColumnMapping(sheet, int(header_row), tuple(sorted(chosen.items())), revenue_only)
        st.session_state[MAPPING_KEY] = mapping.record()
        st.rerun()
