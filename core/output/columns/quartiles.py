"""The Quartiles page's table: each alliance's quartile and the gap to the next one."""

from __future__ import annotations

from core.output.columns.shared import ALLIANCE, COST, PERCENTILE, ROI
from core.output.columns.spec import Column, TableSpec

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
