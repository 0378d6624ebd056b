"""A ledger without any date column: refused with the missing date named and the way out, and read
as one period when the user says it is undated (issue 27, the CRM export of the corpus)."""

from __future__ import annotations

import pytest

from core.errors import NoLedgerSheet
from core.reading.ledger import read_ledger
from core.reading.parsing import DAY, UNDATED
from tests.helpers import workbook_bytes

DEALS = [
    ["Partner", "Revenue", "Cost"],
    ["Acme", 1000, 400],
    ["Beta", 250.50, 300],
    [None, None, None],
    ["Acme", 500, 100.25],
]


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): round(float(v), 2) for (a, k), v in table.items()}


def test_a_ledger_without_dates_is_refused_naming_the_date_and_the_undated_flag():
    data = workbook_bytes({"Deals": DEALS})
    with pytest.raises(NoLedgerSheet) as refusal:
        read_ledger(data, "deals.xlsx")
    text = str(refusal.value)
    assert "missing date." in text
    assert (
        "Sheet 'Deals' has the alliance and the money but no date column: if a column holds the dates, map "
        "it (the command: --map date=HEADER); if the ledger has no dates, say so to read it as one period, "
        "without quarters, before/after, NPV, IRR or annualised ROI (the command: --undated)."
    ) in text


def test_said_undated_it_is_read_as_one_period_with_every_figure_of_the_cells():
    """Acme revenue 1,000 + 500 = 1,500, cost 400 + 100.25 = 500.25; Beta 250.50 and 300; the blank
    row is skipped as blank rows are (not an issue)."""
    ledger = read_ledger(workbook_bytes({"Deals": DEALS}), "deals.xlsx", undated=True)
    assert sums(ledger) == {
        ("Acme", "revenue"): 1500.0,
        ("Acme", "cost"): 500.25,
        ("Beta", "revenue"): 250.5,
        ("Beta", "cost"): 300.0,
    }
    assert ledger.source.period == UNDATED and ledger.source.undated
    assert ledger.issues.empty and ledger.blank_rows == 1
    assert ledger.entries["date"].nunique() == 1
    assert ledger.notes[0] == (
        "Sheet 'Deals' has no date column, so, as you said (--undated), its entries are read as one period: "
        "revenue, cost and ROI per alliance are computed; quarters, before/after, payback, NPV, IRR, "
        "annualised ROI and opportunity cost need dates and are not."
    )
    assert ledger.source.columns["date"] == "(no column: the ledger has no dates and is read as one period)"


def test_said_undated_a_ledger_with_dates_keeps_them():
    """The flag says what to do when there are no dates; it never throws dates away."""
    rows = [["Date", "Partner", "Revenue"], ["2024-03-01", "Acme", 100], ["2024-05-01", "Acme", 50]]
    ledger = read_ledger(workbook_bytes({"Ledger": rows}), "dated.xlsx", undated=True, revenue_only=True)
    assert ledger.source.period == DAY and not ledger.source.undated
    assert sorted(ledger.entries["date"].dt.strftime("%Y-%m-%d")) == ["2024-03-01", "2024-05-01"]


def test_said_undated_a_sheet_without_the_money_is_still_refused():
    rows = [["Partner", "Notes"], ["Acme", "call back"]]
    with pytest.raises(NoLedgerSheet, match="No sheet looks like a ledger"):
        read_ledger(workbook_bytes({"Deals": rows}), "deals.xlsx", undated=True)


def test_said_undated_the_mapped_columns_are_read():
    """Name is the partner and Price the deal's amount only because the user says so (--map);
    Herman 65,000 + 5,000 = 70,000 of won deals, the lost one listed (stage column)."""
    rows = [
        ["Account", "Name", "Price", "Status"],
        [1, "Herman", 65000, "won"],
        [2, "Herman", 5000, "won"],
        [3, "Keeling", 9000, "declined"],
    ]
    ledger = read_ledger(
        workbook_bytes({"Sheet1": rows}),
        "crm.xlsx",
        chosen={"alliance": "Name", "revenue": "Price"},
        revenue_only=True,
        undated=True,
    )
    assert sums(ledger) == {("Herman", "revenue"): 70000.0}
    assert ledger.issues["row"].tolist() == [4]
