"""The Overview's tables and the Alliances sheet (and CSV) they come from: the alliances with
their benchmarks, time value and shared-cost columns, and beyond simple ROI: benchmarks, shared-cost
allocation, categories, sensitivity and time value; then the data issues.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.output.columns.shared import (
    ALLIANCE,
    ANNUALISED,
    BAND,
    COST,
    HURDLE,
    IRR,
    NET_VALUE,
    NO_COST,
    NPV,
    PAYBACK,
    PERCENTILE,
    REVENUE,
    ROI,
    ROI_NOTE,
    TIME_VALUE_NOTES,
    TYPE,
)
from core.output.columns.spec import Column, TableSpec

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
