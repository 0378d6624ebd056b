"""Dates as real files write them (issue 27.4): the order of slash dates settled per column from all
its values, as an amount column settles its decimal separator, or as the user says it; numbers and
fiscal quarters read as dates are said in a note."""

from __future__ import annotations

import openpyxl
import pytest

from core.reading.ledger import read_ledger
from tests.helpers import ledger_bytes, summarize

WHERE = "Sheet 'Ledger', column A 'Date'"


def read(dates: list[object], **told):
    """A ledger with one entry per date: revenue 100, 200, 300… for Acme, then one cost of 1 on
    2024-01-01 so that ROI is defined; only the notes on the date column are returned with it."""
    rows: list[list[object]] = [[d, "Acme", "Revenue", 100 * (i + 1)] for i, d in enumerate(dates)]
    rows.append(["2024-01-01", "Acme", "Cost", 1])
    ledger = read_ledger(ledger_bytes(rows), "ledger.xlsx", **told)
    return ledger, [n for n in ledger.notes if n.startswith(WHERE)]


def revenue_dates(ledger) -> list[str]:
    revenue = ledger.entries[ledger.entries["kind"] == "revenue"]
    return [f"{d:%Y-%m-%d}" for d in revenue["date"]]


def issues(ledger) -> list[tuple[int, str, str, str]]:
    return [(r.row, r.column, r.value, r.reason) for r in ledger.issues.itertuples()]


def test_a_column_no_date_settles_is_read_day_first_and_says_how_to_say_otherwise():
    ledger, notes = read(["03/04/2024", "05/06/2024"])
    assert revenue_dates(ledger) == ["2024-04-03", "2024-06-05"]
    assert notes == [
        f"{WHERE}: no date settles whether its dates are day or month first, so they were read day first: "
        "'03/04/2024' was read as 3 April 2024 (and 1 date more written like it). If they are month "
        "first, say so (the command: --monthfirst)."
    ]


def test_one_date_with_a_day_over_12_makes_the_column_day_first():
    """25/06 can only be 25 June: so 03/04 is 3 April and 05/06 is 5 June."""
    ledger, notes = read(["03/04/2024", "25/06/2024", "05/06/2024"])
    assert revenue_dates(ledger) == ["2024-04-03", "2024-06-25", "2024-06-05"]
    assert notes == [
        f"{WHERE} writes dates day first (1 date such as '25/06/2024'), so '03/04/2024' was read as "
        "3 April 2024 (and 1 date more written like it)."
    ]


def test_one_date_with_a_second_part_over_12_makes_the_column_month_first():
    """04/25 can only be April 25: so 03/04 is March 4, and 12-01-24 (dashes) is December 1."""
    ledger, notes = read(["03/04/2024", "04/25/2024", "12-01-24"])
    assert revenue_dates(ledger) == ["2024-03-04", "2024-04-25", "2024-12-01"]
    assert notes == [
        f"{WHERE} writes dates month first (1 date such as '04/25/2024'), so '03/04/2024' was read as "
        "4 March 2024 (and 1 date more written like it)."
    ]


def test_a_column_that_settles_both_ways_lists_the_fewer_as_data_issues():
    """Two dates day first (25/06, 27/06), one month first (04/26, row 4): day first wins, 04/26 is
    listed, and 03/04 is 3 April."""
    ledger, notes = read(["03/04/2024", "25/06/2024", "04/26/2024", "27/06/2024"])
    assert revenue_dates(ledger) == ["2024-04-03", "2024-06-25", "2024-06-27"]
    assert issues(ledger) == [
        (
            4,
            "Date",
            "04/26/2024",
            "'04/26/2024' can only be read month first, but this column's dates are read day first, "
            "as most of its dates are",
        )
    ]
    assert notes == [
        f"{WHERE} writes dates day first (2 dates such as '25/06/2024'), so '03/04/2024' was read as "
        f"3 April 2024. {WHERE}: 1 date written month first (such as '04/26/2024') contradicts the "
        "column's order (day first) and is listed as a data issue."
    ]


def test_as_many_dates_each_way_leave_the_ambiguous_ones_out():
    """25/06 (day first) and 04/26 (month first) in as many cells: each reads as it must, and
    03/04 (row 2), which could be 3 April or 4 March, is listed."""
    ledger, notes = read(["03/04/2024", "25/06/2024", "04/26/2024"])
    assert revenue_dates(ledger) == ["2024-06-25", "2024-04-26"]
    assert issues(ledger) == [
        (
            2,
            "Date",
            "03/04/2024",
            "'03/04/2024' could be 3 April 2024 or 4 March 2024: this column writes dates day first "
            "and month first",
        )
    ]
    assert notes == [
        f"{WHERE} writes 1 date day first (such as '25/06/2024') and 1 date month first (such as "
        "'04/26/2024'), so dates that could be read either way are listed as data issues: to read "
        "them, say which order (the command: --dayfirst or --monthfirst)."
    ]


