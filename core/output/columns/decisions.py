"""The Decisions page's tables (issue #17) and the Decisions, Risks, Health and Actions sheets (and
the same tables in the HTML report and the deck): recommendations and opportunity cost, scenarios,
risks, relationship health and the action plan.

In the documents, decision points and scores are 'points' (a score of 3 is held as 0.03 and shown
'+3.0 pts'); see core/output/decision_sheets.py for the frames these specs are shown from. The app's
grids show the analysis' frames, whose points are whole (3 is 3): their specs, at the end, take the
same columns as plain numbers (`in_whole_points`).
"""

from __future__ import annotations

from dataclasses import replace

from core.output.columns.shared import (
    ALLIANCE,
    COST,
    HURDLE,
    NET_VALUE,
    NO_COST,
    OPPORTUNITY_COST_HELP,
    ROI,
)
from core.output.columns.spec import Column, TableSpec, pick

NOT_SCORED = "not scored: no rows for it on the Health sheet"
RISK_ADJUSTED_ROI = Column(
    "risk_adjusted_roi", "Risk-adjusted ROI", "ratio", "(Net value − expected loss) / cost", NO_COST
)
HEALTH_SCORE = Column(
    "health_score",
    "Health score",
    "number",
    "Mean of the two sides' means (1–5), when both sides scored it",
    "not scored by both sides on the Health sheet",
)
RECOMMENDATION = Column(
    "recommendation", "Recommendation", "text", "Invest, Maintain, Fix or Exit: the first cut reached"
)
SCORE = Column("score", "Score", "points", "Sum of the factors' points")
REASONS = Column("reasons", "Reasons", "text", "The factors that gave points, each with its points")
# Each factor's points, in the order of core.analysis.decisions.FACTORS.
FACTOR_POINTS: TableSpec = (
    Column("band_points", "Band points", "points"),
    Column("quartile_points", "Quartile points", "points"),
    Column("trend_points", "Trend points", "points", "Last complete quarter's ROI against the one before"),
    Column("goals_points", "Goals points", "points", "The worst status among the alliance's goals"),
    Column("flags_points", "Red flag points", "points"),
    Column("health_points", "Health points", "points"),
)
ALTERNATIVE_RETURN = Column(
    "alternative_return",
    "Alternative's return",
    "ratio",
    "Opportunity cost / cost: what the alliance's money would have earned at the hurdle rate",
    NO_COST,
)
OPPORTUNITY_COST = Column("opportunity_cost", "Opportunity cost", "money", OPPORTUNITY_COST_HELP)
# The same figure as the Alliances sheet's 'Value over hurdle' (HURDLE), under the Decisions header.
VALUE_OVER_ALTERNATIVE = replace(HURDLE, source="value_over_alternative", header="Value over alternative")
POINTS_OVER_ALTERNATIVE = Column(
    "points_over_alternative",
    "Over alternative (pts)",
    "points",
    "Value over the hurdle rate / cost × 100 (= ROI − alternative's return)",
    NO_COST,
)
DECISIONS: TableSpec = (
    ALLIANCE,
    RECOMMENDATION,
    SCORE,
    REASONS,
    *FACTOR_POINTS,
    ROI,
    RISK_ADJUSTED_ROI,
    HEALTH_SCORE,
    ALTERNATIVE_RETURN,
    OPPORTUNITY_COST,
    VALUE_OVER_ALTERNATIVE,
    POINTS_OVER_ALTERNATIVE,
)
SCENARIO_MONEY: TableSpec = (
    Column("figure", "Figure", "text"),
    Column("today", "Today", "money"),
    Column("scenario", "Scenario", "money"),
    Column("change", "Change", "money", "Scenario − today"),
)
SCENARIO_RATIOS: TableSpec = (
    Column("figure", "Figure", "text"),
    Column("today", "Today", "ratio", missing="n/a: no cost"),
    Column("scenario", "Scenario", "ratio", missing="n/a: no cost"),
    Column("change", "Change (pts)", "points", "Scenario − today", "n/a: undefined on one side"),
)
SCENARIO_ALLIANCES: TableSpec = (
    ALLIANCE,
    Column("change", "Change", "text", "What the scenario does to the alliance"),
    Column("net_value_today", "Net value today", "money"),
    Column("net_value", "Net value in scenario", "money"),
    Column("roi_today", "ROI today", "ratio", missing=NO_COST),
    Column("roi", "ROI in scenario", "ratio", missing="n/a: no cost, or dropped"),
    Column("band", "Band in scenario", "text"),
    Column("quartile", "Quartile in scenario", "text"),
)
RISKS: TableSpec = (
    ALLIANCE,
    Column("risk", "Risk", "text"),
    Column(
        "probability", "Probability", "ratio", "Chance that the risk happens", "not read (see Data issues)"
    ),
    Column("impact", "Impact", "number", "Money, or a score from 1 to 5", "not read (see Data issues)"),
    Column("impact_kind", "Impact in", "text", "money, or score (a share of the alliance's revenue)"),
    Column(
        "at_stake",
        "At stake",
        "money",
        "The impact in money within a year: as written, or a score's share of the revenue per year",
        "not read (see Data issues)",
    ),
    Column("expected_loss", "Expected loss", "money", "Probability × at stake", "not priced"),
    Column("mitigation", "Mitigation", "text"),
    Column("owner", "Owner", "text"),
)
RISK_SUMMARY: TableSpec = (
    ALLIANCE,
    Column("risks", "Risks", "integer"),
    Column("expected_loss", "Expected loss", "money", "Sum of the expected losses of its risks"),
    NET_VALUE,
    Column("risk_adjusted_net", "Risk-adjusted net value", "money", "Net value − expected loss"),
    ROI,
    RISK_ADJUSTED_ROI,
    Column("unpriced", "Risks not priced", "integer", "Risks whose probability or impact was not read"),
)
HEALTH: TableSpec = (
    ALLIANCE,
    Column("us", "Us", "number", "Mean of our scores (1–5)", NOT_SCORED),
    Column("partner", "Partner", "number", "Mean of the partner's scores (1–5)", NOT_SCORED),
    Column(
        "score",
        "Health score",
        "number",
        "Mean of the two sides' means (1–5); one side's alone when the other did not score",
        NOT_SCORED,
    ),
    Column("gap", "Gap (us − partner)", "number", "Above 0: we think better of it than the partner does"),
    Column("widest", "Widest gap on", "text", "The dimension where the two sides differ most"),
)
HEALTH_DETAIL: TableSpec = (
    ALLIANCE,
    Column("dimension", "Dimension", "text"),
    Column("us", "Us", "number", missing="not scored by us"),
    Column("partner", "Partner", "number", missing="not scored by the partner"),
    Column("gap", "Gap (us − partner)", "number", missing="n/a: one side did not score it"),
)
ACTIONS: TableSpec = (
    ALLIANCE,
    Column("source", "Source", "text", "The red flag or recommendation the action answers"),
    Column("action", "Action", "text"),
    Column("owner", "Owner", "text"),
    Column("due", "Due date", "date"),
    Column("horizon", "Horizon (days)", "integer", "30, 60 or 90 days from the review"),
    Column("status", "Status", "text", "Proposed, Open, Done, Overdue or Dropped"),
)


