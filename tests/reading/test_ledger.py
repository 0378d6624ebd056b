"""Reading messy ledgers: what is used, and every row that is not, with its reason."""

import datetime as dt

import pandas as pd
import pytest

from core.errors import LedgerError
from core.reading.ledger import read_ledger
from core.reading.side_sheets import NO_RISKS_OR_HEALTH_NOTE
from tests.helpers import ledger_bytes, workbook_bytes


def issues_by_row(ledger):
    return {(r.sheet, r.row): r.reason for r in ledger.issues.itertuples()}


def test_title_banner_text_amounts_totals_and_blank_rows():
    data = workbook_bytes(
        {
            "Notes": [["nothing here"]],
            "Q1 export": [
                ["Alliance ledger Q1 2024"],  # row 1: banner
                ["exported 2024-04-02"],  # row 2
                [],  # row 3
                ["Date", "Partner", "Type", "Amount (USD)"],  # row 4: header
                [dt.date(2024, 1, 5), "Acme Corp", "Revenue", "$12,500.00"],  # row 5
                [dt.date(2024, 1, 9), "Acme Corp", "Expense", "(2,000)"],  # row 6: negative cost
                [],  # row 7: blank
                ["2024-02", "Beta LLC", "Income", "$1,250.00"],  # row 8
                ["Mar 2024", "Beta LLC", "Cost", 1000],  # row 9
                ["2024-Q1", "Beta LLC", "Cost", "TBD"],  # row 10: bad amount
                [None, "Total", None, 12750],  # row 11: totals
            ],
        }
    )
    ledger = read_ledger(data, "q1.xlsx")
    assert ledger.source.sheet == "Q1 export"
    assert ledger.source.header_row == 4
    assert ledger.source.columns["amount"] == "Amount (USD)"
    entries = ledger.entries.sort_values("row")
    assert entries["row"].tolist() == [5, 6, 8, 9]
    assert entries["amount"].tolist() == [12500.0, -2000.0, 1250.0, 1000.0]
    assert entries["kind"].tolist() == ["revenue", "cost", "revenue", "cost"]
    assert entries["date"].tolist() == [
        pd.Timestamp(d) for d in ("2024-01-05", "2024-01-09", "2024-02-01", "2024-03-01")
    ]
    # Row 7 is a blank spacer: counted apart, not an issue, so 2 rows (10 and 11) are left out.
    assert issues_by_row(ledger) == {
        ("Q1 export", 10): "'TBD' is not a number",
        ("Q1 export", 11): "totals row: a sum of other rows, not an entry",
    }
    bad = ledger.issues[ledger.issues["row"] == 10].iloc[0]
    assert (bad["column"], bad["value"]) == ("Amount (USD)", "TBD")
    assert ledger.rows_left_out == 2
    assert ledger.blank_rows == ledger.source.blank_rows == 1
    # Was '1 250,00 €' beside '$12,500.00': two currencies with no FX sheet are now refused
    # (test_values_currency.py), so row 8 is in dollars. '$12,500.00' and '$1,250.00' write a decimal
    # point, which settles '(2,000)' as -2,000; the two '$' amounts make the ledger USD, and the
    # amounts without a sign (rows 6 and 9) are read as USD too. Row 6 is the one negative cost
    # beside the positive one of row 9: a credit, not a sign to turn.
    assert ledger.source.currency == "USD"
    assert ledger.entries.sort_values("row")["currency"].tolist() == ["USD", "", "USD", ""]
    assert ledger.notes == [
        "Column D 'Amount (USD)' writes a decimal point (2 amounts such as '$12,500.00'), so '(2,000)' "
        "was read as -2000.",
        "2 amounts written with '$' alone were read as US dollars (USD): if that is not their currency, "
        "add a Currency column that says which.",
        "1 negative cost amount (row 6) is read as a credit that reduces cost. Costs are read as booked "
        "negative only when at least 3 cost amounts are negative and they outnumber the positive ones at "
        "least 3 to 1.",
        "2 entries name no currency: read as USD, the currency of the other entries.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_every_cell_problem_of_a_row_is_listed():
    ledger = read_ledger(ledger_bytes([["someday", "", "Transfer", "12 apples"]]), "x.xlsx")
    reasons = ledger.issues.set_index("column")["reason"].to_dict()
    assert reasons == {
        "Date": "'someday' is not a date or period",
        "Alliance": "no alliance named",
        "Kind": "'Transfer' is not a kind: expected revenue or cost",
        "Amount": "'12 apples' is not a number",
    }
    assert ledger.entries.empty
    assert ledger.rows_left_out == 1


def test_wide_layout_gives_one_entry_per_filled_cell():
    data = workbook_bytes(
        {
            "Sheet1": [
                ["Month", "Alliance name", "Revenue", "Cost"],
                ["2024-01", "Acme", 1000, 800],
                ["2024-02", "Acme", 1200, None],
                ["2024-03", "Acme", None, None],
            ]
        }
    )
    ledger = read_ledger(data, "wide.xlsx")
    assert ledger.source.layout == "wide"
    sums = ledger.entries.groupby("kind")["amount"].sum().to_dict()
    assert sums == {"revenue": 2200.0, "cost": 800.0}
    assert issues_by_row(ledger) == {("Sheet1", 4): "no revenue and no cost in this row"}


def test_names_differing_in_case_and_spaces_are_one_alliance_and_said_so():
    rows = [
        ["2024-01-01", "Acme Corp", "Revenue", 100],
        ["2024-01-02", "ACME Corp ", "Revenue", 50],
        ["2024-01-03", "  Acme   Corp", "Cost", 100],
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    assert ledger.entries["alliance"].unique().tolist() == ["Acme Corp"]
    assert any("'ACME Corp'" in note for note in ledger.notes)


def test_costs_booked_as_negatives_are_read_as_costs_and_said_so():
    # Was two negative costs; the convention now needs at least 3 negative costs (and 3 times as
    # many as positive ones), so a third is added. Two alone are credits: test_values_layout.py.
    rows = [
        ["2024-01-01", "A", "Revenue", 150],
        ["2024-01-02", "A", "Cost", -100],
        ["2024-01-03", "A", "Cost", "(20)"],
        ["2024-01-04", "A", "Cost", -30],
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    costs = ledger.entries[ledger.entries["kind"] == "cost"]["amount"].tolist()
    assert costs == [100.0, 20.0, 30.0]
    assert ledger.notes == [
        "3 of the 3 non-zero cost amounts are negative, so costs are booked as negatives here: every "
        "cost's sign was turned (a cost of −100 is read as 100).",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_ledger_sheet_found_by_headers_not_position_and_by_name():
    other = [["Date", "Alliance", "Kind", "Amount"], ["2024-01-01", "Z", "Revenue", 1]]
    data = workbook_bytes(
        {"Readme": [["hello"]], "Old": other, "Ledger": other + [["2024-01-02", "Y", "Cost", 2]]}
    )
    assert read_ledger(data, "x.xlsx").source.sheet == "Ledger"
    assert read_ledger(data, "x.xlsx", sheet="old", revenue_only=True).source.sheet == "Old"
    with pytest.raises(LedgerError, match="no sheet named 'Nope'.*'Readme', 'Old', 'Ledger'"):
        read_ledger(data, "x.xlsx", sheet="Nope")


def test_no_ledger_sheet_says_what_was_expected_and_found():
    data = workbook_bytes({"Stuff": [["Name", "Score"], ["a", 1]]})
    with pytest.raises(LedgerError) as error:
        read_ledger(data, "stuff.xlsx")
    message = str(error.value)
    assert "A ledger has a header row with a date, an alliance (partner) and the money: revenue" in message
    assert "sheet 'Stuff', row 1: A 'Name', B 'Score' — no header read as a ledger field" in message
    assert "missing date, alliance, revenue or cost" in message


def test_mixed_currencies_are_refused_naming_them():
    data = workbook_bytes(
        {
            "Ledger": [
                ["Date", "Alliance", "Kind", "Amount", "Currency"],
                ["2024-01-01", "A", "Revenue", 1, "USD"],
                ["2024-01-01", "A", "Cost", 1, "eur"],
                ["2024-01-01", "B", "Cost", 1, "USD"],
            ]
        }
    )
    with pytest.raises(LedgerError, match=r"mixes currencies.*USD \(2 rows\), EUR \(1 rows\)"):
        read_ledger(data, "x.xlsx")


def test_merged_alliance_cells_apply_to_every_row_they_cover():
    data = workbook_bytes(
        {
            "Ledger": [
                ["Date", "Alliance", "Kind", "Amount"],
                ["2024-01-01", "Acme", "Revenue", 10],
                ["2024-01-02", None, "Cost", 4],
            ]
        },
        merges={"Ledger": ["B2:B3"]},
    )
    ledger = read_ledger(data, "x.xlsx")
    assert ledger.entries["alliance"].tolist() == ["Acme", "Acme"]


def test_csv_in_latin1_with_semicolons():
    text = "Datum;Partner;Kind;Amount\n2024-01-01;Société Générale;Revenue;1.250,50\n"
    data = ("Date" + text[5:]).encode("cp1252")
    ledger = read_ledger(data, "export.csv", revenue_only=True)
    assert ledger.entries["alliance"].tolist() == ["Société Générale"]
    assert ledger.entries["amount"].tolist() == [1250.5]


def test_side_sheets_alliances_goals_benchmarks():
    data = ledger_bytes(
        [["2024-01-01", "Acme", "Revenue", 10]],
        Alliances=[
            ["Alliance", "Type", "Owner", "Initiative date"],
            ["acme", "Value Multiplier", "Kim", "2024-06-01"],
        ],
        Goals=[
            ["Alliance", "Metric", "Target", "Actual", "Due date"],
            ["Acme", "Customers", 10, 4, dt.date(2024, 12, 31)],
        ],
        Benchmarks=[["Name", "ROI", "Source"], ["Hurdle", "12%", "Finance"], ["Peer median", 18, ""]],
    )
    ledger = read_ledger(data, "x.xlsx", revenue_only=True)
    assert ledger.alliances.loc[0, "alliance"] == "Acme"  # spelled as in the ledger
    assert ledger.alliances.loc[0, "initiative_date"] == pd.Timestamp("2024-06-01")
    assert ledger.goals.loc[0, ["target", "actual"]].tolist() == [10.0, 4.0]
    assert ledger.benchmarks["roi"].tolist() == pytest.approx([0.12, 0.18])
    assert ledger.benchmarks["source"].tolist() == ["Finance", "sheet 'Benchmarks'"]


def test_empty_and_unreadable_files_raise_clear_errors():
    with pytest.raises(LedgerError, match="empty"):
        read_ledger(b"", "x.xlsx")
    with pytest.raises(LedgerError, match="is not an Excel workbook"):
        read_ledger(b"this is not a zip file at all", "x.xlsx")


def test_repeated_texts_are_categories_in_their_own_order_and_one_currency_is_not_mixed():
    # The report groups by these columns many times: read as categories, with the strings' own order,
    # so sorting by them is unchanged. A category no row uses (the empty currency once the blank-currency
    # rows are set aside) must not count as a second currency.
    data = workbook_bytes(
        {
            "Ledger": [
                ["Date", "Alliance", "Type", "Amount", "Currency"],
                [dt.date(2024, 1, 5), "Zeta", "Revenue", 100, "USD"],
                [dt.date(2024, 1, 6), "Acme", "Cost", 40, None],
                [dt.date(2024, 1, 7), "Mid", "Revenue", 70, "USD"],
            ]
        }
    )
    ledger = read_ledger(data, "ledger.xlsx")
    entries = ledger.entries
    for column in ("alliance", "kind", "category", "currency", "attribution", "sheet"):
        assert isinstance(entries[column].dtype, pd.CategoricalDtype), column
    assert list(entries["alliance"].cat.categories) == ["Acme", "Mid", "Zeta"]
    assert entries.sort_values("alliance")["alliance"].tolist() == ["Acme", "Mid", "Zeta"]
    assert ledger.source.currency == "USD"


def test_a_goals_sheet_is_never_read_as_the_alliances_sheet():
    """Issue 28.5: without an Alliances sheet, the goal owners became the alliance owners."""
    goals = [
        ["Alliance", "Goal", "Target", "Actual", "Owner"],
        ["Acme", "Pipeline", 100, 80, "Dana (goal owner)"],
    ]
    rows = [["2024-01-15", "Acme", "Revenue", 1200], ["2024-01-20", "Acme", "Cost", 1000]]
    ledger = read_ledger(ledger_bytes(rows, Goals=goals), "goals.xlsx")
    assert ledger.alliances.empty
    assert list(ledger.goals["metric"]) == ["Pipeline"]
    assert list(ledger.goals["owner"]) == ["Dana (goal owner)"]


def test_an_alliances_sheet_beside_goals_keeps_its_own_owners():
    goals = [["Alliance", "Goal", "Target", "Actual", "Owner"], ["Acme", "Pipeline", 100, 80, "Dana"]]
    alliances = [["Alliance", "Type", "Owner"], ["Acme", "Reseller", "Sam"]]
    rows = [["2024-01-15", "Acme", "Revenue", 1200], ["2024-01-20", "Acme", "Cost", 1000]]
    ledger = read_ledger(ledger_bytes(rows, Goals=goals, Alliances=alliances), "both.xlsx")
    assert list(ledger.alliances["owner"]) == ["Sam"]
