"""Collecting issues: the collector on its own, and sheets where every one of 20,000 rows is bad."""

import datetime as dt

import pandas as pd

from core.model import ISSUE_COLUMNS
from core.reading.issues import IssueLog
from core.reading.ledger import read_ledger
from tests.helpers import workbook_bytes

ROWS = 20_000


def test_no_issues_give_an_empty_frame_with_the_issue_columns():
    frame = IssueLog().frame()
    assert list(frame.columns) == ISSUE_COLUMNS
    assert frame.empty
    assert frame["row"].dtype == "int64"


def test_issues_in_the_order_found_with_cells_shown_as_text():
    issues = IssueLog()
    issues.add("Goals", 4, "Target", "lots", "'lots' is not a number; target left empty")
    mask = pd.Series([True, False, True], index=pd.RangeIndex(2, 5, name="row"))
    values = pd.Series([dt.date(2024, 1, 5), "x", None], index=mask.index, dtype=object)
    issues.add_cells("Ledger", mask, values, "Date", pd.Series(["bad", "", "empty"], index=mask.index))
    issues.add_cells("Ledger", mask, values, "", "blank row")
    issues.add_cells("Ledger", mask & False, values, "Kind", "never")
    expected = pd.DataFrame(
        [
            ["Goals", 4, "Target", "lots", "'lots' is not a number; target left empty"],
            ["Ledger", 2, "Date", "2024-01-05", "bad"],
            ["Ledger", 4, "Date", "", "empty"],
            ["Ledger", 2, "", "2024-01-05", "blank row"],
            ["Ledger", 4, "", "", "blank row"],
        ],
        columns=ISSUE_COLUMNS,
    )
    assert len(issues) == 5
    pd.testing.assert_frame_equal(issues.frame(), expected)
    assert issues.has("Ledger", 4) and issues.has("Goals", 4)
    assert not issues.has("Ledger", 3) and not issues.has("Goals", 2)


def test_sorting_by_row_then_column_keeps_the_order_of_issues_in_one_cell():
    issues = IssueLog()
    for row, column, reason in [(5, "B", "first"), (3, "B", "x"), (5, "A", "y"), (5, "B", "second")]:
        issues.add("S", row, column, "", reason)
    issues.sort_by_row()
    assert issues.frame()[["row", "column", "reason"]].values.tolist() == [
        [3, "B", "x"],
        [5, "A", "y"],
        [5, "B", "first"],
        [5, "B", "second"],
    ]


def test_a_ledger_where_every_one_of_20000_rows_is_bad():
    # Row n (2..20001) holds amount 'n apples'; the CSV's one sheet is named after the file.
    lines = ["Date,Alliance,Kind,Amount"] + [
        f"2024-01-01,Acme,Revenue,{n} apples" for n in range(2, ROWS + 2)
    ]
    ledger = read_ledger("\n".join(lines).encode(), "big.csv")
    assert ledger.entries.empty
    assert len(ledger.issues) == ROWS
    assert ledger.rows_left_out == ROWS
    assert ledger.issues["sheet"].eq("big").all()
    assert ledger.issues["column"].eq("Amount").all()
    assert ledger.issues["row"].tolist() == list(range(2, ROWS + 2))
    assert ledger.issues["value"].tolist() == [f"{n} apples" for n in range(2, ROWS + 2)]
    assert ledger.issues["reason"].iloc[0] == "'2 apples' is not a number"
    assert ledger.issues["reason"].iloc[-1] == "'20001 apples' is not a number"


def test_an_alliances_sheet_where_every_one_of_20000_rows_is_bad():
    # Side-sheet issues were added one DataFrame row at a time; row n (2..20001) has start 'day n'.
    alliances = [["Alliance", "Start date"]] + [[f"Partner {n}", f"day {n}"] for n in range(2, ROWS + 2)]
    data = workbook_bytes(
        {
            "Ledger": [["Date", "Alliance", "Kind", "Amount"], ["2024-01-01", "Acme", "Revenue", 10]],
            "Alliances": alliances,
        }
    )
    ledger = read_ledger(data, "x.xlsx", revenue_only=True)
    assert len(ledger.entries) == 1
    assert ledger.rows_left_out == 0
    assert len(ledger.alliances) == ROWS
    assert ledger.alliances["start_date"].isna().all()
    issues = ledger.issues
    assert len(issues) == ROWS
    assert issues["sheet"].eq("Alliances").all()
    assert issues["column"].eq("Start date").all()
    assert issues["row"].tolist() == list(range(2, ROWS + 2))
    assert issues["value"].tolist() == [f"day {n}" for n in range(2, ROWS + 2)]
    assert issues["reason"].iloc[0] == "'day 2' is not a date or period; start date left empty"
    assert issues["reason"].iloc[-1] == "'day 20001' is not a date or period; start date left empty"
