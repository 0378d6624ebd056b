"""A sheet without a partner column, such as a bank statement, is read as one alliance, named by the
user, else by the account its banner names, else by the file; said in a note (issue 27.9)."""

from __future__ import annotations

import openpyxl
import pytest

from core.errors import NoLedgerSheet
from core.reading.ledger import read_ledger
from tests.helpers import summarize, workbook_bytes

BANNER = [
    ["Bank code : 1001", "Agency Code : 10"],
    ["Account Number : 0808", "Account Name : Savings"],
    [],
]
HEADER = ["Date", "Label", "Debit", "Credit"]
MOVES = [
    ["2024-01-02", "Rent", "-50,00", None],
    ["2024-01-03", "Fees", "-20,50", None],
    ["2024-01-04", "Client pays", None, "1300,00"],
]


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): round(float(v), 2) for (a, k), v in table.items()}


def test_a_statement_is_one_alliance_named_by_its_banner():
    """Revenue 1,300; cost 50 + 20.50 = 70.50 (debits written with a minus, counted as money out)."""
    data = workbook_bytes({"Statement": [*BANNER, HEADER, *MOVES]})
    ledger = read_ledger(data, "statement.xlsx")
    assert sums(ledger) == {("Savings", "revenue"): 1300.0, ("Savings", "cost"): 70.5}
    assert ledger.notes[0] == (
        "Sheet 'Statement' has no partner column, so the whole sheet is read as one alliance, 'Savings' (from "
        "the banner above the header ('Account Name : Savings')). If a column names the partner, map it (the "
        "command: --map alliance=HEADER); to name the alliance otherwise, say so (the command: --alliance NAME)."
    )
    assert ledger.source.columns["alliance"] == "(no column: the whole sheet is one alliance, 'Savings')"
    assert "alliance = one for the whole sheet, which has no partner column" in ledger.source.derived
    assert ledger.issues.empty


def test_the_user_names_the_alliance_and_without_a_banner_the_file_does():
    """Date, Montant: 50 in, 20 out. Named 'Current account' by the user, else 'releve' by the file."""
    rows = [["Date", "Montant"], ["2024-01-02", "50.00"], ["2024-01-03", "-20.00"]]
    data = workbook_bytes({"Lines": rows})
    assert sums(read_ledger(data, "releve.xlsx")) == {("releve", "revenue"): 50.0, ("releve", "cost"): 20.0}
    named = read_ledger(data, "releve.xlsx", alliance="Current account")
    assert set(named.entries["alliance"].astype(str)) == {"Current account"}
    assert "'Current account' (as you named it)" in named.notes[0]


def test_a_blank_row_stays_blank_and_a_balance_line_is_listed():
    """Row 3 is empty (skipped, not an issue); row 5's 'Balance' is no date: listed. Revenue 50, cost 5."""
    rows = [["Date", "Amount"], ["2024-01-02", 50], [None, None], ["2024-01-03", -5], ["Balance", 999]]
    ledger = read_ledger(workbook_bytes({"Lines": rows}), "cash.xlsx")
    assert sums(ledger) == {("cash", "revenue"): 50.0, ("cash", "cost"): 5.0}
    assert ledger.blank_rows == 1
    assert ledger.issues[["row", "column", "value"]].values.tolist() == [[5, "Date", "Balance"]]


def test_a_column_that_could_name_the_partner_is_named_instead():
    """'Customer' repeats (Acme twice): it could be the alliance, which no rule can tell."""
    rows = [["Date", "Customer", "Amount"], ["2024-01-02", "Acme", 50], ["2024-01-03", "Acme", -20]]
    rows.append(["2024-01-04", "Beta", 10])
    data = workbook_bytes({"Lines": rows})
    with pytest.raises(NoLedgerSheet, match=r"B 'Customer' could be it: map it .*--alliance NAME"):
        read_ledger(data, "sales.xlsx")
    ledger = read_ledger(data, "sales.xlsx", alliance="All customers")
    assert sums(ledger) == {("All customers", "revenue"): 60.0, ("All customers", "cost"): 20.0}
    assert ledger.notes[0].endswith("Columns that could name a partner: B 'Customer'.")


def test_a_name_given_for_a_ledger_with_a_partner_column_is_not_used_and_said():
    rows = [["Date", "Partner", "Amount"], ["2024-01-02", "Acme", 50], ["2024-01-03", "Acme", -5]]
    ledger = read_ledger(workbook_bytes({"Ledger": rows}), "l.xlsx", alliance="Everything")
    assert set(ledger.entries["alliance"].astype(str)) == {"Acme"}
    assert "The alliance name 'Everything' was not used: column B 'Partner' names each row's alliance." in (
        ledger.notes
    )


def test_the_command_names_the_alliance(tmp_path):
    path = tmp_path / "statement.xlsx"
    path.write_bytes(workbook_bytes({"Statement": [*BANNER, HEADER, *MOVES]}))
    out = tmp_path / "summary.xlsx"
    done = summarize(str(path), "-o", str(out), "--alliance", "Main account")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)["Alliances"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r["Alliance"], r["Revenue"], r["Cost"]) for r in rows] == [("Main account", 1300, 70.5)]
