"""The Scorecard's tables: goals, red flags and ROI by partnership type."""

from __future__ import annotations

from core.output.columns.shared import ALLIANCE, COST, NET_VALUE, NO_COST, REVENUE, TYPE
from core.output.columns.spec import Column, TableSpec

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
