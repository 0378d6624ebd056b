"""The mapping step's preview: the first rows as the chosen columns read them, and the totals per
field, shown before the user accepts the mapping (core.reading.mapped_preview works them out)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.reading.mapped_preview import MappingPreview
from core.reading.mapping import ColumnMapping
from ui.loading import preview_with
from ui.text import plain, plain_lines

# The preview's columns as the step heads them (core.reading.mapped_preview.PREVIEW_COLUMNS).
HEADINGS = {
    "sheet": "Sheet",
    "row": "Row",
    "date": "Date",
    "alliance": "Alliance",
    "revenue": "Revenue",
    "cost": "Cost",
    "category": "Category",
    "currency": "Currency",
}


def mapping_preview(mapping: ColumnMapping) -> None:
    """Read the ledger with `mapping` and show what it gives, or why it cannot be read so."""
    st.subheader("Preview: the ledger as these columns read it")
    found = preview_with(mapping)
    if isinstance(found, str):
        st.warning(
            "With these columns the ledger cannot be read: " + plain_lines(found), icon=":material/warning:"
        )
        return
    _totals(found)
    if found.rows.empty:
        st.warning("No row reads as an entry with these columns.", icon=":material/warning:")
    else:
        st.caption(f"The first {len(found.rows)} of {found.entries:,} entries, as they will be read:")
        st.dataframe(_shown_rows(found.rows), hide_index=True, width="stretch", placeholder="")
    if found.derived:
        st.caption("Worked out: " + plain("; ".join(found.derived)) + ".")


def _totals(found: MappingPreview) -> None:
    """Revenue and cost totals (per currency when there are several), the rows read and left out."""
    parts = []
    for total in found.totals:
        unit = f" ({plain(total.currency)})" if total.currency and len(found.totals) > 1 else ""
        code = f" {plain(total.currency)}" if total.currency and len(found.totals) == 1 else ""
        parts += [
            (f"Revenue total{unit}", f"{total.revenue:,.2f}{code}"),
            (f"Cost total{unit}", f"{total.cost:,.2f}{code}"),
        ]
    parts += [("Rows read", f"{found.rows_read:,}"), ("Rows left out", f"{found.rows_left_out:,}")]
    with st.container(border=True, key="mapping_totals"):
        for column, (label, value) in zip(st.columns(len(parts)), parts, strict=True):
            column.markdown(f"{label}  \n**{value}**")
    if found.reasons:
        st.caption("Left out, the commonest reasons: " + plain(found.reasons) + ".")


def _shown_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The preview's rows under the step's headings, the sheet only when the ledger has several, and
    category and currency only when some row has one."""
    shown = rows.copy()
    shown["date"] = shown["date"].dt.strftime("%Y-%m-%d")
    empty = [c for c in ("category", "currency") if not shown[c].str.strip().any()]
    if shown["sheet"].nunique() <= 1:
        empty.append("sheet")
    return shown.drop(columns=empty).rename(columns=HEADINGS)
