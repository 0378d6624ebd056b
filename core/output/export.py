"""The summary workbook and CSV: real numbers with number formats, text that never executes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from core.analysis.adjustments import RULE_WORDS
from core.analysis.report import Report
from core.model import BANDS, PORTFOLIO, UNDEFINED

# A text cell starting with one of these is a formula to Excel and LibreOffice (and to CSV
# importers), so it is marked as text (quote prefix) or, in CSV, preceded by an apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

MONEY = "#,##0.00;[Red]-#,##0.00"
PERCENT = "0.0%"
POINTS = "+0.0%;[Red]-0.0%;0.0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"

SHEETS = ("Summary", "Alliances", "Quarterly", "Before-After", "Scorecard", "Data issues", "About")

DEFINITIONS = [
    ("Revenue", "Sum of ledger amounts of kind revenue in the window (revenue attributed to the alliance)."),
    ("Cost", "Sum of ledger amounts of kind cost in the window (all costs of the alliance, positive)."),
    ("Net value", "Revenue − cost."),
    (
        "ROI",
        "(Revenue − cost) / cost, a fraction shown as a percentage. Undefined (empty cell, reason "
        "beside it) when cost is zero or negative.",
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
        "(1 + ROI)^(1 / years) − 1, years = months of data in view / 12; empty when ROI is undefined "
        "or −100 % or less.",
    ),
    (
        "Payback month",
        "The first month in which the cumulative monthly net value (revenue − cost) is above zero; "
        "empty when that never happens in the window.",
    ),
    (
        "NPV",
        "Σ net value of month t / (1 + m)^t, t = 1 for the first month in view (end-of-month flows), "
        "m = (1 + annual discount rate)^(1/12) − 1; months without entries count as zero.",
    ),
    (
        "IRR (annual)",
        "The monthly rate i at which NPV is zero, as (1 + i)^12 − 1; given only where the monthly net "
        "values change sign exactly once (a single IRR exists).",
    ),
    ("Value over hurdle", "Net value − hurdle rate × cost."),
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
        "full. The sensitivity table gives each alliance's ROI with sourced-only (0 %) and full credit.",
    ),
]


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.money = book.add_format({"num_format": MONEY})
        self.percent = book.add_format({"num_format": PERCENT})
        self.points = book.add_format({"num_format": POINTS})
        self.points_number = book.add_format({"num_format": POINTS_NUMBER})
        self.date = book.add_format({"num_format": DATE})
        self.month = book.add_format({"num_format": "mmm yyyy"})
        self.datetime = book.add_format({"num_format": DATETIME})
        self.integer = book.add_format({"num_format": "0"})
        self.number = book.add_format({"num_format": "#,##0.##"})
        self.text = book.add_format({})
        self.quoted = book.add_format({"quote_prefix": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})


def needs_quoting(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def write_cell(ws: Worksheet, row: int, col: int, value: object, fmt, formats: _Formats) -> None:
    """Write one value as what it is: number, date, or text that can never run as a formula."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value).to_pydatetime()
        ws.write_datetime(row, col, stamp, fmt if fmt is not None else formats.date)
    else:
        text = str(value)
        ws.write_string(row, col, text, formats.quoted if needs_quoting(text) else fmt)


def write_table(
    ws: Worksheet,
    top: int,
    frame: pd.DataFrame,
    formats: _Formats,
    column_formats: dict,
    widths: dict[str, int] | None = None,
) -> int:
    """Write a header row and the frame below it; returns the next free row."""
    for col, name in enumerate(frame.columns):
        write_cell(ws, top, col, str(name), formats.header, formats)
        width = (widths or {}).get(name, max(10, min(40, len(str(name)) + 2)))
        ws.set_column(col, col, width)
    for r, values in enumerate(frame.itertuples(index=False), start=top + 1):
        for col, (name, value) in enumerate(zip(frame.columns, values, strict=True)):
            write_cell(ws, r, col, _plain(value), column_formats.get(name), formats)
    return top + 1 + len(frame)


