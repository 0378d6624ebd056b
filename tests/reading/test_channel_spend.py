"""A marketing-mix table (one revenue total per row, the spend of each channel in its own column) is
refused with why: a channel's revenue needs an attribution model (issue 27, the corpus's Robyn file)."""

from __future__ import annotations

import pytest

from core.errors import NoLedgerSheet
from core.reading.channel_spend import spend_channel
from core.reading.ledger import read_ledger
from tests.helpers import workbook_bytes

WEEKS = [
    ["DATE", "revenue", "tv_S", "search_S", "facebook_I"],
    ["2024-01-01", 1000, 100, 50, 90000],
    ["2024-01-08", 1200, 0, 70, 80000],
]


@pytest.mark.parametrize(
    ("header", "channel"),
    [
        ("tv_S", "tv"),
        ("search_S", "search"),
        ("Facebook spend", "facebook"),
        ("Cost TV", "tv"),
        ("spend on radio", "radio"),
        ("Total Cost", None),
        ("Unit Cost", None),
        ("Total spend", None),
        ("facebook_I", None),
        ("revenue", None),
        ("Costs", None),
    ],
)
def test_spend_columns_are_told_by_their_headers(header, channel):
    assert spend_channel(header) == channel


def test_a_marketing_mix_table_is_refused_naming_revenue_spend_columns_and_the_way_out():
    data = workbook_bytes({"Weeks": WEEKS})
    for told in ({}, {"date": "DATE", "revenue": "revenue"}):
        with pytest.raises(NoLedgerSheet) as refusal:
            read_ledger(data, "mmm.xlsx", chosen=told or None)
        assert str(refusal.value).startswith(
            "Sheet 'Weeks' is a marketing-mix table, not a ledger of alliances: each row has one revenue "
            "total, B 'revenue', and the spend of each channel in a column of its own (C 'tv_S', D "
            "'search_S'). The revenue is not split by channel (search, tv), so no rule can give a channel's "
            "revenue or ROI: that needs an attribution model"
        )


def test_reading_one_spend_column_as_the_cost_would_drop_the_others_so_it_is_refused():
    data = workbook_bytes({"Weeks": WEEKS})
    with pytest.raises(NoLedgerSheet, match="marketing-mix table"):
        read_ledger(data, "mmm.xlsx", chosen={"cost": "tv_S"}, alliance="Business")


def test_with_a_total_spend_column_the_business_is_read_as_one_alliance():
    """Revenue 1,000 + 1,200 = 2,200; total spend (100 + 50) + (0 + 70) = 220."""
    rows = [[*WEEKS[0], "Total spend"], [*WEEKS[1], 150], [*WEEKS[2], 70]]
    ledger = read_ledger(
        workbook_bytes({"Weeks": rows}), "mmm.xlsx", chosen={"cost": "Total spend"}, alliance="Business"
    )
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    assert {(str(a), str(k)): float(v) for (a, k), v in table.items()} == {
        ("Business", "revenue"): 2200.0,
        ("Business", "cost"): 220.0,
    }


def test_a_ledger_with_a_partner_column_and_spend_columns_is_not_this_table():
    """Spend columns beside a Partner column and a Cost column: the partner's ledger, read as usual."""
    rows = [["Date", "Partner", "Revenue", "Cost", "tv_S", "search_S"], ["2024-01-01", "Acme", 100, 40, 5, 6]]
    ledger = read_ledger(workbook_bytes({"Ledger": rows}), "l.xlsx")
    table = ledger.entries.groupby("kind", observed=True)["amount"].sum()
    assert {str(k): float(v) for k, v in table.items()} == {"revenue": 100.0, "cost": 40.0}
