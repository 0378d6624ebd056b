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
from core.report import build_report
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
