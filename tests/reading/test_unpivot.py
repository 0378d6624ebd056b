"""Months (or quarters) as columns, partners as rows: one entry per partner and period (#27.9b)."""

import datetime as dt

import pandas as pd
import pytest

from core.errors import LedgerError
from core.reading.ledger import read_ledger
from core.reading.unpivot import Period, period_of
from tests.helpers import workbook_bytes


def entries_of(ledger) -> list[tuple[str, str, str, float]]:
    """(alliance, month, kind, amount) of each entry, in a stable order."""
    table = ledger.entries.sort_values(["alliance", "date", "kind"])
    return [
        (str(e.alliance), e.date.strftime("%Y-%m"), str(e.kind), float(e.amount)) for e in table.itertuples()
    ]


@pytest.mark.parametrize(
    ("cell", "period"),
    [
        ("M01", Period(1, None, False)),
        ("m 12", Period(12, None, False)),
        ("Month 3", Period(3, None, False)),
        ("Jan", Period(1, None, False)),
        ("September", Period(9, None, False)),
        ("Mar 2024", Period(3, 2024, False)),
        ("Mar-24", Period(3, 2024, False)),
        ("2024-03", Period(3, 2024, False)),
        ("03/2024", Period(3, 2024, False)),
        ("Q2", Period(4, None, True)),
        ("Q3 2024", Period(7, 2024, True)),
        ("2024-Q4", Period(10, 2024, True)),
        (dt.datetime(2024, 5, 1), Period(5, 2024, False)),
        ("M13", None),
        ("Total", None),
        ("Partner", None),
        ("2024", None),
        ("Q5", None),
    ],
)
def test_a_header_names_a_month_or_a_quarter(cell, period):
    assert period_of(cell) == period


def test_months_as_columns_on_a_sheet_named_revenue():
    """Sheet 'Revenue', headers Jan..Mar 2024 and a Total: Acme 100 + 200 + 300 (Total 600 not read),
    Beta 50 in January, '-' in February (no entry) and 'n.a.x' in March (an issue); the totals row is
    an issue, not an entry. Acme's revenue 600, Beta's 50."""
    data = workbook_bytes(
        {
            "Revenue": [
                ["Partner", "Jan 2024", "Feb 2024", "Mar 2024", "Total"],  # row 1
                ["Acme", 100, 200, 300, 600],  # row 2
                ["Beta", 50, "-", "n.a.x", 50],  # row 3
                ["Total", 150, 200, 300, 650],  # row 4
            ]
        }
    )
    ledger = read_ledger(data, "plan.xlsx", revenue_only=True)
    assert entries_of(ledger) == [
        ("Acme", "2024-01", "revenue", 100.0),
        ("Acme", "2024-02", "revenue", 200.0),
        ("Acme", "2024-03", "revenue", 300.0),
        ("Beta", "2024-01", "revenue", 50.0),
    ]
    assert [(i.sheet, i.row, i.column) for i in ledger.issues.itertuples()] == [
        ("Revenue", 3, "Mar 2024"),
        ("Revenue", 4, "Partner"),
    ]
    assert ledger.source.layout == "periods"
    note = next(n for n in ledger.notes if "as columns" in n)
    assert note.startswith(
        "Sheet 'Revenue' has months as columns (B 'Jan 2024' … D 'Mar 2024'): read as one revenue entry "
        "per partner and month (4 entries), because the sheet's name says 'revenue'"
    )
    assert "1 empty cells" in note and "not read: E 'Total'" in note


def test_month_numbers_take_the_year_from_the_year_column():
    """Year 2023 row: M01 10, M02 20, M03 30; year 2024 row: M01 5; a row whose year is 'soon' is an
    issue. The figure is revenue because the user says the ledger holds revenue only: 65 in all."""
    data = workbook_bytes(
        {
            "Plan": [
                ["Year", "Partner", "M01", "M02", "M03"],
                [2023, "Acme", 10, 20, 30],
                ["2024", "Acme", 5, None, None],
                ["soon", "Acme", 99, 99, 99],
            ]
        }
    )
    ledger = read_ledger(data, "plan.xlsx", revenue_only=True)
    assert entries_of(ledger) == [
        ("Acme", "2023-01", "revenue", 10.0),
        ("Acme", "2023-02", "revenue", 20.0),
        ("Acme", "2023-03", "revenue", 30.0),
        ("Acme", "2024-01", "revenue", 5.0),
    ]
    assert ledger.entries["amount"].sum() == 65.0
    assert [(i.row, i.column, i.reason) for i in ledger.issues.itertuples()] == [
        (4, "Year", "'soon' is not a year")
    ]
    assert any(
        "because you said the ledger holds revenue only; the year from column A 'Year'" in n
        for n in ledger.notes
    )