# The app's grids (ui/decisions/)


def in_whole_points(column: Column, header: str = "") -> Column:
    """A column of decision points as the analysis holds them, for the app's grids: whole points (a
    score of 3 is 3, where the documents hold 0.03 under the 'points' kind), a plain number that the
    page shows signed ('+3.0'); under `header` if given."""
    return replace(column, kind="number", header=header or column.header)


# The Decisions page's recommendations: the reasons and the ROI figures before the points, each
# factor's points under the factor's name ('Flags points', where the documents say 'Red flag points').
RECOMMENDATIONS: TableSpec = (
    ALLIANCE,
    RECOMMENDATION,
    in_whole_points(replace(SCORE, help=f"{SCORE.help}; the rules are below")),
    REASONS,
    ROI,
    RISK_ADJUSTED_ROI,
    HEALTH_SCORE,
    *(in_whole_points(c, f"{c.source.removesuffix('_points').capitalize()} points") for c in FACTOR_POINTS),
)
# The Decisions page's opportunity cost: per alliance and the Portfolio, the money beside the margin.
OPPORTUNITY: TableSpec = (
    ALLIANCE,
    COST,
    NET_VALUE,
    OPPORTUNITY_COST,
    VALUE_OVER_ALTERNATIVE,
    in_whole_points(POINTS_OVER_ALTERNATIVE),
)
# The previous review's accepted actions, each with where it stands as `follow_up` judges it.
FOLLOW_UP: TableSpec = (
    *pick(ACTIONS, "alliance", "action", "owner", "due"),
    Column(
        "status",
        "Status",
        "text",
        "Done or Dropped as marked; otherwise Overdue after its due day, else Open",
    ),
)
