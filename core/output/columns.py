"""One column spec per table: the source column, its header and its kind, for every way a table is shown.

The workbook, the CSV, the HTML report and the app's grids all take their headers and formats from
these specs, so a header is written once and a value keeps its units until it is formatted: ROI is a
fraction everywhere (0.183), and each writer turns the kind into its own format (`0.0%` in Excel,
`18.3 %` in HTML, `percent` in a grid).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TypeAlias

import pandas as pd

from core.formatting import ValueKind


@dataclass(frozen=True)
class Column:
    """One column of a shown table: where its values come from, its header, its kind, a hint."""

    source: str
    header: str
    kind: ValueKind
    help: str = ""
    # What an empty cell ("—" in the app) means in this column, for the header's tooltip.
    missing: str = ""


TableSpec: TypeAlias = tuple[Column, ...]


def display_frame(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The spec's columns of a report frame under the spec's headers, in its order, values as they are."""
    missing = [c.source for c in spec if c.source not in frame.columns]
    if missing:
        raise KeyError(f"columns {missing} are not in the frame")
    shown = frame[[c.source for c in spec]].copy()
    shown.columns = [c.header for c in spec]
    shown = shown.reset_index(drop=True)
    # Kept on the frame for consumers that are handed only the table (the app's grids), as plain
    # values because Streamlit serialises a frame's attrs as JSON.
    shown.attrs["spec"] = [asdict(c) for c in spec]
    return shown


def empty_frame(spec: TableSpec) -> pd.DataFrame:
    """A report frame with the spec's source columns and no rows."""
    return pd.DataFrame(columns=[c.source for c in spec])


def spec_of(table: pd.DataFrame) -> TableSpec:
    """The spec a display frame was made with."""
    if "spec" not in table.attrs:
        raise ValueError("this table was not made by display_frame, so its columns have no spec")
    return tuple(Column(**fields) for fields in table.attrs["spec"])


def pick(spec: TableSpec, *sources: str) -> TableSpec:
    """Some of the spec's columns, in the order asked."""
    by_source = {c.source: c for c in spec}
    return tuple(by_source[s] for s in sources)


def without(spec: TableSpec, *sources: str) -> TableSpec:
    """The spec less some columns, for a view that has no room or no use for them."""
    return tuple(c for c in spec if c.source not in sources)


# Columns several tables share, so that their headers and hints cannot drift apart.
ALLIANCE = Column("alliance", "Alliance", "text")
TYPE = Column("type", "Type", "text", "Partnership type from the Alliances sheet")
REVENUE = Column("revenue", "Revenue", "money", "Sum of revenue entries in the window")
COST = Column("cost", "Cost", "money", "Sum of cost entries in the window")
NET_VALUE = Column("net_value", "Net value", "money", "Revenue − cost")
NO_COST = "n/a: no cost, so ROI is undefined (the note says why)"
ROI = Column("roi", "ROI", "ratio", "(Revenue − cost) / cost", NO_COST)
ROI_NOTE = Column("roi_note", "ROI note", "text", "Why the ROI is undefined, where it is")
BAND = Column("band", "Band", "text")
PERCENTILE = Column(
    "percentile",
    "Percentile",
    "ratio",
    "Share of alliances with a defined ROI at or below this one",
    "not ranked: the ROI is undefined",
)
ANNUALISED = Column(
    "annualised_roi",
    "Annualised ROI",
    "ratio",
    "(1 + ROI)^(1 / years) − 1 over the alliance's own span of activity, when at least 12 months",
    "fewer than 12 months of activity, or ROI undefined (see the notes)",
)
PAYBACK = Column(
    "payback",
    "Payback month",
    "month",
    "The month from which cumulative net value stays above zero to the end of the data",
    "not yet: cumulative net value does not stay above zero to the end of the data",
)
NPV = Column("npv", "NPV", "money", "Monthly net values discounted at the annual rate, end of month")
IRR = Column(
    "irr",
    "IRR (annual)",
    "ratio",
    "Annual rate at which the NPV of the monthly net values is zero",
    "n/a: the flows are not investment-shaped (see the notes)",
)
HURDLE = Column("hurdle_value", "Value over hurdle", "money", "Net value − hurdle rate × cost")
TIME_VALUE_NOTES = Column(
    "time_value_notes", "Time value notes", "text", "Why annualised ROI, payback or IRR is not shown"
)

