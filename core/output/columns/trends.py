"""The Trends page's table: each alliance's quarters."""

from __future__ import annotations

from core.output.columns.shared import ALLIANCE, BAND, COST, NET_VALUE, REVENUE, ROI
from core.output.columns.spec import Column, TableSpec

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
