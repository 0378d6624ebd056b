"""The column-mapping step: when no sheet has recognisable headers, the user says which column is what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.reading.ledger import guess_header_row, guess_mapping
from core.reading.mapping import column_label
from ui.session import Loaded

FIELDS = {
    "date": "Date or period",
    "alliance": "Alliance / partner",
    "kind": "Kind (revenue or cost)",
    "amount": "Amount",
    "revenue": "Revenue (if revenue and cost are separate columns)",
    "cost": "Cost (if revenue and cost are separate columns)",
    "category": "Category (optional)",
    "currency": "Currency (optional)",
}
NONE = "—"


def column_choices(cells: list[str]) -> list[str]:
    """The header row's columns as the mapping step offers them: the header text, or 'E: Amount'
    with the column's letter when two columns read the same, so that either can be chosen."""
    texts = [" ".join(str(c).split()).casefold() for c in cells]
    return [
        column_label(i, cell) if texts.count(texts[i]) > 1 else str(cell)
        for i, cell in enumerate(cells)
        if str(cell).strip()
    ]


def column_mapping(loaded: Loaded) -> None:
    """Pick the sheet, the header row and the column of each field; saved for the next file too."""
    previews = loaded.previews or {}
    if not previews:
        return
    st.subheader("Map the columns")
    st.write(
        "The headers were not recognised. Say which column holds what; the mapping is kept for the "
        "next file you upload in this session."
    )
    sheet = st.selectbox("Sheet", list(previews), key="map_sheet")
    rows = previews[sheet]
    st.dataframe(pd.DataFrame(rows, index=range(1, len(rows) + 1)), width="stretch")
    header_row = st.number_input(
        "Header row",
        min_value=1,
        max_value=max(1, len(rows)),
        step=1,
        value=guess_header_row(rows),
        key=f"map_header_{sheet}",
    )
    cells = rows[header_row - 1] if rows else []
    headers = [h for h in cells if h]
    choices = column_choices(cells)
    guesses = guess_mapping(headers)
    chosen = {}
    cols = st.columns(2)
    for i, (field, label) in enumerate(FIELDS.items()):
        with cols[i % 2]:
            options = [NONE, *choices]
            guess = guesses.get(field, NONE)
            # A guessed header that two columns share is offered by its first column's letter.
            guess = next((c for c in choices if c == guess or c.endswith(f": {guess}")), NONE)
            pick = st.selectbox(
                label,
                options,
                index=options.index(guess),
                key=f"map_{field}_{sheet}_{header_row}",
            )
        if pick != NONE:
            chosen[field] = pick
    if st.button("Read the ledger with this mapping", type="primary", key="map_apply"):
        if (
            "date" not in chosen
            or "alliance" not in chosen
            or not ({"kind", "amount"} <= set(chosen) or {"revenue", "cost"} & set(chosen))
        ):
            st.error(
                "Choose at least the date and alliance columns, and either kind and amount or the "
                "revenue and/or cost columns."
            )
        elif len(set(chosen.values())) < len(chosen):
            st.error("One column is chosen for two fields: each field needs its own column.")
        else:
            st.session_state["column_mapping"] = {
                "sheet": sheet,
                "header_row": int(header_row),
                "columns": chosen,
            }
            st.rerun()
