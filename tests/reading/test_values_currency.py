"""Currency signs in amounts, the decimal separator chosen per column, and FX sheets without rates."""

import datetime as dt

import pytest

from core.errors import LedgerError
from core.reading.ledger import read_ledger
from core.reading.money import read_money
from core.reading.side_sheets import NO_RISKS_OR_HEALTH_NOTE
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes, workbook_bytes

MIXED = (
    "Add an FX sheet (Currency, Month, Rate to your reporting currency) so each entry is converted at its "
    "own month's rate, or convert the amounts to one currency, and upload again."
)


def rows_of(amounts: list[object]) -> list[list[object]]:
    """One Acme entry per amount, on 2024-01-01, 02, …: revenue on odd rows of the sheet, cost on even."""
    return [
        [f"2024-01-{n + 1:02d}", "Acme", "Revenue" if n % 2 == 0 else "Cost", amount]
        for n, amount in enumerate(amounts)
    ]


@pytest.mark.parametrize(
    ("text", "value", "symbol"),
    [
        ("$1,000", 1000.0, "$"),
        ("€1.000,00", 1000.0, "€"),
        ("£500", 500.0, "£"),
        ("¥12,000", 12000.0, "¥"),
        ("₹1,250.50", 1250.5, "₹"),
        ("US$ 20", 20.0, "US$"),
        ("C$20", 20.0, "C$"),
        ("-A$20", -20.0, "A$"),
        ("CHF 1'250.00", 1250.0, "CHF"),
        ("1 250,00 EUR", 1250.0, "EUR"),
        ("$100 CAD", 100.0, "CAD"),  # a lone '$' gives way to the code beside it
        ("(€2.000,00)", -2000.0, "€"),
        ("1,250", 1250.0, ""),
    ],
)
def test_the_sign_or_code_of_each_amount_is_kept(text, value, symbol):
    money = read_money(text)
    assert (money.value, money.symbol) == (value, symbol)


def test_an_amount_naming_two_currencies_is_refused():
    with pytest.raises(ValueError, match=r"^'€100 USD' names two currencies: EUR and USD$"):
        read_money("€100 USD")


def test_amounts_in_three_currencies_without_a_currency_column_or_fx_sheet_are_refused():
    # Before, $1,000 + €1.000,00 + £500 were added up as one currency.
    data = ledger_bytes(rows_of(["$1,000", "€1.000,00", "£500"]))
    with pytest.raises(LedgerError) as refused:
        read_ledger(data, "x.xlsx")
    assert str(refused.value) == (
        "Sheet 'Ledger' mixes currencies in the currency signs and codes of its amounts: "
        "EUR (1 rows), GBP (1 rows), USD (1 rows). " + MIXED
    )


def test_one_currency_by_its_sign_is_the_ledgers_currency():
    ledger = read_ledger(ledger_bytes(rows_of(["€1.200,00", "€1.000,00"])), "x.xlsx")
    assert ledger.entries["currency"].tolist() == ["EUR", "EUR"]
    assert ledger.entries["amount"].tolist() == [1200.0, 1000.0]
    assert ledger.source.currency == "EUR"
    assert ledger.notes == [NO_RISKS_OR_HEALTH_NOTE]


