"""The column-wise reader (fastexcel → Arrow) against the cell reader: the same ledger either way.

A clean .xlsx sheet is read column-wise; a sheet with merged cells, or a ledger column holding more
than one kind of value, goes to the cell reader. Each ledger here is read both ways and must give
the same entries, issues, notes and counts, with figures worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.reading.columns import body_frame
from core.reading.headers import choose_ledger_sheet
from core.reading.ledger import read_ledger
from core.reading.workbook import SourceBook
from tests.helpers import LEDGER_HEADER, ledger_bytes, workbook_bytes

D1, D2, D3 = dt.datetime(2024, 1, 15), dt.datetime(2024, 2, 15, 13, 30), dt.datetime(2024, 3, 15)


def both_ways(data: bytes, monkeypatch) -> tuple:
    fast = read_ledger(data, "ledger.xlsx")
    with monkeypatch.context() as patch:
        patch.setattr(SourceBook, "typed_body", lambda *_: None)
        careful = read_ledger(data, "ledger.xlsx")
    return fast, careful


def assert_same(fast, careful) -> None:
    pd.testing.assert_frame_equal(fast.entries, careful.entries)
    pd.testing.assert_frame_equal(fast.issues, careful.issues)
    assert fast.notes == careful.notes
    assert fast.source == careful.source


def takes_columnwise(data: bytes) -> bool:
    book = SourceBook(data, "ledger.xlsx")
    sheet, header = choose_ledger_sheet(book, None)
    return book.typed_body(sheet, header) is not None


def test_a_clean_ledger_is_read_column_wise_with_the_same_entries(monkeypatch):
    rows = [
        [D1, "Acme", "Revenue", 1200.5],
        [D2, "Acme", "Cost", 1000],
        [D3, "  Beta  Corp ", "revenue", 300.25],
        [D3, "Beta Corp", "Cost", 250],
    ]
    data = ledger_bytes(rows)
    assert takes_columnwise(data)
    fast, careful = both_ways(data, monkeypatch)
    assert_same(fast, careful)
    # Acme: 1,200.50 revenue, 1,000.00 cost; Beta Corp (spaces cleaned): 300.25 and 250.00.
    sums = fast.entries.groupby(["alliance", "kind"])["amount"].sum()
    assert sums[("Acme", "revenue")] == 1200.5 and sums[("Acme", "cost")] == 1000.0
    assert sums[("Beta Corp", "revenue")] == 300.25 and sums[("Beta Corp", "cost")] == 250.0
    # the 13:30 on 15 February is dropped: entries are dated by day
    assert list(fast.entries["date"]) == [pd.Timestamp(d.date()) for d in (D1, D2, D3, D3)]


def test_banner_blank_rows_totals_and_a_note_beside_the_table(monkeypatch):
    sheet = [
        ["Alliance ledger FY2024"],
        [],
        LEDGER_HEADER,
        [D1, "Acme", "Revenue", 500],
        [],
        [None, None, None, None, "checked by finance"],
        [D2, "Acme", "Cost", 400],
        [D3, "Acme", "Revenue", None],
        [None, "Total", None, 900],
    ]
    data = workbook_bytes({"Ledger": sheet})
    assert takes_columnwise(data)
    fast, careful = both_ways(data, monkeypatch)
    assert_same(fast, careful)
    assert fast.source.header_row == 3
    assert len(fast.entries) == 2  # 500 revenue and 400 cost
    reasons = dict(zip(fast.issues["row"], fast.issues["reason"], strict=True))
    assert "only this cell is filled" in reasons[6]
    assert 8 in reasons and "totals row" in reasons[9]
    assert fast.source.blank_rows == 1  # row 5


def test_a_table_that_starts_below_and_right_of_a1(monkeypatch):
    sheet = [
        [],
        [],
        [None, None, *LEDGER_HEADER],
        [None, None, D1, "Acme", "Revenue", 10],
        [None, None, D2, "Acme", "Cost", 8],
    ]
    data = workbook_bytes({"Ledger": sheet})
    assert takes_columnwise(data)
    fast, careful = both_ways(data, monkeypatch)
    assert_same(fast, careful)
    assert list(fast.entries["amount"]) == [10.0, 8.0]
    assert list(fast.entries["row"]) == [4, 5]


def test_wide_layout_with_revenue_and_cost_columns(monkeypatch):
    sheet = [
        ["Date", "Alliance", "Revenue", "Cost"],
        [D1, "Acme", 100, 80],
        [D2, "Acme", None, 20],
        [D3, "Beta", 50, None],
    ]
    data = workbook_bytes({"Ledger": sheet})
    assert takes_columnwise(data)
    fast, careful = both_ways(data, monkeypatch)
    assert_same(fast, careful)
    # Acme: revenue 100, cost 80 + 20 = 100; Beta: revenue 50.
    sums = fast.entries.groupby(["alliance", "kind"])["amount"].sum()
    assert sums[("Acme", "cost")] == 100.0 and sums[("Beta", "revenue")] == 50.0


@pytest.mark.parametrize(
    "odd_row",
    [
        ["2024-02-01", "Acme", "Cost", 5],  # a date written as text
        [D2, "Acme", "Cost", "$1,200.50"],  # an amount written as text
        [D2, "Acme", "Cost", float("nan")],  # a NaN the file holds
        [D2, 1234, "Cost", 5],  # a number where a name goes
        [dt.datetime(2150, 1, 1), "Acme", "Cost", 5],  # a year after 2100
    ],
)
def test_odd_cells_give_the_same_result_either_way(odd_row, monkeypatch):
    data = ledger_bytes([[D1, "Acme", "Revenue", 100], odd_row, [D3, "Acme", "Cost", 30]])
    fast, careful = both_ways(data, monkeypatch)
    assert_same(fast, careful)


def test_merged_cells_go_to_the_cell_reader():
    sheet = [LEDGER_HEADER, [D1, "Acme", "Revenue", 100], [D2, None, "Cost", 60]]
    data = workbook_bytes({"Ledger": sheet}, merges={"Ledger": ["B2:B3"]})
    assert not takes_columnwise(data)
    entries = read_ledger(data, "ledger.xlsx").entries
    assert list(entries["alliance"]) == ["Acme", "Acme"]  # the merged name fills both rows


def test_the_column_wise_body_matches_the_cell_body():
    data = ledger_bytes([[D1, "Acme", "Revenue", 100], [D2, "Beta", "Cost", 60]])
    book = SourceBook(data, "ledger.xlsx")
    sheet, header = choose_ledger_sheet(book, None)
    typed = book.typed_body(sheet, header)
    assert typed is not None
    cells = body_frame(book.sheet(sheet).rows, header)
    assert list(typed.frame.index) == list(cells.index) == [2, 3]
    assert list(typed.frame["alliance"]) == list(cells["alliance"])
    assert list(typed.frame["amount"]) == [100.0, 60.0]