def test_a_kind_column_says_which_rows_are_revenue_and_which_cost():
    """Quarters of 2024; Acme revenue 1,000 + 1,500 = 2,500 and cost 400 + 600 = 1,000; the report's ROI
    is (2,500 - 1,000) / 1,000 = 150 %."""
    data = workbook_bytes(
        {
            "Partners": [
                ["Partner", "Kind", "Q1 2024", "Q2 2024", "Q3 2024"],
                ["Acme", "Revenue", 1000, 1500, None],
                ["Acme", "Cost", 400, 600, None],
            ]
        }
    )
    ledger = read_ledger(data, "quarters.xlsx")
    assert entries_of(ledger) == [
        ("Acme", "2024-01", "cost", 400.0),
        ("Acme", "2024-01", "revenue", 1000.0),
        ("Acme", "2024-04", "cost", 600.0),
        ("Acme", "2024-04", "revenue", 1500.0),
    ]
    totals = ledger.entries.groupby("kind", observed=True)["amount"].sum()
    assert (totals["revenue"] - totals["cost"]) / totals["cost"] == 1.5
    assert any("as column B 'Kind' on each row" in n for n in ledger.notes)


def test_a_cost_sheet_named_by_its_title():
    """No kind, the sheet is 'Sheet1', but the title above the header says 'MDF spend 2024': cost,
    Acme 20 in January and 30 in February (March empty)."""
    data = workbook_bytes(
        {
            "Sheet1": [
                ["MDF spend 2024"],
                ["Partner", "Jan 2024", "Feb 2024", "Mar 2024"],
                ["Acme", 20, 30, None],
            ]
        }
    )
    ledger = read_ledger(data, "spend.xlsx")
    assert entries_of(ledger) == [("Acme", "2024-01", "cost", 20.0), ("Acme", "2024-02", "cost", 30.0)]
    assert any("because the title above the header says 'spend'" in n for n in ledger.notes)


def test_nothing_says_revenue_or_cost_is_refused():
    data = workbook_bytes({"Sheet1": [["Partner", "Jan 2024", "Feb 2024", "Mar 2024"], ["Acme", 1, 2, 3]]})
    with pytest.raises(LedgerError, match="nothing says whether they are revenue or cost"):
        read_ledger(data, "plan.xlsx")


def test_months_without_a_year_anywhere_are_refused():
    data = workbook_bytes({"Revenue": [["Partner", "Jan", "Feb", "Mar"], ["Acme", 1, 2, 3]]})
    with pytest.raises(LedgerError, match="without a year, and no Year column"):
        read_ledger(data, "plan.xlsx")


def test_a_ledger_read_row_by_row_comes_first():
    """A ledger sheet beside a sheet of months: the ledger is read (Acme 70 revenue, 7 cost)."""
    data = workbook_bytes(
        {
            "Revenue plan": [["Partner", "Jan 2024", "Feb 2024", "Mar 2024"], ["Acme", 1, 2, 3]],
            "Ledger": [["Date", "Partner", "Revenue", "Cost"], [dt.date(2024, 1, 5), "Acme", 70, 7]],
        }
    )
    ledger = read_ledger(data, "both.xlsx")
    assert entries_of(ledger) == [("Acme", "2024-01", "cost", 7.0), ("Acme", "2024-01", "revenue", 70.0)]
    assert ledger.entries["date"].tolist() == [pd.Timestamp("2024-01-05")] * 2


def test_months_without_a_partner_column_are_named_in_the_refusal():
    """'EmployeeID' is no partner word: the refusal says the sheet has months as columns and how to
    name its partner column; named, the sheet is read (Year from the year column: 2017-07 100)."""
    rows = [["Year", "EmployeeID", "M07", "M08", "M09"], [2017, "61161660", 100, "-", "-"]]
    data = workbook_bytes({"Sales targets": rows})
    with pytest.raises(
        LedgerError, match=r"has months as columns \(C 'M07' … E 'M09'\).*--map alliance=HEADER"
    ):
        read_ledger(data, "targets.xlsx")
    ledger = read_ledger(data, "targets.xlsx", chosen={"alliance": "EmployeeID"}, revenue_only=True)
    assert entries_of(ledger) == [("61161660", "2017-07", "revenue", 100.0)]
    assert ledger.source.columns == {"alliance": "EmployeeID", "year": "Year", "revenue": "C 'M07' … E 'M09'"}


def test_a_revenue_sheet_and_a_cost_sheet_of_months_are_both_read():
    """'Revenue' (Acme 100, 200 in Jan, Feb 2024) and 'Costs' written negative as a P&L writes them
    (-30, -40, -50 in Jan..Mar): three negative costs of three, so costs are booked negative: 30 + 40 +
    50 = 120. ROI (300 - 120) / 120 = 150 %. A third sheet of months has no partner column: not read,
    and said."""
    months = ["Jan 2024", "Feb 2024", "Mar 2024"]
    data = workbook_bytes(
        {
            "Revenue": [["Partner", *months], ["Acme", 100, 200, None]],
            "Costs": [["Partner", *months], ["Acme", -30, -40, -50]],
            "Headcount": [["Team", *months], ["Sales", 3, 3, 4]],
        }
    )
    ledger = read_ledger(data, "pnl.xlsx")
    assert entries_of(ledger) == [
        ("Acme", "2024-01", "cost", 30.0),
        ("Acme", "2024-01", "revenue", 100.0),
        ("Acme", "2024-02", "cost", 40.0),
        ("Acme", "2024-02", "revenue", 200.0),
        ("Acme", "2024-03", "cost", 50.0),
    ]
    assert ledger.source.ledger_sheets == ("Revenue", "Costs")
    assert any(n.startswith("3 of the 3 non-zero cost amounts are negative") for n in ledger.notes)
    assert any(n.startswith("Not read: Sheet 'Headcount' has months as columns") for n in ledger.notes)
