"""The Decisions page's pieces: recommendations, the rules that make them, opportunity cost,
scenarios and the action plan. Every figure comes from the report (core/analysis); this module
only draws it and turns widgets into settings, which the link and a saved review then carry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.analysis.actions import MARKED, follow_up
from core.analysis.decisions import FACTORS, POINT_COLUMNS, RULE_NAMES, DecisionRules
from core.analysis.health import HEALTH_GAP, HEALTH_LOW
from core.analysis.risks import NO_EXIT_CONDITIONS, RISK_NO_MITIGATION, RISK_NO_OWNER
from core.analysis.scenarios import Change, change_text
from core.model import PORTFOLIO, RECOMMENDATIONS, ActionStatus, Recommendation, ScenarioChange
from core.output import columns as cols
from core.output.columns import Column, TableSpec, display_frame
from core.output.csv import table_csv
from core.output.decision_sheets import (
    RULE_LABELS,
    health_detail_display,
    health_display,
    risk_summary_display,
    risks_display,
    scenario_tables,
)
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE, NO_RISKS_OR_HEALTH_NOTE
from core.report import Report
from core.settings import BY_PARAM
from core.settings.values import MAX_CHANGES, MAX_REFUND, RULE_LIMITS
from ui import plan, reviews, views
from ui.columns import marked_column
from ui.text import plain

RULES_KEY = BY_PARAM["rules"].key
SCENARIO_KEY = BY_PARAM["scn"].key
_RULES_PROBLEM = "_rules_problem"
ICONS: dict[str, str] = {
    Recommendation.INVEST: "▲",
    Recommendation.MAINTAIN: "●",
    Recommendation.FIX: "◆",
    Recommendation.EXIT: "▼",
}
CHANGE_WORDS: dict[str, str] = {
    ScenarioChange.DROP: "Drop it",
    ScenarioChange.SCALE: "Scale it (× a factor)",
    ScenarioChange.REFUND: "Re-fund it (a new cost)",
}
# Points and scores are plain numbers on this page (the workbook holds them as hundredths).
POINTS_FORMAT = "%+.1f"
# Column widths in pixels, so that a 1,400-pixel window reads the cells that matter without a cut.
REASONS_WIDTH = 560
# A grid shows every row up to this many (then it scrolls): rows are 35 pixels, plus the header.
ROW_PIXELS, MAX_WHOLE_ROWS = 35, 20
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
OUTCOME_CHOICES = ("Not marked", str(ActionStatus.DONE), str(ActionStatus.DROPPED))
# At most this many accepted actions get a control each; past it, one grid has a row per action.
MARKED_ONE_BY_ONE = 30
SCORE = Column("score", "Score", "number", "Sum of the factors' points; the rules are below")
RECOMMENDATIONS_VIEW: TableSpec = (
    cols.ALLIANCE,
    Column(
        "recommendation", "Recommendation", "text", "Invest, Maintain, Fix or Exit: the first cut reached"
    ),
    SCORE,
    Column("reasons", "Reasons", "text", "The factors that gave points, each with its points"),
    cols.ROI,
    cols.RISK_ADJUSTED_ROI,
    cols.HEALTH_SCORE,
    *(Column(c, f"{f.capitalize()} points", "number") for f, c in zip(FACTORS, POINT_COLUMNS, strict=True)),
)
OVER_ALTERNATIVE = Column(
    "points_over_alternative",
    "Over alternative (pts)",
    "number",
    "ROI − the alternative's rate",
    cols.NO_COST,
)
OPPORTUNITY_VIEW: TableSpec = (
    cols.ALLIANCE,
    cols.COST,
    cols.NET_VALUE,
    Column("opportunity_cost", "Opportunity cost", "money", "Cost × the alternative's rate"),
    Column("value_over_alternative", "Value over alternative", "money", "Net value − opportunity cost"),
    OVER_ALTERNATIVE,
)
FOLLOW_UP_VIEW: TableSpec = (
    cols.ALLIANCE,
    Column("action", "Action", "text"),
    Column("owner", "Owner", "text"),
    Column("due", "Due date", "date"),
    Column(
        "status",
        "Status",
        "text",
        "Done or Dropped as marked; otherwise Overdue after its due day, else Open",
    ),
)


def whole_height(rows: int) -> int:
    """A grid's height that shows all `rows` (at most MAX_WHOLE_ROWS, then it scrolls)."""
    return ROW_PIXELS * (min(rows, MAX_WHOLE_ROWS) + 1) + 3


