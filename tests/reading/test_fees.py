"""A Fee column beside the money (PayPal's Gross and Fee): each row's fee is a second cost of the
row's alliance, its sign convention decided by the whole column (issue 27)."""

from __future__ import annotations

from core.reading.ledger import read_ledger
from tests.helpers import workbook_bytes


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): round(float(v), 2) for (a, k), v in table.items() if v}


def test_fees_stored_negative_beside_a_signed_amount_are_costs():
    """Acme: revenue 100, cost 40 (a payment out) + 3.20 (fee) = 43.20; Beta: revenue 50 + 20 = 70,
    cost 1.50 (fee); the empty fee and the zero one are no entry."""
    rows = [
        ["Date", "Partner", "Amount", "Fee"],
        ["2024-01-05", "Acme", 100, -3.20],
        ["2024-01-06", "Acme", -40, 0],
        ["2024-01-07", "Beta", 50, -1.50],
        ["2024-01-08", "Beta", 20, None],
    ]
    ledger = read_ledger(workbook_bytes({"Activity": rows}), "paypal.xlsx")
    assert sums(ledger) == {
        ("Acme", "revenue"): 100.0,
        ("Acme", "cost"): 43.2,
        ("Beta", "revenue"): 70.0,
        ("Beta", "cost"): 1.5,
    }
    fee_rows = ledger.entries[(ledger.entries["kind"] == "cost") & (ledger.entries["amount"] < 10)]
    assert sorted(fee_rows["row"].tolist()) == [2, 4]  # each fee keeps its row
    assert (
        "Sheet 'Activity': column D 'Fee' read as a cost beside each row's money: 2 fees of 4.70 in all "
        "(stored negative, so a fee of -1.00 is a cost of 1.00); 2 rows have no fee (0 or empty)."
    ) in ledger.notes
    assert (
        "cost also = each row's 'Fee' (a processor's fee, read as a cost of the row)" in ledger.source.derived
    )


def test_beside_revenue_and_no_cost_the_fee_is_the_cost_column():
    """Acme: revenue 100 + 50 = 150, cost 2 + 4 = 6 (row 4's fee has no revenue beside it and counts)."""
    rows = [
        ["Date", "Partner", "Revenue", "Fees"],
        ["2024-01-05", "Acme", 100, 2],
        ["2024-01-06", "Acme", 50, None],
        ["2024-01-07", "Acme", None, 4],
    ]
    ledger = read_ledger(workbook_bytes({"Sales": rows}), "fees.xlsx")
    assert sums(ledger) == {("Acme", "revenue"): 150.0, ("Acme", "cost"): 6.0}
    assert "Sheet 'Sales': D 'Fees' read as the cost: the sheet has no cost column." in ledger.notes
    assert ledger.source.columns["cost"] == "Fees"


def test_fees_stored_positive_and_a_refunded_one():
    """Fees 2 + 3 positive, one -1 of the other sign: a fee refunded. Acme cost 2 + 3 - 1 = 4."""
    rows = [
        ["Date", "Partner", "Amount", "Fees"],
        ["2024-01-05", "Acme", 100, 2],
        ["2024-01-06", "Acme", 100, 3],
        ["2024-01-07", "Acme", 50, -1],
    ]
    ledger = read_ledger(workbook_bytes({"Sales": rows}), "stripe.xlsx")
    assert sums(ledger) == {("Acme", "revenue"): 250.0, ("Acme", "cost"): 4.0}
    assert (
        "Sheet 'Sales': column D 'Fees' read as a cost beside each row's money: 3 fees of 4.00 in all "
        "(stored positive), 1 of the other sign read as fees refunded (a cost reduced)."
    ) in ledger.notes


def test_a_fee_that_is_not_a_number_is_listed_and_the_row_still_counts():
    """Row 3's fee 'n/a' is an issue; its revenue 50 counts. Acme: revenue 150, cost 2."""
    rows = [
        ["Date", "Partner", "Amount", "Fee"],
        ["2024-01-05", "Acme", 100, 2],
        ["2024-01-06", "Acme", 50, "n/a"],
    ]
    ledger = read_ledger(workbook_bytes({"Sales": rows}), "fees.xlsx")
    assert sums(ledger) == {("Acme", "revenue"): 150.0, ("Acme", "cost"): 2.0}
    issue = ledger.issues.iloc[0]
    assert (issue["row"], issue["column"], issue["value"]) == (3, "Fee", "n/a")
    assert issue["reason"].endswith("(the fee is not counted; the row's other figures are)")
