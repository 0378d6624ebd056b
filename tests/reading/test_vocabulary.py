"""Headers as real exports write them, read as the ledger's fields (core/reading/vocabulary.py), and
figures never taken from a column the reader passed over (core/reading/completeness.py).

Each ledger below is small enough to work out by hand: Acme has revenue 1,000.50 + 250 = 1,250.50
and cost 400 + 100.25 = 500.25 (ROI 0.75 → 750.25 / 500.25); Beta revenue 300, cost 200.
"""

from __future__ import annotations

import pytest

from core.errors import NoLedgerSheet, UnreadField
from core.reading.completeness import REVENUE_ONLY_NOTE
from core.reading.kind_values import kind_values_markdown
from core.reading.ledger import read_ledger
from core.reading.parsing import normalise_header
from core.reading.vocabulary import LEDGER_HEADERS, vocabulary_markdown
from tests.helpers import workbook_bytes

BODY = [
    ["2024-01-15", "Acme", 1000.50, 400],
    ["2024-02-15", "Acme", 250, 100.25],
    ["2024-01-20", "Beta", 300, 200],
]


def read(header: list[str], rows: list[list[object]] = BODY, **options: object):
    return read_ledger(workbook_bytes({"Export": [header, *rows]}), "export.xlsx", **options)


def sums(ledger) -> dict[tuple[str, str], float]:
    totals = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {key: round(value, 2) for key, value in totals.items()}


EXPECTED = {
    ("Acme", "cost"): 500.25,
    ("Acme", "revenue"): 1250.5,
    ("Beta", "cost"): 200.0,
    ("Beta", "revenue"): 300.0,
}


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Net_Sales (USD) ", "net sales"),
        ("NET SALES", "net sales"),
        ("NetSales", "net sales"),
        ("Total Cost $", "total cost"),
        ("Revenue EUR", "revenue"),
        ("Erlöse", "erlose"),
        ("Umsatzerlöse", "umsatzerlose"),
        ("Coût", "cout"),
        ("Chiffre d'affaires", "chiffre d affaires"),
        ("PartnerID", "partner id"),
        ("Rate to USD", "rate to usd"),  # names the currency the rates convert to: kept
        ("Straße", "strasse"),
    ],
)
def test_headers_are_compared_normalised(written, normalised):
    assert normalise_header(written) == normalised


@pytest.mark.parametrize(
    ("date", "alliance", "revenue", "cost"),
    [
        ("Date", "Alliance", "Net Sales", "Cost"),  # issue 27: Net Sales was dropped, ROI -100 %
        ("Date", "Partner", "Revenue", "Total Cost"),  # issue 27: Total Cost was dropped, ROI n/a
        ("Order Date", "Reseller", "Sales Amount", "COGS"),
        ("Invoice Date", "Distributor", "Invoice Amount", "Cost of Sales"),
        ("Close Date", "Channel Partner", "Amount Won", "Commission"),
        ("Posting Date", "Vendor", "Turnover", "Partner Fees"),
        ("Transaction Date", "Retailer", "Gross Sales", "Rebate"),
        ("Period", "Sales Channel", "Bookings", "MDF"),
        ("Month", "Affiliate", "Billings", "Payout"),
        ("Fiscal Period", "Programme", "Deal Value", "Marketing Spend"),
        ("order_date", "reseller_name", "net_sales_usd", "total_cost_usd"),
        ("Datum", "Vertriebspartner", "Umsatz", "Kosten"),
        ("Datum", "Händler", "Erlöse", "Aufwand"),
        ("Date", "Partenaire", "Chiffre d'affaires", "Coût"),
        ("Fecha", "Socio", "Ingresos", "Costo"),
        ("Fecha", "Distribuidor", "Ventas", "Gastos"),
        ("Datum", "Leverancier", "Omzet", "Kosten"),
    ],
)
def test_real_export_headers_are_read_as_the_ledger_fields(date, alliance, revenue, cost):
    ledger = read([date, alliance, revenue, cost])
    assert ledger.source.columns == {"date": date, "alliance": alliance, "revenue": revenue, "cost": cost}
    assert sums(ledger) == EXPECTED


def test_an_account_column_is_the_alliance_only_without_a_partner_column():
    alone = read(["Date", "Account", "Revenue", "Cost"])
    assert alone.source.columns["alliance"] == "Account"
    beside = read(["Date", "Partner", "Revenue", "Cost", "Account"], [[*row, "4000"] for row in BODY])
    assert (beside.source.columns["alliance"], beside.source.columns["category"]) == ("Partner", "Account")


def test_two_loose_revenue_columns_are_never_chosen_between():
    with pytest.raises(UnreadField) as error:
        read(
            ["Date", "Partner", "Gross Sales", "Sales", "COGS"], [[*row[:3], row[2], row[3]] for row in BODY]
        )
    assert str(error.value) == (
        "Sheet 'Export', header row 1: two columns could be the revenue: C 'Gross Sales' and D 'Sales'; "
        "rename one or map the columns."
    )
    assert (error.value.field, error.value.candidates) == ("revenue", ("C 'Gross Sales'", "D 'Sales'"))
    # The user's choice settles it: Sales (here equal to Gross Sales, so the same figures).
    chosen = read(
        ["Date", "Partner", "Gross Sales", "Sales", "COGS"],
        [[*row[:3], row[2], row[3]] for row in BODY],
        chosen={"revenue": "Sales"},
    )
    assert chosen.source.columns["revenue"] == "Sales"
    assert sums(chosen) == EXPECTED


