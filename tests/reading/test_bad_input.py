"""A corpus of unusable files, each built here, with the exact message a user gets.

Every message says what is wrong and what to do; the app shows it in an error box and the
command prints it as its one `error:` line.
"""

import io
import zipfile

import pytest

from core.errors import LedgerError, NoLedgerSheet
from core.reading import safety
from core.reading.ledger import ColumnMapping, guess_header_row, guess_mapping, read_ledger, sheet_previews
from tests.helpers import ledger_bytes, workbook_bytes

GOOD = ledger_bytes([["2024-01-01", "Acme", "Revenue", 10], ["2024-01-01", "Acme", "Cost", 5]])


def rezip(data: bytes, change=None, stored: bool = False, extra: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a workbook's zip, optionally changing one part's bytes or adding parts."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if change:
                content = change(item.filename, content)
            target.writestr(item.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def message(data: bytes, name: str) -> str:
    with pytest.raises(LedgerError) as error:
        read_ledger(data, name)
    return str(error.value)


def test_not_an_excel_file():
    assert message(b"%PDF-1.7 a report", "ledger.xlsx") == (
        "'ledger.xlsx' is not an Excel workbook (it is a PDF): save it from Excel as .xlsx, or export it as "
        ".csv, and upload it again."
    )
    assert "(it is a web page saved with an Excel name)" in message(b"<html><table>", "export.xls")
    assert "(it is plain text; if it is comma-separated, name it .csv)" in message(b"a,b\n1,2", "x.xlsx")


def test_truncated_workbook():
    assert message(GOOD[: len(GOOD) // 2], "cut.xlsx") == (
        "'cut.xlsx' is truncated or corrupt (its zip structure cannot be read): download or save it again and "
        "upload the new copy."
    )


def test_corrupt_part():
    stored = rezip(GOOD, stored=True)
    sheet = zipfile.ZipFile(io.BytesIO(stored)).getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename) + 40  # inside the part's stored bytes
    broken = stored[:start] + bytes([stored[start] ^ 0x01]) + stored[start + 1 :]
    assert message(broken, "bad.xlsx") == (
        "'bad.xlsx' is corrupt (part 'xl/worksheets/sheet1.xml' does not match its checksum): download or save "
        "it again and upload the new copy."
    )


def test_password_protected_workbook():
    encrypted = safety.OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    assert message(encrypted, "secret.xlsx") == (
        "'secret.xlsx' is password-protected (encrypted): open it in Excel, remove the password (File › Info › "
        "Protect Workbook), save it and upload it again."
    )


def test_empty_file_and_empty_workbook():
    assert (
        message(b"", "nothing.xlsx") == "'nothing.xlsx' is empty (0 bytes): upload the saved ledger workbook."
    )
    assert message(workbook_bytes({"Sheet1": []}), "blank.xlsx") == (
        "'blank.xlsx' is empty: no sheet has any data. Upload the ledger itself, or start from the blank template."
    )


def test_no_ledger_sheet_names_expected_and_found_headers():
    data = workbook_bytes({"Export": [["Posting day", "Counterparty", "Flow", "EUR"]]})
    with pytest.raises(NoLedgerSheet) as error:
        read_ledger(data, "erp.xlsx")
    assert str(error.value) == (
        "No sheet looks like a ledger. A ledger has a header row with a date, an alliance (partner) and the "
        "money: revenue and/or cost columns, kind and amount, debit and credit, quantity with a unit price or "
        "unit cost, or one signed amount; found: sheet 'Export', row 1: A 'Posting day', "
        "B 'Counterparty', C 'Flow', D 'EUR' — read as kind 'Flow' — missing date (nearest: 'Posting day'), "
        "alliance, amount. Rename the headers (the blank template shows them) or say which column is which "
        "(the app's mapping step; the command: --map FIELD=HEADER)."
    )


def test_no_ledger_message_lists_every_header_however_many():
    """The old message cut the header list at 200 characters; every header is named now."""
    header = ["Date", *(f"Measure number {n}" for n in range(1, 31))]
    data = workbook_bytes({"Wide": [header, ["2024-01-01", *range(30)]]})
    with pytest.raises(NoLedgerSheet) as error:
        read_ledger(data, "wide.xlsx")
    assert "AE 'Measure number 30'" in str(error.value)
    assert "missing alliance, revenue or cost" in str(error.value)


def test_file_over_the_upload_limit(monkeypatch):
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1024 * 1024)
    assert message(b"PK\x03\x04" + b"\x00" * (2 * 1024 * 1024), "huge.xlsx") == (
        "'huge.xlsx' is 2 MB, over the 1 MB limit: remove sheets that are not needed or split the ledger by year."
    )


def test_zip_bomb_refused_by_ratio_before_expansion():
    bomb = rezip(GOOD, extra={"xl/media/padding.bin": b"\x00" * (12 * 1024 * 1024)})
    text = message(bomb, "bomb.xlsx")
    assert text.startswith("'bomb.xlsx' has a part ('xl/media/padding.bin') that expands ")
    assert text.endswith(" times: a compression bomb, not a ledger. Refused without opening it.")


def test_zip_bomb_refused_by_total_size(monkeypatch):
    monkeypatch.setattr(safety, "MAX_EXPANDED_BYTES", 1000)
    assert "would expand to" in message(GOOD, "big.xlsx")


def test_xml_entity_bomb():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<lolz>&lol2;</lolz>"
    )
    bomb = rezip(GOOD, change=lambda name, content: laughs if name == "xl/styles.xml" else content)
    assert message(bomb, "laughs.xlsx") == (
        "'laughs.xlsx' declares XML entities in 'xl/styles.xml', which spreadsheets never do and which can "
        "expand without limit: refused without opening it. Save the ledger again from Excel."
    )