def _plain(value: object) -> object:
    if hasattr(value, "item") and not isinstance(value, (str, bytes, pd.Timestamp)):
        return value.item()
    return value


def _pairs(ws: Worksheet, top: int, pairs: Iterable[tuple[str, object, object]], formats: _Formats) -> int:
    row = top
    for label, value, fmt in pairs:
        write_cell(ws, row, 0, label, formats.bold, formats)
        write_cell(ws, row, 1, value, fmt, formats)
        row += 1
    return row


def alliances_sheet_frame(report: Report) -> pd.DataFrame:
    """The Alliances sheet's columns under their contract headers, one row per alliance."""
    table = report.alliances
    frame = pd.DataFrame(
        {
            "Alliance": table.index.to_numpy(),
            "Type": table["type"].to_numpy(),
            "Revenue": table["revenue"].to_numpy(),
            "Cost": table["cost"].to_numpy(),
            "Net value": table["net_value"].to_numpy(),
            "ROI": table["roi"].to_numpy(),
            "ROI note": table["roi_note"].to_numpy(),
            "Band": table["band"].to_numpy(),
            "Quartile": table["quartile"].to_numpy(),
            "Percentile": table["percentile"].to_numpy(),
        }
    )
    for name in report.benchmarks["name"]:
        frame[name] = table[f"vs {name}"].to_numpy()
    tv = report.time_value.reindex(table.index)
    frame["Annualised ROI"] = tv["annualised_roi"].astype(float).to_numpy()
    frame["Payback month"] = [p.start_time if isinstance(p, pd.Period) else None for p in tv["payback"]]
    frame["NPV"] = tv["npv"].astype(float).to_numpy()
    frame["IRR (annual)"] = tv["irr"].astype(float).to_numpy()
    frame["Value over hurdle"] = tv["hurdle_value"].astype(float).to_numpy()
    if len(report.allocation):
        allocated = report.allocation.set_index("alliance")["allocated_cost"]
        frame["Shared cost allocated"] = allocated.reindex(table.index).fillna(0.0).astype(float).to_numpy()
    if len(report.sensitivity.columns):
        sens = report.sensitivity.drop(columns="spread")
        frame["ROI lowest (sensitivity)"] = sens.min(axis=1).to_numpy()
        frame["ROI highest (sensitivity)"] = sens.max(axis=1).to_numpy()
    return frame


MONEY_COLUMNS = ("Revenue", "Cost", "Net value", "NPV", "Value over hurdle", "Shared cost allocated")
PERCENT_COLUMNS = (
    "ROI",
    "Percentile",
    "Annualised ROI",
    "IRR (annual)",
    "ROI lowest (sensitivity)",
    "ROI highest (sensitivity)",
)


