"""The Before/after page's table: each alliance's figures either side of the initiative."""

from __future__ import annotations

from core.output.columns.shared import ALLIANCE
from core.output.columns.spec import Column, TableSpec

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
