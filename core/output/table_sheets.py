"""The workbook's table sheets: Alliances, Quarterly, Before-After, Scorecard and Data issues."""

from __future__ import annotations

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from core.analysis.roi import ROI_DIGITS
from core.analysis.undated import NO_QUARTERS
from core.model import WindowMode
from core.output import columns as cols
from core.output.tables import (
    alliance_detail_display,
    alliance_spec,
    before_after_display,
    flags_display,
    goals_display,
    issues_display,
    quarters_display,
    type_display,
)
from core.output.xlsx import Formats, Pair, write_label, write_note, write_pairs, write_table
from core.report import Report

WINDOW_WORDS: dict[str, str] = {
    WindowMode.EQUAL: "equal windows, the longest the data allows",
    WindowMode.ALL: "all data on each side",
}
NO_GOALS = (
    "No goals: add a Goals sheet (Alliance, Metric, Target, Actual, Unit, Due date, "
    "Owner) to the ledger workbook."
)


def alliances_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """One row per alliance under the contract's headers, best ROI first, first row and column frozen."""
    write_table(ws, 0, by_roi(alliance_detail_display(report)), alliance_spec(report), formats, "Alliances")
    ws.freeze_panes(1, 1)


def by_roi(table: pd.DataFrame) -> pd.DataFrame:
    """The alliance table, highest ROI first and undefined ROI last; equal ROIs (compared at
    ROI_DIGITS decimals) by name."""
    key = table["ROI"].astype(float).round(ROI_DIGITS)
    ordered = table.assign(_roi=key).sort_values(
        ["_roi", "Alliance"], ascending=[False, True], na_position="last", kind="stable"
    )
    return ordered.drop(columns="_roi").reset_index(drop=True)


def quarterly_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """ROI by quarter per alliance and for the portfolio."""
    row = write_table(ws, 0, quarters_display(report), cols.QUARTERLY, formats, "Quarterly")
    ws.freeze_panes(1, 2)
    if report.ledger.source.undated:
        write_note(ws, row + 1, 0, NO_QUARTERS, formats)


def before_after_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """The comparison table, then its windows, checks and the case-study paragraph below it."""
    row = write_table(ws, 0, before_after_display(report), cols.BEFORE_AFTER, formats, "BeforeAfter")
    ws.freeze_panes(1, 1)
    result = report.before_after
    row += 1
    if result is None:
        write_label(ws, row, 0, "No comparison", formats)
        write_note(ws, row, 1, report.before_after_error, formats)
        return
    row = write_pairs(ws, row, _window_pairs(report), formats)
    for alliance, reason in result.left_out:
        write_label(ws, row, 0, "Left out", formats)
        write_note(ws, row, 1, f"{alliance}: {reason}", formats)
        row += 1
    for check in result.checks:
        write_label(ws, row, 0, "Check", formats)
        write_note(ws, row, 1, check, formats)
        row += 1
    write_label(ws, row + 1, 0, "Case study", formats)
    write_note(ws, row + 1, 1, result.paragraph, formats)


def _window_pairs(report: Report) -> list[Pair]:
    result = report.before_after
    assert result is not None
    windows = result.windows
    before_text, after_text = windows.describe()
    choice = report.settings.window
    pairs: list[Pair] = [
        ("Initiative date", windows.initiative, "date"),
        ("Before window", f"{before_text} ({windows.before_months:.1f} months)", None),
        ("After window", f"{after_text} ({windows.after_months:.1f} months)", None),
        ("Window choice", WINDOW_WORDS.get(choice.mode, f"{choice.months} months on each side"), None),
    ]
    if len(result.initiative_dates()) > 1:
        # The windows above are the control group's; each alliance has its own (#32.8).
        said = (
            f"{result.dates_words('%Y-%m-%d')}: each alliance over its own windows (its row); the "
            "windows above are those of the initiative date, the most common, and the control group's"
        )
        pairs.insert(1, ("Initiative dates", said, None))
    if result.control is not None:
        pairs += [
            ("Control group ROI change (pts)", result.control["roi_change"], "points"),
            ("Difference-in-differences (pts)", result.did, "points"),
        ]
    return pairs


def scorecard_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Goals with status, the day they were judged on, red flags and ROI by partnership type."""
    row = write_table(ws, 0, goals_display(report), cols.GOALS, formats, "Goals")
    ws.freeze_panes(1, 1)
    row = write_pairs(ws, row + 1, [("Status as of", report.as_of, "date")], formats)
    if report.goals.empty:
        write_note(ws, row, 0, NO_GOALS, formats)
        row += 1
    write_note(ws, row + 1, 0, "Red flags", formats, bold=True)
    row = write_table(ws, row + 2, flags_display(report), cols.FLAGS, formats, "RedFlags")
    write_note(ws, row + 1, 0, "ROI by partnership type", formats, bold=True)
    write_table(ws, row + 2, type_display(report), cols.BY_TYPE, formats, "ByType")


def issues_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Sheet, row, column, value and reason of every row not used."""
    write_table(ws, 0, issues_display(report.issues), cols.ISSUES, formats, "DataIssues")
