"""Money written another way than revenue and cost columns (core/reading/figures.py, signs.py,
kind_values.py): Debit and Credit, one signed amount, transaction types, quantity × unit price.

Every ledger below holds the same figures, worked out by hand: Acme revenue 1,000.50 + 250 =
1,250.50 and cost 400 + 100.25 = 500.25; Beta revenue 300 and cost 200.
"""

from __future__ import annotations

import openpyxl
import pytest

from core.cli import EXIT_OK, EXIT_UNUSABLE
from core.errors import LedgerError
from core.reading.kind_values import KIND_VALUES
from core.reading.ledger import read_ledger
from core.reading.parsing import parse_kind
from tests.helpers import summarize, workbook_bytes

EXPECTED = {
    ("Acme", "cost"): 500.25,
    ("Acme", "revenue"): 1250.5,
    ("Beta", "cost"): 200.0,
    ("Beta", "revenue"): 300.0,
}


def read(rows: list[list[object]], **options: object):
    return read_ledger(workbook_bytes({"Export": rows}), "export.xlsx", **options)


def sums(ledger) -> dict[tuple[str, str], float]:
    totals = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {key: round(value, 2) for key, value in totals.items()}


def test_debit_is_cost_and_credit_is_revenue_whatever_their_sign():
    """A bank statement: money in as Credit, money out as Debit; one debit written -100.25."""
    ledger = read(
        [
            ["Date", "Partner", "Debit", "Credit"],
            ["2024-01-15", "Acme", 400, 1000.50],
            ["2024-02-15", "Acme", -100.25, 250],
            ["2024-01-20", "Beta", 200, None],
            ["2024-01-21", "Beta", None, 300],
        ]
    )
    assert sums(ledger) == EXPECTED
    assert ledger.source.layout == "wide"
    assert ledger.source.columns == {
        "date": "Date",
        "alliance": "Partner",
        "cost": "Debit",
        "revenue": "Credit",
    }
    assert ledger.source.derived == (
        "revenue = 'Credit' (money in), whatever its sign",
        "cost = 'Debit' (money out), whatever its sign",
    )
    assert any(
        "C 'Debit' as cost (money out) and D 'Credit' as revenue (money in)" in n for n in ledger.notes
    )


def test_german_soll_and_haben_columns_are_debit_and_credit():
    ledger = read(
        [
            ["Datum", "Partner", "Soll", "Haben"],
            ["15.01.2024", "Acme", 400, 1000.50],
            ["15.02.2024", "Acme", 100.25, 250],
            ["20.01.2024", "Beta", 200, 300],
        ]
    )
    assert sums(ledger) == EXPECTED


def test_a_revenue_column_beside_debit_and_credit_keeps_them_unread_and_named():
    """With a Revenue column, Debit and Credit are not turned into figures behind the user's back:
    the sheet is read by its Revenue and Cost columns."""
    ledger = read(
        [
            ["Date", "Partner", "Revenue", "Cost", "Debit", "Credit"],
            ["2024-01-15", "Acme", 1250.50, 500.25, 1, 2],
            ["2024-01-20", "Beta", 300, 200, 3, 4],
        ]
    )
    assert sums(ledger) == EXPECTED
    assert ledger.source.derived == ()


def test_one_signed_amount_is_revenue_when_positive_and_cost_when_negative():
    ledger = read(
        [
            ["Date", "Partner", "Amount"],
            ["2024-01-15", "Acme", 1000.50],
            ["2024-01-16", "Acme", -400],
            ["2024-02-15", "Acme", 250],
            ["2024-02-16", "Acme", -100.25],
            ["2024-01-20", "Beta", 300],
            ["2024-01-21", "Beta", -200],
        ]
    )
    assert sums(ledger) == EXPECTED
    assert ledger.source.layout == "signed"
    assert (
        "Sheet 'Export' has no kind column, so the sign of column C 'Amount' tells revenue from cost: 3 "
        "amounts of zero or more read as revenue (money in), 3 negative ones as costs of their size (money "
        "out). If the sign means something else, say which column is the kind, or map revenue and cost "
        "columns."
    ) in ledger.notes


def test_a_sheet_with_labelled_money_comes_before_a_list_of_signed_amounts():
    payments = [["Date", "Partner", "Amount"], ["2024-01-15", "Acme", 999]]
    sales = [
        ["Date", "Partner", "Revenue", "Cost"],
        ["2024-01-15", "Acme", 1250.50, 500.25],
        ["2024-01-20", "Beta", 300, 200],
    ]
    ledger = read_ledger(workbook_bytes({"Payments": payments, "Sales": sales}), "two.xlsx")
    assert ledger.source.sheet == "Sales"
    assert sums(ledger) == EXPECTED


TYPES = [
    ["Date", "Partner", "Type", "Amount"],
    ["2024-01-15", "Acme", "Invoice", 1000.50],
    ["2024-01-16", "Acme", "Bill", 400],
    ["2024-02-15", "Acme", "Sales Receipt", 250],
    ["2024-02-16", "Acme", "Check", 100.25],
    ["2024-01-20", "Beta", "invoice", 300],
    ["2024-01-21", "Beta", "Expense", 200],
]


