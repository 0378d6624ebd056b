"""Columns that could be one figure's, blank spacer rows, and the sign convention of costs."""

import datetime as dt
import math

import pytest

from core.errors import LedgerError, NoLedgerSheet
from core.reading.completeness import REVENUE_ONLY_NOTE
from core.reading.isolation import read_isolated
from core.reading.ledger import ColumnMapping, read_ledger
from core.reading.side_sheets import NO_RISKS_OR_HEALTH_NOTE
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes, workbook_bytes

AS_OF = Settings(as_of=dt.date(2025, 1, 1))


def sheet(header: list[object], rows: list[list[object]]) -> bytes:
    return workbook_bytes({"Ledger": [header, *rows]})


# --- two columns that could be the same figure ---------------------------------------------------


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            ["Date", "Alliance", "Kind", "Amount", "Amount"],
            "two columns could be the amount: D 'Amount' and E 'Amount'",
        ),
        (
            ["Date", "Alliance", "Kind", "Amount (USD)", "Amount (EUR)"],
            "two columns could be the amount: D 'Amount (USD)' and E 'Amount (EUR)'",
        ),
        (
            ["Date", "Partner", "Kind", "Amount", "Notes", "partner"],
            "two columns could be the alliance: B 'Partner' and F 'partner'",
        ),
        (
            ["Date", "Alliance", "Revenue", "Cost", "Revenue", "Cost"],
            "two columns could be the revenue: C 'Revenue' and E 'Revenue'; "
            "two columns could be the cost: D 'Cost' and F 'Cost'",
        ),
        (
            ["Date", "Date", "Date", "Alliance", "Kind", "Amount"],
            "three columns could be the date: A 'Date', B 'Date' and C 'Date'",
        ),
    ],
)
def test_a_second_column_for_a_figure_is_never_ignored(header, message):
    data = sheet(header, [["2024-01-01", "Acme", "Revenue", 1, 2, 3]])
    with pytest.raises(NoLedgerSheet) as refused:
        read_ledger(data, "x.xlsx")
    assert str(refused.value) == f"Sheet 'Ledger', header row 1: {message}; rename one or map the columns."


def test_the_app_gets_the_error_that_offers_the_column_mapping_step():
    # ui/loading.py catches NoLedgerSheet from the worker and shows the mapping step with previews.
    data = sheet(["Date", "Alliance", "Kind", "Amount", "Amount"], [["2024-01-01", "Acme", "Revenue", 1, 2]])
    with pytest.raises(NoLedgerSheet, match="two columns could be the amount"):
        read_isolated(data, "x.xlsx")


def test_the_mapping_names_the_second_amount_column_by_its_letter():
    data = sheet(
        ["Date", "Alliance", "Kind", "Amount", "Amount"],
        [["2024-01-01", "Acme", "Revenue", 1, 200], ["2024-01-02", "Acme", "Cost", 2, 100]],
    )
    base = (("alliance", "Alliance"), ("date", "Date"), ("kind", "Kind"))
    with pytest.raises(LedgerError) as refused:
        read_ledger(data, "x.xlsx", mapping=ColumnMapping("Ledger", 1, (*base, ("amount", "Amount"))))
    assert str(refused.value) == (
        "Row 1 of sheet 'Ledger' has 2 columns headed 'Amount' (D and E): rename one, or choose the column "
        "by its letter ('E: Amount')."
    )
    ledger = read_ledger(data, "x.xlsx", mapping=ColumnMapping("Ledger", 1, (*base, ("amount", "E: Amount"))))
    assert ledger.entries["amount"].tolist() == [200.0, 100.0]
    # A letter whose header is not the one named does not fit this file.
    with pytest.raises(LedgerError, match=r"has no column 'C: Amount' \(amount\)"):
        read_ledger(data, "x.xlsx", mapping=ColumnMapping("Ledger", 1, (*base, ("amount", "C: Amount"))))


def test_the_mapping_tells_amount_usd_from_amount_local_by_the_header_as_written():
    data = sheet(
        ["Date", "Alliance", "Kind", "Amount (local)", "Amount (USD)"],
        [["2024-01-01", "Acme", "Revenue", 90, 100]],
    )
    with pytest.raises(NoLedgerSheet, match="D 'Amount \\(local\\)' and E 'Amount \\(USD\\)'"):
        read_ledger(data, "x.xlsx")
    mapping = ColumnMapping(
        "Ledger",
        1,
        (("alliance", "Alliance"), ("amount", "Amount (USD)"), ("date", "Date"), ("kind", "Kind")),
    )
    read = read_ledger(data, "x.xlsx", mapping=mapping, revenue_only=True)
    assert read.entries["amount"].tolist() == [100.0]


