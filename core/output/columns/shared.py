"""Columns that several tables share, so that their headers and hints cannot drift apart."""

from __future__ import annotations

from core.output.columns.spec import Column

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
# Opportunity cost and value over the hurdle rate (core.analysis.time_value.opportunity): one figure,
# one definition for every tooltip, sheet and slide.
OPPORTUNITY_COST_HELP = (
    "Each month's net value carried at the hurdle rate from the start of its month to the end of "
    "the view, summed, with the sign of a cost: what the money would have earned in its next-best use"
)
HURDLE = Column(
    "hurdle_value",
    "Value over hurdle",
    "money",
    "Net value − opportunity cost (each month's net value carried at the hurdle rate to the end of the view)",
)
TIME_VALUE_NOTES = Column(
    "time_value_notes", "Time value notes", "text", "Why annualised ROI, payback or IRR is not shown"
)