def _points_grid(table: pd.DataFrame | Any, headers: list[str]) -> dict[str, Any]:
    """`views.grid` with these number columns shown as signed points (+2.0)."""
    shown = views.grid(table)
    for header in headers:
        if header in shown["column_config"]:
            hint = shown["column_config"][header].get("help")
            shown["column_config"][header] = st.column_config.NumberColumn(help=hint, format=POINTS_FORMAT)
    return shown


# Recommendations


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


def recommendations(report: Report) -> None:
    """Counts per recommendation, then the sortable table with the reasons."""
    counts = report.decisions["recommendation"].astype(str).value_counts()
    with views.tiles(len(RECOMMENDATIONS)):
        for name in RECOMMENDATIONS:
            st.metric(f"{ICONS[name]} {name}", int(counts.get(str(name), 0)))
    table = display_frame(recommendation_rows(report), RECOMMENDATIONS_VIEW)
    headers = [c.header for c in RECOMMENDATIONS_VIEW if c.source == "score" or c.source in POINT_COLUMNS]
    shown = _points_grid(table, headers)
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


# Rules


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


# Opportunity cost


def opportunity_rows(report: Report) -> pd.DataFrame:
    """Per alliance and the Portfolio: cost, net value, opportunity cost and value over the alternative."""
    p = report.portfolio
    money = pd.concat(
        [
            report.alliances[["cost", "net_value"]].astype(float),
            pd.DataFrame({"cost": [p.cost], "net_value": [p.net_value]}, index=[PORTFOLIO]),
        ]
    )
    rows = report.opportunity.join(money)
    # The Portfolio first: a long table scrolls, and the total is what a reader looks for.
    first = rows.index == PORTFOLIO
    return pd.concat([rows[first], rows[~first]]).reset_index(names="alliance")


def opportunity_cost(report: Report) -> None:
    """The alternative (rate and name, default the hurdle rate) and each alliance's margin over it."""
    st.subheader("Opportunity cost")
    rate, name = report.settings.alternative()
    hurdle = report.settings.time.hurdle_rate
    left, right = st.columns(2)
    spec = BY_PARAM["alt"]
    left.number_input(
        "Return of the next-best use (% a year)",
        key=spec.key,
        min_value=spec.low,
        max_value=spec.high,
        step=0.5,
        value=None,
        placeholder=f"the hurdle rate, {hurdle * 100:g} %",
        help="What the same money would earn elsewhere. Empty: the hurdle rate (sidebar).",
    )
    right.text_input(
        "Its name",
        key=BY_PARAM["altname"].key,
        max_chars=80,
        placeholder="e.g. direct sales campaigns",
        help="Shown in the tables and the workbook.",
    )
    table = report.opportunity
    if PORTFOLIO in table.index:
        total = table.loc[PORTFOLIO]
        scale = views.money_scale(report)
        with views.tiles(2):
            st.metric(
                f"Portfolio value over {plain(name)}",
                fmt.scaled_money(total["value_over_alternative"], scale, report.currency),
                help=f"Net value − {rate:.1%} × cost",
            )
            points = total["points_over_alternative"]
            st.metric(
                "Portfolio ROI over it",
                "n/a" if pd.isna(points) else f"{points:+.1f} pts",
                help=f"Portfolio ROI − {rate:.1%}, in percentage points",
            )
    st.caption(f"Alternative: {plain(name)} at {rate:.1%} a year.")
    shown = display_frame(opportunity_rows(report), OPPORTUNITY_VIEW)
    st.dataframe(
        **_points_grid(shown, [OVER_ALTERNATIVE.header]),
        hide_index=True,
        width="stretch",
        height=whole_height(len(shown)),
    )


# Scenarios


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
        shown["data"] = ratios.assign(**{header: ratios[header].map(points_text)})
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


# Action plan


def action_plan(report: Report) -> None:
    """Proposed actions to edit and accept, then the previous review's accepted actions to mark."""
    st.subheader("Action plan")
    _opened_plan_note()
    if report.actions.empty:
        st.success(
            "No actions proposed: no red flags and no Fix or Exit recommendation for the alliances in view.",
            icon=":material/check_circle:",
        )
    else:
        _proposals(report)
    _follow_ups()


