"""Values no ledger holds: infinities, NaN, amounts of 1e15 and more, dates outside 1900–2100.

Each is refused in its own cell, as a data issue with the reason, and nothing downstream ever
meets an infinity (pytest turns every warning, numpy's RuntimeWarning included, into an error).
"""

import datetime as dt
import io
import re
import time
import zipfile

import pandas as pd
import pytest

from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.reading.money import parse_amount
from core.reading.parsing import parse_date
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes, workbook_bytes

AS_OF = Settings(as_of=dt.date(2025, 1, 1))


def with_raw_numbers(data: bytes, cells: dict[str, str]) -> bytes:
    """The workbook with cells of its first sheet rewritten as raw numbers ('inf', 'NaN').

    openpyxl writes an infinity or a NaN as an empty cell; another program may write them.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for reference, number in cells.items():
                    text, found = re.subn(
                        rf'<c r="{reference}"[^>]*>.*?</c>', f'<c r="{reference}"><v>{number}</v></c>', text
                    )
                    assert found == 1, reference
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("inf", "'inf' is not a finite number"),
        ("-inf", "'-inf' is not a finite number"),
        ("Infinity", "'Infinity' is not a finite number"),
        ("nan", "'nan' is not a finite number"),
        ("NaN", "'NaN' is not a finite number"),
        (float("inf"), "'inf' is not a finite number"),
        (float("-inf"), "'-inf' is not a finite number"),
        (float("nan"), "'nan' is not a finite number"),
        (1e308, "'1e+308' is too large for an amount: amounts must be below 1e15"),
        (-1e15, "'-1e+15' is too large for an amount: amounts must be below 1e15"),
        (10**20, "'100000000000000000000' is too large for an amount: amounts must be below 1e15"),
        (
            "$1,000,000,000,000,000",
            "'$1,000,000,000,000,000' is too large for an amount: amounts must be below 1e15",
        ),
        ("9" * 400, f"'{'9' * 400}' is too large for an amount: amounts must be below 1e15"),
        ("1e308", "'1e308' is not a number"),
    ],
)
def test_values_no_ledger_holds_are_refused_with_the_reason(value, reason):
    with pytest.raises(ValueError) as refused:
        parse_amount(value)
    assert str(refused.value) == reason


def test_the_largest_amounts_below_the_bound_are_read():
    # 999,999,999,999.99 (just under a trillion) and -999,999,999,999,999 (just under 1e15).
    assert parse_amount("999,999,999,999.99") == 999_999_999_999.99
    assert parse_amount(-999_999_999_999_999) == -999_999_999_999_999.0


def test_a_ledger_with_infinite_nan_and_huge_cells_lists_each_and_adds_up_the_rest():
    rows = [
        ["2024-01-05", "Acme", "Revenue", 1200],  # row 2: used
        ["2024-01-06", "Acme", "Revenue", 0],  # row 3: becomes a raw inf
        ["2024-01-07", "Acme", "Cost", 0],  # row 4: becomes a raw -inf
        ["2024-01-08", "Acme", "Cost", 0],  # row 5: becomes a raw NaN
        ["2024-01-09", "Acme", "Revenue", 1e308],  # row 6
        ["2024-01-10", "Acme", "Revenue", "inf"],  # row 7
        ["2024-01-11", "Acme", "Cost", "nan"],  # row 8
        ["2024-01-12", "Acme", "Cost", 1000],  # row 9: used
    ]
    data = with_raw_numbers(ledger_bytes(rows), {"D3": "inf", "D4": "-inf", "D5": "NaN"})
    ledger = read_ledger(data, "x.xlsx")
    issues = ledger.issues[["row", "column", "value", "reason"]].values.tolist()
    assert issues == [
        [3, "Amount", "inf", "'inf' is not a finite number"],
        [4, "Amount", "-inf", "'-inf' is not a finite number"],
        [5, "Amount", "nan", "'nan' is not a finite number"],
        [6, "Amount", "1e+308", "'1e+308' is too large for an amount: amounts must be below 1e15"],
        [7, "Amount", "inf", "'inf' is not a finite number"],
        [8, "Amount", "nan", "'nan' is not a finite number"],
    ]
    assert ledger.entries["row"].tolist() == [2, 9]
    report = build_report(ledger, AS_OF)
    # Acme: revenue 1,200, cost 1,000 -> ROI (1,200 − 1,000) / 1,000 = 20 %.
    assert report.alliances.loc["Acme", ["revenue", "cost"]].tolist() == [1200.0, 1000.0]
    assert report.alliances.loc["Acme", "roi"] == 0.2
    summary_workbook(report)


def test_a_nan_cell_in_a_wide_ledger_is_an_issue_not_an_empty_cell():
    # Row 2's cost cell holds NaN: before, it counted as empty and the cost vanished in silence.
    data = workbook_bytes(
        {
            "Sheet1": [
                ["Month", "Alliance", "Revenue", "Cost"],
                ["2024-01", "Acme", 1000, 5],
                ["2024-02", "Acme", 900, 800],
            ]
        }
    )
    ledger = read_ledger(with_raw_numbers(data, {"D2": "NaN"}), "wide.xlsx")
    assert ledger.issues[["row", "column", "value", "reason"]].values.tolist() == [
        [2, "Cost", "nan", "'nan' is not a finite number"]
    ]
    # Row 2's revenue is a cell of its own and is used; the cost of row 3 too.
    assert ledger.entries[["row", "kind", "amount"]].values.tolist() == [
        [2, "revenue", 1000.0],
        [3, "revenue", 900.0],
        [3, "cost", 800.0],
    ]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0001-01-01", "'0001-01-01' is in the year 1, outside 1900–2100: not a ledger date"),
        ("9999-12-31", "'9999-12-31' is in the year 9999, outside 1900–2100: not a ledger date"),
        ("31/12/9999", "'31/12/9999' is in the year 9999, outside 1900–2100: not a ledger date"),
        ("Dec 9999", "'Dec 9999' is in the year 9999, outside 1900–2100: not a ledger date"),
        ("1899-12", "'1899-12' is in the year 1899, outside 1900–2100: not a ledger date"),
        ("2101-Q1", "'2101-Q1' is in the year 2101, outside 1900–2100: not a ledger date"),
        (dt.date(9999, 12, 31), "'9999-12-31' is in the year 9999, outside 1900–2100: not a ledger date"),
        (
            dt.datetime(1850, 6, 1, 12),
            "'1850-06-01' is in the year 1850, outside 1900–2100: not a ledger date",
        ),
        (dt.time(0, 0), "'00:00:00' is a time, not a date"),
        # Excel serials: 2,958,465 is 9999-12-31; 73,416 is 2101-01-01, one day past the last.
        (2958465, "2958465 is a number, not a date"),
        (73416, "73416 is a number, not a date"),
        (-5, "-5 is a number, not a date"),
        (float("inf"), "inf is a number, not a date"),
        (float("nan"), "nan is a number, not a date"),
    ],
)
def test_dates_outside_1900_to_2100_are_refused(value, reason):
    with pytest.raises(ValueError) as refused:
        parse_date(value)
    assert str(refused.value) == reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1900-01-01", "1900-01-01"),
        ("2100-12-31", "2100-12-31"),
        ("Mar-24", "2024-03-01"),  # two digits are this century's year
        (73415, "2100-12-31"),  # the last serial read as a date
    ],
)
def test_dates_at_the_edges_are_read(value, expected):
    assert parse_date(value) == pd.Timestamp(expected)


def test_a_small_file_with_far_dates_reads_and_reports_in_well_under_a_second():
    # 120 good rows (Jan-Dec 2024) and a year-1, a year-9999 and an Excel-max date: about 5 KB.
    # Reading 0001 as 2001 and keeping 9999 stretched the monthly series over 8,000 years (49 s).
    good = [
        [f"2024-{m:02d}-{d:02d}", f"P{d % 4}", "Revenue" if d % 2 else "Cost", 100 + d]
        for m in range(1, 13)
        for d in range(1, 11)
    ]
    far = [
        ["0001-01-01", "P1", "Revenue", 5],
        ["9999-12-31", "P2", "Cost", 5],
        [dt.datetime(9999, 12, 31), "P3", "Cost", 5],
    ]
    data = ledger_bytes(good + far)
    assert 4_000 < len(data) < 8_000
    started = time.perf_counter()
    ledger = read_ledger(data, "far.xlsx")
    read = time.perf_counter() - started
    report = build_report(ledger, AS_OF)
    summary_workbook(report)
    total = time.perf_counter() - started
    assert ledger.issues["row"].tolist() == [122, 123, 124]
    assert ledger.issues["column"].eq("Date").all()
    assert report.entries["date"].min() == pd.Timestamp("2024-01-01")
    assert report.entries["date"].max() == pd.Timestamp("2024-12-10")
    assert read < 1.0 and total < 5.0, (read, total)