def test_transaction_types_are_read_as_revenue_and_cost_and_listed_with_counts():
    ledger = read(TYPES)
    assert sums(ledger) == EXPECTED
    assert (
        "Sheet 'Export': column C 'Type' read as transaction types: Invoice → revenue (2), Bill → cost (1), "
        "Sales Receipt → revenue (1), Check → cost (1). To read a value otherwise, say so with the kind "
        "values (the command: --kind-values 'Invoice=cost'; 'none' for neither)."
    ) in ledger.notes


def test_the_product_s_own_kind_words_need_no_note():
    ledger = read(
        [
            ["Date", "Partner", "Kind", "Amount"],
            ["2024-01-15", "Acme", "Revenue", 5],
            ["2024-01-15", "Acme", "Cost", 4],
        ]
    )
    assert not any("transaction types" in note for note in ledger.notes)


def test_kind_values_the_user_gives_come_before_the_table_and_none_leaves_a_row_out():
    """Check read as revenue: Acme revenue 1,000.50 + 250 + 100.25 = 1,350.75, cost 400; the
    Transfer row is neither, left out and listed; 'Payment' is in no table and is listed too."""
    rows = [*TYPES, ["2024-03-01", "Acme", "Transfer", 5000], ["2024-03-02", "Beta", "Payment", 70]]
    ledger = read(rows, kind_values={"check": "revenue", " TRANSFER ": None})
    assert sums(ledger) == {
        ("Acme", "cost"): 400.0,
        ("Acme", "revenue"): 1350.75,
        ("Beta", "cost"): 200.0,
        ("Beta", "revenue"): 300.0,
    }
    issues = ledger.issues.set_index("row")
    assert issues.loc[8, "reason"] == "'Transfer' is neither revenue nor cost, as the kind values say"
    assert issues.loc[8, "column"] == "Type"
    assert issues.loc[9, "reason"] == "'Payment' is not a kind: expected revenue or cost"
    note = next(n for n in ledger.notes if "transaction types" in n)
    assert "Check → revenue (1, as told)" in note


def test_no_kind_value_is_read_as_both_revenue_and_cost():
    seen: dict[str, str] = {}
    for entry in KIND_VALUES:
        for word in entry.words:
            assert seen.setdefault(word, entry.kind) == entry.kind, word


@pytest.mark.parametrize(
    ("value", "kind"),
    [("Invoice", "revenue"), ("Deposit", "revenue"), ("Haben", "revenue"), ("Bij", "revenue")]
    + [("Bill", "cost"), ("Cheque", "cost"), ("Soll", "cost"), ("Af", "cost"), ("Purchase Invoice", "cost")],
)
def test_accounting_words_in_a_kind_column(value: str, kind: str):
    assert parse_kind(value) == kind


def test_payment_alone_is_not_guessed():
    with pytest.raises(ValueError, match="not a kind"):
        parse_kind("Payment")


QUANTITIES = [
    ["Order Date", "Reseller", "Qty", "Unit Price", "Unit Cost"],
    ["2024-01-15", "Acme", 4, 250.125, 100],
    ["2024-02-15", "Acme", 5, 50, 20.05],
    ["2024-01-20", "Beta", 2, 150, 100],
]


def test_revenue_and_cost_are_worked_out_from_quantity_and_unit_prices():
    """Acme 4 × 250.125 = 1,000.50 and 5 × 50 = 250; cost 4 × 100 = 400 and 5 × 20.05 = 100.25;
    Beta 2 × 150 = 300, cost 2 × 100 = 200."""
    ledger = read(QUANTITIES)
    assert sums(ledger) == EXPECTED
    assert ledger.source.derived == (
        "revenue = 'Qty' × 'Unit Price' on each row",
        "cost = 'Qty' × 'Unit Cost' on each row",
    )
    assert ("Sheet 'Export': revenue worked out as 'Qty' × 'Unit Price' on each row.") in ledger.notes


def test_a_mapped_quantity_and_unit_price_replace_the_revenue_column_found():
    """'Sales' holds list prices here; the user says revenue is Qty × Net Price instead."""
    rows = [
        ["Date", "Partner", "Sales", "Qty", "Net Price", "Cost"],
        ["2024-01-15", "Acme", 9999, 4, 312.625, 500.25],
        ["2024-01-20", "Beta", 9999, 2, 150, 200],
    ]
    ledger = read(rows, chosen={"quantity": "Qty", "unit price": "Net Price"})
    assert sums(ledger) == EXPECTED
    assert (
        "Sheet 'Export': C 'Sales' is not read as the revenue: it is worked out from 'Qty' × 'Net Price', as "
        "mapped."
    ) in ledger.notes


def test_a_bad_quantity_leaves_its_row_out_with_the_column_named():
    ledger = read([*QUANTITIES, ["2024-03-01", "Beta", "many", 10, 1]])
    assert sums(ledger) == EXPECTED
    issue = ledger.issues.set_index("row").loc[5]
    assert issue["column"] == "Qty"


