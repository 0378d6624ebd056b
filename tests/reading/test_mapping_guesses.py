"""The mapping step's guesses from the headers and the contents, and its preview of what a mapping
reads (issue 27.8). Every expected column and total is worked out by hand from the rows written here."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.frames import MAPPING_PREVIEW
from core.reading.guesses import column_choices, guess_columns
from core.reading.ledger import ColumnMapping, read_ledger
from core.reading.mapped_preview import CurrencyTotals, mapping_preview
from core.reading.mapping import guess_mapping
from tests.helpers import workbook_bytes

# Headers no vocabulary word or hint knows: only the contents can tell.
BLIND = ["F1", "F2", "F3", "F4", "F5", "F6", "F7"]
BLIND_ROWS = [
    # date        reference  partner  sales      spend  pieces currency
    ["05/01/2024", "INV-1", "Acme", "1200.50", "300", "3", "EUR"],
    ["06/01/2024", "INV-2", "Beta", "900", "200", "2", "EUR"],
    ["07/01/2024", "INV-3", "Acme", "100", "50", "1", "EUR"],
    ["08/01/2024", "INV-4", "Beta", "300", "75", "1", "EUR"],
]


def test_the_contents_say_the_date_the_partner_and_the_money():
    """F1 reads as dates; F3 is text of 2 distinct values in 4 rows (F2's 4 references are all
    distinct, F7 is currency codes); F4 sums 2,500.50 and F5 625 (at least a tenth of F4's: large),
    F6 only 7 (a quantity, not money). Largest is revenue, the next cost."""
    assert guess_mapping(BLIND) == {}
    assert guess_columns(BLIND, BLIND_ROWS) == {"date": "F1", "alliance": "F3", "revenue": "F4", "cost": "F5"}


def test_a_column_of_kind_words_takes_the_largest_number_column_as_its_amount():
    rows = [
        ["2024-01-05", "Acme", "Invoice", "12", "1200"],
        ["2024-01-06", "Acme", "Bill", "4", "1000"],
        ["2024-01-07", "Beta", "Invoice", "1", "500"],
    ]
    # C holds QuickBooks' Invoice and Bill: the kind (not the partner, though it has few values);
    # E sums 2,700, D 17: E is the amount.
    assert guess_columns(["A", "B", "C", "D", "E"], rows) == {
        "date": "A",
        "kind": "C",
        "alliance": "B",
        "amount": "E",
    }


def test_one_number_column_of_both_signs_is_one_signed_amount():
    rows = [["2024-01-05", "Acme", "1200"], ["2024-01-06", "Acme", "-1000"]]
    assert guess_columns(["A", "B", "C"], rows) == {"date": "A", "alliance": "B", "amount": "C"}


def test_amounts_that_could_be_text_serials_are_not_the_date():
    """45366 and 45400 are in the range of Excel serial dates, but a number is money here; the
    column of written dates is the date, and the numbers (sum 90,766) the revenue."""
    rows = [["45366", "2024-03-15", "Acme"], ["45400", "2024-04-18", "Beta"]]
    assert guess_columns(["A", "B", "C"], rows) == {"revenue": "A", "date": "B", "alliance": "C"}


def test_yyyymmdd_numbers_are_dates_and_a_year_column_is_not_money():
    rows = [["20240315", "2024", "Acme", "500"], ["20240418", "2024", "Beta", "700"]]
    assert guess_columns(["A", "Year", "C", "D"], rows) == {"date": "A", "alliance": "C", "revenue": "D"}


def test_headers_come_before_contents_and_a_revenue_column_gets_its_cost():
    """'Datum' and 'Partner' are the vocabulary's and 'Umsatz' is revenue; F (sum 150) is left for
    the cost, G (sum 3) being under a tenth of it. B reads as dates too, but the date is found."""
    cells = ["Datum", "B", "Partner", "Umsatz", "F", "G"]
    rows = [
        ["2024-01-05", "2024-02-01", "Acme", "100", "100", "2"],
        ["2024-01-06", "2024-02-01", "Acme", "50", "50", "1"],
    ]
    assert guess_columns(cells, rows) == {
        "date": "Datum",
        "alliance": "Partner",
        "revenue": "Umsatz",
        "cost": "F",
    }


def test_no_column_is_offered_for_two_fields():
    """The refusal proposes 'Einnahmen total' for the revenue; the hint 'total' would also offer it
    for the amount (as the header words alone do): it is offered once, for the revenue."""
    cells = ["Date", "Partner", "Einnahmen total", "Cost"]
    rows = [["2024-01-05", "Acme", "1000", "500"]]
    assert guess_mapping(cells)["amount"] == "Einnahmen total"  # the header words alone
    guessed = guess_columns(cells, rows, {"revenue": "Einnahmen total"})
    assert guessed == {"revenue": "Einnahmen total", "date": "Date", "alliance": "Partner", "cost": "Cost"}
    assert len(set(guessed.values())) == len(guessed)


def test_two_columns_of_one_header_are_offered_by_their_letters():
    cells = ["Date", "Partner", "Amount", "Amount"]
    assert column_choices(cells) == {0: "Date", 1: "Partner", 2: "C: Amount", 3: "D: Amount"}
    rows = [["2024-01-05", "Acme", "10", "12"]]
    assert guess_columns(cells, rows) == {"date": "Date", "alliance": "Partner", "amount": "C: Amount"}


def test_a_column_of_distinct_notes_or_of_currency_codes_is_not_the_partner():
    rows = [
        ["2024-01-05", "first deal", "EUR", "100"],
        ["2024-01-06", "second deal", "USD", "200"],
        ["2024-01-07", "renewal", "EUR", "300"],
        ["2024-01-08", "upsell", "USD", "400"],
    ]
    assert "alliance" not in guess_columns(["A", "B", "C", "D"], rows)


def _blind_ledger() -> bytes:
    rows = [
        *BLIND_ROWS,
        ["soon", "INV-5", "Acme", "10", "5", "1", "EUR"],  # row 6: not a date, left out
    ]
    return workbook_bytes({"Export": [BLIND, *rows]})


BLIND_MAPPING = ColumnMapping(
    "Export", 1, (("alliance", "F3"), ("cost", "F5"), ("date", "F1"), ("revenue", "F4"))
)


def test_the_preview_shows_the_first_rows_as_read_and_the_totals():
    """Revenue 1,200.50 + 900 + 100 + 300 = 2,500.50; cost 300 + 200 + 50 + 75 = 625; 5 rows read,
    row 6 left out (its date). Each row of the revenue and cost columns is one line of the preview,
    with both of its figures, though the ledger holds a revenue and a cost entry for it."""
    preview = mapping_preview(read_ledger(_blind_ledger(), "blind.xlsx", mapping=BLIND_MAPPING), rows=3)
    assert preview.totals == (CurrencyTotals("", 2500.5, 625.0),)
    assert (preview.rows_read, preview.rows_left_out, preview.entries) == (5, 1, 8)
    assert "row 6: 'soon'" in preview.reasons
    first = preview.rows
    assert MAPPING_PREVIEW.problems(first) == []
    assert first["row"].tolist() == [2, 3, 4]
    assert first["date"].tolist() == [pd.Timestamp(dt.date(2024, 1, day)) for day in (5, 6, 7)]
    assert first["alliance"].tolist() == ["Acme", "Beta", "Acme"]
    assert first["revenue"].tolist() == [1200.5, 900.0, 100.0]
    assert first["cost"].tolist() == [300.0, 200.0, 50.0]


def test_a_row_of_revenue_only_has_no_cost_in_the_preview():
    header = ["Date", "Partner", "Kind", "Amount"]
    rows = [["2024-01-05", "Acme", "Revenue", 40], ["2024-01-06", "Acme", "Cost", 15]]
    preview = mapping_preview(read_ledger(workbook_bytes({"Ledger": [header, *rows]}), "long.xlsx"))
    assert preview.rows["revenue"].fillna(-1).tolist() == [40.0, -1]
    assert preview.rows["cost"].fillna(-1).tolist() == [-1, 15.0]


def test_the_totals_add_cents_exactly_and_per_currency():
    """Ten revenues of 0.10 EUR are 1.00 EUR (a running sum of the floats gives 0.9999999999999999);
    5.25 USD revenue and 1.00 USD cost apart (an FX sheet converts them later, not here)."""
    header = ["Date", "Partner", "Kind", "Amount", "Currency"]
    rows = [["2024-01-05", "Acme", "Revenue", 0.1, "EUR"] for _ in range(10)]
    rows += [["2024-01-06", "Beta", "Revenue", 5.25, "USD"], ["2024-01-06", "Beta", "Cost", 1, "USD"]]
    fx = [["Currency", "Month", "Rate to EUR"], ["USD", "2024-01", 0.9]]
    ledger = read_ledger(workbook_bytes({"Ledger": [header, *rows], "FX": fx}), "cents.xlsx")
    assert mapping_preview(ledger).totals == (
        CurrencyTotals("EUR", 1.0, 0.0),
        CurrencyTotals("USD", 5.25, 1.0),
    )