ALLIANCES_BASE: TableSpec = (
    ALLIANCE,
    TYPE,
    REVENUE,
    COST,
    NET_VALUE,
    ROI,
    ROI_NOTE,
    BAND,
    Column("quartile", "Quartile", "text", "Top, Second, Third or Bottom (QUARTILE.INC cut points)"),
    PERCENTILE,
)
ALLIANCES_TIME_VALUE: TableSpec = (ANNUALISED, PAYBACK, NPV, IRR, HURDLE, TIME_VALUE_NOTES)
ALLOCATED = Column("allocated_cost", "Shared cost allocated", "money", "Share of the shared costs")
SENSITIVITY_RANGE: TableSpec = (
    Column(
        "roi_lowest", "ROI lowest (sensitivity)", "ratio", "Lowest ROI over the allocation choices", NO_COST
    ),
    Column(
        "roi_highest",
        "ROI highest (sensitivity)",
        "ratio",
        "Highest ROI over the allocation choices",
        NO_COST,
    ),
)


def benchmark_column(name: str) -> Column:
    """An alliance's ROI minus one benchmark's, under the benchmark's name."""
    return Column(f"vs {name}", name, "gap", f"ROI minus the benchmark '{name}'", NO_COST)


def alliances_spec(benchmarks: Iterable[str], allocated: bool, sensitivity: bool) -> TableSpec:
    """The Alliances sheet (and CSV): one column per benchmark, the shared-cost columns when used."""
    return (
        *ALLIANCES_BASE,
        *(benchmark_column(name) for name in benchmarks),
        *ALLIANCES_TIME_VALUE,
        *((ALLOCATED,) if allocated else ()),
        *(SENSITIVITY_RANGE if sensitivity else ()),
    )


def overview_spec(benchmarks: Iterable[str]) -> TableSpec:
    """The overview's glance at the alliances: ROI as read ('n/a' when undefined), positions in words."""
    # ROI, band and quartile come right after the name, so that a phone shows them without scrolling.
    return (
        ALLIANCE,
        # Text so that an undefined ROI reads 'n/a' rather than an empty cell; rows come sorted by ROI.
        Column("roi_text", "ROI", "text", "(Revenue − cost) / cost; n/a when there is no cost"),
        BAND,
        Column("quartile_text", "Quartile", "text", "Position among the alliances with a defined ROI"),
        REVENUE,
        COST,
        NET_VALUE,
        TYPE,
        *(
            Column(f"position {name}", f"vs {name}", "text", f"ROI against the benchmark '{name}'")
            for name in benchmarks
        ),
        Column("roi_note", "Note", "text", "Why the ROI is undefined, where it is"),
    )


BEFORE_AFTER: TableSpec = (
    ALLIANCE,
    Column("roi_before", "ROI before", "ratio", missing="n/a: no cost before the initiative"),
    Column("roi_after", "ROI after", "ratio", missing="n/a: no cost after the initiative"),
    Column(
        "roi_change", "ROI change (pts)", "points", "ROI after − ROI before", "n/a: ROI undefined on one side"
    ),
    Column("revenue_before", "Revenue before", "money"),
    Column("revenue_after", "Revenue after", "money"),
    Column(
        "revenue_change",
        "Revenue change",
        "ratio",
        "(Revenue after − before) / before",
        "n/a: no revenue before",
    ),
    Column("cost_before", "Cost before", "money"),
    Column("cost_after", "Cost after", "money"),
    Column("cost_change", "Cost change", "ratio", "(Cost after − before) / before", "n/a: no cost before"),
    Column("net_before", "Net value before", "money"),
    Column("net_after", "Net value after", "money"),
    Column("initiative_date", "Initiative date", "date"),
    Column("before_window", "Before window", "text"),
    Column("after_window", "After window", "text"),
    Column("note", "Note", "text"),
)

