"""The report's tables as shown: report frames under source names, turned into display frames by a spec.

Every table here keeps its values in their own units (ROI a fraction, money in the currency) and
takes its headers from `core.output.columns`; the workbook, the CSV, the HTML report and the app's
grids format them from the same spec.
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from core import formatting as fmt
from core import palette
from core.analysis.benchmarks import position_text
from core.analysis.quartiles import quartile_gaps
from core.analysis.undated import NO_DATES
from core.model import QUARTILES
from core.output import columns as cols
from core.output.columns import TableSpec, display_frame
from core.report import Report

BEFORE_AFTER_NUMBERS = (
    "roi_before",
    "roi_after",
    "roi_change",
    "revenue_before",
    "revenue_after",
    "revenue_change",
    "cost_before",
    "cost_after",
    "cost_change",
    "net_before",
    "net_after",
)


def _month_starts(periods: pd.Series) -> list[pd.Timestamp | None]:
    return [p.start_time if isinstance(p, pd.Period) else None for p in periods]


def time_value_notes(tv: pd.DataFrame) -> pd.Series:
    """Why a time-value figure is missing, in one cell per alliance: 'payback: not yet; IRR: n/a (…)'."""
    # An alliance listed on the Alliances sheet with no entries in view has no notes at all (NaN).
    annualised = tv["annualised_note"].fillna("").astype(str)
    irr = tv["irr_note"].fillna("").astype(str)
    parts = zip(
        ("annualised ROI: " + annualised).where(annualised != "", ""),
        pd.Series("payback: not yet", index=tv.index)
        .where(tv["payback"].isna(), "")
        .mask(irr == NO_DATES, "payback: " + NO_DATES),
        ("IRR: " + irr).where(irr != "", ""),
        strict=True,
    )
    return pd.Series(["; ".join(p for p in row if p) for row in parts], index=tv.index, dtype=object)


def alliance_rows(report: Report) -> pd.DataFrame:
    """Per alliance: ROI and its position, benchmark gaps, time value, shared costs, sensitivity range."""
    table = report.alliances
    rows = table.reset_index(names="alliance")
    tv = report.time_value.reindex(table.index)
    rows["annualised_roi"] = tv["annualised_roi"].astype(float).to_numpy()
    rows["payback"] = _month_starts(tv["payback"])
    for column in ("npv", "irr", "hurdle_value"):
        rows[column] = tv[column].astype(float).to_numpy()
    rows["time_value_notes"] = time_value_notes(tv).to_numpy()
    if len(report.allocation):
        allocated = report.allocation.set_index("alliance")["allocated_cost"]
        rows["allocated_cost"] = allocated.reindex(table.index).fillna(0.0).astype(float).to_numpy()
    if len(report.sensitivity.columns):
        choices = report.sensitivity.drop(columns="spread")
        rows["roi_lowest"] = choices.min(axis=1).to_numpy()
        rows["roi_highest"] = choices.max(axis=1).to_numpy()
    return rows


def alliance_spec(report: Report) -> TableSpec:
    """The full alliance table's columns for this report's benchmarks and adjustments."""
    return cols.alliances_spec(
        report.benchmarks["name"], bool(len(report.allocation)), bool(len(report.sensitivity.columns))
    )


def alliance_detail_display(report: Report) -> pd.DataFrame:
    """The full alliance table (Alliances sheet, CSV, HTML report), in the ledger's alliance order."""
    return display_frame(alliance_rows(report), alliance_spec(report))


def alliance_display(report: Report) -> pd.DataFrame:
    """The overview's alliance table, best ROI first, positions in words."""
    table = report.alliances.sort_values("roi", ascending=False, na_position="last")
    rows = table.reset_index(names="alliance")
    rows["roi_text"] = table["roi"].map(fmt.percent).to_numpy()
    rows["quartile_text"] = table["quartile"].replace("", "not ranked").to_numpy()
    for name in report.benchmarks["name"]:
        rows[f"position {name}"] = table[f"vs {name}"].map(position_text).to_numpy()
    return display_frame(rows, cols.overview_spec(report.benchmarks["name"]))


def issues_display(issues: pd.DataFrame) -> pd.DataFrame:
    """The data issues in sheet and row order."""
    return display_frame(issues, cols.ISSUES)


