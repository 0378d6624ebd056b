"""The workbook's table sheets: Alliances, Quarterly, Before-After, Scorecard and Data issues."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from core.analysis.report import Report
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
from core.output.xlsx import Formats, Pair, write_cell, write_pairs, write_table

WINDOW_WORDS: dict[str, str] = {
    WindowMode.EQUAL: "equal windows, the longest the data allows",
    WindowMode.ALL: "all data on each side",
}
NO_GOALS = (
    "No goals: add a Goals sheet (Alliance, Metric, Target, Actual, Unit, Due date, "
    "Owner) to the ledger workbook."
)


def alliances_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """One row per alliance under the contract's headers, first row and column frozen."""
    widths = {"Alliance": 28, "ROI note": 36}
    write_table(ws, 0, alliance_detail_display(report), alliance_spec(report), formats, widths)
    ws.freeze_panes(1, 1)


def quarterly_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """ROI by quarter per alliance and for the portfolio."""
    write_table(ws, 0, quarters_display(report), cols.QUARTERLY, formats, {"Alliance": 26})
    ws.freeze_panes(1, 2)


def before_after_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """The comparison table, then its windows, checks and the case-study paragraph below it."""
    widths = {"Alliance": 26, "Before window": 22, "After window": 22, "Note": 40}
    row = write_table(ws, 0, before_after_display(report), cols.BEFORE_AFTER, formats, widths)
    ws.freeze_panes(1, 1)
    result = report.before_after
    row += 1
    if result is None:
        write_cell(ws, row, 0, "No comparison", formats.bold, formats)
        write_cell(ws, row, 1, report.before_after_error, None, formats)
        return
    row = write_pairs(ws, row, _window_pairs(report), formats)
    for alliance, reason in result.left_out:
        write_cell(ws, row, 0, "Left out", formats.bold, formats)
        write_cell(ws, row, 1, f"{alliance}: {reason}", None, formats)
        row += 1
    for check in result.checks:
        write_cell(ws, row, 0, "Check", formats.bold, formats)
        write_cell(ws, row, 1, check, None, formats)
        row += 1
    write_cell(ws, row + 1, 0, "Case study", formats.bold, formats)
    write_cell(ws, row + 1, 1, result.paragraph, None, formats)


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
    if result.control is not None:
        pairs += [
            ("Control group ROI change (pts)", result.control["roi_change"], "points"),
            ("Difference-in-differences (pts)", result.did, "points"),
        ]
    return pairs


def scorecard_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Goals with status, the day they were judged on, red flags and ROI by partnership type."""
    widths = {"Alliance": 24, "Metric": 30, "Why": 50, "Status": 12}
    row = write_table(ws, 0, goals_display(report), cols.GOALS, formats, widths)
    ws.freeze_panes(1, 1)
    row = write_pairs(ws, row + 1, [("Status as of", report.as_of, "date")], formats)
    if report.goals.empty:
        write_cell(ws, row, 0, NO_GOALS, None, formats)
        row += 1
    write_cell(ws, row + 1, 0, "Red flags", formats.bold, formats)
    row = write_table(ws, row + 2, flags_display(report), cols.FLAGS, formats)
    write_cell(ws, row + 1, 0, "ROI by partnership type", formats.bold, formats)
    write_table(ws, row + 2, type_display(report), cols.BY_TYPE, formats)


def issues_sheet(ws: Worksheet, report: Report, formats: Formats) -> None:
    """Sheet, row, column, value and reason of every row not used."""
    write_table(ws, 0, issues_display(report.issues), cols.ISSUES, formats, {"Reason": 60, "Value": 24})