def _summary_sheet(ws: Worksheet, report: Report, formats: _Formats, exported_at: dt.datetime) -> None:
    p = report.portfolio
    source = report.ledger.source
    ws.set_column(0, 0, 38)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 60)
    write_cell(ws, 0, 0, "Alliance ROI summary", formats.title, formats)
    row = _pairs(
        ws,
        2,
        [
            ("Source file", source.filename, None),
            ("Ledger sheet", source.sheet, None),
            ("Currency", report.currency or "as in the ledger", None),
            ("Period covered", _period(report), None),
            ("Filters", report.settings.filters.describe(), None),
            ("Exported", exported_at, formats.datetime),
        ],
        formats,
    )
    roi_row = row + 1
    row = _pairs(
        ws,
        roi_row,
        [
            ("Portfolio ROI (cost-weighted)", p.roi, formats.percent),
            ("Mean of alliance ROIs (unweighted)", p.mean_roi, formats.percent),
            ("Revenue", p.revenue, formats.money),
            ("Cost", p.cost, formats.money),
            ("Net value", p.net_value, formats.money),
            ("Alliances", p.alliances, formats.integer),
            *[(f"{name} band", p.band_counts[name], formats.integer) for name in BANDS],
            ("ROI undefined (no cost)", p.band_counts[UNDEFINED], formats.integer),
            ("Ledger rows left out (see Data issues)", report.rows_left_out, formats.integer),
        ],
        formats,
    )
    if p.roi is None:
        write_cell(ws, roi_row, 2, p.roi_note, None, formats)
    row += 1
    write_cell(ws, row, 0, "Portfolio quartile cut points (QUARTILE.INC)", formats.bold, formats)
    cuts = report.cuts or {}
    row = _pairs(ws, row + 1, [(k, cuts.get(k), formats.percent) for k in ("P25", "P50", "P75")], formats)
    write_cell(
        ws,
        row,
        0,
        f"over the {int(report.alliances['roi'].notna().sum())} alliances in view with a defined ROI",
        None,
        formats,
    )
    row += 1
    row += 1
    bench = report.benchmarks.rename(columns={"name": "Benchmark", "roi": "ROI", "source": "Source"})
    row = write_table(
        ws, row, bench, formats, {"ROI": formats.percent}, {"Benchmark": 38, "ROI": 22, "Source": 60}
    )
    row = _beyond_simple_roi(ws, row + 1, report, formats)
    if report.ledger.notes:
        row += 1
        write_cell(ws, row, 0, "Reading notes", formats.bold, formats)
        for note in report.ledger.notes:
            row += 1
            write_cell(ws, row, 0, note, None, formats)


def _beyond_simple_roi(ws: Worksheet, row: int, report: Report, formats: _Formats) -> int:
    """Time value of the portfolio, the shared-cost allocation and the sensitivity table."""
    settings = report.settings
    tv = report.time_value.loc[PORTFOLIO] if PORTFOLIO in report.time_value.index else None
    write_cell(ws, row, 0, "Time value (portfolio)", formats.bold, formats)
    if tv is not None:
        payback = (
            tv["payback"].start_time if isinstance(tv["payback"], pd.Period) else "no payback in the window"
        )
        row = _pairs(
            ws,
            row + 1,
            [
                ("Years in view", tv["years"], formats.number),
                ("Annualised ROI", tv["annualised_roi"], formats.percent),
                ("Payback month (cumulative net value turns positive)", payback, formats.month),
                (f"NPV at {settings.time.discount_rate:.1%} a year", tv["npv"], formats.money),
                ("IRR (annual)", tv["irr"] if pd.notna(tv["irr"]) else tv["irr_note"], formats.percent),
                (f"Value over a {settings.time.hurdle_rate:.1%} hurdle", tv["hurdle_value"], formats.money),
            ],
            formats,
        )
    if len(report.allocation):
        write_cell(
            ws,
            row + 1,
            0,
            f"Shared costs ('{settings.shared_name}'), split {RULE_WORDS[report.shared_rule]}",
            formats.bold,
            formats,
        )
        allocation = report.allocation.rename(
            columns={"alliance": "Alliance", "share": "Share", "allocated_cost": "Allocated cost"}
        )
        row = write_table(
            ws, row + 2, allocation, formats, {"Share": formats.percent, "Allocated cost": formats.money}
        )
    if len(report.sensitivity.columns):
        write_cell(
            ws,
            row + 1,
            0,
            "Sensitivity: ROI under each allocation and attribution choice",
            formats.bold,
            formats,
        )
        table = report.sensitivity.reset_index().rename(
            columns={"index": "Alliance", "alliance": "Alliance", "spread": "Spread"}
        )
        row = write_table(
            ws, row + 2, table, formats, {c: formats.percent for c in table.columns if c != "Alliance"}
        )
    return row


def _period(report: Report) -> str:
    dates = report.entries["date"]
    if dates.empty:
        return "no entries"
    return f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"