def test_more_rows_than_a_sheet_holds(monkeypatch):
    monkeypatch.setattr(safety, "EXCEL_MAX_ROWS", 3)
    data = b"Date,Alliance,Kind,Amount\n" + b"2024-01-01,A,Revenue,1\n" * 3
    assert message(data, "long.csv") == (
        "Sheet 'long' of 'long.csv' has 4 rows, more than an Excel sheet can hold (3): split the ledger (by year, "
        "say) and upload the parts one at a time."
    )
    assert "has 4 rows, more than" in message(ledger_bytes([["2024-01-01", "A", "Revenue", 1]] * 3), "x.xlsx")


def test_mapping_reads_unrecognised_headers_and_fits_the_next_file():
    rows = [
        ["ERP export"],
        ["Posting day", "Counterparty", "Flow", "EUR"],
        ["2024-01-05", "Acme", "Income", 1200],
        ["2024-01-06", "Acme", "Expense", 1000],
    ]
    data = workbook_bytes({"Export": rows})
    previews = sheet_previews(data, "erp.xlsx")
    assert guess_header_row(previews["Export"]) == 2
    mapping = ColumnMapping(
        "Export",
        2,
        (("date", "Posting day"), ("alliance", "Counterparty"), ("kind", "Flow"), ("amount", "EUR")),
    )
    ledger = read_ledger(data, "erp.xlsx", mapping=mapping)
    assert ledger.entries["amount"].tolist() == [1200.0, 1000.0]
    assert ledger.source.header_row == 2
    # the next month's export has the same headers, one row lower
    later = workbook_bytes({"Export": [["ERP export"], ["March"], *rows[1:]]})
    with pytest.raises(LedgerError, match=r"Row 2 of sheet 'Export' has no column 'Posting day' \(date\)"):
        read_ledger(later, "erp2.xlsx", mapping=mapping)
    assert (
        len(read_ledger(later, "erp2.xlsx", mapping=ColumnMapping("Export", 3, mapping.columns)).entries) == 2
    )


def test_mapping_step_guesses_from_header_words():
    headers = ["Posting day", "Counterparty", "Flow", "EUR amount", "Memo"]
    assert guess_mapping(headers) == {
        "date": "Posting day",
        "alliance": "Counterparty",
        "kind": "Flow",
        "amount": "EUR amount",
    }
