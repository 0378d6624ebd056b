"""Widget groups that set a view's options; each writes to its session-state keys (see ui.session)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.model import ALL, EQUAL, MONTHS
from core.reading.ledger import Ledger
from ui import fields
from ui.state import BA_MODE, BA_MONTHS, BENCHMARKS, PARTICIPANTS
from ui.text import plain

WINDOW_LABELS = {
    EQUAL: "Equal windows, the longest the data allows",
    MONTHS: "A number of months on each side",
    ALL: "All data on each side",
}

# Who took part in the initiative (see `participant_controls`).
EVERY, ONLY, EXCEPT = "every", "only", "except"
WHO_LABELS = {
    EVERY: "Every alliance",
    ONLY: "Only those I pick",
    EXCEPT: "Every alliance but those I pick",
}
WHO_KEY, PICKED_KEY = "ba_who", "ba_picked"


def initiative_controls(ledger: Ledger) -> None:
    """Where the initiative date comes from, the date, who took part, and the windows."""
    has_sheet_dates = ledger.alliances["initiative_date"].notna().any()
    left, right = st.columns(2)
    with left:
        if has_sheet_dates:
            st.radio(
                "Initiative date",
                ["sheet", "one"],
                key=BA_MODE,
                format_func=lambda m: (
                    "Each alliance's date from the Alliances sheet"
                    if m == "sheet"
                    else "One date for the alliances I pick"
                ),
                help="Alliances without the initiative are the control group.",
            )
        else:
            st.session_state[BA_MODE] = "one"
            st.caption("The workbook has no initiative dates on an Alliances sheet: pick one date.")
        if st.session_state.get(BA_MODE) == "one":
            st.date_input(format="YYYY-MM-DD", **fields.widget("ba"))
            participant_controls(tuple(sorted(ledger.entries["alliance"].unique())))
    with right:
        st.radio(options=list(WINDOW_LABELS), format_func=WINDOW_LABELS.get, **fields.widget("win"))
        if st.session_state.get(fields.key("win")) == MONTHS:
            st.number_input("Months on each side", key=BA_MONTHS, min_value=1, max_value=120, step=1)
        st.text_input(max_chars=80, **fields.widget("name"))


def participants_of(who: str, picked: list[str], alliances: tuple[str, ...]) -> list[str]:
    """The alliances in the initiative: every one, only those picked, or every one but those picked."""
    if who == EVERY:
        return list(alliances)
    if who == ONLY:
        return list(picked)
    left_out = set(picked)
    return [a for a in alliances if a not in left_out]


def who_and_picked(participants: list[str], alliances: tuple[str, ...]) -> tuple[str, list[str]]:
    """How the participant controls show a list of participants: every alliance, or the shorter of
    the participants and the others (the control group), so the picker holds as few names as it can."""
    taking_part = set(participants)
    if taking_part >= set(alliances):
        return EVERY, []
    others = [a for a in alliances if a not in taking_part]
    if len(participants) <= len(others):
        return ONLY, list(participants)
    return EXCEPT, others


def participant_controls(alliances: tuple[str, ...]) -> None:
    """Who took part in the initiative: every alliance (the default), only those picked, or every one
    but those picked (the control group). `ba_participants` holds the list the report uses; these
    widgets show it, and a change in them writes it before the rerun that builds the report.

    A picker of every alliance's chip would take seconds to draw at thousands of alliances, so the
    picker is shown only to narrow the list down, holding the fewer names of the two ways to say it."""
    state = st.session_state
    participants = list(state.get(PARTICIPANTS) or [])
    shown = participants_of(state.get(WHO_KEY, EVERY), state.get(PICKED_KEY) or [], alliances)
    if WHO_KEY not in state or shown != participants:
        # First drawn on this visit to the page, or the list was set elsewhere (a link, a new ledger).
        state[WHO_KEY], state[PICKED_KEY] = who_and_picked(participants, alliances)
    st.radio(
        "Alliances in the initiative",
        list(WHO_LABELS),
        key=WHO_KEY,
        format_func=WHO_LABELS.get,
        on_change=_write_participants,
        args=(alliances,),
        help="The alliances left out are the control group.",
    )
    who = state[WHO_KEY]
    if who != EVERY:
        st.multiselect(
            "Alliances taking part" if who == ONLY else "Alliances left out (the control group)",
            alliances,
            key=PICKED_KEY,
            on_change=_write_participants,
            args=(alliances,),
            placeholder="Type a name to pick it",
        )
        taking_part = len(participants_of(who, state.get(PICKED_KEY) or [], alliances))
        if taking_part:
            st.caption(f"{taking_part:,} of {len(alliances):,} alliances take part.")
        else:
            st.caption("None would take part, so every alliance does until you pick one.")


def _write_participants(alliances: tuple[str, ...]) -> None:
    state = st.session_state
    state[PARTICIPANTS] = participants_of(state.get(WHO_KEY, EVERY), state.get(PICKED_KEY) or [], alliances)


def benchmark_editor() -> None:
    """Add, change or remove benchmarks; each names its source. Applied with a button, validated first."""
    rows = pd.DataFrame(st.session_state.get(BENCHMARKS) or [], columns=["name", "roi", "source"])
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
            st.session_state[BENCHMARKS] = cleaned
            st.session_state["bench_version"] = version + 1
            st.rerun()
    if right.button("Back to the defaults and the workbook's own", key="bench_reset"):
        st.session_state.pop(BENCHMARKS, None)
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