def _about_sheet(ws: Worksheet, report: Report, formats: _Formats, exported_at: dt.datetime) -> None:
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100)
    write_cell(ws, 0, 0, "About this workbook", formats.title, formats)
    source = report.ledger.source
    t = report.settings.thresholds
    rows = [
        ("Source file", source.filename),
        ("Ledger sheet", source.sheet),
        ("Header row", source.header_row),
        (
            "Layout",
            "one row per entry with kind and amount"
            if source.layout == "long"
            else "revenue and cost columns on each row",
        ),
        ("Columns read", "; ".join(f"{k} ← '{v}'" for k, v in source.columns.items())),
        ("Rows below the header", source.rows_read),
        ("Entries used", len(report.ledger.entries)),
        ("Entries in view", len(report.entries)),
        ("Filters", report.settings.filters.describe()),
        ("Strong band above", f"{t.strong:.1%}"),
        ("Moderate band from", f"{t.moderate:.1%}"),
        ("Reporting currency", report.currency or "as in the ledger"),
        (
            "Exchange rates",
            f"{len(report.ledger.fx)} monthly rates to {report.ledger.fx_base}"
            if len(report.ledger.fx)
            else "none (one currency)",
        ),
        ("Credit for influenced revenue", f"{report.settings.influenced_credit:.0%}"),
        ("Shared costs", f"'{report.settings.shared_name}' split {RULE_WORDS[report.shared_rule]}"),
        ("Discount rate (NPV)", f"{report.settings.time.discount_rate:.1%} a year"),
        ("Hurdle rate", f"{report.settings.time.hurdle_rate:.1%}"),
        ("Time of export", exported_at.isoformat(sep=" ")),
    ]
    row = 2
    for label, value in rows:
        write_cell(ws, row, 0, label, formats.bold, formats)
        write_cell(ws, row, 1, value, formats.wrap, formats)
        row += 1
    row += 1
    write_cell(ws, row, 0, "Definitions", formats.bold, formats)
    for label, text in DEFINITIONS:
        row += 1
        write_cell(ws, row, 0, label, formats.bold, formats)
        write_cell(ws, row, 1, text, formats.wrap, formats)


def summary_workbook(report: Report, exported_at: dt.datetime | None = None) -> bytes:
    """The summary workbook of the product contract, as bytes."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": False,
        },
    )
    formats = _Formats(book)
    sheets = {name: book.add_worksheet(name) for name in SHEETS}
    _summary_sheet(sheets["Summary"], report, formats, exported_at)
    alliances = alliances_sheet_frame(report)
    money = {c: formats.money for c in MONEY_COLUMNS}
    write_table(
        sheets["Alliances"],
        0,
        alliances,
        formats,
        {
            **money,
            **{name: formats.percent for name in PERCENT_COLUMNS},
            **{name: formats.points for name in report.benchmarks["name"]},
            "Payback month": formats.month,
        },
        {"Alliance": 28, "ROI note": 36},
    )
    sheets["Alliances"].freeze_panes(1, 1)
    _write_extra_sheets(sheets, report, formats)
    issues = report.issues.rename(columns=str.capitalize)
    write_table(
        sheets["Data issues"], 0, issues, formats, {"Row": formats.integer}, {"Reason": 60, "Value": 24}
    )
    _about_sheet(sheets["About"], report, formats, exported_at)
    book.close()
    return buffer.getvalue()


BEFORE_AFTER_HEADERS = [
    "Alliance",
    "ROI before",
    "ROI after",
    "ROI change (pts)",
    "Revenue before",
    "Revenue after",
    "Revenue change",
    "Cost before",
    "Cost after",
    "Cost change",
    "Net value before",
    "Net value after",
    "Initiative date",
    "Before window",
    "After window",
    "Note",
]
POINTS_NUMBER = '+0.0 "pts";[Red]-0.0 "pts";0.0 "pts"'


def before_after_frame(report: Report) -> pd.DataFrame:
    """The Before-After sheet's table: one row per alliance, then the Portfolio row."""
    result = report.before_after
    if result is None:
        return pd.DataFrame(columns=BEFORE_AFTER_HEADERS)
    table = result.table
    rows = pd.concat([table, result.portfolio.to_frame("Portfolio").T])
    return pd.DataFrame(
        {
            "Alliance": rows.index.to_numpy(),
            "ROI before": rows["roi_before"].astype(float).to_numpy(),
            "ROI after": rows["roi_after"].astype(float).to_numpy(),
            "ROI change (pts)": (rows["roi_change"].astype(float) * 100).to_numpy(),
            "Revenue before": rows["revenue_before"].astype(float).to_numpy(),
            "Revenue after": rows["revenue_after"].astype(float).to_numpy(),
            "Revenue change": rows["revenue_change"].astype(float).to_numpy(),
            "Cost before": rows["cost_before"].astype(float).to_numpy(),
            "Cost after": rows["cost_after"].astype(float).to_numpy(),
            "Cost change": rows["cost_change"].astype(float).to_numpy(),
            "Net value before": rows["net_before"].astype(float).to_numpy(),
            "Net value after": rows["net_after"].astype(float).to_numpy(),
            "Initiative date": rows["initiative_date"].to_numpy(),
            "Before window": rows["before_window"].fillna("").to_numpy(),
            "After window": rows["after_window"].fillna("").to_numpy(),
            "Note": rows["note"].to_numpy(),
        }
    )


