"""The review history's table: each alliance at each saved review, and what changed since the one before."""

from __future__ import annotations

from core.output.columns.shared import ALLIANCE, BAND
from core.output.columns.spec import Column, TableSpec

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
        "ROI against the review before: ▲ up, ▼ down, → same (a change under the 'Flat below' "
        "setting, 0.5 points by default); n/a when either ROI is undefined; "
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