def test_income_booked_negative_is_turned_and_said():
    ledger = read(
        [
            ["Date", "Partner", "Revenue", "Cost"],
            ["2024-01-15", "Acme", -1000.50, 400],
            ["2024-02-15", "Acme", -250, 100.25],
            ["2024-01-20", "Beta", -300, 200],
        ]
    )
    assert sums(ledger) == EXPECTED
    assert (
        "3 of the 3 non-zero revenue amounts are negative, so income is booked as negatives here: every "
        "revenue amount's sign was turned (a revenue of −100 is read as 100)."
    ) in ledger.notes


def test_one_negative_revenue_is_a_refund_and_said():
    """Acme 1,000.50 + 250 - 50 = 1,200.50."""
    ledger = read(
        [
            ["Date", "Partner", "Revenue", "Cost"],
            ["2024-01-15", "Acme", 1000.50, 400],
            ["2024-02-15", "Acme", 250, 100.25],
            ["2024-02-20", "Acme", -50, None],
            ["2024-01-20", "Beta", 300, 200],
        ]
    )
    assert sums(ledger)[("Acme", "revenue")] == 1200.5
    assert any(
        n.startswith("1 negative revenue amount (row 4) is read as a refund that reduces revenue.")
        for n in ledger.notes
    )


def test_income_of_both_signs_in_like_numbers_is_refused():
    rows = [["Date", "Partner", "Revenue", "Cost"]]
    rows += [["2024-01-15", "Acme", sign * 100, 10] for sign in (1, 1, 1, -1, -1, -1)]
    with pytest.raises(LedgerError, match="3 negative and 3 positive revenue amounts"):
        read(rows)


@pytest.fixture
def typed_ledger(tmp_path):
    path = tmp_path / "types.xlsx"
    path.write_bytes(workbook_bytes({"Export": [*TYPES, ["2024-03-01", "Acme", "Transfer", 5000]]}))
    return path


def test_the_command_reads_kind_values_it_is_told(typed_ledger, tmp_path):
    """Check as revenue and Transfer as neither: Acme revenue 1,000.50 + 250 + 100.25 = 1,350.75,
    cost 400; Beta revenue 300, cost 200; the --map of a derived field is taken too."""
    out = tmp_path / "out.xlsx"
    done = summarize(str(typed_ledger), "-o", str(out), "--kind-values", "Check=revenue, Transfer=none")
    assert done.returncode == EXIT_OK, done.stderr
    sheet = openpyxl.load_workbook(out)["Alliances"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert (rows["Acme"]["Revenue"], rows["Acme"]["Cost"]) == (1350.75, 400)
    assert (rows["Beta"]["Revenue"], rows["Beta"]["Cost"]) == (300, 200)


def test_the_command_refuses_a_malformed_kind_value(typed_ledger):
    done = summarize(str(typed_ledger), "--kind-values", "Check=maybe")
    assert done.returncode == EXIT_UNUSABLE
    assert done.stderr.startswith(
        "error: --kind-values Check=maybe: write VALUE=READING, READING one of revenue, cost, none"
    )


def test_a_type_column_without_kind_words_gives_way_to_the_amount_s_sign():
    """PayPal's Type says 'Subscription Payment' both ways: the sign of Gross tells them apart."""
    ledger = read(
        [
            ["Date", "Partner", "Type", "Amount"],
            ["2024-01-15", "Acme", "Subscription Payment", 1000.50],
            ["2024-01-16", "Acme", "Subscription Payment", -400],
            ["2024-02-15", "Acme", "Web Accept", 250],
            ["2024-02-16", "Acme", "Subscription Payment", -100.25],
            ["2024-01-20", "Beta", "Web Accept", 300],
            ["2024-01-21", "Beta", "Web Accept", -200],
        ]
    )
    assert sums(ledger) == EXPECTED
    assert ledger.source.layout == "signed"
    assert "kind" not in ledger.source.columns
    assert (
        "Sheet 'Export': column C 'Type' holds no revenue or cost word ('Subscription Payment', 'Web Accept'), "
        "so it is not read as the kind, and the sign of 'Amount' tells revenue from cost. If it is the kind, say "
        "how its values read (the command: --kind-values 'Subscription Payment=cost')."
    ) in ledger.notes


def test_a_kind_column_so_headed_is_never_set_aside():
    """A column headed 'Kind' is the kind whatever it holds: its rows are refused, not read by sign."""
    rows = [
        ["Date", "Partner", "Kind", "Amount"],
        ["2024-01-15", "Acme", "Transfer", 5],
        ["2024-01-16", "Acme", "Move", -4],
    ]
    ledger = read(rows)
    assert ledger.entries.empty
    assert ledger.source.layout == "long"
    assert list(ledger.issues["reason"]) == [
        "'Transfer' is not a kind: expected revenue or cost",
        "'Move' is not a kind: expected revenue or cost",
    ]
