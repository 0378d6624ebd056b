"""One column spec per table: the source column, its header and its kind, for every way a table is shown.

The workbook, the CSV, the HTML report and the app's grids all take their headers and formats from
these specs, so a header is written once and a value keeps its units until it is formatted: ROI is a
fraction everywhere (0.183), and each writer turns the kind into its own format (`0.0%` in Excel,
`18.3 %` in HTML, `percent` in a grid).

The machinery (Column, TableSpec, display_frame, pick, without) is in `spec`, the columns several
tables share in `shared`, and the specs by the page family that shows them: `overview` (and the
Alliances sheet), `scorecard`, `trends`, `quartiles`, `before_after`, `history` and `decisions`
(with the Risks, Health and Actions sheets, and the Decisions page's own grids). Everything is
re-exported here: `from core.output import columns as cols; cols.ALLIANCES_BASE`.
"""

from core.output.columns.before_after import (
    BEFORE_AFTER,
)
from core.output.columns.decisions import (
    ACTIONS,
    ALTERNATIVE_RETURN,
    DECISIONS,
    FACTOR_POINTS,
    FOLLOW_UP,
    HEALTH,
    HEALTH_DETAIL,
    HEALTH_SCORE,
    NOT_SCORED,
    OPPORTUNITY,
    OPPORTUNITY_COST,
    POINTS_OVER_ALTERNATIVE,
    REASONS,
    RECOMMENDATION,
    RECOMMENDATIONS,
    RISK_ADJUSTED_ROI,
    RISK_SUMMARY,
    RISKS,
    SCENARIO_ALLIANCES,
    SCENARIO_MONEY,
    SCENARIO_RATIOS,
    SCORE,
    VALUE_OVER_ALTERNATIVE,
    in_whole_points,
)
from core.output.columns.history import (
    HISTORY,
)
from core.output.columns.overview import (
    ALLIANCES_BASE,
    ALLIANCES_TIME_VALUE,
    ALLOCATED,
    ALLOCATION,
    BENCHMARKS,
    CATEGORIES,
    ISSUES,
    SENSITIVITY_RANGE,
    SPREAD,
    TIME_VALUE,
    alliances_spec,
    benchmark_column,
    overview_spec,
    sensitivity_spec,
)
from core.output.columns.quartiles import (
    QUARTILES,
)
from core.output.columns.scorecard import (
    BY_TYPE,
    FLAGS,
    GOALS,
)

# The shared columns other modules name on their own (the rest are reached through the specs).
from core.output.columns.shared import ALLIANCE, BAND, HURDLE, PAYBACK
from core.output.columns.spec import (
    Column,
    TableSpec,
    display_frame,
    empty_frame,
    pick,
    spec_of,
    without,
)
from core.output.columns.trends import (
    QUARTERLY,
)

__all__ = [
    "Column",
    "TableSpec",
    "display_frame",
    "empty_frame",
    "spec_of",
    "pick",
    "without",
    "ALLIANCE",
    "BAND",
    "PAYBACK",
    "HURDLE",
    "ALLIANCES_BASE",
    "ALLIANCES_TIME_VALUE",
    "ALLOCATED",
    "SENSITIVITY_RANGE",
    "benchmark_column",
    "alliances_spec",
    "overview_spec",
    "ISSUES",
    "BENCHMARKS",
    "ALLOCATION",
    "CATEGORIES",
    "SPREAD",
    "sensitivity_spec",
    "TIME_VALUE",
    "GOALS",
    "FLAGS",
    "BY_TYPE",
    "QUARTERLY",
    "QUARTILES",
    "BEFORE_AFTER",
    "HISTORY",
    "NOT_SCORED",
    "RISK_ADJUSTED_ROI",
    "HEALTH_SCORE",
    "RECOMMENDATION",
    "SCORE",
    "REASONS",
    "FACTOR_POINTS",
    "ALTERNATIVE_RETURN",
    "OPPORTUNITY_COST",
    "VALUE_OVER_ALTERNATIVE",
    "POINTS_OVER_ALTERNATIVE",
    "DECISIONS",
    "SCENARIO_MONEY",
    "SCENARIO_RATIOS",
    "SCENARIO_ALLIANCES",
    "RISKS",
    "RISK_SUMMARY",
    "HEALTH",
    "HEALTH_DETAIL",
    "ACTIONS",
    "in_whole_points",
    "RECOMMENDATIONS",
    "OPPORTUNITY",
    "FOLLOW_UP",
]
