"""Recommendations: counts per recommendation and the grid with each alliance's reasons, then the
rules that make them (points per factor and cut scores), edited in number boxes that the link and a
saved review carry."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pandas as pd
import streamlit as st

from core.analysis.decisions import POINT_COLUMNS, RULE_NAMES, DecisionRules
from core.model import RECOMMENDATIONS, Recommendation
from core.output import columns as cols
from core.output.columns import display_frame
from core.output.decision_sheets import RULE_LABELS
from core.report import Report
from core.settings.values import RULE_LIMITS
from ui import views
from ui.columns import marked_column
from ui.decisions.shared import points_grid, whole_height
from ui.fields import key as setting_key
from ui.text import plain

RULES_KEY = setting_key("rules")
_RULES_PROBLEM = "_rules_problem"
ICONS: dict[str, str] = {
    Recommendation.INVEST: "▲",
    Recommendation.MAINTAIN: "●",
    Recommendation.FIX: "◆",
    Recommendation.EXIT: "▼",
}
# Column widths in pixels, so that a 1,400-pixel window reads the cells that matter without a cut.
REASONS_WIDTH = 560
# The rule boxes, grouped by the factor they weigh (one row each; a phone stacks them in this order).
RULE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Band", ("strong", "moderate", "weak")),
    ("Quartile", ("top", "bottom")),
    ("Trend", ("rising", "falling")),
    ("Goals", ("on_track", "at_risk", "off_track")),
    ("Red flags", ("flag", "max_flags")),
    ("Relationship health", ("healthy", "unhealthy", "healthy_from", "unhealthy_to")),
    ("Cut scores", ("invest", "maintain", "fix")),
)


def recommendation_rows(report: Report) -> pd.DataFrame:
    """Per alliance, highest score first (ties in the ledger's order): recommendation, score,
    reasons, ROI, risk-adjusted ROI, health score and each factor's points."""
    table = report.decisions.assign(
        roi=report.alliances["roi"].astype(float),
        risk_adjusted_roi=report.risk_summary["risk_adjusted_roi"]
        .reindex(report.decisions.index)
        .astype(float),
    )
    table = table.sort_values("score", ascending=False, kind="stable")
    return table.reset_index(names="alliance")


def recommendation_table(report: Report) -> None:
    """Counts per recommendation, then the sortable table with the reasons."""
    counts = report.decisions["recommendation"].astype(str).value_counts()
    with views.tiles(len(RECOMMENDATIONS)):
        for name in RECOMMENDATIONS:
            st.metric(f"{ICONS[name]} {name}", int(counts.get(str(name), 0)))
    table = display_frame(recommendation_rows(report), cols.RECOMMENDATIONS)
    headers = [c.header for c in cols.RECOMMENDATIONS if c.source == "score" or c.source in POINT_COLUMNS]
    shown = points_grid(table, headers)
    # Each recommendation with its shape ('▲ Invest'), without a Styler's per-cell work on every run.
    hint = shown["column_config"]["Recommendation"].get("help")
    shown["column_config"]["Recommendation"] = marked_column(table["Recommendation"], ICONS, hint)
    # The reasons are the table's point: wide enough for two or three factors on a desktop.
    shown["column_config"]["Reasons"] = st.column_config.TextColumn(
        help=shown["column_config"]["Reasons"].get("help"), width=REASONS_WIDTH
    )
    st.dataframe(**shown, hide_index=True, width="stretch", height=whole_height(len(table)))
    st.caption(
        "Click a column's header to sort. The score is the sum of the points in the Reasons; the "
        "recommendation is the first cut it reaches (rules below)."
    )
    reasons_in_full(table)


# Reasons written out one alliance a line up to this many; beyond, one alliance picked at a time.
REASONS_LISTED = 50


def reasons_in_full(table: pd.DataFrame) -> None:
    """Each alliance's reasons whole, which the grid's column cuts at its width (#32.14): a line
    each for a few alliances, the chosen one's for many."""
    with st.expander("Reasons in full"):
        rows = list(zip(table["Alliance"], table["Recommendation"], table["Reasons"], strict=True))
        if len(rows) > REASONS_LISTED:
            names = [str(name) for name, _, _ in rows]
            chosen = st.selectbox("Alliance", names, key="reasons_alliance")
            rows = [row for row in rows if str(row[0]) == chosen]
        for name, recommendation, reasons in rows:
            st.markdown(f"**{plain(name)}** ({plain(recommendation)}): {plain(reasons)}")


def current_rules() -> DecisionRules:
    """The rules in use: those edited or read from a link, else the defaults."""
    rules = st.session_state.get(RULES_KEY)
    return rules if isinstance(rules, DecisionRules) else DecisionRules()


def _rule_key(name: str) -> str:
    return f"rule_{name}"


def _rules_edited() -> None:
    """A rule's box changed (a callback: runs before the page, so the report uses the new rules)."""
    rules = current_rules()
    values = {name: st.session_state.get(_rule_key(name), getattr(rules, name)) for name in RULE_NAMES}
    try:
        numbers: dict[str, Any] = {name: float(v) for name, v in values.items()}
        numbers["max_flags"] = int(values["max_flags"])
        chosen = DecisionRules(**numbers)
    except (ValueError, TypeError) as why:
        st.session_state[_RULES_PROBLEM] = refusal(values, str(why))
        return
    st.session_state.pop(_RULES_PROBLEM, None)
    st.session_state[RULES_KEY] = chosen


def _label(name: str) -> str:
    return f"'{RULE_LABELS[name][0]}'"


def refusal(values: dict[str, Any], why: str) -> str:
    """Why the edited rules were not applied, in the boxes' own words (plain text)."""
    invest, maintain, fix = (float(values[n]) for n in ("invest", "maintain", "fix"))
    if not invest >= maintain >= fix:
        return (
            f"the cut scores must go down from Invest to Fix: {_label('invest')} ({invest:g}) must be at "
            f"least {_label('maintain')} ({maintain:g}), and that at least {_label('fix')} ({fix:g})"
        )
    healthy, unhealthy = float(values["healthy_from"]), float(values["unhealthy_to"])
    if not unhealthy < healthy:
        return (
            f"{_label('unhealthy_to')} ({unhealthy:g}) must be below {_label('healthy_from')} ({healthy:g})"
        )
    return f"{_label('max_flags')} must be a whole number of 0 or more" if "max_flags" in why else why


def _rules_reset() -> None:
    st.session_state[RULES_KEY] = DecisionRules()
    st.session_state.pop(_RULES_PROBLEM, None)


def rules_editor() -> None:
    """Every weight and cut score as a number box; an edit recomputes and goes into the link."""
    rules = current_rules()
    changed = sum(getattr(rules, f.name) != f.default for f in fields(DecisionRules))
    # The title never changes: a new title would be a new expander, closed after every edit.
    with st.expander("Rules: points per factor and cut scores"):
        st.caption(
            "Each factor gives points; their sum is the score. Invest from the first cut, Maintain from "
            "the second, Fix from the third, Exit below. Changes apply at once and are kept in the link "
            "(rules=…) and in a saved review."
        )
        st.markdown(
            f"**{changed} rule{'s' if changed != 1 else ''} changed from the defaults.**"
            if changed
            else "The default rules are in use."
        )
        problem = st.session_state.pop(_RULES_PROBLEM, None)
        if problem:
            st.error(f"Not applied: {plain(problem)}.", icon=":material/error:")
        for group, names in RULE_GROUPS:
            st.markdown(f"**{group}**")
            for box, name in zip(st.columns(4), names, strict=False):
                _rule_box(box, rules, name)
        st.button(
            "Back to the default rules",
            on_click=_rules_reset,
            disabled=rules == DecisionRules(),
            key="rules_default",
        )


def _rule_box(box: Any, rules: DecisionRules, name: str) -> None:
    """One rule's number box, showing the rule in use (a refused edit goes back to it)."""
    value = getattr(rules, name)
    st.session_state[_rule_key(name)] = int(value) if name == "max_flags" else float(value)
    low, high, _ = RULE_LIMITS[name]
    whole = name == "max_flags"
    box.number_input(
        RULE_LABELS[name][0],
        key=_rule_key(name),
        min_value=int(low) if whole else float(low),
        max_value=int(high) if whole else float(high),
        step=1 if whole else 0.5,
        on_change=_rules_edited,
    )