def _opened_plan_note() -> None:
    """When a saved review is open: how many actions it kept, and where they are on this page (the
    proposals below are new ones, for the next review)."""
    found = reviews.opened()
    if found is None:
        return
    try:
        kept = len(reviews.store().plan_of(found.review.id))
    except reviews.StoreUnavailable:
        return  # the follow-up section below says why
    title = plain(found.review.title)
    if kept:
        st.info(
            f"The review '{title}' you opened kept {kept} accepted action{'s' if kept != 1 else ''}: they "
            f"are listed below under **Actions accepted in '{title}'**, to mark what became of them. The "
            "proposals just below are new ones, for the review you save next.",
            icon=":material/assignment:",
        )
    else:
        st.info(
            f"The review '{title}' you opened was saved without accepted actions. The proposals below are "
            "new ones, for the review you save next.",
            icon=":material/assignment:",
        )


def _proposals(report: Report) -> None:
    st.caption(
        "Each red flag and each Fix or Exit recommendation proposes actions due 30, 60 or 90 days after "
        "the day goals are judged on. Edit the action, owner and due day, and tick the ones to do: the "
        "ticked ones are kept when you save this review (sidebar, 'Save this review'). Nothing is stored "
        "before you save."
    )
    rows = plan.editable(report)
    edited = st.data_editor(
        rows,
        key=plan.editor_key(report),
        num_rows="fixed",
        hide_index=True,
        width="stretch",
        # The short columns first, so that due day, days and owner are never cut, then the action (a
        # click on a cell shows all of it), then what proposed it. The proposed due day stays hidden.
        column_order=["accept", "alliance", "due", "horizon", "owner", "action", "source"],
        height=whole_height(len(rows)),
        column_config={
            "accept": st.column_config.CheckboxColumn(
                "Accept", help="Keep this action with the saved review", width=80
            ),
            "alliance": st.column_config.TextColumn("Alliance", disabled=True, pinned=True, width=140),
            "due": st.column_config.DateColumn("Due date", format="YYYY-MM-DD", required=True, width=110),
            "horizon": st.column_config.NumberColumn("Days", disabled=True, format="%d", width=60),
            "owner": st.column_config.TextColumn("Owner", max_chars=120, width=120),
            "source": st.column_config.TextColumn(
                "Source", disabled=True, help="The red flag or recommendation", width=180
            ),
            "action": st.column_config.TextColumn("Action", width=600, required=True, max_chars=500),
        },
    )
    plan.remember(report, pd.DataFrame(edited))
    chosen = len(plan.accepted(report))
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="center")
    left.markdown(f"**{chosen} of {len(rows)} accepted**")
    middle.button("Accept all", key="plan_accept_all", on_click=plan.accept_all, args=(report, True))
    right.button("Accept none", key="plan_accept_none", on_click=plan.accept_all, args=(report, False))


def _follow_ups() -> None:
    """The accepted actions of the review a save would follow: mark each Done or Dropped."""
    found = reviews.previous()
    if found is None:
        return
    try:
        accepted = reviews.store().plan_of(found.review.id)
        recorded = reviews.store().actions_of(found.review.id)
    except reviews.StoreUnavailable as exc:
        st.caption(plain(exc))
        return
    title = plain(found.review.title)
    followed = recorded[recorded["follows_id"].notna()]
    if len(followed):
        st.markdown(f"**Where the actions before '{title}' stood when it was saved**")
        st.dataframe(**views.grid(display_frame(followed, FOLLOW_UP_VIEW)), hide_index=True, width="stretch")
    if accepted.empty:
        st.caption(f"'{title}' was saved without accepted actions, so there is nothing to follow up.")
        return
    review_id = found.review.id
    marks = plan.marks_of(review_id)
    st.markdown(f"**Actions accepted in '{title}': mark what became of each**")
    shown = follow_up(accepted, marks, dt.date.today())
    if len(accepted) > MARKED_ONE_BY_ONE:
        # The grid's rows say each action's status too: no second grid of thousands of rows.
        _outcome_grid(review_id, accepted, marks, shown["status"])
    else:
        for ident, alliance, action, owner, due in zip(
            accepted["id"],
            accepted["alliance"],
            accepted["action"],
            accepted["owner"],
            accepted["due"],
            strict=True,
        ):
            _outcome_control(review_id, int(ident), f"{alliance}: {action}", owner, due, marks)
        st.dataframe(**views.grid(display_frame(shown, FOLLOW_UP_VIEW)), hide_index=True, width="stretch")
    st.caption(
        "The rest are Overdue once their due day has passed, else Open. The next saved review that follows "
        f"'{title}' keeps these outcomes, judged on its review date."
    )


