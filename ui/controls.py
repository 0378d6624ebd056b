"""Widget groups that set a view's options; each writes to its session-state keys (see ui.session)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.model import ALL, EQUAL, MONTHS
from core.reading.ledger import Ledger
from ui.text import plain

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


def benchmark_editor() -> None:
    """Add, change or remove benchmarks; each names its source. Applied with a button, validated first."""
    rows = pd.DataFrame(st.session_state.get("benchmarks") or [], columns=["name", "roi", "source"])
    shown = pd.DataFrame({"Benchmark": rows["name"], "ROI %": rows["roi"] * 100, "Source": rows["source"]})
    version = st.session_state.get("bench_version", 0)
    edited = st.data_editor(
        shown,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"bench_editor_{version}",
        column_config={
            "Benchmark": st.column_config.TextColumn(required=True, max_chars=80),
            "ROI %": st.column_config.NumberColumn(
                required=True, format="%.1f", min_value=-100.0, max_value=1000.0
            ),
            "Source": st.column_config.TextColumn(help="Where the figure comes from", max_chars=160),
        },
    )
    left, right = st.columns(2)
    if left.button("Apply benchmark changes", type="primary", key="bench_apply"):
        problems, cleaned = validate_benchmarks(edited)
        if problems:
            for problem in problems:
                st.error(plain(problem))
        else:
            st.session_state["benchmarks"] = cleaned
            st.session_state["bench_version"] = version + 1
            st.rerun()
    if right.button("Back to the defaults and the workbook's own", key="bench_reset"):
        st.session_state.pop("benchmarks", None)
        st.session_state["bench_version"] = version + 1
        st.rerun()


def validate_benchmarks(edited: pd.DataFrame) -> tuple[list[str], list[dict]]:
    """Problems of the edited benchmark rows (row numbers as shown), or the cleaned rows."""
    problems, cleaned, seen = [], [], set()
    for number, row in enumerate(edited.itertuples(index=False), start=1):
        name = "" if pd.isna(row[0]) else " ".join(str(row[0]).split())
        roi = row[1]
        if not name and pd.isna(roi):
            continue
        if not name:
            problems.append(f"Row {number}: give the benchmark a name.")
        elif name.casefold() in seen:
            problems.append(f"Row {number}: '{name}' is listed twice.")
        if pd.isna(roi):
            problems.append(f"Row {number}: give '{name or 'the benchmark'}' an ROI in percent, e.g. 15.")
        seen.add(name.casefold())
        source = ("" if pd.isna(row[2]) else " ".join(str(row[2]).split())) or "entered in the app"
        cleaned.append({"name": name, "roi": float(roi) / 100 if pd.notna(roi) else None, "source": source})
    return problems, cleaned