def test_a_decimal_comma_column_reads_euro_1_234_as_one_thousand_two_hundred_thirty_four():
    # '€1.234,56' settles the column's decimal comma, so '€1.234' is 1,234, not 1.234.
    ledger = read_ledger(ledger_bytes(rows_of(["€1.234,56", "€1.234"])), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [1234.56, 1234.0]
    assert ledger.notes == [
        "Column D 'Amount' writes a decimal comma (1 amount such as '€1.234,56'), so '€1.234' was read as 1234.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_a_decimal_point_column_reads_euro_1_234_as_one_point_two_three_four():
    ledger = read_ledger(ledger_bytes(rows_of(["€1,234.56", "€1.234"])), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [1234.56, 1.234]
    assert ledger.notes == [
        "Column D 'Amount' writes a decimal point (1 amount such as '€1,234.56'), so '€1.234' was read as 1.234.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_values_that_contradict_the_columns_decimal_separator_are_issues():
    # Two amounts write a decimal comma, one a decimal point: the comma wins, the point is refused.
    ledger = read_ledger(ledger_bytes(rows_of(["1.234,56", "2.000,00", "1,234.56"])), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [1234.56, 2000.0]
    assert ledger.issues[["row", "value", "reason"]].values.tolist() == [
        [4, "1,234.56", "'1,234.56' writes a decimal point, but this column's amounts write a decimal comma"]
    ]
    assert ledger.notes == [
        "Column D 'Amount': 1 amount written with a decimal point (such as '1,234.56') contradicts the "
        "column's decimal comma and is listed as a data issue.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_a_column_writing_decimals_both_ways_equally_refuses_what_could_be_either():
    ledger = read_ledger(ledger_bytes(rows_of(["1,234.56", "1.234,56", "5.000"])), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [1234.56, 1234.56]
    assert ledger.issues[["row", "value", "reason"]].values.tolist() == [
        [4, "5.000", "'5.000' could be 5 or 5000: this column writes decimals both ways"]
    ]
    assert ledger.notes == [
        "Column D 'Amount' writes 1 amount with a decimal point (such as '1,234.56') and 1 amount with a "
        "decimal comma (such as '1.234,56'), so amounts that could be read either way are listed as data issues.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_with_nothing_to_settle_it_a_comma_groups_thousands_and_the_note_says_so():
    ledger = read_ledger(ledger_bytes(rows_of(["1,000", "2,500", "2,500"])), "x.xlsx")
    assert ledger.entries["amount"].tolist() == [1000.0, 2500.0, 2500.0]
    assert ledger.notes == [
        "Column D 'Amount': no amount settles the decimal separator, so a point is read as the decimal "
        "separator and a comma as a thousands separator: '1,000' was read as 1000 (and 2 amounts more "
        "written like it).",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


def test_a_sign_must_agree_with_the_rows_currency_cell():
    header = ["Date", "Alliance", "Kind", "Amount", "Currency"]
    rows = [
        ["2024-01-01", "Acme", "Revenue", "€100", "USD"],  # row 2: contradicts its cell
        ["2024-01-02", "Acme", "Revenue", "$300", "CAD"],  # row 3: a lone '$' is the cell's dollar
        ["2024-01-03", "Acme", "Cost", "C$200", ""],  # row 4: no cell, so the sign says CAD
    ]
    ledger = read_ledger(workbook_bytes({"Ledger": [header, *rows]}), "x.xlsx")
    assert ledger.issues[["row", "column", "value", "reason"]].values.tolist() == [
        [2, "Amount", "€100", "'€100' is in EUR, but column 'Currency' says USD"]
    ]
    assert ledger.entries[["row", "amount", "currency"]].values.tolist() == [
        [3, 300.0, "CAD"],
        [4, 200.0, "CAD"],
    ]
    assert ledger.source.currency == "CAD"
    assert ledger.notes == [NO_RISKS_OR_HEALTH_NOTE]


def test_a_lone_dollar_is_read_as_usd_and_said_so():
    ledger = read_ledger(ledger_bytes(rows_of(["$1,200.00", 1000])), "x.xlsx")
    assert ledger.entries["currency"].tolist() == ["USD", ""]
    assert ledger.source.currency == "USD"
    assert ledger.notes == [
        "1 amount written with '$' alone was read as US dollars (USD): if that is not their currency, add a "
        "Currency column that says which.",
        "1 entry names no currency: read as USD, the currency of the other entries.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]


FX_WITHOUT_RATES = [["Currency", "Month", "Rate to EUR"], ["USD", "2024-01", "n/a"]]


def test_fx_sheet_without_a_usable_rate_and_no_currency_column_is_not_used():
    # Before: KeyError 'currency' while naming the mixed-currency column that does not exist.
    ledger = read_ledger(ledger_bytes(rows_of([1200, 1000]), FX=FX_WITHOUT_RATES), "x.xlsx")
    assert ledger.issues[["sheet", "row", "column", "value", "reason"]].values.tolist() == [
        ["FX", 2, "Rate to EUR", "n/a", "'n/a' is not a number; rate not used"]
    ]
    assert ledger.fx.empty and ledger.fx_base is None and ledger.source.currency is None
    assert ledger.notes == [
        "Sheet 'FX' has no usable exchange rate, so it is not used.",
        NO_RISKS_OR_HEALTH_NOTE,
    ]
    report = build_report(ledger, Settings(as_of=dt.date(2025, 1, 1)))
    # Acme: (1,200 − 1,000) / 1,000 = 20 %.
    assert report.alliances.loc["Acme", "roi"] == 0.2


def test_fx_sheet_with_only_its_header_and_two_currencies_refuses_naming_them():
    data = ledger_bytes(rows_of(["$100", "€50"]), FX=FX_WITHOUT_RATES[:1])
    with pytest.raises(LedgerError) as refused:
        read_ledger(data, "x.xlsx")
    assert str(refused.value) == (
        "Sheet 'Ledger' mixes currencies in the currency signs and codes of its amounts: "
        "EUR (1 rows), USD (1 rows). " + MIXED
    )


def test_signs_of_two_currencies_with_rates_are_converted():
    # $100 of revenue in January at 0.9 EUR per USD is €90; the cost is €50: ROI (90 − 50) / 50 = 80 %.
    fx = [["Currency", "Month", "Rate to EUR"], ["USD", "2024-01", 0.9]]
    ledger = read_ledger(ledger_bytes(rows_of(["$100", "€50"]), FX=fx), "x.xlsx")
    assert ledger.source.currency == "EUR"
    report = build_report(ledger, Settings(as_of=dt.date(2025, 1, 1)))
    assert report.alliances.loc["Acme", ["revenue", "cost", "roi"]].tolist() == [90.0, 50.0, 0.8]


def _header_ledger(*headers: str) -> bytes:
    from tests.helpers import workbook_bytes

    rows = [["Date", "Alliance", *headers], ["2024-01-10", "Acme", 120, 100], ["2024-02-10", "Acme", 30, 10]]
    return workbook_bytes({"Ledger": rows})


def test_the_amount_headers_name_the_currency_when_nothing_else_does():
    from core.reading.ledger import read_ledger

    ledger = read_ledger(_header_ledger("Revenue (USD)", "Cost (USD)"), "x.xlsx")
    assert ledger.source.currency == "USD"
    assert "Amounts read as USD, as the header 'Revenue (USD)', 'Cost (USD)' says." in ledger.notes
    # revenue 120 + 30 = 150, cost 100 + 10 = 110, whatever the header says
    assert ledger.entries.groupby("kind")["amount"].sum().to_dict() == {"cost": 110.0, "revenue": 150.0}


def test_headers_that_disagree_or_name_no_currency_leave_it_unknown():
    from core.reading.ledger import read_ledger

    assert read_ledger(_header_ledger("Revenue (USD)", "Cost (EUR)"), "x.xlsx").source.currency is None
    assert read_ledger(_header_ledger("Revenue (NET)", "Cost (NET)"), "x.xlsx").source.currency is None
    assert read_ledger(_header_ledger("Revenue", "Cost"), "x.xlsx").source.currency is None
