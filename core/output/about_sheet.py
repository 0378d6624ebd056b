"""The About sheet: how the workbook was made (source, reading, settings, link, time) and every definition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from xlsxwriter.worksheet import Worksheet

from core.analysis.adjustments import RULE_WORDS
from core.analysis.materiality import flat_words
from core.analysis.undated import UNDATED_ABOUT
from core.output.xlsx import Formats, Pair, write_cell, write_note, write_pairs
from core.report import Report
from core.settings import describe

NO_LINK = "not recorded: this workbook was exported without a link to a view"
# Values and definitions are sentences: one wide column that wraps them reads best.
VALUE_WIDTH = 100

DEFINITIONS = [
    ("Revenue", "Sum of ledger amounts of kind revenue in the window (revenue attributed to the alliance)."),
    ("Cost", "Sum of ledger amounts of kind cost in the window (all costs of the alliance, positive)."),
    ("Net value", "Revenue − cost."),
    (
        "Money",
        "Summed exactly to the cent; money cells are rounded to cents. Changed in version 0.3: sums "
        "kept floating-point noise such as 673195.9600000009.",
    ),
    (
        "ROI",
        "(Revenue − cost) / cost, a fraction shown as a percentage, computed from whole cents. "
        "Undefined (empty cell, reason beside it) when cost is zero or negative. ROIs are compared "
        "(bands, quartiles, percentiles, ranks) after rounding to 10 decimals, so equal ROIs always "
        "share a position. Changed in version 0.3: 1e-16 noise could split a tie.",
    ),
    (
        "Portfolio ROI",
        "(Σ revenue − Σ cost) / Σ cost over the alliances in view (cost-weighted). The "
        "plain mean of alliance ROIs is shown separately and labelled as such.",
    ),
    (
        "Band",
        "Strong: ROI above the strong threshold. Moderate: from the moderate threshold up to and "
        "including the strong one. Weak: below the moderate threshold (negative included).",
    ),
    (
        "Quartile",
        "Position of an alliance's ROI among the alliances with a defined ROI; cut points P25, "
        "P50, P75 as Excel's QUARTILE.INC. Top: ROI ≥ P75; Second: P50 ≤ ROI < P75; Third: "
        "P25 ≤ ROI < P50; Bottom: ROI < P25.",
    ),
    ("Percentile", "Share of alliances with a defined ROI whose ROI is at or below this one."),
    ("Benchmark columns", "Alliance ROI minus the benchmark ROI, in percentage points (shown as %)."),
    (
        "Annualised ROI",
        "(1 + ROI)^(1 / years) − 1, years = the alliance's own span of activity (first to last month "
        "with an entry) / 12; only when that span is at least 12 months (a few months' ROI raised to a "
        "yearly power means nothing), else n/a with the reason. Changed in version 0.3: it used the "
        "whole ledger's span and any length.",
    ),
    (
        "Payback month",
        "The month from which the cumulative monthly net value (revenue − cost) stays above zero to "
        "the end of the data; 'not yet' otherwise. Changed in version 0.3: it was the first month the "
        "cumulative value was positive, even if it fell below zero again.",
    ),
    (
        "NPV",
        "Σ net value of month t / (1 + m)^t, t = 1 for the first month in view (end-of-month flows), "
        "m = (1 + annual discount rate)^(1/12) − 1; months without entries count as zero.",
    ),
    (
        "IRR (annual)",
        "The monthly rate i at which NPV is zero, as (1 + i)^12 − 1; only for investment-shaped flows "
        "(the first non-zero monthly net value negative, one sign change), else n/a with the reason "
        "(revenue first would be a borrowing rate). Searched from −99.99 % to +10,000 % a year; beyond, "
        "'n/m (above 10,000 % a year)'. Changed in version 0.3.",
    ),
    (
        "Recommendation",
        "Invest, Maintain, Fix or Exit from a score: the sum of points for the band, the quartile, the "
        "trend of the last two complete quarters (a change under the 'Flat below' setting is flat and "
        "gives no points), the worst goal status, the red flags no other factor "
        "weighs (each counted, up to a cap) and the relationship-health score of both sides. Each fact "
        "counts once; quartile points need a spread (at least 4 alliances with an ROI, not all equal); "
        "an absent sheet neither rewards nor punishes (no 'no goals' flag without a Goals sheet, no 'no "
        "exit conditions' without that column). The cut scores and every weight are settings, listed "
        "below; the Decisions sheet gives each alliance's points and reasons. New in version 0.5.",
    ),
    (
        "Opportunity cost",
        "What the alliance's money would have earned at the hurdle rate (the yearly return of its "
        "next-best use), month by month: each month's net value (revenue − cost, the monthly flows NPV "
        "uses, months without entries 0) is carried at the hurdle rate from the start of its month to "
        "the end of the view, month m of N earning (1 + hurdle rate)^((N − m + 1)/12) − 1; opportunity "
        "cost = Σ −net value × that factor (net value taken out early earns it back, so it may be "
        "negative). 240,000 spent evenly over 24 months at 10 % forgoes 25,451.27. Alternative's return "
        "= opportunity cost / cost. Changed in version 0.5: it was cost × ((1 + rate)^years − 1), as if "
        "all the cost had been spent on the first day.",
    ),
    (
        "Value over hurdle",
        "Net value − opportunity cost: the monthly net values carried to the end of the view at the "
        "hurdle rate, so it is above zero exactly when NPV at the hurdle rate is. One figure, computed "
        "once: the Alliances sheet's 'Value over hurdle' and the Decisions sheet's 'Value over "
        "alternative' hold the same value. In points ('Over alternative (pts)'): value over hurdle / "
        "cost × 100 = ROI − alternative's return. The hurdle rate is the sidebar's, or the rate of a "
        "next-best use named on the Decisions page. Changed in version 0.5: the Alliances sheet took "
        "net value − hurdle rate × cost.",
    ),
    (
        "Risk-adjusted ROI",
        "(Net value − expected loss) / cost. A risk is stated per year, whatever the view's length: its "
        "expected loss = probability × the money at stake within a year. An impact in money is that "
        "money; an impact scored 1–5 puts 5 %, 10 %, 25 %, 50 % or 100 % of the alliance's revenue per "
        "year at stake (revenue in view × 12 / the months in view), so p 10 %, impact 5 on 12,000 of "
        "revenue a year is 1,200 in a 12-month view and in a 24-month one. Changed in version 0.5: a "
        "score took its share of the revenue in view (twice as much in a view twice as long).",
    ),
    (
        "Probability (Risks sheet)",
        "One scale per column, from all its values: fractions when every plain number is at most 1 "
        "(0.3 is 30 %), percentages when any is above 1 (30 is 30 %, 1.5 is 1.5 %); a value written with "
        "'%' is a percentage in either. In a column of percentages a plain number above 0 and at most 1 "
        "(0.3, 1) could mean either: it is listed on Data issues (sheet, row, column) and the risk adds "
        "no expected loss. Changed in version 0.5: each cell was read on its own (1 as 100 %, 1.5 as "
        "1.5 %).",
    ),
    (
        "Health score",
        "The mean of the two sides' means (1–5), each side's mean over the dimensions it scored "
        "(strategic fit, operational, financial, relationship); scored by one side only, it is that "
        "side's view and earns no decision points. The gap (perceived reciprocity) = our mean − the "
        "partner's. A side's score of 2 or less, or the "
        "sides 2 or more apart on a dimension, is a red flag.",
    ),
    (
        "Scenario",
        "Drop removes an alliance; scale × f multiplies its revenue and cost by f; re-fund sets its cost "
        "and moves its revenue in proportion. Portfolio ROI, net value and quartile cut points are "
        "recomputed over the alliances that remain.",
    ),
    (
        "Currencies",
        "Each entry is converted at its own month's rate from the FX sheet: amount × rate(currency) / "
        "rate(reporting currency), rates being to the FX sheet's base (base = 1). An entry without a "
        "rate for its month is left out and listed on Data issues.",
    ),
    (
        "Shared costs",
        "Entries booked to the shared pseudo-alliance are split over the alliances in the dates in "
        "view, entry by entry on their own dates: by revenue share (alliance revenue / total revenue), "
        "evenly, or by the Alliances sheet's weight column; alliance filters apply after the split.",
    ),
    (
        "Attribution",
        "Revenue marked influenced counts at the chosen credit (0–100 %); sourced revenue and costs in "
        "full. The sensitivity table gives each alliance's ROI with sourced-only (0 %) and full credit. "
        "Under revenue-share allocation, its 'sourced only' column also re-computes the shares from "
        "sourced revenue (two factors change at once); the column 'revenue share held, sourced only' "
        "keeps the shares of full credit, so that only the revenue counted changes.",
    ),
]


def about_sheet(
    ws: Worksheet, report: Report, formats: Formats, exported_at: dt.datetime, link: str | None = None
) -> None:
    """Write the About sheet: what was read and how, the settings in words, the link, the definitions."""
    formats.layout(ws).fixed[1] = VALUE_WIDTH
    write_cell(ws, 0, 0, "About this workbook", formats.title, formats)
    rows = [
        *_reading_rows(report),
        *_settings_rows(report),
        ("Time of export", exported_at.isoformat(sep=" ")),
        ("Link that reopens this view", link or NO_LINK),
    ]
    row = write_pairs(ws, 2, _pairs(rows), formats)
    write_note(ws, row + 1, 0, "Settings in full", formats, bold=True)
    # Every setting, defaults included, so the workbook says what it shows even without the link.
    full = [(what[:1].upper() + what[1:], value) for what, value in describe(report.settings)]
    row = write_pairs(ws, row + 2, _pairs(full), formats)
    write_note(ws, row + 1, 0, "Definitions", formats, bold=True)
    write_pairs(ws, row + 2, _pairs(DEFINITIONS), formats)


def _pairs(rows: Sequence[tuple[str, object]]) -> list[Pair]:
    """Label and value rows as written: values as they are (text, or a count), no number format."""
    return [(label, value, None) for label, value in rows]


def _reading_rows(report: Report) -> list[tuple[str, object]]:
    source = report.ledger.source
    return [
        ("Source file", source.filename),
        ("Ledger sheet", source.sheet_label),
        ("Header row", source.header_row),
        ("Layout", LAYOUT_WORDS.get(source.layout, source.layout)),
        ("Columns read", "; ".join(f"{k} ← '{v}'" for k, v in source.columns.items())),
        *([("Figures worked out", "; ".join(source.derived))] if source.derived else []),
        *([("Dates", UNDATED_ABOUT)] if source.undated else []),
        ("Rows below the header", source.rows_read),
        ("Entries used", len(report.ledger.entries)),
        ("Entries in view", len(report.entries)),
    ]


# The ledger layouts (reading.headers.ledger_layout) as the About sheet names them.
LAYOUT_WORDS = {
    "long": "one row per entry with kind and amount",
    "wide": "revenue and cost columns on each row",
    "signed": "one signed amount per row: money in is revenue, money out is cost",
    "periods": "periods as columns: one entry per partner and period",
    "bookings": "DATEV bookings: each read on its account and contra account by the chart of accounts",
    "statement": "a statement with periods as columns: the rows and periods you chose, as one period",
}


def _settings_rows(report: Report) -> list[tuple[str, object]]:
    settings = report.settings
    t = settings.thresholds
    fx = report.ledger.fx
    return [
        ("Filters", settings.filters.describe()),
        ("Strong band above", f"{t.strong:.1%}"),
        ("Moderate band from", f"{t.moderate:.1%}"),
        ("Reporting currency", report.currency or "as in the ledger"),
        (
            "Exchange rates",
            f"{len(fx)} monthly rates to {report.ledger.fx_base}" if len(fx) else "none (one currency)",
        ),
        ("Credit for influenced revenue", f"{settings.influenced_credit:.0%}"),
        ("Shared costs", f"'{settings.shared_name}' split {RULE_WORDS[report.shared_rule]}"),
        ("Discount rate (NPV)", f"{settings.time.discount_rate:.1%} a year"),
        ("Hurdle rate", f"{settings.time.hurdle_rate:.1%}"),
        ("Flat below", f"{settings.flat_points:g} points: {flat_words(settings.flat_points)}"),
    ]
