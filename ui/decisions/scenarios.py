"""Scenarios: what if an alliance were dropped, scaled or re-funded. The editor turns widgets into
the scenario's changes (kept in the link and a saved review); the result sets the recomputed
portfolio beside today's."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.analysis.scenarios import Change, change_text
from core.model import ScenarioChange
from core.output.csv import table_csv
from core.output.decision_sheets import scenario_tables
from core.report import Report
from core.settings.values import MAX_CHANGES, MAX_REFUND
from ui import fields, views
from ui.text import plain

SCENARIO_KEY = fields.key("scn")
CHANGE_WORDS: dict[str, str] = {
    ScenarioChange.DROP: "Drop it",
    ScenarioChange.SCALE: "Scale it (× a factor)",
    ScenarioChange.REFUND: "Re-fund it (a new cost)",
}


def change_words(change: Change, currency: str | None) -> str:
    """A change in words with the report's currency: 're-fund Gamma to 20,000 EUR'."""
    if change.change == ScenarioChange.REFUND:
        return f"re-fund {change.alliance} to {fmt.money(change.value, currency)}"
    return change_text(change)


def points_text(change: float | None) -> str:
    """A change of ROI in points as the tiles say it: '+3.1 pts', 'n/a' when undefined."""
    return "n/a" if change is None or pd.isna(change) else f"{change * 100:+.1f} pts"


def current_scenario() -> tuple[Change, ...]:
    return tuple(Change(*c) for c in st.session_state.get(SCENARIO_KEY) or ())


def _add_change() -> None:
    state = st.session_state
    alliance, kind = state.get("scn_alliance"), state.get("scn_change")
    if not alliance or not kind:
        return
    value = 0.0
    if kind == ScenarioChange.SCALE:
        value = float(state.get("scn_factor") or 1.0)
    elif kind == ScenarioChange.REFUND:
        value = float(state.get("scn_cost") or 0.0)
    # One change per alliance: a new one replaces the old.
    kept = [c for c in current_scenario() if c.alliance != alliance][: MAX_CHANGES - 1]
    state[SCENARIO_KEY] = (*kept, Change(str(alliance), ScenarioChange(kind), value))


def _remove_change(alliance: str) -> None:
    st.session_state[SCENARIO_KEY] = tuple(c for c in current_scenario() if c.alliance != alliance)


def _clear_scenario() -> None:
    st.session_state[SCENARIO_KEY] = ()


def scenario_editor(report: Report) -> None:
    """Pick an alliance and a change, add it; the scenario's changes listed with a way to remove each."""
    st.subheader("Scenarios")
    st.caption(
        "What if an alliance were dropped, scaled (revenue and cost × a factor) or re-funded (a new cost, "
        "revenue in proportion)? The portfolio is recomputed beside today's. The scenario is kept in the "
        "link (scn=…) and exported."
    )
    names = [str(a) for a in report.alliances.index]
    first, second, third, fourth = st.columns([3, 3, 2, 2], vertical_alignment="bottom")
    first.selectbox("Alliance", names, key="scn_alliance")
    kind = second.selectbox(
        "Change", list(ScenarioChange), key="scn_change", format_func=lambda k: CHANGE_WORDS[k]
    )
    if kind == ScenarioChange.SCALE:
        third.number_input(
            "Factor (×)", min_value=0.01, max_value=100.0, value=1.5, step=0.1, key="scn_factor"
        )
    elif kind == ScenarioChange.REFUND:
        third.number_input(
            "New cost", min_value=0.0, max_value=MAX_REFUND, value=0.0, step=1000.0, key="scn_cost"
        )
    fourth.button("Add to the scenario", on_click=_add_change, key="scn_add", icon=":material/add:")
    changes = current_scenario()
    for change in changes:
        text_col, button_col = st.columns([5, 1], vertical_alignment="center")
        text_col.markdown(f"- {plain(change_words(change, report.currency))}")
        button_col.button(
            "Remove", key=f"scn_remove_{change.alliance}", on_click=_remove_change, args=(change.alliance,)
        )
    if changes:
        st.button("Clear the scenario", on_click=_clear_scenario, key="scn_clear")


def scenario_result(report: Report) -> None:
    """Today against the scenario: headline figures, the comparison, every alliance, notes, a CSV."""
    result = report.scenario
    tables = scenario_tables(report)
    if result is None or tables is None:
        st.info(
            "No scenario yet: pick an alliance and a change above and add it to see the portfolio "
            "recomputed.",
            icon=":material/science:",
        )
        return
    today, after = result.today, result.scenario
    scale = views.money_scale(report)
    with views.tiles(4):
        if after.roi is None or today.roi is None:
            st.metric("Portfolio ROI in scenario", "n/a" if after.roi is None else fmt.percent(after.roi))
        else:
            st.metric(
                "Portfolio ROI in scenario",
                fmt.percent(after.roi),
                f"{(after.roi - today.roi) * 100:+.1f} pts from {fmt.percent(today.roi)}",
            )
        st.metric(
            "Net value in scenario",
            fmt.scaled_money(after.net_value, scale, report.currency),
            fmt.scaled_money(round(after.net_value - today.net_value, 2), scale, report.currency),
        )
        st.metric("Revenue in scenario", fmt.scaled_money(after.revenue, scale, report.currency))
        st.metric("Cost in scenario", fmt.scaled_money(after.cost, scale, report.currency))
    for note in result.notes:
        st.info(plain(note), icon=":material/info:")
    money, ratios, alliances = tables
    left, right = st.columns(2)
    left.dataframe(**views.grid(money), hide_index=True, width="stretch")
    right.dataframe(**_ratios_grid(ratios), hide_index=True, width="stretch")
    st.dataframe(**_alliances_grid(report, alliances), hide_index=True, width="stretch")
    st.download_button(
        "Scenario (.csv)",
        lambda: scenario_csv(report),
        file_name="scenario.csv",
        mime="text/csv",
        key="scenario_csv",
        icon=":material/table:",
        on_click="ignore",
    )


def _ratios_grid(ratios: pd.DataFrame) -> dict[str, Any]:
    """The ROI and cut points, their change in points as the tiles write it ('+3.1 pts')."""
    shown = views.grid(ratios)
    header = "Change (pts)"
    if header in ratios.columns:
        hint = shown["column_config"].get(header, {}).get("help")
        # The grid's own (scaled) data, with the change as the tiles' text.
        shown["data"] = shown["data"].assign(**{header: ratios[header].map(points_text)})
        shown["column_config"][header] = st.column_config.TextColumn(help=hint)
    return shown


def _alliances_grid(report: Report, alliances: pd.DataFrame) -> dict[str, Any]:
    """Each alliance in the scenario, its change in words with the currency, wide enough to read."""
    words = (
        {c.alliance: change_words(c, report.currency) for c in report.scenario.changes}
        if report.scenario
        else {}
    )
    said = alliances["Alliance"].map(words)
    shown = views.grid(alliances.assign(Change=said.where(said.notna(), alliances["Change"])))
    hint = shown["column_config"].get("Change", {}).get("help")
    shown["column_config"]["Change"] = st.column_config.TextColumn(help=hint, width="large")
    return shown


def scenario_csv(report: Report) -> bytes:
    """Today against the scenario (money, then ROI and cut points), a blank line, then each alliance."""
    tables = scenario_tables(report)
    if tables is None:
        return b""
    parts = [table_csv(table) for table in tables]
    bom = "\ufeff".encode()
    return bom + b"\r\n".join(part.removeprefix(bom) for part in parts)
