"""The Summary sheet: source, headline figures, quartile cuts, benchmarks, time value and adjustments."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from core.analysis.adjustments import RULE_WORDS
from core.analysis.undated import NO_DATES_PERIOD
from core.model import BANDS, PORTFOLIO, UNDEFINED
from core.output import columns as cols
from core.output.tables import (
    allocation_display,
    benchmarks_display,
    categories_display,
    sensitivity_display,
)
from core.output.xlsx import Formats, Pair, write_cell, write_note, write_pairs, write_table
from core.report import Report


def summary_sheet(ws: Worksheet, report: Report, formats: Formats, exported_at: dt.datetime) -> None:
    """Write the Summary sheet."""
    write_cell(ws, 0, 0, "Alliance ROI summary", formats.title, formats)
    row = write_pairs(ws, 2, _source_pairs(report, exported_at), formats)
    roi_row = row + 1
    row = write_pairs(ws, roi_row, _headline_pairs(report), formats)
    if report.portfolio.roi is None:
        write_note(ws, roi_row, 2, report.portfolio.roi_note, formats)
    row += 1
    write_note(ws, row, 0, "Portfolio quartile cut points (QUARTILE.INC)", formats, bold=True)
    cuts = report.cuts or {}
    row = write_pairs(ws, row + 1, [(k, cuts.get(k), "ratio") for k in ("P25", "P50", "P75")], formats)
    ranked = int(report.alliances["roi"].notna().sum())
    write_note(ws, row, 0, f"over the {ranked} alliances in view with a defined ROI", formats)
    row += 2
    row = write_table(ws, row, benchmarks_display(report), cols.BENCHMARKS, formats, "Benchmarks")
    row = _beyond_simple_roi(ws, row + 1, report, formats)
    if report.ledger.notes:
        row += 1
        write_note(ws, row, 0, "Reading notes", formats, bold=True)
        for note in report.ledger.notes:
            row += 1
            write_note(ws, row, 0, note, formats)


def _source_pairs(report: Report, exported_at: dt.datetime) -> list[Pair]:
    source = report.ledger.source
    return [
        ("Source file", source.filename, None),
        ("Ledger sheet", source.sheet_label, None),
        ("Currency", report.currency or "as in the ledger", None),
        ("Period covered", period(report), None),
        ("Filters", report.settings.filters.describe(), None),
        ("Exported", exported_at, "datetime"),
    ]


def _headline_pairs(report: Report) -> list[Pair]:
    p = report.portfolio
    return [
        ("Portfolio ROI (cost-weighted)", p.roi, "ratio"),
        ("Mean of alliance ROIs (unweighted)", p.mean_roi, "ratio"),
        ("Revenue", p.revenue, "money"),
        ("Cost", p.cost, "money"),
        ("Net value", p.net_value, "money"),
        ("Alliances", p.alliances, "integer"),
        *[(f"{name} band", p.band_counts[name], "integer") for name in BANDS],
        ("ROI undefined (no cost)", p.band_counts[UNDEFINED], "integer"),
        ("Ledger rows left out (see Data issues)", report.rows_left_out, "integer"),
    ]


def period(report: Report) -> str:
    """The first and last date of the entries in view, 'no entries', or that the ledger has no dates."""
    dates = report.entries["date"]
    if dates.empty:
        return "no entries"
    if report.ledger.source.undated:
        return NO_DATES_PERIOD
    return f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"


def _beyond_simple_roi(ws: Worksheet, row: int, report: Report, formats: Formats) -> int:
    """Time value of the portfolio, the shared-cost allocation and the sensitivity table."""
    settings = report.settings
    write_note(ws, row, 0, "Time value (portfolio)", formats, bold=True)
    if PORTFOLIO in report.time_value.index:
        row = write_pairs(ws, row + 1, _time_value_pairs(report), formats)
    if len(report.allocation):
        title = f"Shared costs ('{settings.shared_name}'), split {RULE_WORDS[report.shared_rule]}"
        write_note(ws, row + 1, 0, title, formats, bold=True)
        row = write_table(ws, row + 2, allocation_display(report), cols.ALLOCATION, formats, "SharedCosts")
    if len(report.categories):
        write_note(ws, row + 1, 0, "Revenue and cost by category", formats, bold=True)
        row = write_table(ws, row + 2, categories_display(report), cols.CATEGORIES, formats, "Categories")
    if len(report.sensitivity.columns):
        title = "Sensitivity: ROI under each allocation and attribution choice"
        write_note(ws, row + 1, 0, title, formats, bold=True)
        spec = cols.sensitivity_spec(report.sensitivity.columns)
        row = write_table(ws, row + 2, sensitivity_display(report), spec, formats, "Sensitivity")
    return row


def _time_value_pairs(report: Report) -> list[Pair]:
    time = report.settings.time
    tv = report.time_value.loc[PORTFOLIO]
    payback = tv["payback"].start_time if isinstance(tv["payback"], pd.Period) else "not yet"
    annualised = tv["annualised_roi"] if pd.notna(tv["annualised_roi"]) else tv["annualised_note"]
    return [
        ("Years in view", tv["years"], "number"),
        ("Annualised ROI", annualised, "ratio"),
        ("Payback month (cumulative net value stays positive from then on)", payback, "month"),
        (f"NPV at {time.discount_rate:.1%} a year", tv["npv"], "money"),
        ("IRR (annual)", tv["irr"] if pd.notna(tv["irr"]) else tv["irr_note"], "ratio"),
        (
            f"Value over a {report.opportunity.attrs['alternative_rate']:.1%} hurdle",
            tv["hurdle_value"],
            "money",
        ),
    ]
