"""A P&L with periods as columns: refused naming the revenue row, the candidate cost rows and the
actual and forecast periods, and read with --statement-rows and --periods as one undated period
(issue 27, the corpus's financial model)."""

from __future__ import annotations

import pytest

from core.errors import LedgerError, NoLedgerSheet
from core.flags import SettingFlagError, statement_rows
from core.reading.ledger import read_ledger
from core.reading.parsing import UNDATED
from core.reading.statement import period_columns
from core.reading.told import StatementChoice
from tests.helpers import summarize, workbook_bytes

MODEL = [
    ["Acme Ltd"],
    ["(all figures in '000)", None, "Y01A", "Y02A", "Y03F"],
    ["Assumptions"],
    [None, "Interest", 0.1, 0.1, 0.1],
    ["PROFIT & LOSS"],
    [None, "Revenue", 1000, 1100, 1300],
    [None, "Cost of sales", 600, 650.5, 700],
    [None, "GROSS PROFIT", 400, 449.5, 600],
    [None, "Marketing expenses", 100, 120, 130],
    [None, "Interest", 20, 20, 20],
    [None, "PROFIT BEFORE TAX", 280, 309.5, 450],
]
ACTUALS = ("Y01A", "Y02A")


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): round(float(v), 2) for (a, k), v in table.items()}


def test_period_headers_are_told():
    assert period_columns([1000, 1100, 1300, 2024.5]) == {}  # amounts, not years
    assert period_columns([2023, 2024.0]) == {0: "2023", 1: "2024"}
    assert period_columns(["Units", "Y01A", "FY2024", "2025E", "2024 Actual", "Total", 7]) == {
        1: "Y01A",
        2: "FY2024",
        3: "2025E",
        4: "2024 Actual",
    }


def test_a_statement_is_refused_naming_the_rows_and_periods_to_choose():
    with pytest.raises(NoLedgerSheet) as refusal:
        read_ledger(workbook_bytes({"Model": MODEL}), "model.xlsx")
    assert (
        "Sheet 'Model' is a statement with periods as columns (row 2: Y01A, Y02A, Y03F) and line items as "
        "rows: which rows are the cost and which periods count are choices no rule can make. Revenue row: "
        "6 'Revenue'; rows that could be costs: 7 'Cost of sales', 9 'Marketing expenses', 10 'Interest'; "
        "periods marked actual: Y01A, Y02A; forecast or plan: Y03F."
    ) in str(refusal.value)
    assert "--statement-rows 'revenue=LABEL;cost=LABEL,LABEL' with LABEL@ROW" in str(refusal.value)


def test_read_with_the_rows_and_periods_said():
    """Actual years only: revenue 1,000 + 1,100 = 2,100; cost (600 + 650.50) + (100 + 120) + (20 + 20)
    = 1,510.50, 4 rows x 2 years = 8 entries; the interest rate assumption (row 4) is not the Interest
    line (row 10)."""
    choice = StatementChoice(
        {"revenue": ("Revenue",), "cost": ("Cost of sales", "Marketing expenses", "Interest@10")}, ACTUALS
    )
    ledger = read_ledger(workbook_bytes({"Model": MODEL}), "model.xlsx", statement=choice, alliance="Acme")
    assert sums(ledger) == {("Acme", "revenue"): 2100.0, ("Acme", "cost"): 1510.5}
    assert ledger.source.period == UNDATED and ledger.source.layout == "statement"
    assert sorted(set(ledger.entries["row"])) == [6, 7, 9, 10]
    assert ledger.notes[0].startswith(
        "Sheet 'Model' read as a statement, as you said: revenue = Revenue; cost = Cost of sales + "
        "Marketing expenses + Interest@10, over the periods Y01A, Y02A (8 entries of 'Acme')"
    )


def test_a_label_on_several_rows_must_be_given_with_its_row():
    choice = StatementChoice({"revenue": ("Revenue",), "cost": ("Interest",)}, ACTUALS)
    with pytest.raises(
        LedgerError, match=r"'Interest' heads several rows; give one with its row: Interest@4, Interest@10"
    ):
        read_ledger(workbook_bytes({"Model": MODEL}), "model.xlsx", statement=choice)


def test_a_period_that_heads_no_column_is_refused():
    choice = StatementChoice({"revenue": ("Revenue",)}, ("Y01A", "Y09A"))
    with pytest.raises(LedgerError, match="the periods Y01A, Y09A must each head one column of row 2"):
        read_ledger(workbook_bytes({"Model": MODEL}), "model.xlsx", statement=choice)


def test_the_flags_parse_and_go_together():
    assert statement_rows("revenue=Revenue;cost=Cost of sales, Interest@10", "Y01A,Y02A") == (
        {"revenue": ("Revenue",), "cost": ("Cost of sales", "Interest@10")},
        ("Y01A", "Y02A"),
    )
    assert statement_rows("", "") is None
    with pytest.raises(SettingFlagError, match="go together"):
        statement_rows("revenue=Revenue", "")
    with pytest.raises(SettingFlagError, match="write 'revenue=LABEL"):
        statement_rows("profit=EBIT", "Y01A")
    with pytest.raises(
        SettingFlagError, match=r"no cost rows; add them \(cost=LABEL,...\), or say the statement"
    ):
        statement_rows("revenue=Revenue", "Y01A")
    assert statement_rows("revenue=Revenue", "Y01A", revenue_only=True) == (
        {"revenue": ("Revenue",)},
        ("Y01A",),
    )


def test_the_command_reads_it_with_the_flags(tmp_path):
    path = tmp_path / "model.xlsx"
    path.write_bytes(workbook_bytes({"Model": MODEL}))
    out = tmp_path / "out.xlsx"
    rows = "revenue=Revenue;cost=Cost of sales,Marketing expenses,Interest@10"
    done = summarize(
        str(path), "--statement-rows", rows, "--periods", "Y01A,Y02A", "--alliance", "Acme", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    refused = summarize(str(path), "--statement-rows", rows, "-o", str(out))
    assert refused.returncode == 2 and "go together" in refused.stderr