def outcome_key(review_id: int, action_id: int) -> str:
    """The widget key of one accepted action's outcome control."""
    return f"outcome_{review_id}_{action_id}"


def _outcome_control(
    review_id: int, action_id: int, text: str, owner: object, due: object, marks: dict[int, str]
) -> None:
    """One accepted action: what it said, who owned it, when it was due, and a choice of Not marked,
    Done or Dropped (one action at a time, so that no single click marks them all)."""
    key = outcome_key(review_id, action_id)
    st.session_state[key] = marks.get(action_id, OUTCOME_CHOICES[0])
    words, choice = st.columns([3, 2], vertical_alignment="center")
    who = plain(owner) if isinstance(owner, str) and owner.strip() else "no owner"
    when = f"due {due:%Y-%m-%d}" if isinstance(due, dt.date) else "no due day"
    words.markdown(f"{plain(text)}  \n:gray[{who} · {when}]")
    choice.segmented_control(
        f"What became of it: {plain(text)}",
        OUTCOME_CHOICES,
        key=key,
        label_visibility="collapsed",
        on_change=_marked,
        args=(review_id, action_id),
    )


def outcomes_key(review_id: int) -> str:
    """The widget key of the grid that marks many accepted actions of review `review_id`."""
    return f"outcomes_{review_id}"


def _outcome_grid(review_id: int, accepted: pd.DataFrame, marks: dict[int, str], status: pd.Series) -> None:
    """Many accepted actions: a grid with a row each, its status (as `follow_up` gives it) and
    what became of it (Not marked, Done or Dropped), picked row by row as the controls of a few
    actions are. A control per action at thousands of actions would take the page seconds to draw."""
    rows = pd.DataFrame(
        {
            "id": accepted["id"].astype(int).to_numpy(),
            "alliance": accepted["alliance"].to_numpy(),
            "due": accepted["due"].to_numpy(),
            "owner": accepted["owner"].to_numpy(),
            "action": accepted["action"].to_numpy(),
            "status": [str(v) for v in status],
            "outcome": [marks.get(int(i), OUTCOME_CHOICES[0]) for i in accepted["id"]],
        }
    )
    st.caption(
        f"{len(rows):,} actions, a row each: pick what became of each in its last column (Not marked, Done "
        "or Dropped)."
    )
    st.data_editor(
        rows,
        key=outcomes_key(review_id),
        num_rows="fixed",
        hide_index=True,
        width="stretch",
        column_order=["alliance", "due", "owner", "action", "status", "outcome"],
        disabled=["alliance", "due", "owner", "action", "status"],
        height=whole_height(len(rows)),
        column_config={
            "alliance": st.column_config.TextColumn("Alliance", pinned=True, width=140),
            "due": st.column_config.DateColumn("Due date", format="YYYY-MM-DD", width=110),
            "owner": st.column_config.TextColumn("Owner", width=120),
            "action": st.column_config.TextColumn("Action", width=600),
            "status": st.column_config.TextColumn(
                "Status", help=next(c.help for c in FOLLOW_UP_VIEW if c.source == "status"), width=90
            ),
            "outcome": st.column_config.SelectboxColumn(
                "What became of it", options=list(OUTCOME_CHOICES), required=True, width=150
            ),
        },
        on_change=_outcomes_edited,
        args=(review_id, rows["id"].tolist()),
    )


def _outcomes_edited(review_id: int, ids: list[int]) -> None:
    """Rows of the outcome grid changed: keep each edited row's outcome as the mark of its action."""
    edited = (st.session_state.get(outcomes_key(review_id)) or {}).get("edited_rows", {})
    marks = plan.marks_of(review_id)
    for row, change in edited.items():
        if "outcome" not in change:
            continue
        action_id = ids[int(row)]
        marks.pop(action_id, None)
        if change["outcome"] in MARKED:
            marks[action_id] = str(change["outcome"])
    plan.mark(review_id, marks)


