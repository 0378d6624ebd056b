"""The summary workbook of the product contract, and the alliance CSV beside it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.output.about_sheet import about_sheet
from core.output.csv import alliance_csv, csv_safe
from core.output.decision_sheets import DECISION_SHEETS, decision_sheets
from core.output.history_sheet import history_sheet
from core.output.summary_sheet import summary_sheet
from core.output.table_sheets import (
    alliances_sheet,
    before_after_sheet,
    issues_sheet,
    quarterly_sheet,
    scorecard_sheet,
)
from core.output.xlsx import finish_sheet, needs_quoting, new_workbook
from core.report import Report

SHEETS = ("Summary", "Alliances", "Quarterly", "Before-After", "Scorecard", "Data issues", "About")
# Sheets added after the contract's first ones come after all of them, in this order: History (when
# there is one), then the decision sheets (always).
HISTORY = "History"


def summary_workbook(
    report: Report,
    exported_at: dt.datetime | None = None,
    link: str | None = None,
    history: pd.DataFrame | None = None,
    actions: pd.DataFrame | None = None,
) -> bytes:
    """The summary workbook of the product contract, as bytes; `link` is the view's shared link.

    `history` is the table of `core.reviews.history.history` for the portfolio's saved reviews: when
    it has rows, a History sheet follows the contract's sheets. The Decisions, Risks, Health and
    Actions sheets come last; `actions` (alliance, source, action, owner, due or due_date, horizon,
    status) are a saved review's accepted actions, shown instead of the ones the report proposes.
    """
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    book, buffer, formats = new_workbook()
    sheets = {name: book.add_worksheet(name) for name in SHEETS}
    summary_sheet(sheets["Summary"], report, formats, exported_at)
    alliances_sheet(sheets["Alliances"], report, formats)
    quarterly_sheet(sheets["Quarterly"], report, formats)
    before_after_sheet(sheets["Before-After"], report, formats)
    scorecard_sheet(sheets["Scorecard"], report, formats)
    issues_sheet(sheets["Data issues"], report, formats)
    about_sheet(sheets["About"], report, formats, exported_at, link)
    if history is not None and not history.empty:
        history_sheet(book.add_worksheet(HISTORY), history, formats)
    decision_sheets(book, report, formats, actions)
    for ws in book.worksheets():
        finish_sheet(ws, formats)
    book.close()
    return buffer.getvalue()


__all__ = [
    "DECISION_SHEETS",
    "HISTORY",
    "SHEETS",
    "alliance_csv",
    "csv_safe",
    "needs_quoting",
    "summary_workbook",
]