QUARTERLY: TableSpec = (
    ALLIANCE,
    Column("quarter", "Quarter", "text"),
    Column("quarter_start", "Quarter start", "date"),
    REVENUE,
    COST,
    NET_VALUE,
    ROI,
    Column(
        "roi_ttm",
        "Trailing 4Q ROI",
        "ratio",
        "ROI of the last four quarters' revenue and cost",
        "n/a: fewer than four quarters so far, or no cost in them",
    ),
    BAND,
    Column("complete_text", "Complete quarter", "text", "Whether the data covers the whole quarter"),
)

GOALS: TableSpec = (
    ALLIANCE,
    Column("metric", "Metric", "text"),
    Column("target", "Target", "number"),
    Column("actual", "Actual", "number"),
    Column("unit", "Unit", "text"),
    Column("progress", "Progress", "ratio", "Actual against target", "n/a: no target or no actual"),
    Column(
        "expected",
        "Expected by now",
        "ratio",
        "Share of the time from start to due date gone by",
        "n/a: no start or due date",
    ),
    Column("status", "Status", "text"),
    Column("why", "Why", "text"),
    Column("start_used", "Start", "date"),
    Column("due_date", "Due date", "date"),
    Column("owner", "Owner", "text"),
    Column("direction", "Direction", "text", "'lower' when less is better"),
)

FLAGS: TableSpec = (ALLIANCE, Column("flag", "Flag", "text"), Column("figures", "Figures", "text"))

BY_TYPE: TableSpec = (
    TYPE,
    Column("alliances", "Alliances", "integer"),
    REVENUE,
    COST,
    NET_VALUE,
    Column("roi", "ROI", "ratio", "(Σ revenue − Σ cost) / Σ cost over the type's alliances", NO_COST),
    Column(
        "mean_roi",
        "Mean of alliance ROIs",
        "ratio",
        "Plain mean, each alliance counted once",
        "n/a: no alliance of the type has a defined ROI",
    ),
)

ISSUES: TableSpec = (
    Column("sheet", "Sheet", "text"),
    Column("row", "Row", "integer"),
    Column("column", "Column", "text"),
    Column("value", "Value", "text"),
    Column("reason", "Reason", "text"),
)

BENCHMARKS: TableSpec = (
    Column("name", "Benchmark", "text"),
    Column("roi", "ROI", "ratio"),
    Column("source", "Source", "text"),
)

ALLOCATION: TableSpec = (
    ALLIANCE,
    Column("share", "Share", "ratio", "The alliance's part of the shared costs"),
    Column("allocated_cost", "Allocated cost", "money"),
)

CATEGORIES: TableSpec = (
    ALLIANCE,
    Column("category", "Category", "text", "The ledger's Category column; blank cells are '(no category)'"),
    REVENUE,
    COST,
    NET_VALUE,
)

SPREAD = Column("spread", "Spread", "ratio", "Highest − lowest ROI, in percentage points")


def sensitivity_spec(choices: Iterable[str]) -> TableSpec:
    """Each alliance's ROI under each allocation and attribution choice, then the spread."""
    return (
        ALLIANCE,
        *(Column(c, c, "ratio", missing=NO_COST) for c in choices if c != SPREAD.source),
        SPREAD,
    )


QUARTILES: TableSpec = (
    Column("quartile_text", "Quartile", "text"),
    ALLIANCE,
    ROI,
    PERCENTILE,
    Column(
        "next_quartile", "Next quartile", "text", missing="none: already in the top quartile, or not ranked"
    ),
    Column(
        "gap_points",
        "Gap (pts)",
        "points",
        "ROI points to the next quartile's cut",
        "none: already in the top quartile, or not ranked",
    ),
    Column(
        "gap_net_value",
        "Extra net value needed",
        "money",
        "(next cut − ROI) × cost: more net value at the same cost",
        "none: already in the top quartile, or not ranked",
    ),
    COST,
)

