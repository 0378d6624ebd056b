"""The workbook's decision sheets (issue #17): Decisions, Risks, Health and Actions.

They come after every sheet of the contract (and History), in that order. Each table is shown from a
display frame made here under a spec of `core.output.columns`, so the HTML report and the deck show
the same figures as the cells:

- Decisions: per alliance, highest score first, the recommendation, its score and reasons, the points
  of each factor, ROI, risk-adjusted ROI, health score and the opportunity figures; a Portfolio row
  for the opportunity figures; below, the alternative and the rules used, then the scenario (today,
  scenario, change) when one is set.
- Risks: every risk with its expected loss, then per alliance the expected loss and risk-adjusted ROI.
- Health: per alliance the two sides' means, the health score and the gap; then per dimension.
- Actions: the action plan: proposed by the review, or the accepted ones of a saved review.

A workbook read without a Risks or Health sheet still gets the sheet, holding the reader's note on
how to add one. Decision points are 'points' like ROI points (a score of 3 is held as 0.03 and shown
'+3.0 pts'), so that the cell holds 3 and no number is written as text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from core import palette
from core.analysis.decisions import POINT_COLUMNS, DecisionRules
from core.analysis.health import LOW_SCORE, WIDE_GAP, side_scores
from core.analysis.risks import IMPACT_SCORE_SHARE
from core.analysis.scenarios import scenario_text
from core.analysis.time_value import OPPORTUNITY_COLUMNS
from core.model import PORTFOLIO, Side
from core.output import columns as cols
from core.output.columns import display_frame
from core.output.xlsx import Formats, Pair, write_label, write_note, write_pairs, write_table
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE
from core.report import Report

DECISIONS, RISKS, HEALTH, ACTIONS = "Decisions", "Risks", "Health", "Actions"
DECISION_SHEETS = (DECISIONS, RISKS, HEALTH, ACTIONS)
ACTION_COLUMNS = [c.source for c in cols.ACTIONS]
# Decision points are shown with the 'points' kind, whose unit is a hundredth (0.01 is +1.0 pts).
POINTS_UNIT = 100.0
SCORE_COLUMNS = ["score", *POINT_COLUMNS]
# A sheet that only says what is missing: one wide column for the sentence to wrap in.
NOTE_WIDTH = 100.0
MONEY_FIGURES = ("Revenue", "Cost", "Net value")

# The rules in words, in the order of DecisionRules, with the kind each value is shown in.
RULE_LABELS: dict[str, tuple[str, str | None]] = {
    "strong": ("Band Strong", "points"),
    "moderate": ("Band Moderate", "points"),
    "weak": ("Band Weak", "points"),
    "top": ("Top quartile", "points"),
    "bottom": ("Bottom quartile", "points"),
    "rising": ("ROI rising (last two complete quarters)", "points"),
    "falling": ("ROI falling", "points"),
    "on_track": ("Worst goal On track or Achieved", "points"),
    "at_risk": ("Worst goal At risk", "points"),
    "off_track": ("Worst goal Off track", "points"),
    "flag": ("Each red flag", "points"),
    "max_flags": ("Red flags counted at most", "integer"),
    "healthy": ("Health score at or above 'healthy from'", "points"),
    "unhealthy": ("Health score at or below 'unhealthy to'", "points"),
    "healthy_from": ("Healthy from (health score)", None),
    "unhealthy_to": ("Unhealthy to (health score)", None),
    "invest": ("Invest from a score of", "points"),
    "maintain": ("Maintain from a score of", "points"),
    "fix": ("Fix from a score of (below: Exit)", "points"),
}
NO_SCENARIO = (
    "No scenario: set one on the Decisions page, in the link (scn=drop:A;scale:B*1.5;refund:C=20000) "
    "or with the command's --scenario."
)
PROPOSED_NOTE = (
    "Proposed by this review from the red flags and the Fix and Exit recommendations, due 30, 60 or "
    "90 days after the day goals are judged on; edit and accept them in the app, and a saved review "
    "keeps the accepted ones."
)
ACCEPTED_NOTE = "The actions accepted in the saved review, with where each stands."
NO_ACTIONS = "No actions proposed or accepted for this view."


# Display frames (the HTML report and the deck take these too)


def decision_rows(report: Report) -> pd.DataFrame:
    """Per alliance, highest score first (ties in the ledger's order), then a Portfolio row: the
    DECISIONS spec's columns in its units (points as hundredths, ROI as a fraction)."""
    table = report.decisions.astype({c: float for c in SCORE_COLUMNS})
    opportunity = report.opportunity
    rows = table.assign(
        roi=report.alliances["roi"].astype(float),
        risk_adjusted_roi=report.risk_summary["risk_adjusted_roi"].astype(float),
        **{c: opportunity[c].reindex(table.index).astype(float) for c in OPPORTUNITY_COLUMNS},
    )
    rows[SCORE_COLUMNS] = rows[SCORE_COLUMNS] / POINTS_UNIT
    rows = rows.sort_values("score", ascending=False, kind="stable").reset_index(names="alliance")
    portfolio = {c: opportunity[c].get(PORTFOLIO, float("nan")) for c in OPPORTUNITY_COLUMNS}
    total = pd.DataFrame(
        [
            {
                "alliance": PORTFOLIO,
                "recommendation": "",
                "reasons": "",
                "roi": report.portfolio.roi,
                **portfolio,
            }
        ]
    )
    # Without alliances the table is the Portfolio row alone, under every column still.
    columns = list(dict.fromkeys([*rows.columns, *total.columns]))
    rows = pd.concat([rows, total], ignore_index=True) if len(rows) else total.reindex(columns=columns)
    numbers = [c.source for c in cols.DECISIONS if c.kind != "text"]
    rows[numbers] = rows[numbers].astype(float)
    rows["points_over_alternative"] = rows["points_over_alternative"] / POINTS_UNIT
    return rows.fillna({"recommendation": "", "reasons": ""})


def decisions_display(report: Report) -> pd.DataFrame:
    """The Decisions table under its headers."""
    return display_frame(decision_rows(report), cols.DECISIONS)


def main_reasons(report: Report) -> pd.Series:
    """Per alliance (indexed like report.decisions) the reason that gave the most points either way
    (the first on a tie), or the reasons as they are when no factor gave any."""
    table = report.decisions
    if table.empty:
        return pd.Series(dtype=object)
    points = table[POINT_COLUMNS].astype(float)
    given = points.ne(0)
    # The reasons list only the factors that gave points, in POINT_COLUMNS order.
    place = given.cumsum(axis=1).to_numpy() - 1
    strongest = points.abs().to_numpy().argmax(axis=1)
    position = place[np.arange(len(table)), strongest]
    reasons = table["reasons"].astype(str)
    chosen = [
        parts[i] if any_points and i < len(parts) else whole
        for parts, i, any_points, whole in zip(
            reasons.str.split("; "), position, given.any(axis=1), reasons, strict=True
        )
    ]
    return pd.Series(chosen, index=table.index, dtype=object)


def scenario_tables(report: Report) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    """The scenario's money figures, its ROI and quartile cuts (today, scenario, change) and its
    alliances, under their headers; None without a scenario."""
    result = report.scenario
    if result is None:
        return None
    comparison = result.comparison().reset_index(names="figure")
    money = comparison["figure"].isin(MONEY_FIGURES)
    alliances = result.alliances.reset_index(names="alliance")
    return (
        display_frame(comparison[money], cols.SCENARIO_MONEY),
        display_frame(comparison[~money], cols.SCENARIO_RATIOS),
        display_frame(alliances, cols.SCENARIO_ALLIANCES),
    )


def risks_display(report: Report) -> pd.DataFrame:
    """Every risk of the alliances in view, as read, with what is at stake and its expected loss."""
    return display_frame(report.risks, cols.RISKS)


def risk_summary_display(report: Report) -> pd.DataFrame:
    """Per alliance: risks, expected loss, net value and ROI before and after it."""
    rows = report.risk_summary.assign(
        net_value=report.alliances["net_value"].astype(float), roi=report.alliances["roi"].astype(float)
    )
    return display_frame(rows.reset_index(names="alliance"), cols.RISK_SUMMARY)


def health_display(report: Report) -> pd.DataFrame:
    """Per alliance: each side's mean score, the health score, the gap and where it is widest."""
    return display_frame(report.health.reset_index(names="alliance"), cols.HEALTH)


def health_detail_display(report: Report) -> pd.DataFrame:
    """Per alliance and dimension scored: our score, the partner's and the gap (alliances in view order)."""
    scores = side_scores(report.ledger.health, report.alliances.index)
    if scores.empty:
        return display_frame(cols.empty_frame(cols.HEALTH_DETAIL), cols.HEALTH_DETAIL)
    wide = scores.pivot_table(
        index=["alliance", "dimension"], columns="side", values="score", observed=True, sort=False
    ).reindex(columns=[Side.US, Side.PARTNER])
    rows = pd.DataFrame(
        {
            "us": wide[Side.US].astype(float),
            "partner": wide[Side.PARTNER].astype(float),
        }
    ).reset_index()
    rows["gap"] = (rows["us"] - rows["partner"]).round(10)
    order = pd.Series(range(len(report.alliances.index)), index=report.alliances.index)
    rows = rows.assign(_a=rows["alliance"].map(order), _d=rows["dimension"].cat.codes)
    rows = rows.sort_values(["_a", "_d"], kind="stable")
    rows["dimension"] = rows["dimension"].astype(str)
    return display_frame(rows, cols.HEALTH_DETAIL)


def action_rows(report: Report, actions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The action plan: `actions` (a saved review's, `due_date` read as `due`) when given, else the
    report's proposed actions, in ACTION_COLUMNS."""
    chosen = actions if actions is not None else report.actions
    if chosen.empty:
        return cols.empty_frame(cols.ACTIONS)
    rows = chosen.rename(columns={"due_date": "due"}).reindex(columns=ACTION_COLUMNS)
    rows["due"] = pd.to_datetime(rows["due"], errors="coerce")
    rows["horizon"] = pd.to_numeric(rows["horizon"], errors="coerce")
    # A saved plan keeps due days, not horizons: count them from the day the view judges goals on.
    unknown = rows["horizon"].isna() & rows["due"].notna()
    rows.loc[unknown, "horizon"] = (rows.loc[unknown, "due"] - pd.Timestamp(report.as_of)).dt.days
    text = ["alliance", "source", "action", "owner", "status"]
    rows[text] = rows[text].fillna("").astype(str)
    return rows.reset_index(drop=True)


def actions_display(report: Report, actions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The action plan under its headers."""
    return display_frame(action_rows(report, actions), cols.ACTIONS)


# Sheets


def decision_sheets(
    book: xlsxwriter.Workbook, report: Report, formats: Formats, actions: pd.DataFrame | None = None
) -> None:
    """Add the Decisions, Risks, Health and Actions sheets, in that order, after the sheets so far."""
    decisions_sheet(book.add_worksheet(DECISIONS), report, formats)
    risks_sheet(book.add_worksheet(RISKS), report, formats)
    health_sheet(book.add_worksheet(HEALTH), report, formats)
    actions_sheet(book.add_worksheet(ACTIONS), report, formats, actions)


def decisions_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Recommendations with their points and the opportunity figures, then the alternative, the
    rules and the scenario below them."""
    table = decisions_display(report)
    row = write_table(ws, 0, table, cols.DECISIONS, formats, "Decisions")
    ws.freeze_panes(1, 1)
    _colour(ws, 1, len(table), 1, {k: formats.fill(v) for k, v in palette.RECOMMENDATION_FILLS.items()})
    row = write_pairs(ws, row + 1, _alternative_pairs(report), formats)
    write_note(ws, row + 1, 0, "Decision rules (points per factor, cut scores)", formats, bold=True)
    row = write_pairs(ws, row + 2, rule_pairs(report.settings.decisions), formats)
    _scenario(ws, row + 1, report, formats)


def _alternative_pairs(report: Report) -> list[Pair]:
    attrs = report.opportunity.attrs
    return [
        ("Next-best use of the money", str(attrs.get("alternative_name", "")), None),
        ("Hurdle rate (a year)", attrs.get("alternative_rate"), "ratio"),
        ("Opportunity cost", cols.OPPORTUNITY_COST.help, None),
        (
            "Value over alternative",
            f"{cols.VALUE_OVER_ALTERNATIVE.help}; in points: ROI − alternative's return",
            None,
        ),
    ]


def rule_pairs(rules: DecisionRules) -> list[Pair]:
    """Each rule's label and value: points as 'points' (hundredths), counts and scores as they are."""
    pairs: list[Pair] = []
    for name, (label, kind) in RULE_LABELS.items():
        value = float(getattr(rules, name))
        pairs.append((label, value / POINTS_UNIT if kind == "points" else value, kind))  # type: ignore[arg-type]
    return pairs


def _scenario(ws: Worksheet, top: int, report: Report, formats: Formats) -> None:
    """The scenario in words, today against the scenario (money, then ROI and cuts), its notes and its
    alliances; or that there is none and how to set one."""
    tables = scenario_tables(report)
    if tables is None or report.scenario is None:
        write_note(ws, top, 0, NO_SCENARIO, formats)
        return
    money, ratios, alliances = tables
    write_label(ws, top, 0, "Scenario", formats)
    write_note(ws, top, 1, scenario_text(report.scenario.changes), formats)
    row = write_table(ws, top + 2, money, cols.SCENARIO_MONEY, formats, "ScenarioMoney")
    row = write_table(ws, row + 1, ratios, cols.SCENARIO_RATIOS, formats, "ScenarioRatios")
    for note in report.scenario.notes:
        write_label(ws, row, 0, "Note", formats)
        write_note(ws, row, 1, note, formats)
        row += 1
    write_table(ws, row + 1, alliances, cols.SCENARIO_ALLIANCES, formats, "ScenarioAlliances")


def risks_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Every risk with its expected loss, then per alliance; or how to add a Risks sheet."""
    if report.ledger.risks_sheet is None:
        _only_note(ws, NO_RISKS_NOTE, formats)
        return
    row = write_table(ws, 0, risks_display(report), cols.RISKS, formats, "Risks")
    ws.freeze_panes(1, 1)
    write_note(ws, row + 1, 0, "Per alliance", formats, bold=True)
    row = write_table(ws, row + 2, risk_summary_display(report), cols.RISK_SUMMARY, formats, "RiskSummary")
    shares = ", ".join(f"{score} → {share:.0%}" for score, share in IMPACT_SCORE_SHARE.items())
    write_note(
        ws,
        row + 1,
        0,
        "Expected loss = probability × at stake; risk-adjusted ROI = (net value − expected loss) / cost. "
        "A risk is stated per year: an impact scored 1–5 puts a share of the alliance's revenue per year "
        f"(revenue in view × 12 / months in view) at stake: {shares}.",
        formats,
    )


def health_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Per alliance the sides' scores, health score and gap, then per dimension; or how to add a
    Health sheet."""
    if report.ledger.health_sheet is None:
        _only_note(ws, NO_HEALTH_NOTE, formats)
        return
    row = write_table(ws, 0, health_display(report), cols.HEALTH, formats, "Health")
    ws.freeze_panes(1, 1)
    write_note(ws, row + 1, 0, "Per dimension", formats, bold=True)
    row = write_table(ws, row + 2, health_detail_display(report), cols.HEALTH_DETAIL, formats, "HealthDetail")
    write_note(
        ws,
        row + 1,
        0,
        "Scores from 1 to 5; gap = us − partner (perceived reciprocity). Red flags: a side scoring "
        f"{LOW_SCORE:g} or lower on a dimension, or the sides {WIDE_GAP:g} or more apart on one.",
        formats,
    )


def actions_sheet(
    ws: Worksheet, report: Report, formats: Formats, actions: pd.DataFrame | None = None
) -> None:
    """The action plan: alliance, source, action, owner, due date, horizon and status."""
    table = actions_display(report, actions)
    row = write_table(ws, 0, table, cols.ACTIONS, formats, "Actions")
    ws.freeze_panes(1, 1)
    status = ACTION_COLUMNS.index("status")
    _colour(ws, 1, len(table), status, {k: formats.fill(v) for k, v in palette.ACTION_FILLS.items()})
    if table.empty:
        write_note(ws, row + 1, 0, NO_ACTIONS, formats)
    write_note(ws, row + 2, 0, ACCEPTED_NOTE if actions is not None else PROPOSED_NOTE, formats)


def _only_note(ws: Worksheet, note: str, formats: Formats) -> None:
    """A sheet holding one sentence, in a column wide enough for it to wrap in a few lines."""
    formats.layout(ws).fixed[0] = NOTE_WIDTH
    write_note(ws, 0, 0, note, formats)


def _colour(ws: Worksheet, first: int, count: int, col: int, fills: dict[str, object]) -> None:
    """Fill a column's cells by their text: cell-value rules that Excel and LibreOffice keep."""
    if count == 0:
        return
    for value, fill in fills.items():
        rule = {"type": "cell", "criteria": "equal to", "value": f'"{value}"', "format": fill}
        ws.conditional_format(first, col, first + count - 1, col, rule)
