"""The data issues slide: how many rows were not used and why, the first of them in a table."""

from __future__ import annotations

import pandas as pd
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Inches

from core import formatting as fmt
from core.formatting import ValueKind
from core.output.deck.drawing import (
    MUTED,
    ROW_HEIGHT,
    WIDTH,
    Box,
    Line,
    clip,
    text_box,
    titled_slide,
    write_cell,
)
from core.report import Report

MAX_ISSUES = 10  # rows of the table; the slide counts the rest


# Issue table columns: header, width in inches, characters that fit on one line at 12 pt.
ISSUE_COLUMNS = (("Sheet", 1.5, 13), ("Row", 0.9, 7), ("Column", 2.0, 18), ("Value", 2.5, 24))
ISSUE_REASON = ("Reason", WIDTH - 1.0 - sum(w for _, w, _ in ISSUE_COLUMNS), 56)

NO_ISSUES = "Every row of the ledger was used: no data issues."


def _issues_table(slide: Slide, issues: pd.DataFrame, top: float) -> None:
    """Sheet, row, column, value and reason of the first issues, each cell cut to fit one line."""
    columns = (*ISSUE_COLUMNS, ISSUE_REASON)
    shown = issues.head(MAX_ISSUES)
    shape = slide.shapes.add_table(
        len(shown) + 1, len(columns), *Box(0.5, top, WIDTH - 1.0, ROW_HEIGHT * (len(shown) + 1)).place()
    )
    table = shape.table
    for c, (header, width, _) in enumerate(columns):
        table.columns[c].width = Inches(width)
        write_cell(table.cell(0, c), header, bold=True)
    sources = ("sheet", "row", "column", "value", "reason")
    for r, record in enumerate(shown.to_dict("records"), start=1):
        for c, (source, (_, _, chars)) in enumerate(zip(sources, columns, strict=True)):
            kind: ValueKind = "integer" if source == "row" else "text"
            write_cell(table.cell(r, c), clip(fmt.cell(record[source], kind), chars))


def issues_slide(prs: Deck, report: Report) -> None:
    """How many rows were not used and why, the first of them in a table, and how many more."""
    issues = report.issues
    if issues.empty:
        slide = titled_slide(prs, "Data issues", "0 issues")
        text_box(slide, Box(0.5, 1.8, WIDTH - 1.0, 1.0), [Line(NO_ISSUES, 18)])
        return
    rows = report.rows_left_out
    subtitle = (
        f"{len(issues)} issue{'s' if len(issues) != 1 else ''} · "
        f"{rows} ledger row{'s' if rows != 1 else ''} left out"
    )
    slide = titled_slide(prs, "Data issues", subtitle)
    _issues_table(slide, issues, 1.65)
    more = len(issues) - MAX_ISSUES
    note = "Every issue is listed on the Data issues sheet of the summary workbook."
    if more > 0:
        note = f"and {more} more; every issue is listed on the Data issues sheet of the summary workbook."
    top = 1.65 + ROW_HEIGHT * (min(len(issues), MAX_ISSUES) + 1) + 0.15
    text_box(slide, Box(0.5, top, WIDTH - 1.0, 0.5), [Line(note, 14, colour=MUTED)])