def test_a_field_named_revenue_beside_a_loose_word_is_used_with_a_note():
    ledger = read(["Date", "Partner", "Revenue", "Sales", "Cost"], [[*row[:3], 1, row[3]] for row in BODY])
    assert sums(ledger) == EXPECTED
    assert "D 'Sales' could also be the revenue; C 'Revenue' was used (the more specific header)." in (
        " ".join(ledger.notes)
    )


def test_zero_revenue_beside_an_unread_number_column_is_refused_naming_it():
    with pytest.raises(UnreadField) as error:
        read(["Date", "Partner", "Einnahmen netto", "Cost"])
    assert str(error.value) == (
        "Sheet 'Export': no revenue column was found, so every ROI would be -100 %; the sheet has number "
        "columns that were not read: C 'Einnahmen netto'; map the revenue to one."
    )
    assert sums(
        read(["Date", "Partner", "Einnahmen netto", "Cost"], chosen={"revenue": "Einnahmen netto"})
    ) == (EXPECTED)


def test_zero_cost_beside_an_unread_number_column_is_refused_naming_it():
    with pytest.raises(UnreadField) as error:
        read(["Date", "Partner", "Revenue", "Spesen"])
    assert error.value.field == "cost"
    assert error.value.candidates == ("D 'Spesen'",)
    assert "map the cost to one; if the ledger holds revenue only, say so." in str(error.value)


def test_a_revenue_only_ledger_is_read_only_when_the_user_says_so():
    rows = [row[:3] for row in BODY]
    with pytest.raises(UnreadField, match="no cost column was found, so no ROI could be computed"):
        read(["Date", "Partner", "Revenue"], rows)
    ledger = read(["Date", "Partner", "Revenue"], rows, revenue_only=True)
    assert sums(ledger) == {("Acme", "revenue"): 1250.5, ("Beta", "revenue"): 300.0}
    assert REVENUE_ONLY_NOTE in ledger.notes


def test_a_cost_only_ledger_without_other_numbers_is_read():
    """Spend sheets hold costs only: their revenue is truly 0, nothing was passed over."""
    ledger = read(["Date", "Partner", "Marketing Spend"], [[row[0], row[1], row[3]] for row in BODY])
    assert sums(ledger) == {("Acme", "cost"): 500.25, ("Beta", "cost"): 200.0}


def test_an_unread_text_column_is_no_candidate():
    with pytest.raises(UnreadField) as error:
        read(["Date", "Partner", "Revenue", "Region", "Spesen"], [[*row[:3], "EMEA", row[3]] for row in BODY])
    assert error.value.candidates == ("E 'Spesen'",)


def test_a_mapped_header_the_sheet_lacks_is_named():
    with pytest.raises(NoLedgerSheet, match="no column 'Net Revenue X' \\(for revenue\\)"):
        read(["Date", "Partner", "Revenue", "Cost"], chosen={"revenue": "Net Revenue X"})


def test_no_word_stands_for_two_fields():
    """One header, one field: a word listed under two fields would be read as the first silently."""
    seen: dict[str, str] = {}
    shared = {"account"}  # the alliance without a partner column, else the category (tested above)
    for field, words in LEDGER_HEADERS.items():
        for word in words:
            assert word == normalise_header(word), f"{word!r} is not written normalised"
            if word not in shared:
                assert seen.setdefault(word, field) == field, f"{word!r}: {seen[word]} and {field}"


def test_the_readme_table_is_written_from_the_vocabulary():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert vocabulary_markdown() in readme
    assert kind_values_markdown() in readme


def test_cost_is_revenue_minus_profit_when_the_sheet_has_no_cost_column():
    """Acme: revenue 1,000.50 + 250 = 1,250.50, profit 600.25 + 150 → cost 400.25 + 100 = 500.25;
    Beta: revenue 300, profit 100 → cost 200. The row without a profit keeps its revenue, no cost."""
    rows = [
        ["2024-01-15", "Acme", 1000.50, 600.25],
        ["2024-02-15", "Acme", 250, 150],
        ["2024-01-20", "Beta", 300, 100],
        ["2024-03-20", "Beta", 50, None],
    ]
    ledger = read(["Date", "Partner", "Sales", "Gross Profit"], rows)
    assert sums(ledger) == {
        ("Acme", "cost"): 500.25,
        ("Acme", "revenue"): 1250.5,
        ("Beta", "cost"): 200.0,
        ("Beta", "revenue"): 350.0,
    }
    assert (
        "Sheet 'Export': cost worked out as 'Sales' - 'Gross Profit' on each row (1 rows with a revenue and "
        "no profit have no cost): the sheet has no cost column."
    ) in ledger.notes


def test_two_profit_columns_are_refused_and_the_one_named_is_used():
    header = ["Date", "Partner", "Sales", "Profit (bin)", "Profit"]
    rows = [[*row[:3], 100, row[2] - row[3]] for row in BODY]
    with pytest.raises(UnreadField) as error:
        read(header, rows)
    assert error.value.field == "profit"
    assert sums(read(header, rows, chosen={"profit": "Profit"})) == EXPECTED