def _before_after_sheet(ws: Worksheet, report: Report, formats: _Formats) -> None:
    frame = before_after_frame(report)
    money = {c: formats.money for c in frame.columns if c.startswith(("Revenue ", "Cost ", "Net value "))}
    ratios = {c: formats.percent for c in ("ROI before", "ROI after", "Revenue change", "Cost change")}
    row = write_table(
        ws,
        0,
        frame,
        formats,
        {**money, **ratios, "ROI change (pts)": formats.points_number, "Initiative date": formats.date},
        {"Alliance": 26, "Before window": 22, "After window": 22, "Note": 40},
    )
    ws.freeze_panes(1, 1)
    result = report.before_after
    row += 1
    if result is None:
        write_cell(ws, row, 0, "No comparison", formats.bold, formats)
        write_cell(ws, row, 1, report.before_after_error, None, formats)
        return
    before_text, after_text = result.windows.describe()
    choice = report.settings.window
    lines = [
        ("Initiative date", result.windows.initiative, formats.date),
        ("Before window", f"{before_text} ({result.windows.before_months:.1f} months)", None),
        ("After window", f"{after_text} ({result.windows.after_months:.1f} months)", None),
        (
            "Window choice",
            {
                "equal": "equal windows, the longest the data allows",
                "months": f"{choice.months} months on each side",
                "all": "all data on each side",
            }[choice.mode],
            None,
        ),
    ]
    if result.control is not None:
        lines += [
            ("Control group ROI change (pts)", result.control["roi_change"] * 100, formats.points_number),
            (
                "Difference-in-differences (pts)",
                None if result.did is None else result.did * 100,
                formats.points_number,
            ),
        ]
    row = _pairs(ws, row, lines, formats)
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


def quarterly_frame(report: Report) -> pd.DataFrame:
    """The Quarterly sheet: ROI by quarter per alliance and for the portfolio."""
    q = report.quarterly
    return pd.DataFrame(
        {
            "Alliance": q["alliance"].to_numpy(),
            "Quarter": q["quarter"].to_numpy(),
            "Quarter start": q["quarter_start"].to_numpy(),
            "Revenue": q["revenue"].to_numpy(),
            "Cost": q["cost"].to_numpy(),
            "Net value": q["net_value"].to_numpy(),
            "ROI": q["roi"].to_numpy(),
            "Trailing 4Q ROI": q["roi_ttm"].to_numpy(),
            "Band": q["band"].to_numpy(),
            "Complete quarter": q["complete"].map({True: "yes", False: "no, partly covered"}).to_numpy(),
        }
    )


