"""The table of a kind column's values as read (issue 27.3): each distinct value (compared as the
reader compares them), its rows, its reading and why; the kind values an edited table says. Counts
and readings worked out by hand from the rows written here."""

from __future__ import annotations

from core.frames import KIND_TABLE
from core.reading.kind_table import TOLD, UNKNOWN, VOCABULARY, read_with_kinds, told_from_table
from tests.helpers import ledger_bytes, workbook_bytes

HEADER = ["Date", "Partner", "Type", "Amount"]
ROWS = [
    ["2024-01-05", "Acme", "Invoice", 1000],
    ["2024-01-06", "Acme", "Bill", 400],
    ["2024-01-07", "Acme", "Payment", 300],
    ["2024-01-08", "Acme", " INVOICE ", 200],
    ["2024-01-09", "Acme", "Transfer", 50],
    ["2024-01-10", "Acme", "Payment", 20],
]
QB = workbook_bytes({"Sales": [HEADER, *ROWS]})


def test_each_value_with_its_rows_and_reading_the_commonest_first():
    """Invoice ×2 (one written ' INVOICE '), Payment ×2, Bill ×1, Transfer ×1; Payment and Transfer
    are no kind word of the vocabulary: their 3 rows are left out."""
    ledger, table = read_with_kinds(QB, "qb.xlsx")
    assert table is not None and KIND_TABLE.problems(table) == []
    assert table.values.tolist() == [
        ["Invoice", 2, "revenue", VOCABULARY],
        ["Payment", 2, "none", UNKNOWN],
        ["Bill", 1, "cost", VOCABULARY],
        ["Transfer", 1, "none", UNKNOWN],
    ]
    assert ledger.rows_left_out == 3


def test_told_values_read_as_told_and_the_table_says_so():
    """Payment as revenue and Invoice as none (told, whatever the vocabulary says): revenue 300 +
    20 = 320, cost 400; the two Invoice rows and Transfer left out."""
    ledger, table = read_with_kinds(QB, "qb.xlsx", kind_values={"payment": "revenue", "Invoice": None})
    assert table is not None
    assert table.set_index("value").loc[["Invoice", "Payment"], ["reading", "source"]].values.tolist() == [
        ["none", TOLD],
        ["revenue", TOLD],
    ]
    totals = ledger.entries.groupby("kind", observed=True)["amount"].sum()
    assert (float(totals["revenue"]), float(totals["cost"])) == (320.0, 400.0)
    assert ledger.rows_left_out == 3


def test_an_edited_table_gives_the_values_that_differ_from_the_vocabulary_and_those_told():
    _, table = read_with_kinds(QB, "qb.xlsx", kind_values={"Bill": "cost"})
    assert table is not None
    table.loc[table["value"] == "Payment", "reading"] = "revenue"
    table.loc[table["value"] == "Invoice", "reading"] = "revenue"  # unchanged: not told
    # Bill stays told (as the user said it before), Payment is now told, Transfer keeps 'none'.
    assert told_from_table(table) == {"Payment": "revenue", "Bill": "cost"}


def test_no_table_for_the_products_own_words_or_without_a_kind_column():
    own = ledger_bytes([["2024-01-01", "A", "Revenue", 2], ["2024-01-01", "A", "Cost", 1]])
    assert read_with_kinds(own, "own.xlsx")[1] is None
    wide = workbook_bytes({"L": [["Date", "Partner", "Revenue", "Cost"], ["2024-01-01", "A", 2, 1]]})
    assert read_with_kinds(wide, "wide.xlsx")[1] is None


def test_the_values_of_every_sheet_read_as_one_ledger_are_counted():
    """Jan and Feb of one header are read as one ledger: Invoice 1 + 1, Bill 1, Payment 1."""
    jan = [HEADER, ["2024-01-05", "Acme", "Invoice", 10], ["2024-01-06", "Acme", "Bill", 4]]
    feb = [HEADER, ["2024-02-05", "Acme", "Invoice", 10], ["2024-02-06", "Acme", "Payment", 3]]
    _, table = read_with_kinds(workbook_bytes({"Jan": jan, "Feb": feb}), "two.xlsx")
    assert table is not None
    assert dict(zip(table["value"], table["rows"], strict=True)) == {"Invoice": 2, "Bill": 1, "Payment": 1}
