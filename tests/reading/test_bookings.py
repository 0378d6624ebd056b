"""A DATEV Buchungsstapel (EXTF): each booking read on both its accounts by the chart of accounts,
dates written DDMM with the batch's year, one alliance (issue 27.3, 27.4)."""

from __future__ import annotations

import csv
import io

from core.reading.ledger import read_ledger

HEADER = ["Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Konto"]
HEADER += ["Gegenkonto (ohne BU-Schlüssel)", "Belegdatum", "Buchungstext"]


def batch(rows: list[list[str]], chart: str = "") -> bytes:
    """An EXTF file: the batch line (client 77, period 2024, EUR, the chart), the header, the rows."""
    line = ["EXTF", "700", "21", "Buchungsstapel", "12", "20240105", "", "", "", "", "12345", "77"]
    line += ["20240101", "4", "20240101", "20241231", "Stapel", "", "1", "", "", "EUR", "", "", "", "", chart]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([line, HEADER, *rows])
    return out.getvalue().encode("utf-8")


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): round(float(v), 2) for (a, k), v in table.items()}


ROWS = [
    ["1000,00", "H", "", "8400", "1200", "1503", "Sale"],  # row 3: 8400 credited: revenue 1,000
    ["250,50", "S", "", "4600", "1200", "2003", "Ads"],  # row 4: 4600 debited: cost 250.50
    ["100,00", "S", "", "8400", "1200", "2503", "Credit note"],  # row 5: 8400 debited: revenue -100
    ["500,00", "S", "", "1200", "1000", "2603", "Cash to bank"],  # row 6: balance sheet only
    ["", "S", "", "4600", "1200", "2703", "No amount"],  # row 7: no amount
    ["40,00", "H", "", "1200", "4600", "2803", "Fee"],  # row 8: Gegenkonto 4600 debited: cost 40
]


def test_each_booking_counts_on_its_revenue_and_expense_accounts():
    """SKR03 (assumed): revenue 1,000 - 100 = 900; cost 250.50 + 40 = 290.50; rows 6 and 7 listed."""
    ledger = read_ledger(batch(ROWS), "EXTF_Buchungsstapel.csv")
    assert sums(ledger) == {("Mandant 77", "revenue"): 900.0, ("Mandant 77", "cost"): 290.5}
    assert ledger.entries["date"].dt.strftime("%Y-%m-%d").tolist()[:3] == [
        "2024-03-15",
        "2024-03-20",
        "2024-03-25",
    ]
    assert sorted(ledger.entries["category"].astype(str).unique()) == ["4600", "8400"]
    assert set(ledger.entries["currency"].astype(str)) == {"EUR"}
    assert ledger.source.currency == "EUR"
    assert ledger.source.derived == (
        "revenue = credit - debit and cost = debit - credit on each booking's SKR03 accounts, both sides",
        "alliance = one for the whole sheet, which has no partner column",
    )
    assert ledger.issues[["row", "reason"]].values.tolist() == [
        [6, "a booking between accounts 1200 and 1000, neither a revenue nor an expense account in SKR03"],
        [7, "no amount"],
    ]
    assert ledger.notes[0].startswith(
        "Sheet 'EXTF_Buchungsstapel' is a DATEV Buchungsstapel (EXTF): each booking is read on both its "
        "accounts, Konto and Gegenkonto, as SKR03 classes them: revenue accounts (class 8) count credit - "
        "debit as revenue, expense accounts (classes 3 and 4) debit - credit as cost (the batch names no chart "
        "of accounts, so SKR03 is assumed"
    )
    assert (
        "Sheet 'EXTF_Buchungsstapel': Belegdatum is written DDMM ('3112'); the year is the batch's (its period "
        "01.01.2024 to 31.12.2024)." in ledger.notes
    )


def test_the_batchs_chart_decides_skr04():
    """SKR04: 4400 is a revenue account (1,000 credited), 6300 an expense account (200 debited)."""
    rows = [["1000,00", "H", "", "4400", "1800", "1503", ""], ["200,00", "S", "", "6300", "1800", "1603", ""]]
    ledger = read_ledger(batch(rows, chart="04"), "batch.csv", alliance="GmbH")
    assert sums(ledger) == {("GmbH", "revenue"): 1000.0, ("GmbH", "cost"): 200.0}
    assert "(the batch names no chart" not in ledger.notes[0]