def before_after_rows(report: Report) -> pd.DataFrame:
    """Before/after per alliance, then the Portfolio row; no rows when there is no comparison."""
    result = report.before_after
    if result is None:
        return cols.empty_frame(cols.BEFORE_AFTER)
    table = pd.concat([result.table, result.portfolio.to_frame("Portfolio").T])
    rows = pd.DataFrame({"alliance": table.index.to_numpy()})
    for column in BEFORE_AFTER_NUMBERS:
        # The portfolio row makes every column object-typed; the numbers go back to floats.
        rows[column] = table[column].astype(float).to_numpy()
    rows["initiative_date"] = table["initiative_date"].to_numpy()
    rows["before_window"] = table["before_window"].fillna("").to_numpy()
    rows["after_window"] = table["after_window"].fillna("").to_numpy()
    rows["note"] = table["note"].to_numpy()
    return rows


def before_after_display(report: Report) -> pd.DataFrame:
    """Before/after per alliance and for the portfolio (the Before-After sheet and the page's grid)."""
    return display_frame(before_after_rows(report), cols.BEFORE_AFTER)


def quarters_display(report: Report) -> pd.DataFrame:
    """Every alliance's quarters and the portfolio's (the Quarterly sheet)."""
    q = report.quarterly
    rows = q.assign(complete_text=q["complete"].map({True: "yes", False: "no, partly covered"}))
    return display_frame(rows, cols.QUARTERLY)


def quarterly_display(report: Report, alliance: str) -> pd.DataFrame:
    """One alliance's (or the portfolio's) quarters for the trends grid, ROI as a fraction."""
    q = report.quarterly[report.quarterly["alliance"] == alliance]
    rows = q.assign(complete_text=q["complete"].map({True: "yes", False: "no, partly covered"}))
    return display_frame(rows, cols.without(cols.QUARTERLY, "alliance", "quarter_start"))


def quartile_display(report: Report) -> pd.DataFrame:
    """Alliances by quartile, best first, with the gap to the next quartile in points and in net value."""
    table = report.alliances
    gaps = quartile_gaps(table, report.cuts)
    rows = table.join(gaps).reset_index(names="alliance")
    rows["quartile_text"] = rows["quartile"].replace("", "not ranked")
    order = {name: i for i, name in enumerate(QUARTILES)}
    rows["_order"] = rows["quartile_text"].map(order).fillna(len(order))
    rows = rows.sort_values(["_order", "roi"], ascending=[True, False], na_position="last")
    return display_frame(rows, cols.QUARTILES)


# Pale fills of the goals chart's status colours (Okabe–Ito), readable on light and dark themes.
STATUS_COLOURS = {status: palette.tint(colour, 0.28) for status, colour in palette.STATUS_COLOURS.items()}


def goals_display(report: Report) -> pd.DataFrame:
    """Goals with progress, time gone and status (the Scorecard sheet and the scorecard grid)."""
    return display_frame(report.goals, cols.GOALS)


def status_style(frame: pd.DataFrame) -> Styler:
    """The goals grid with each status cell coloured (readable on light and dark themes)."""
    return frame.style.map(lambda s: f"background-color: {STATUS_COLOURS.get(s, '')}", subset=["Status"])


def flags_display(report: Report) -> pd.DataFrame:
    """The red flags per alliance, with the figures behind each."""
    return display_frame(report.flags, cols.FLAGS)


def type_display(report: Report) -> pd.DataFrame:
    """ROI by partnership type."""
    return display_frame(report.by_type.reset_index(names="type"), cols.BY_TYPE)


def benchmarks_display(report: Report) -> pd.DataFrame:
    """The benchmarks in use, with their sources."""
    return display_frame(report.benchmarks, cols.BENCHMARKS)


def categories_display(report: Report) -> pd.DataFrame:
    """Revenue and cost by category per alliance."""
    return display_frame(report.categories, cols.CATEGORIES)


def allocation_display(report: Report) -> pd.DataFrame:
    """Each alliance's share of the shared costs."""
    return display_frame(report.allocation, cols.ALLOCATION)


def time_value_rows(report: Report) -> pd.DataFrame:
    """Years, annualised ROI, payback month, NPV, IRR and value over hurdle, alliances then portfolio."""
    rows = report.time_value.reset_index(names="alliance")
    rows["payback"] = _month_starts(report.time_value["payback"])
    return rows


def time_value_display(report: Report) -> pd.DataFrame:
    """Time value per alliance and for the portfolio."""
    return display_frame(time_value_rows(report), cols.TIME_VALUE)


def sensitivity_display(report: Report) -> pd.DataFrame:
    """Each alliance's ROI under each allocation rule and attribution choice, and the spread."""
    table = report.sensitivity
    return display_frame(table.reset_index(names="alliance"), cols.sensitivity_spec(table.columns))