TIME_VALUE: TableSpec = (
    ALLIANCE,
    Column("years", "Years of activity", "number", "First to last month with an entry, in years"),
    ANNUALISED,
    Column("annualised_note", "Annualised ROI note", "text", "Why there is no annualised ROI"),
    PAYBACK,
    NPV,
    IRR,
    Column("irr_note", "IRR note", "text", "Why there is no IRR, where there is none"),
    HURDLE,
)

HISTORY: TableSpec = (
    Column("review", "Review", "text", "The saved review's title"),
    Column("review_date", "Review date", "date"),
    ALLIANCE,
    Column("roi", "ROI", "ratio", "(Revenue − cost) / cost at that review"),
    BAND,
    Column("quartile", "Quartile", "text", "Position in that review's portfolio"),
    Column(
        "goal_status", "Goal status", "text", "The worst status among the alliance's goals, or 'No goals'"
    ),
    Column("flags", "Red flags", "text"),
    Column(
        "change",
        "Change",
        "text",
        "ROI against the review before: ▲ up, ▼ down, → same; n/a when either ROI is undefined; "
        "first review, new or dropped",
    ),
    Column("roi_change", "ROI change (points)", "points", "ROI − ROI at the review before"),
    Column(
        "band_change", "Band change", "text", "Band at the review before → band now; empty when unchanged"
    ),
    Column("quartile_change", "Quartile change", "text", "Quartile before → now; empty when unchanged"),
    Column("goal_change", "Goal status change", "text", "Goal status before → now; empty when unchanged"),
    Column("flags_raised", "Flags raised", "text", "Red flags not raised at the review before"),
    Column("flags_cleared", "Flags cleared", "text", "Red flags of the review before that are gone"),
    Column("actions_planned", "Actions planned", "integer", "Actions accepted into this review's plan"),
    Column(
        "actions_followed",
        "Actions followed up",
        "text",
        "The previous review's actions at this review: done, overdue, dropped or still open",
    ),
)

# Issue #17: the Decisions, Risks, Health and Actions sheets (and the same tables in the HTML report
# and the app). Decision points and scores are 'points' (a score of 3 is held as 0.03 and shown
# '+3.0 pts'); see core/output/decision_sheets.py for the frames these specs are shown from.
NOT_SCORED = "not scored: no rows for it on the Health sheet"
RISK_ADJUSTED_ROI = Column(
    "risk_adjusted_roi", "Risk-adjusted ROI", "ratio", "(Net value − expected loss) / cost", NO_COST
)
HEALTH_SCORE = Column(
    "health_score", "Health score", "number", "Mean of every score of both sides (1–5)", NOT_SCORED
)
DECISIONS: TableSpec = (
    ALLIANCE,
    Column(
        "recommendation", "Recommendation", "text", "Invest, Maintain, Fix or Exit: the first cut reached"
    ),
    Column("score", "Score", "points", "Sum of the factors' points"),
    Column("reasons", "Reasons", "text", "The factors that gave points, each with its points"),
    Column("band_points", "Band points", "points"),
    Column("quartile_points", "Quartile points", "points"),
    Column("trend_points", "Trend points", "points", "Last complete quarter's ROI against the one before"),
    Column("goals_points", "Goals points", "points", "The worst status among the alliance's goals"),
    Column("flags_points", "Red flag points", "points"),
    Column("health_points", "Health points", "points"),
    ROI,
    RISK_ADJUSTED_ROI,
    HEALTH_SCORE,
    Column(
        "alternative_return",
        "Alternative's return",
        "ratio",
        "(1 + the alternative's annual rate)^years − 1, over the alliance's months in view",
    ),
    Column("opportunity_cost", "Opportunity cost", "money", "Cost × the alternative's return"),
    Column("value_over_alternative", "Value over alternative", "money", "Net value − opportunity cost"),
    Column(
        "points_over_alternative",
        "Over alternative (pts)",
        "points",
        "ROI − the alternative's return",
        NO_COST,
    ),
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
    Column("at_stake", "At stake", "money", "The impact in money", "not read (see Data issues)"),
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
    Column("score", "Health score", "number", "Mean of every score of both sides (1–5)", NOT_SCORED),
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