def _write_extra_sheets(sheets: dict[str, Worksheet], report: Report, formats: _Formats) -> None:
    """Quarterly, Before-After and Scorecard."""
    write_table(
        sheets["Quarterly"],
        0,
        quarterly_frame(report),
        formats,
        {
            "Quarter start": formats.date,
            **{c: formats.money for c in ("Revenue", "Cost", "Net value")},
            "ROI": formats.percent,
            "Trailing 4Q ROI": formats.percent,
        },
        {"Alliance": 26},
    )
    sheets["Quarterly"].freeze_panes(1, 2)
    _before_after_sheet(sheets["Before-After"], report, formats)
    _scorecard_sheet(sheets["Scorecard"], report, formats)


def goals_frame(report: Report) -> pd.DataFrame:
    """The goals with progress and status, under readable headers."""
    g = report.goals
    return pd.DataFrame(
        {
            "Alliance": g["alliance"].to_numpy(),
            "Metric": g["metric"].to_numpy(),
            "Target": g["target"].to_numpy(),
            "Actual": g["actual"].to_numpy(),
            "Unit": g["unit"].to_numpy(),
            "Progress": g["progress"].to_numpy(),
            "Expected by now": g["expected"].to_numpy(),
            "Status": g["status"].to_numpy(),
            "Why": g["why"].to_numpy(),
            "Start": g["start_used"].to_numpy(),
            "Due date": g["due_date"].to_numpy(),
            "Owner": g["owner"].to_numpy(),
            "Direction": g["direction"].to_numpy(),
        }
    )


def _scorecard_sheet(ws: Worksheet, report: Report, formats: _Formats) -> None:
    row = write_table(
        ws,
        0,
        goals_frame(report),
        formats,
        {
            "Target": formats.number,
            "Actual": formats.number,
            "Progress": formats.percent,
            "Expected by now": formats.percent,
            "Start": formats.date,
            "Due date": formats.date,
        },
        {"Alliance": 24, "Metric": 30, "Why": 50, "Status": 12},
    )
    ws.freeze_panes(1, 1)
    row = _pairs(ws, row + 1, [("Status as of", report.as_of, formats.date)], formats)
    if report.goals.empty:
        write_cell(
            ws,
            row,
            0,
            "No goals: add a Goals sheet (Alliance, Metric, Target, Actual, Unit, Due date, "
            "Owner) to the ledger workbook.",
            None,
            formats,
        )
        row += 1
    write_cell(ws, row + 1, 0, "Red flags", formats.bold, formats)
    flags = report.flags.rename(columns={"alliance": "Alliance", "flag": "Flag", "figures": "Figures"})
    row = write_table(ws, row + 2, flags, formats, {})
    write_cell(ws, row + 1, 0, "ROI by partnership type", formats.bold, formats)
    by_type = report.by_type.reset_index().rename(
        columns={
            "type": "Type",
            "alliances": "Alliances",
            "revenue": "Revenue",
            "cost": "Cost",
            "net_value": "Net value",
            "roi": "ROI",
            "mean_roi": "Mean of alliance ROIs",
        }
    )
    write_table(
        ws,
        row + 2,
        by_type,
        formats,
        {
            "Revenue": formats.money,
            "Cost": formats.money,
            "Net value": formats.money,
            "ROI": formats.percent,
            "Mean of alliance ROIs": formats.percent,
            "Alliances": formats.integer,
        },
    )


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and needs_quoting(value):
        return "'" + value
    return value


def alliance_csv(report: Report) -> bytes:
    """The alliance table as UTF-8 CSV (with BOM, so Excel detects the encoding)."""
    frame = alliances_sheet_frame(report)
    frame = frame.map(csv_safe)
    text = frame.to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")
