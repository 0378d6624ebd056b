"""The table of a kind (transaction type) column's values, shown beside the ledger read with it:
each value, its rows and how it reads (revenue, cost or none), changeable. A change is kept as the
session's kind values and the ledger read again with them; a link and a saved review carry them
(core.settings.kinds), as the command's --kind-values says them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.flags import KIND_READINGS
from core.reading.kind_table import UNKNOWN, told_from_table
from ui import reviews
from ui.loading import KIND_VALUES_KEY, Loaded
from ui.text import plain

# Values offered one box each, the commonest first; the others keep the vocabulary's reading.
EDITABLE_VALUES = 40
READINGS = list(KIND_READINGS)


def kind_values_table(loaded: Loaded) -> None:
    """The kind column's values and their readings, each changeable (not on a saved review, whose
    readings are those it was saved with)."""
    table = loaded.kind_table
    if table is None or table.empty or loaded.ledger is None:
        return
    label = loaded.ledger.source.columns.get("kind", "Kind")
    unknown = int((table["source"] == UNKNOWN).sum())
    title = f"How the values of column '{plain(label)}' are read ({len(table)} values"
    title += f", {unknown} not read)" if unknown else ")"
    with st.expander(title, expanded=bool(unknown), icon=":material/swap_vert:"):
        st.caption(
            "Each value of the transaction-type column reads as revenue, as cost, or as neither "
            "(its rows are left out and listed under Data issues). Change any reading and press "
            "**Read with these kind values**; the readings travel with a shared link and a saved review."
        )
        chosen = _boxes(table, editable=not _is_review(loaded))
        if _is_review(loaded):
            st.caption("A saved review keeps the readings it was saved with.")
            return
        left, right = st.columns(2)
        if left.button("Read with these kind values", type="primary", key="kind_apply"):
            st.session_state[KIND_VALUES_KEY] = told_from_table(chosen)
            st.rerun()
        if loaded.kind_values and right.button("Back to the vocabulary's readings", key="kind_forget"):
            st.session_state.pop(KIND_VALUES_KEY, None)
            st.rerun()


def _is_review(loaded: Loaded) -> bool:
    """Whether the ledger in view is a saved review's."""
    return reviews.opened() is not None and not loaded.is_sample


def _boxes(table: pd.DataFrame, editable: bool) -> pd.DataFrame:
    """A line per value (value, rows, a box with its reading, where the reading comes from); the
    table with the readings the boxes say."""
    chosen = table.copy()
    widths = [3, 1, 2, 3]
    for column, text in zip(st.columns(widths), ("Value", "Rows", "Read as", "Because"), strict=True):
        column.markdown(f"**{text}**")
    for index, row in table.head(EDITABLE_VALUES).iterrows():
        value, rows, reading, because = st.columns(widths)
        value.text(str(row["value"]))
        rows.text(f"{int(row['rows']):,}")
        chosen.loc[index, "reading"] = reading.selectbox(
            f"Read {plain(row['value'])} as",
            READINGS,
            index=READINGS.index(str(row["reading"])),
            key=f"kind_value_{row['value']}",
            label_visibility="collapsed",
            disabled=not editable,
        )
        because.text(str(row["source"]))
    if len(table) > EDITABLE_VALUES:
        st.caption(f"{len(table) - EDITABLE_VALUES} more values keep their reading.")
    return chosen
