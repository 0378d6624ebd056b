"""A ledger split over sheets of one header, read as one (#27.9a); ledger-like sheets not read (#31.8)."""

import datetime as dt

import pytest

from core.reading.issues import commonest_reasons
from core.reading.ledger import read_ledger
from tests.helpers import workbook_bytes

HEADER = ["Date", "Partner", "Revenue", "Cost"]


def totals(ledger) -> dict[tuple[str, str], float]:
    """Amount per (alliance, kind), to the cent."""
    grouped = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {key: round(float(value), 2) for key, value in grouped.items()}


def months_workbook() -> bytes:
    return workbook_bytes(
        {
            "Jan": [
                HEADER,
                [dt.date(2024, 1, 5), "Acme", 1000.10, 400],  # row 2
                [dt.date(2024, 1, 9), "Beta", 250, 100.05],  # row 3
            ],
            "Feb": [
                ["Sales by partner, February"],  # row 1: a banner, the header one row lower
                HEADER,
                [dt.date(2024, 2, 2), "Acme", 2000, 300.50],  # row 3
                ["soon", "Beta", 80, 10],  # row 4: no date
            ],
            "Alliances": [["Alliance", "Type"], ["Acme", "Value Multiplier"], ["Beta", "Market Accelerator"]],
        }
    )


def test_sheets_of_one_header_are_read_as_one_ledger_each_entry_keeping_its_sheet():
    """Jan and Feb: Acme revenue 1,000.10 + 2,000 = 3,000.10 and cost 400 + 300.50 = 700.50; Beta
    revenue 250 and cost 100.05 (its February row has no date and is left out, named as on Feb)."""
    ledger = read_ledger(months_workbook(), "months.xlsx")
    assert totals(ledger) == {
        ("Acme", "cost"): 700.50,
        ("Acme", "revenue"): 3000.10,
        ("Beta", "cost"): 100.05,
        ("Beta", "revenue"): 250.0,
    }
    placed = ledger.entries.sort_values(["sheet", "row", "kind"])
    assert list(zip(placed["sheet"], placed["row"], placed["kind"], strict=True)) == [
        ("Feb", 3, "cost"),
        ("Feb", 3, "revenue"),
        ("Jan", 2, "cost"),
        ("Jan", 2, "revenue"),
        ("Jan", 3, "cost"),
        ("Jan", 3, "revenue"),
    ]
    assert [(i.sheet, i.row, i.column) for i in ledger.issues.itertuples()] == [("Feb", 4, "Date")]
    assert ledger.rows_left_out == 1
    assert ledger.source.ledger_sheets == ("Jan", "Feb")
    assert ledger.source.sheet_label == "Jan, Feb"
    assert ledger.source.rows_read == 2 + 2
    note = next(n for n in ledger.notes if "read as one ledger" in n)
    assert "'Jan' and 'Feb'" in note and "Jan 4, Feb 2" in note
    # The Alliances sheet beside them is read as the side sheet it is, and named by no note.
    assert ledger.alliances["type"].tolist() == ["Value Multiplier", "Market Accelerator"]
    assert not any("Alliances" in n for n in ledger.notes)


def test_a_sheet_named_by_the_user_is_read_alone():
    """--sheet Feb: Acme's February only (2,000 and 300.50); no note on combining."""
    ledger = read_ledger(months_workbook(), "months.xlsx", sheet="Feb")
    assert totals(ledger) == {("Acme", "cost"): 300.50, ("Acme", "revenue"): 2000.0}
    assert ledger.source.ledger_sheets == ("Feb",)
    assert not any("read as one ledger" in n or "not read" in n for n in ledger.notes)


def test_rows_left_out_on_two_sheets_at_the_same_row_are_two_rows():
    """Row 3 of Jan and row 3 of Feb both lack a partner: two rows left out, not one."""
    data = workbook_bytes(
        {
            "Jan": [HEADER, [dt.date(2024, 1, 5), "Acme", 10, 1], [dt.date(2024, 1, 6), None, 5, 1]],
            "Feb": [HEADER, [dt.date(2024, 2, 5), "Acme", 20, 2], [dt.date(2024, 2, 6), None, 5, 1]],
        }
    )
    ledger = read_ledger(data, "two.xlsx")
    assert ledger.rows_left_out == 2
    assert totals(ledger) == {("Acme", "cost"): 3.0, ("Acme", "revenue"): 30.0}


def test_a_ledger_like_sheet_with_another_header_is_not_read_and_said():
    """'Ledger' (revenue and cost columns) is read: Acme 100 and 40. 'Ledger 2' has kind and amount
    and would be a ledger of its own (its 999 is not counted); a note names both sheets."""
    data = workbook_bytes(
        {
            "Ledger": [HEADER, [dt.date(2024, 1, 5), "Acme", 100, 40]],
            "Ledger 2": [
                ["Date", "Partner", "Kind", "Amount"],
                [dt.date(2024, 1, 5), "Acme", "Revenue", 999],
            ],
        }
    )
    ledger = read_ledger(data, "two.xlsx")
    assert totals(ledger) == {("Acme", "cost"): 40.0, ("Acme", "revenue"): 100.0}
    assert ledger.source.ledger_sheets == ("Ledger",)
    note = next(n for n in ledger.notes if "not read" in n)
    assert note.startswith("Read as the ledger: 'Ledger'. Sheet 'Ledger 2' looks like a ledger too")
    assert "--sheet 'Ledger 2'" in note