def _marked(review_id: int, action_id: int) -> None:
    chosen = st.session_state.get(outcome_key(review_id, action_id))
    marks = {i: s for i, s in plan.marks_of(review_id).items() if i != action_id}
    if chosen in MARKED:
        marks[action_id] = str(chosen)
    plan.mark(review_id, marks)


# Scorecard: relationship health and risks


def how_to_add_note(report: Report) -> str | None:
    """The reader's note on adding a missing Risks or Health sheet, if the workbook lacks one."""
    notes = (NO_RISKS_NOTE, NO_HEALTH_NOTE, NO_RISKS_OR_HEALTH_NOTE)
    return next((note for note in report.ledger.notes if note in notes), None)


def _flags_of(report: Report, names: tuple[str, ...]) -> None:
    """The red flags of these kinds, one line each (alliance: flag, figures); of many alliances, a
    grid with a row each."""
    chosen = report.flags[report.flags["flag"].isin(names)] if len(report.flags) else report.flags
    if len(chosen) and not views.listed_one_by_one(chosen):
        views.flags_grid(report, chosen, names)
        return
    for alliance, flag, figures in zip(chosen["alliance"], chosen["flag"], chosen["figures"], strict=True):
        st.markdown(f"- **{plain(alliance)}**: {plain(flag)} ({plain(figures)})")


def one_sided_note(scored: pd.DataFrame) -> str | None:
    """Which scored alliances have one side's scores only (plain text), or None when all have both."""
    us, partner = scored["us"].isna(), scored["partner"].isna()
    alone = scored.index[us | partner]
    if not len(alone):
        return None
    said = [f"{name} (the {'partner' if partner[name] else 'our'} side is missing)" for name in alone]
    return (
        f"Scored by one side only: {', '.join(said)}. The health score there is that side's view alone, "
        "not the relationship's; the gap cannot be measured. Add the other side's rows to the Health sheet."
    )


def _one_sided(scored: pd.DataFrame) -> None:
    note = one_sided_note(scored)
    if note:
        st.warning(plain(note), icon=":material/balance:")


def health_and_risks(report: Report) -> None:
    """Relationship health per alliance (both sides, score, gap, widest dimension) and the risks
    (expected loss per risk, risk-adjusted ROI per alliance), each with its red flags."""
    note = how_to_add_note(report)
    if note:
        st.info(plain(note), icon=":material/info:")
        views.template_download(key="decision_template_download")
    # A section shows when the workbook has its sheet (or, for risks, a flag to list): the note
    # above already says how to add them, so no heading stands over nothing.
    if report.ledger.health_sheet is not None:
        st.subheader("Relationship health")
        scored = report.health[report.health["scored"].astype(bool)] if len(report.health) else report.health
        if scored.empty:
            st.info("No alliance in view has scores on the Health sheet.", icon=":material/info:")
        else:
            st.dataframe(**views.grid(health_display(report)), hide_index=True, width="stretch")
            _one_sided(scored)
            with st.expander("Scores per dimension"):
                st.dataframe(**views.grid(health_detail_display(report)), hide_index=True, width="stretch")
            _flags_of(report, (HEALTH_LOW, HEALTH_GAP))
    risk_flags = (RISK_NO_OWNER, RISK_NO_MITIGATION, NO_EXIT_CONDITIONS)
    if report.ledger.risks_sheet is not None or report.flags["flag"].isin(risk_flags).any():
        st.subheader("Risks")
    if report.ledger.risks_sheet is not None:
        if report.risks.empty:
            st.info("No risks are listed for the alliances in view.", icon=":material/info:")
        else:
            total = float(report.risks["expected_loss"].sum())
            st.metric(
                "Expected loss",
                fmt.scaled_money(total, views.money_scale(report), report.currency),
                help="Σ probability × impact in money over the risks of the alliances in view",
            )
            st.dataframe(**views.grid(risks_display(report)), hide_index=True, width="stretch")
            st.markdown("**Risk-adjusted ROI per alliance**")
            st.dataframe(**views.grid(risk_summary_display(report)), hide_index=True, width="stretch")
    _flags_of(report, risk_flags)