@pytest.mark.parametrize(
    ("dayfirst", "dates", "left_out"),
    [
        # told month first: 03/04 is March 4, 04/26 April 26; 25/06 (row 3) cannot be and is listed
        (False, ["2024-03-04", "2024-04-26"], ("25/06/2024", "day first", "month first")),
        # told day first: 03/04 is 3 April, 25/06 25 June; 04/26 (row 4) cannot be and is listed
        (True, ["2024-04-03", "2024-06-25"], ("04/26/2024", "month first", "day first")),
    ],
)
def test_the_user_s_order_decides(dayfirst, dates, left_out):
    ledger, notes = read(["03/04/2024", "25/06/2024", "04/26/2024"], dayfirst=dayfirst)
    assert revenue_dates(ledger) == dates
    value, written, told = left_out
    row = 3 if dayfirst is False else 4
    reason = f"'{value}' can only be read {written}, but this column's dates are read {told}, as told"
    assert issues(ledger) == [(row, "Date", value, reason)]
    assert notes == []


def test_numbers_read_as_dates_are_said():
    """20240315 as a number and as text is 15 March 2024; '45366' is the Excel serial of that day
    (45366 days after 1899-12-30); '20240230' is no day and is listed (row 5)."""
    ledger, notes = read([20240315, "20240316", "45366", "20240230"])
    assert revenue_dates(ledger) == ["2024-03-15", "2024-03-16", "2024-03-15"]
    assert issues(ledger) == [
        (5, "Date", "20240230", "20240230 is a number, not a date (as YYYYMMDD it is no day)")
    ]
    assert notes == [
        f"{WHERE}: 2 dates written as YYYYMMDD numbers (such as 20240315) were read as those days "
        "(20240315 as 15 March 2024).",
        f"{WHERE}: 1 date written as Excel day numbers in text (such as '45366') was read as that day "
        "('45366' as 15 March 2024).",
    ]


def test_fiscal_quarters_are_read_as_the_calendar_s_and_said():
    ledger, notes = read(["FY2024 Q1", "FY2024 Q2", "Q3 FY24"])
    assert revenue_dates(ledger) == ["2024-01-01", "2024-04-01", "2024-07-01"]
    assert notes == [
        f"{WHERE} writes fiscal periods (such as 'FY2024 Q1'): they were read as calendar periods "
        "('FY2024 Q1' as January–March 2024). If the fiscal year starts in another month, write each "
        "period's first day instead."
    ]


def test_month_names_in_four_languages_in_one_column():
    """15. März, 15 mars, 15 de marzo and 15 maart are all 15 March; Mai and mei are May."""
    ledger, notes = read(
        ["15. März 2024", "15 mars 2024", "15 de marzo de 2024", "15 maart 2024", "Mai 2024"]
    )
    assert revenue_dates(ledger) == ["2024-03-15"] * 4 + ["2024-05-01"]
    assert ledger.issues.empty and notes == []


def test_a_csv_writes_its_dates_as_text():
    """Text YYYYMMDD and day-first slash dates in a CSV: Acme revenue on 2024-03-15 and 2024-04-03
    (25/04 settles day first), cost on 2024-04-25."""
    data = b"Date,Alliance,Kind,Amount\n20240315,Acme,Revenue,100\n03/04/2024,Acme,Revenue,50\n25/04/2024,Acme,Cost,30\n"
    ledger = read_ledger(data, "ledger.csv")
    assert [f"{d:%Y-%m-%d}" for d in ledger.entries["date"]] == ["2024-03-15", "2024-04-03", "2024-04-25"]
    assert ledger.issues.empty


# Ambiguous dates only: read day first, 03/04 and 02/05 are April and May, after --from 2024-04-01;
# month first they are 4 March and 5 February, before it. 12/12 and 05/06 are in view either way.
COMMAND_ROWS = [
    ["03/04/2024", "Acme", "Revenue", 100],
    ["02/05/2024", "Acme", "Revenue", 10],
    ["12/12/2024", "Acme", "Revenue", 1000],
    ["05/06/2024", "Acme", "Cost", 50],
]


@pytest.mark.parametrize(
    ("flags", "revenue"),
    [
        ([], 1110),  # day first by default: 100 + 10 + 1,000
        (["--dayfirst"], 1110),
        (["--monthfirst"], 1000),  # only 12/12 (December 12) is in view
    ],
)
def test_the_command_reads_slash_dates_in_the_order_it_is_told(tmp_path, flags, revenue):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(ledger_bytes(COMMAND_ROWS))
    out = tmp_path / "summary.xlsx"
    done = summarize(*flags, str(path), "-o", str(out), "--from", "2024-04-01")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)["Alliances"]
    header = [c.value for c in sheet[1]]
    acme = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=False))
    assert (acme["Revenue"], acme["Cost"]) == (revenue, 50)


def test_the_command_takes_one_order_only(tmp_path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(ledger_bytes(COMMAND_ROWS))
    done = summarize(str(path), "--dayfirst", "--monthfirst")
    assert done.returncode == 2
    assert done.stderr == (
        "error: argument --monthfirst: not allowed with argument --dayfirst "
        "(see: python -m core summarize --help)\n"
    )
