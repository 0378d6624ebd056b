"""A ledger read as one undated period (--undated): the report, workbook, CSV, HTML report, deck and
command give revenue, cost and ROI per alliance and say, where a figure needs dates, that it is not
available (issue 27, the CRM export of the corpus).

    Acme  revenue 1,000 + 500 = 1,500; cost 400 + 100.25 = 500.25
          ROI (1,500 − 500.25) / 500.25 = 999.75 / 500.25 = 1.9985007496 → Strong
    Beta  revenue 250.50; cost 300 → ROI −49.50 / 300 = −0.165 → Weak
    Portfolio revenue 1,750.50, cost 800.25, ROI 950.25 / 800.25 = 1.1874414246
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from functools import cache

from openpyxl import load_workbook
from pptx import Presentation

from core.analysis.undated import (
    BEFORE_AFTER_WITHOUT_DATES,
    NO_DATES,
    NO_DATES_PERIOD,
    NO_HURDLE_VALUE,
    NO_QUARTERS,
    UNDATED_ABOUT,
)
from core.output.csv import alliance_csv
from core.output.deck import deck
from core.output.export import summary_workbook
from core.output.html_report import html_report, plotly_js
from core.reading.ledger import read_ledger
from core.reading.undated import ONE_PERIOD_DAY
from core.report import Report, build_report
from core.settings import Settings
from tests.helpers import summarize, workbook_bytes

DEALS = [
    ["Partner", "Revenue", "Cost"],
    ["Acme", 1000, 400],
    ["Beta", 250.50, 300],
    ["Acme", 500, 100.25],
]


@cache
def report() -> Report:
    ledger = read_ledger(workbook_bytes({"Deals": DEALS}), "deals.xlsx", undated=True)
    return build_report(ledger, Settings(as_of=dt.date(2026, 12, 1)))


def test_the_figures_of_the_cells_and_none_that_needs_dates():
    r = report()
    table = r.alliances
    assert table.loc["Acme", ["revenue", "cost"]].tolist() == [1500.0, 500.25]
    assert round(float(table.loc["Acme", "roi"]), 10) == 1.9985007496
    assert round(float(table.loc["Beta", "roi"]), 10) == -0.165
    assert list(table["band"]) == ["Strong", "Weak"]
    assert round(r.portfolio.roi, 10) == round(950.25 / 800.25, 10)
    assert r.quarterly.empty
    assert r.before_after is None and r.before_after_error == BEFORE_AFTER_WITHOUT_DATES
    tv = r.time_value
    for column in ("years", "annualised_roi", "npv", "irr", "hurdle_value"):
        assert tv[column].isna().all(), column
    assert tv["payback"].isna().all()
    assert set(tv["annualised_note"]) == {NO_DATES} and set(tv["irr_note"]) == {NO_DATES}
    assert r.opportunity[["opportunity_cost", "value_over_alternative"]].isna().all().all()


def cells(sheet) -> dict[str, object]:
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None}


def test_the_workbook_says_so_on_summary_quarterly_before_after_alliances_and_about():
    book = load_workbook(io.BytesIO(summary_workbook(report(), exported_at=dt.datetime(2026, 12, 1, 9))))
    summary = cells(book["Summary"])
    assert summary["A6"] == "Period covered" and summary["B6"] == NO_DATES_PERIOD
    assert NO_QUARTERS in cells(book["Quarterly"]).values()
    assert BEFORE_AFTER_WITHOUT_DATES in cells(book["Before-After"]).values()
    about = {row[0].value: row[1].value for row in book["About"].iter_rows(max_col=2) if row[0].value}
    assert about["Dates"] == UNDATED_ABOUT
    notes = [row[-1].value for row in book["Alliances"].iter_rows(min_row=2, max_row=3)]
    assert notes == [f"annualised ROI: {NO_DATES}; payback: {NO_DATES}; IRR: {NO_DATES}"] * 2


def test_the_csv_has_the_rois_and_blank_time_figures():
    rows = list(csv.DictReader(io.StringIO(alliance_csv(report()).decode("utf-8-sig"))))
    acme = rows[0]
    assert (acme["Alliance"], acme["Revenue"], acme["Cost"], acme["ROI"]) == (
        "Acme",
        "1500.0",
        "500.25",
        "1.9985007496",
    )
    assert [
        acme[k] for k in ("Annualised ROI", "Payback month", "NPV", "IRR (annual)", "Value over hurdle")
    ] == [""] * 5


def test_the_html_report_and_the_deck_say_it():
    page = html_report(report(), exported_at=dt.datetime(2026, 12, 1, 9)).decode("utf-8")
    assert f"<p>{NO_QUARTERS}</p>" in page
    assert BEFORE_AFTER_WITHOUT_DATES in page
    texts = [
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(deck(report()))).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    joined = "\n".join(texts)
    assert f"Period covered: {NO_DATES_PERIOD}" in joined
    assert joined.count(NO_QUARTERS) == 2  # one per alliance slide
    assert BEFORE_AFTER_WITHOUT_DATES in joined and NO_HURDLE_VALUE in joined
    assert not math.isnan(report().portfolio.roi)


def test_the_command_refuses_it_naming_undated_then_reads_it_so(tmp_path):
    ledger = tmp_path / "deals.xlsx"
    ledger.write_bytes(workbook_bytes({"Deals": DEALS}))
    refused = summarize(str(ledger), "-o", str(tmp_path / "out.xlsx"))
    assert refused.returncode == 2 and "no date column" in refused.stderr and "--undated" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = summarize(str(ledger), "--undated", "-o", str(tmp_path / "out.xlsx"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr
    book = load_workbook(tmp_path / "out.xlsx")
    assert cells(book["Summary"])["B6"] == NO_DATES_PERIOD


def test_the_command_refuses_a_date_range_or_initiative_date_for_an_undated_ledger(tmp_path):
    ledger = tmp_path / "deals.xlsx"
    ledger.write_bytes(workbook_bytes({"Deals": DEALS}))
    out = tmp_path / "out.xlsx"
    refused = summarize(
        str(ledger), "--undated", "--from", "2024-01-01", "--initiative-date", "2024-02-01", "-o", str(out)
    )
    assert refused.returncode == 2 and not out.exists()
    assert refused.stderr.strip() == (
        "error: The ledger has no dates (read as one period): --from, --initiative-date cannot apply to it; "
        "leave them out."
    )


def test_a_goal_without_a_start_date_is_not_judged_from_the_stand_in_date():
    """The goal's start would default to the ledger's first date: an undated ledger has none, so the
    pace cannot be judged (40 of 100 due 2027-12-31, as of 2026-12-01: Unknown, not Off track)."""
    goals = [
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
        ["Acme", "Customers", 100, 40, "customers", None, dt.date(2027, 12, 31), "Kim"],
    ]
    ledger = read_ledger(workbook_bytes({"Deals": DEALS, "Goals": goals}), "deals.xlsx", undated=True)
    scored = build_report(ledger, Settings(as_of=dt.date(2026, 12, 1))).goals
    assert scored["status"].tolist() == ["Unknown"]
    assert scored["why"].iloc[0].endswith("; no start date to judge the pace")


def test_no_output_shows_the_stand_in_date():
    """Gamma has cost only: with dates it would be flagged for no recent revenue, 'nothing after
    <the data's end - 90 days>'; undated, no output names a day of the one period's stand-in date."""
    rows = [*DEALS, ["Gamma", 0, 75]]
    ledger = read_ledger(workbook_bytes({"Deals": rows}), "deals.xlsx", undated=True)
    r = build_report(ledger, Settings(as_of=dt.date(2026, 12, 1)))
    assert not r.flags["flag"].str.contains("recent").any()
    book = load_workbook(io.BytesIO(summary_workbook(r, exported_at=dt.datetime(2026, 12, 1, 9))))
    texts = [str(v) for sheet in book.worksheets for v in cells(sheet).values()]
    texts.append(alliance_csv(r).decode("utf-8-sig"))
    texts.append(
        html_report(r, exported_at=dt.datetime(2026, 12, 1, 9)).decode("utf-8").replace(plotly_js(), "")
    )
    slides = Presentation(io.BytesIO(deck(r))).slides
    texts += [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    stand_in = ONE_PERIOD_DAY.strftime("%Y-%m-%d")
    assert [t for t in texts if stand_in in t or "1999-" in t] == []
