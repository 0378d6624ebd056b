"""A ledger of periods (issue 27.4): entries dated 'Q1 2024' each stand for their whole quarter, so the
last quarter is not partial and spans of activity run to its end; worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from core.analysis.before_after import data_span
from core.analysis.time_value import active_years
from core.reading.ledger import read_ledger
from core.reading.parsing import DAY, MONTH, QUARTER
from core.report import build_report, default_initiative_date
from core.settings import Settings
from tests.helpers import ledger_bytes

EXACT = dict(abs=1e-12)
AS_OF = Settings(as_of=dt.date(2025, 6, 1))

# A: cost 1,000 in Q1 2024, revenue 300 + 300 + 600 = 1,200 in Q2-Q4: ROI 200 / 1,000 = 0.2 over
# Jan-Dec 2024, 12 months. B: cost 1,000 in Q1 2023, revenue 1,440 in Q4 2024: ROI 0.44 over
# Jan 2023-Dec 2024, 24 months, so annualised (1.44)^(1/2) - 1 = 0.2.
QUARTER_ROWS = [
    ["Q1 2024", "A", "Cost", 1000],
    ["Q2 2024", "A", "Revenue", 300],
    ["Q3 2024", "A", "Revenue", 300],
    ["Q4 2024", "A", "Revenue", 600],
    ["Q1 2023", "B", "Cost", 1000],
    ["Q4 2024", "B", "Revenue", 1440],
]
# The same entries dated by the quarters' first days: days, whose last month is October.
DAY_ROWS = [
    ["2024-01-01", "A", "Cost", 1000],
    ["2024-04-01", "A", "Revenue", 300],
    ["2024-07-01", "A", "Revenue", 300],
    ["2024-10-01", "A", "Revenue", 600],
    ["2023-01-01", "B", "Cost", 1000],
    ["2024-10-01", "B", "Revenue", 1440],
]


def report_of(rows):
    ledger = read_ledger(ledger_bytes(rows), "quarters.xlsx")
    return ledger, build_report(ledger, AS_OF)


def test_a_ledger_of_quarters_is_known_and_said():
    ledger, _ = report_of(QUARTER_ROWS)
    assert (ledger.source.period, ledger.source.period_months) == (QUARTER, 3)
    assert (
        "Sheet 'Ledger', column A 'Date' holds quarters (such as 'Q1 2024'): each entry counts for its "
        "whole quarter, so the last quarter is complete and spans of activity run to its end."
    ) in ledger.notes


@pytest.mark.parametrize(
    ("dates", "period"),
    [
        (["2024-01", "Feb 2024"], MONTH),
        (["Q1 2024", "2024-02"], DAY),  # a mix: each date as the day it is
        (["2024-01-15", "2024-02-15"], DAY),
    ],
)
def test_only_a_ledger_written_in_one_period_is_a_period_ledger(dates, period):
    rows = [[dates[0], "A", "Cost", 100], [dates[1], "A", "Revenue", 120]]
    source = read_ledger(ledger_bytes(rows), "x.xlsx").source
    assert (source.period, source.period_months) == (period, 1)


def test_the_last_quarter_of_a_ledger_of_quarters_is_complete():
    """Eight quarters, 2023-Q1 to 2024-Q4, every one covered in full: none is partial."""
    _, report = report_of(QUARTER_ROWS)
    portfolio = report.quarterly[report.quarterly["alliance"] == "Portfolio"]
    assert portfolio["quarter"].tolist()[-1] == "2024-Q4"
    assert portfolio["complete"].tolist() == [True] * 8


def test_dated_by_days_the_last_quarter_is_partial():
    """The same money dated 2024-10-01: the data ends with October, so 2024-Q4 is partly covered."""
    _, report = report_of(DAY_ROWS)
    portfolio = report.quarterly[report.quarterly["alliance"] == "Portfolio"]
    assert portfolio["complete"].tolist() == [True] * 7 + [False]


def test_annualised_figures_use_the_months_the_quarters_span():
    _, report = report_of(QUARTER_ROWS)
    a, b, whole = (report.time_value.loc[name] for name in ("A", "B", "Portfolio"))
    assert a["years"] == 1.0  # Jan-Dec 2024: (Oct - Jan) + 3 = 12 months
    assert a["annualised_roi"] == pytest.approx(0.2, **EXACT)  # one year: the ROI itself
    assert b["years"] == 2.0  # Jan 2023-Dec 2024: 24 months
    assert b["annualised_roi"] == pytest.approx(0.2, **EXACT)  # 1.2 x 1.2 = 1.44
    assert whole["years"] == 2.0  # the span of every entry: Jan 2023-Dec 2024


def test_dated_by_days_the_span_ends_with_october():
    """A's span is Jan-Oct 2024, 10 months: less than a year, so no annualised ROI; B's is 22."""
    _, report = report_of(DAY_ROWS)
    a, b = report.time_value.loc["A"], report.time_value.loc["B"]
    assert a["years"] == pytest.approx(10 / 12, **EXACT)
    assert math.isnan(a["annualised_roi"]) and a["annualised_note"] == "n/a (less than a year of activity)"
    assert b["years"] == pytest.approx(22 / 12, **EXACT)


def test_span_and_years_of_quarters():
    """Entries on 2024-01-01 and 2024-10-01 as quarters: Jan 1 2024 to Jan 1 2025, 12 months; as
    days (months): to Nov 1 2024, 10 months."""
    entries = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-10-01"]), "alliance": ["A", "A"]})
    assert data_span(entries, 3) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2025-01-01"))
    assert data_span(entries) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-11-01"))
    assert active_years(entries, 3)["A"] == 1.0
    assert active_years(entries)["A"] == pytest.approx(10 / 12, **EXACT)


# One alliance, a quarter each: revenue 100, 110, 120, 130 against a cost of 100 each quarter.
STEADY = [
    ["Q1 2024", "A", "Revenue", 100],
    ["Q1 2024", "A", "Cost", 100],
    ["Q2 2024", "A", "Revenue", 110],
    ["Q2 2024", "A", "Cost", 100],
    ["Q3 2024", "A", "Revenue", 120],
    ["Q3 2024", "A", "Cost", 100],
    ["Q4 2024", "A", "Revenue", 130],
    ["Q4 2024", "A", "Cost", 100],
]
SPLIT = Settings(as_of=dt.date(2025, 6, 1), initiative_date=dt.date(2024, 7, 1))


def test_equal_windows_of_a_ledger_of_quarters_hold_as_many_quarters():
    """The data runs Jan 2024 to the end of December: six months each side of 1 July. Before: Q1 + Q2,
    revenue 210 over cost 200, ROI 0.05; after: Q3 + Q4, 250 over 200, ROI 0.25."""
    ledger = read_ledger(ledger_bytes(STEADY), "quarters.xlsx")
    result = build_report(ledger, SPLIT).before_after
    a = result.table.loc["A"]
    assert (a["revenue_before"], a["cost_before"], a["revenue_after"], a["cost_after"]) == (
        210,
        200,
        250,
        200,
    )
    assert (a["roi_before"], a["roi_after"]) == (pytest.approx(0.05, **EXACT), pytest.approx(0.25, **EXACT))
    assert (result.windows.before_months, result.windows.after_months) == (6, 6)


def test_dated_by_days_the_same_ledger_has_shorter_windows():
    """Dated 2024-01-01 … 2024-10-01 the data ends with October: four months each side of 1 July,
    so before is Mar-Jun (Q2 alone: 110 over 100) and after Jul-Oct (Q3 + Q4: 250 over 200)."""
    days = [[f"2024-{3 * int(q[1]) - 2:02d}-01", *rest] for q, *rest in STEADY]
    result = build_report(read_ledger(ledger_bytes(days), "days.xlsx"), SPLIT).before_after
    a = result.table.loc["A"]
    assert (a["revenue_before"], a["cost_before"], a["revenue_after"], a["cost_after"]) == (
        110,
        100,
        250,
        200,
    )


def test_a_ledger_of_quarters_splits_at_a_quarter_by_default():
    """Q1 2023 to Q4 2024 spans 1 Jan 2023 to 1 Jan 2025: its middle is the start of 2024-Q1. Dated by
    days (1 Jan 2023 to 1 Oct 2024) the middle month is November 2023."""
    assert default_initiative_date(read_ledger(ledger_bytes(QUARTER_ROWS), "q.xlsx")) == dt.date(2024, 1, 1)
    assert default_initiative_date(read_ledger(ledger_bytes(DAY_ROWS), "d.xlsx")) == dt.date(2023, 11, 1)
