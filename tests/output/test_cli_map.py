"""`--map FIELD=HEADER` and `--revenue-only`: the command is told what the app's mapping step is told,
and a refusal that a mapping settles names the flag to give (issue 27)."""

from __future__ import annotations

import openpyxl
import pytest

from tests.helpers import summarize, workbook_bytes

HEADER = ["Date", "Partner", "Einnahmen netto", "Cost"]
# Acme: revenue 1,000 + 250.50 = 1,250.50, cost 500 + 125.25 = 625.25 → ROI 625.25 / 625.25 = 1.0
ROWS = [["2024-01-15", "Acme", 1000, 500], ["2024-02-15", "Acme", 250.50, 125.25]]


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(workbook_bytes({"Export": [HEADER, *ROWS]}))
    return path


def alliances(path):
    sheet = openpyxl.load_workbook(path)["Alliances"]
    header = [c.value for c in sheet[1]]
    return {
        row[0]: dict(zip(header, row, strict=False)) for row in sheet.iter_rows(min_row=2, values_only=True)
    }


def test_an_unread_revenue_column_is_refused_with_the_flag_to_give(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    done = summarize(str(ledger), "-o", str(out))
    assert done.returncode == 2
    assert done.stderr == (
        "error: Sheet 'Export': no revenue column was found, so every ROI would be -100 %; the sheet has "
        "number columns that were not read: C 'Einnahmen netto'; map the revenue to one. "
        "With the command: --map revenue='Einnahmen netto'.\n"
    )
    assert not out.exists()


def test_the_suggested_map_reads_it_right(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    done = summarize(str(ledger), "-o", str(out), "--map", "revenue='Einnahmen netto'")
    assert done.returncode == 0, done.stderr
    acme = alliances(out)["Acme"]
    assert (acme["Revenue"], acme["Cost"], acme["ROI"]) == (1250.5, 625.25, 1.0)


def test_revenue_only_is_said_with_a_flag(tmp_path):
    path = tmp_path / "sales.xlsx"
    path.write_bytes(workbook_bytes({"Sales": [["Date", "Partner", "Revenue"], *[r[:3] for r in ROWS]]}))
    refused = summarize(str(path), "-o", str(tmp_path / "a.xlsx"))
    assert refused.returncode == 2
    assert refused.stderr.endswith(
        "if the ledger holds revenue only, say so. With the command: --revenue-only.\n"
    )
    done = summarize(str(path), "-o", str(tmp_path / "b.xlsx"), "--revenue-only")
    assert done.returncode == 0, done.stderr
    acme = alliances(tmp_path / "b.xlsx")["Acme"]
    assert (acme["Revenue"], acme["Cost"], acme["ROI"]) == (1250.5, 0, None)


@pytest.mark.parametrize(
    ("flag", "why"),
    [
        (
            "volume=Einnahmen netto",
            "'volume' is not a field; FIELD is one of date, alliance, kind, amount",
        ),
        ("revenue", "write FIELD=HEADER, e.g. --map revenue='Net Sales'"),
        ("date=", "every ledger has a date; write FIELD=HEADER"),
    ],
)
def test_a_malformed_map_is_an_unusable_input(ledger, flag, why):
    done = summarize(str(ledger), "--map", flag)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: --map {flag}: {why}")


def test_when_every_row_fails_the_commonest_reasons_are_said(tmp_path):
    """Three bad dates, one bad amount: the reasons by count, each with an example, not 'add entries'."""
    rows = [
        ["soon", "Acme", "Revenue", 1],
        ["later", "Acme", "Cost", 1],
        ["2024-13-45", "Beta", "Revenue", 1],
        ["2024-01-01", "Acme", "Revenue", "lots"],
    ]
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes({"Ledger": [["Date", "Alliance", "Kind", "Amount"], *rows]}))
    done = summarize(str(path), "-o", str(tmp_path / "out.xlsx"))
    assert done.returncode == 2
    assert done.stderr == (
        "error: Sheet 'Ledger' of 'bad.xlsx' has a header row but every one of its 4 rows was left out; "
        "the commonest reasons: column 'Date' (3 rows, e.g. row 2: 'soon' — 'soon' is not a date or period); "
        "column 'Amount' (1 row, e.g. row 5: 'lots' — 'lots' is not a number). Fix those cells and run again.\n"
    )


def test_a_currency_column_that_is_not_the_amounts_is_left_unread_with_an_empty_map(tmp_path):
    """Amounts in the statement's currency, Currency the line's original one: refused as mixing EUR
    and USD, with the flag to give; with `--map currency=` Acme reads revenue 1,525, cost 33.50."""
    rows = [["Date", "Partner", "Amount", "Currency"], ["2024-01-10", "Acme", 1525, "EUR"]]
    rows.append(["2024-01-11", "Acme", -33.5, "USD"])
    path = tmp_path / "statement.xlsx"
    path.write_bytes(workbook_bytes({"Statement": rows}))
    refused = summarize(str(path), "-o", str(tmp_path / "a.xlsx"))
    assert refused.returncode == 2
    assert refused.stderr.endswith(
        "With the command: --map currency= (an empty header: no column is the currency).\n"
    )
    done = summarize(str(path), "-o", str(tmp_path / "b.xlsx"), "--map", "currency=")
    assert done.returncode == 0, done.stderr
    acme = alliances(tmp_path / "b.xlsx")["Acme"]
    assert (acme["Revenue"], acme["Cost"]) == (1525, 33.5)
