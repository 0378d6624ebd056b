"""Widget groups that set a view's options; each writes to its session-state keys (see ui.session)."""

from __future__ import annotations

import streamlit as st

from core.before_after import ALL, EQUAL, MONTHS
from core.ledger import Ledger

WINDOW_LABELS = {
    EQUAL: "Equal windows, the longest the data allows",
    MONTHS: "A number of months on each side",
    ALL: "All data on each side",
}


def initiative_controls(ledger: Ledger) -> None:
    """Where the initiative date comes from, the date, who took part, and the windows."""
    has_sheet_dates = ledger.alliances["initiative_date"].notna().any()
    left, right = st.columns(2)
    with left:
        if has_sheet_dates:
            st.radio(
                "Initiative date",
                ["sheet", "one"],
                key="ba_mode",
                format_func=lambda m: (
                    "Each alliance's date from the Alliances sheet"
                    if m == "sheet"
                    else "One date for the alliances I pick"
                ),
                help="Alliances without the initiative are the control group.",
            )
        else:
            st.session_state["ba_mode"] = "one"
            st.caption("The workbook has no initiative dates on an Alliances sheet: pick one date.")
        if st.session_state.get("ba_mode") == "one":
            st.date_input("Initiative started on", key="ba_date", format="YYYY-MM-DD")
            st.multiselect(
                "Alliances in the initiative",
                sorted(ledger.entries["alliance"].unique()),
                key="ba_participants",
                help="Leave some out to use them as a control group.",
            )
    with right:
        st.radio("Windows", list(WINDOW_LABELS), key="ba_window", format_func=WINDOW_LABELS.get)
        if st.session_state.get("ba_window") == MONTHS:
            st.number_input("Months on each side", key="ba_months", min_value=1, max_value=120, step=1)
        st.text_input("Initiative name (for the case-study paragraph)", key="ba_name", max_chars=80)