@pytest.mark.parametrize("position", ["first", "last"])
def test_a_sheet_of_all_months_beside_the_months_is_not_counted_twice(position):
    """Jan (Acme 100/10) and Feb (Acme 200/20) beside 'All' holding both rows: every entry of the
    larger sheet is on the others, so it is left out wherever it stands; Acme 300 and 30, not 600/60.
    Named first, 'All' is the sheet chosen, and the months are then the copies."""
    jan = [dt.date(2024, 1, 5), "Acme", 100, 10]
    feb = [dt.date(2024, 2, 5), "Acme", 200, 20]
    sheets = {"Jan": [HEADER, jan], "Feb": [HEADER, feb]}
    sheets = (
        {"All": [HEADER, jan, feb], **sheets}
        if position == "first"
        else {**sheets, "All": [HEADER, jan, feb]}
    )
    ledger = read_ledger(workbook_bytes(sheets), "all.xlsx")
    assert totals(ledger) == {("Acme", "cost"): 30.0, ("Acme", "revenue"): 300.0}
    copies = [n for n in ledger.notes if "so that no money counts twice" in n]
    if position == "last":
        assert ledger.source.ledger_sheets == ("Jan", "Feb")
        assert len(copies) == 1 and copies[0].startswith(
            "Sheet 'All' is like the others, but each of its 4 entries"
        )
    else:
        assert ledger.source.ledger_sheets == ("All",)
        assert [c.split("'")[1] for c in copies] == ["Jan", "Feb"]


def test_negative_amounts_over_several_sheets_are_settled_together_and_named_by_sheet():
    """Cost -50 on Jan row 3 and revenue -5 on Feb row 2: one negative cost of three costs (not
    three to one), read as a credit; each listed with its sheet."""
    data = workbook_bytes(
        {
            "Jan": [HEADER, [dt.date(2024, 1, 5), "Acme", 100, 10], [dt.date(2024, 1, 6), "Acme", 100, -50]],
            "Feb": [HEADER, [dt.date(2024, 2, 5), "Acme", -5, 20]],
        }
    )
    ledger = read_ledger(data, "signs.xlsx")
    assert totals(ledger) == {("Acme", "cost"): -20.0, ("Acme", "revenue"): 195.0}
    assert any(n.startswith("1 negative cost amount ('Jan' row 3) is read as a credit") for n in ledger.notes)
    assert any(
        n.startswith("1 negative revenue amount ('Feb' row 2) is read as a refund") for n in ledger.notes
    )


def test_a_revenue_sheet_and_a_cost_sheet_of_one_header_read_each_as_its_name_says():
    """'Revenue' and 'Costs' both have Date, Partner, Amount: the sheet's name says the figure, not
    the sign. Acme revenue 100 - 10 (a refund) = 90, cost 40; read by sign, the cost sheet's 40
    would have been revenue."""
    header = ["Date", "Partner", "Amount"]
    data = workbook_bytes(
        {
            "Revenue": [header, [dt.date(2024, 1, 5), "Acme", 100], [dt.date(2024, 1, 6), "Acme", -10]],
            "Costs": [header, [dt.date(2024, 1, 5), "Acme", 40]],
        }
    )
    ledger = read_ledger(data, "split.xlsx")
    assert totals(ledger) == {("Acme", "cost"): 40.0, ("Acme", "revenue"): 90.0}
    assert any(
        n.startswith("Sheet 'Costs' has one amount and no kind column, and its name says 'costs'")
        for n in ledger.notes
    )


def test_a_cost_sheet_of_another_header_is_read_beside_the_revenue_sheet():
    """'Sales' (Date, Partner, Revenue: Acme 100, Beta 60) and 'MDF' (Month, Reseller, MDF spend:
    Acme 40 in 2024-01) hold different figures: both are read, joined by partner and date. A third
    sheet 'Budget' with revenue again is not read (its 999 would count revenue twice), and said."""
    data = workbook_bytes(
        {
            "Sales": [
                ["Date", "Partner", "Revenue"],
                [dt.date(2024, 1, 5), "Acme", 100],
                [dt.date(2024, 2, 5), "Beta", 60],
            ],
            "MDF": [["Month", "Reseller", "MDF spend"], ["2024-01", "Acme", 40]],
            "Budget": [["Date", "Partner", "Net sales"], [dt.date(2024, 1, 5), "Acme", 999]],
        }
    )
    ledger = read_ledger(data, "split.xlsx")
    assert totals(ledger) == {("Acme", "cost"): 40.0, ("Acme", "revenue"): 100.0, ("Beta", "revenue"): 60.0}
    assert ledger.source.ledger_sheets == ("Sales", "MDF")
    assert any(
        n.startswith("Sheet 'MDF' has another header and holds the cost that 'Sales' lacks: its 1 entry")
        for n in ledger.notes
    )
    assert any("Sheet 'Budget' looks like a ledger too" in n for n in ledger.notes)


def test_when_every_row_of_the_sheets_is_left_out_the_reasons_count_every_sheet():
    """Row 2 of Jan and row 2 of Feb have no date: two rows, the example named with its sheet."""
    data = workbook_bytes(
        {"Jan": [HEADER, ["soon", "Acme", 10, 1]], "Feb": [HEADER, ["later", "Acme", 20, 2]]}
    )
    ledger = read_ledger(data, "none.xlsx", revenue_only=True)
    assert ledger.entries.empty and ledger.rows_left_out == 2
    reasons = commonest_reasons(ledger.issues, ledger.source.ledger_sheets)
    assert reasons.startswith("column 'Date' (2 rows, e.g. sheet 'Jan' row 2: 'soon'")
