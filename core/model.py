"""The domain's vocabulary in one place: entry kinds, bands, quartiles, window modes, column names.

Every other module takes its words from here, so that a band, a quartile or the portfolio row is
spelt once. The enumerations are `StrEnum`s: their members are plain strings in DataFrames,
workbooks and links, and compare equal to the text a user or a file gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a ledger entry is: money in or money out."""

    REVENUE = "revenue"
    COST = "cost"


class Attribution(StrEnum):
    """Revenue the partner sourced, or revenue it only influenced (credited at a chosen share)."""

    SOURCED = "sourced"
    INFLUENCED = "influenced"


class Band(StrEnum):
    """ROI bands of the brief: Strong > 20 %, Moderate 10–20 %, Weak < 10 %; n/a without cost."""

    STRONG = "Strong"
    MODERATE = "Moderate"
    WEAK = "Weak"
    UNDEFINED = "n/a"


class Quartile(StrEnum):
    """Position in the portfolio's ROI distribution (QUARTILE.INC cut points); '' when not ranked."""

    TOP = "Top"
    SECOND = "Second"
    THIRD = "Third"
    BOTTOM = "Bottom"
    NOT_RANKED = ""


class WindowMode(StrEnum):
    """How long each side of a before/after comparison is."""

    EQUAL = "equal"
    MONTHS = "months"
    ALL = "all"


class InitiativeSource(StrEnum):
    """Where the initiative date comes from: each alliance's own on the Alliances sheet, or one date."""

    SHEET = "sheet"
    ONE = "one"


class SharedRule(StrEnum):
    """How costs booked to the shared pseudo-alliance are split over the real alliances."""

    REVENUE_SHARE = "revenue share"
    EVENLY = "evenly"
    BY_WEIGHT = "weight"
    NOT_ALLOCATED = "not allocated"


class GoalStatus(StrEnum):
    """A shared goal against its target, judged on the time gone by an as-of day."""

    ACHIEVED = "Achieved"
    ON_TRACK = "On track"
    AT_RISK = "At risk"
    OFF_TRACK = "Off track"
    UNKNOWN = "Unknown"


class Recommendation(StrEnum):
    """What to do with an alliance this quarter, from the decision rules."""

    INVEST = "Invest"
    MAINTAIN = "Maintain"
    FIX = "Fix"
    EXIT = "Exit"


class Side(StrEnum):
    """Who scored a relationship-health row: our side or the partner's."""

    US = "Us"
    PARTNER = "Partner"


class HealthDimension(StrEnum):
    """What a relationship-health score (1–5) is about."""

    STRATEGIC_FIT = "Strategic fit"
    OPERATIONAL = "Operational"
    FINANCIAL = "Financial"
    RELATIONSHIP = "Relationship"


class ActionStatus(StrEnum):
    """Where an action of the plan stands: proposed, accepted into a saved review, then followed up."""

    PROPOSED = "Proposed"
    OPEN = "Open"
    DONE = "Done"
    OVERDUE = "Overdue"
    DROPPED = "Dropped"


class ScenarioChange(StrEnum):
    """What a scenario does to one alliance."""

    DROP = "drop"
    SCALE = "scale"
    REFUND = "refund"


# Short names used across the code base; each is the enumeration member above, not a copy.
REVENUE, COST = Kind.REVENUE, Kind.COST
SOURCED, INFLUENCED = Attribution.SOURCED, Attribution.INFLUENCED
STRONG, MODERATE, WEAK, UNDEFINED = Band.STRONG, Band.MODERATE, Band.WEAK, Band.UNDEFINED
BANDS = (STRONG, MODERATE, WEAK)
TOP, SECOND, THIRD, BOTTOM = Quartile.TOP, Quartile.SECOND, Quartile.THIRD, Quartile.BOTTOM
QUARTILES = (TOP, SECOND, THIRD, BOTTOM)
NOT_RANKED = Quartile.NOT_RANKED
EQUAL, MONTHS, ALL = WindowMode.EQUAL, WindowMode.MONTHS, WindowMode.ALL
REVENUE_SHARE, EVENLY = SharedRule.REVENUE_SHARE, SharedRule.EVENLY
BY_WEIGHT, NOT_ALLOCATED = SharedRule.BY_WEIGHT, SharedRule.NOT_ALLOCATED
ALLOCATION_RULES = tuple(SharedRule)
ACHIEVED, ON_TRACK, AT_RISK = GoalStatus.ACHIEVED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK
OFF_TRACK, UNKNOWN = GoalStatus.OFF_TRACK, GoalStatus.UNKNOWN
STATUSES = tuple(GoalStatus)
INVEST, MAINTAIN = Recommendation.INVEST, Recommendation.MAINTAIN
FIX, EXIT = Recommendation.FIX, Recommendation.EXIT
RECOMMENDATIONS = tuple(Recommendation)
HEALTH_DIMENSIONS = tuple(HealthDimension)
# Action plans are due this many days after the review's as-of day.
ACTION_HORIZONS = (30, 60, 90)

# What the case-study paragraph calls an initiative that was not named.
DEFAULT_INITIATIVE_NAME = "the initiative"
# The pseudo-alliance shared costs are booked to, unless the user names another.
DEFAULT_SHARED_NAME = "Shared"

# A row name that is not an alliance.
PORTFOLIO = "Portfolio"


class Col:
    """Column names of the frames that pass between reading, analysis and output."""

    DATE = "date"
    REVENUE = "revenue"
    COST = "cost"
    ROI = "roi"
    BAND = "band"
    QUARTILE = "quartile"


# A row not used, as every reader and check reports it: where it is, what it held, and why.
ISSUE_COLUMNS = ["sheet", "row", "column", "value", "reason"]


@dataclass(frozen=True)
class Benchmark:
    """A named ROI to compare alliances with (0.15 = 15 %), and where the figure comes from."""

    name: str
    roi: float
    source: str = ""


DEFAULT_BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("Cross-industry average", 0.15, "PwC, average ROI of strategic alliances across industries"),
    Benchmark(
        "Top quartile, technology partnerships", 0.25, "Gartner, top quartile of technology partnerships"
    ),
)