def test_a_less_specific_header_beside_the_used_one_is_noted():
    header = ["Date", "Alliance", "Kind", "Amount", "Value", "Category", "Category"]
    ledger = read_ledger(
        sheet(header, [["2024-01-01", "Acme", "Revenue", 10, 99, "joint sales", "x"]]),
        "x.xlsx",
        revenue_only=True,
    )
    assert ledger.entries["amount"].tolist() == [10.0]
    assert ledger.entries["category"].tolist() == ["joint sales"]
    assert ledger.notes == [
        "Sheet 'Ledger': G 'Category' could also be the category; F 'Category' was used.",
        "Sheet 'Ledger': E 'Value' could also be the amount; D 'Amount' was used (the more specific header).",
        REVENUE_ONLY_NOTE,
        NO_RISKS_OR_HEALTH_NOTE,
    ]


# --- blank spacer rows -------------------------------------------------------------------------------


def test_blank_rows_are_counted_apart_and_only_real_issues_are_rows_left_out():
    rows = [
        ["2024-01-01", "Acme", "Revenue", 1200],  # row 2
        [],  # row 3
        [None, "  ", "", None],  # row 4: spaces only
        ["2024-01-02", "Acme", "Cost", 1000],  # row 5
        [],  # row 6
        [],  # row 7
        [],  # row 8
        [None, "Total", None, 2200],  # row 9
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    assert ledger.issues[["row", "reason"]].values.tolist() == [
        [9, "totals row: a sum of other rows, not an entry"]
    ]
    assert ledger.rows_left_out == 1
    assert ledger.blank_rows == ledger.source.blank_rows == 5
    assert build_report(ledger, AS_OF).rows_left_out == 1


def test_a_row_filled_only_outside_the_ledgers_columns_is_an_issue_not_a_blank():
    header = ["Date", "Alliance", "Kind", "Amount", "Owner"]
    rows = [
        ["2024-01-01", "Acme", "Revenue", 1200, "Kim"],  # row 2
        [],  # row 3
        [None, None, None, None, "Q2 starts here"],  # row 4
        [None, None, None, None, None, None, "stray"],  # row 5: column G has no header
    ]
    ledger = read_ledger(sheet(header, rows), "x.xlsx", revenue_only=True)
    reason = "the ledger's columns are empty and only this cell is filled: not an entry"
    assert ledger.issues[["row", "column", "value", "reason"]].values.tolist() == [
        [4, "Owner", "Q2 starts here", reason],
        [5, "G", "stray", reason],
    ]
    assert (ledger.rows_left_out, ledger.blank_rows) == (2, 1)


def test_blank_rows_of_side_sheets_are_not_issues():
    data = ledger_bytes(
        [["2024-01-01", "Acme", "Revenue", 10]],
        Alliances=[["Alliance", "Type"], [], ["Acme", "Value Multiplier"], []],
    )
    ledger = read_ledger(data, "x.xlsx", revenue_only=True)
    assert ledger.issues.empty
    assert ledger.alliances["type"].tolist() == ["Value Multiplier"]


# --- the sign of costs -------------------------------------------------------------------------------


def roi_of(ledger, alliance="Acme"):
    return build_report(ledger, AS_OF).alliances.loc[alliance]


def test_a_ledger_whose_only_cost_is_a_credit_keeps_it_a_credit():
    # Before: the one cost, −100, was turned into +100 and ROI read (1,000 − 100) / 100 = 900 %.
    rows = [["2024-01-01", "Acme", "Revenue", 1000], ["2024-01-02", "Acme", "Cost", -100]]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [1000.0, -100.0]
    assert ledger.notes == [
        "1 negative cost amount (row 3) is read as a credit that reduces cost. Costs are read as booked "
        "negative only when at least 3 cost amounts are negative and they outnumber the positive ones at "
        "least 3 to 1.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]
    acme = roi_of(ledger)
    assert acme["cost"] == -100.0 and math.isnan(acme["roi"]) and acme["band"] == "n/a"
    assert acme["roi_note"] == "cost is negative (credits exceed costs), so ROI is undefined"


def test_a_credit_note_among_positive_costs_reduces_cost():
    # Cost 500 − 100 = 400; ROI (1,000 − 400) / 400 = 150 %.
    rows = [
        ["2024-01-01", "Acme", "Revenue", 1000],
        ["2024-01-02", "Acme", "Cost", 500],
        ["2024-01-03", "Acme", "Cost", "(100)"],
    ]
    acme = roi_of(read_ledger(ledger_bytes(rows), "x.xlsx"))
    assert (acme["cost"], acme["roi"]) == (400.0, 1.5)


def test_two_negative_costs_alone_are_credits_not_a_convention():
    rows = [
        ["2024-01-01", "Acme", "Revenue", 150],
        ["2024-01-02", "Acme", "Cost", -100],
        ["2024-01-03", "Acme", "Cost", 0],  # zero says nothing about the sign
        ["2024-01-04", "Acme", "Cost", "(20)"],
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [150.0, -100.0, 0.0, -20.0]
    assert ledger.notes[0].startswith(
        "2 negative cost amounts (rows 3 and 5) are read as credits that reduce cost."
    )


def test_costs_booked_negative_with_a_refund_are_turned_and_the_refund_reduces_cost():
    # 3 negative costs and 1 positive: 3 ≥ 3 × 1, so costs are booked negative. Turned: 500 + 300
    # + 200 − 100 (the refund) = 900; ROI (1,800 − 900) / 900 = 100 %.
    rows = [
        ["2024-01-01", "Acme", "Revenue", 1800],
        ["2024-01-02", "Acme", "Cost", -500],
        ["2024-01-03", "Acme", "Cost", -300],
        ["2024-01-04", "Acme", "Cost", -200],
        ["2024-01-05", "Acme", "Cost", 100],
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    assert ledger.notes == [
        "3 of the 4 non-zero cost amounts are negative, so costs are booked as negatives here: every "
        "cost's sign was turned (a cost of −100 is read as 100). The positive ones (row 6) are read as "
        "refunds that reduce cost.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]
    acme = roi_of(ledger)
    assert (acme["cost"], acme["roi"]) == (900.0, 1.0)


def test_a_wide_cost_column_booked_negative_is_turned():
    data = workbook_bytes(
        {
            "Sheet1": [
                ["Month", "Alliance", "Revenue", "Cost"],
                ["2024-01", "Acme", 400, -100],
                ["2024-02", "Acme", 400, -100],
                ["2024-03", "Acme", 400, -200],
            ]
        }
    )
    acme = roi_of(read_ledger(data, "wide.xlsx"))
    # Cost 100 + 100 + 200 = 400, revenue 1,200: ROI (1,200 − 400) / 400 = 200 %.
    assert (acme["revenue"], acme["cost"], acme["roi"]) == (1200.0, 400.0, 2.0)


def test_about_as_many_negative_as_positive_costs_is_refused():
    # 3 negative and 2 positive: neither 3 ≥ 3 × 2 nor 2 ≥ 3 × 3.
    rows = [["2024-01-01", "Acme", "Revenue", 1000]] + [
        ["2024-01-02", "Acme", "Cost", amount] for amount in (-100, -100, -100, 100, 100)
    ]
    with pytest.raises(LedgerError) as refused:
        read_ledger(ledger_bytes(rows), "x.xlsx")
    assert str(refused.value) == (
        "Sheet 'Ledger' has 3 negative and 2 positive cost amounts, so it cannot be told whether costs are "
        "booked as negatives (the positive ones being refunds) or as positive amounts (the negative ones "
        "being credits): write costs as positive amounts and credits as negative ones, and upload again."
    )


def test_a_few_credits_among_many_costs_are_credits():
    # 3 negative, 9 positive: 9 ≥ 3 × 3, so costs are positive; cost 9 × 100 − 3 × 10 = 870.
    rows = [["2024-01-01", "Acme", "Revenue", 1000]]
    rows += [["2024-01-02", "Acme", "Cost", 100]] * 9 + [["2024-01-03", "Acme", "Cost", -10]] * 3
    acme = roi_of(read_ledger(ledger_bytes(rows), "x.xlsx"))
    assert acme["cost"] == 870.0
