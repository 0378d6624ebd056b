"""Hostile and broken files, generated here rather than checked in: each is a few KB to build.

Every file must end in a figure or in one clear message: through the command, exit 0 or exit 2 with
one `error:` line; through the app, a message and never an error box. Used by
tests/reading/test_hostile_corpus.py; run this module to write the corpus to a folder for manual
tries (`python tests/hostile_corpus.py /tmp/corpus`).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from tests.helpers import ledger_bytes

GOOD_ROWS = [
    ["2024-01-01", "Acme", "Revenue", 1200],
    ["2024-01-02", "Acme", "Cost", 1000],
    ["2024-02-01", "Beta", "Revenue", 500],
    ["2024-02-02", "Beta", "Cost", 400],
]


def good() -> bytes:
    """A small valid ledger: the base most hostile files are made from."""
    return ledger_bytes(GOOD_ROWS)


def _with_cell(reference: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Ledger"
    sheet.append(["Date", "Alliance", "Kind", "Amount"])
    for row in GOOD_ROWS:
        sheet.append(row)
    sheet[reference] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The same package with each part passed through `change(name, content)`."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return out.getvalue()


def _sheet_xml(change: Callable[[bytes], bytes]) -> bytes:
    return _rezip(good(), lambda name, content: change(content) if name.endswith("sheet1.xml") else content)


def lying_sizes() -> bytes:
    """A zip whose central directory claims tiny sizes for a part that expands to 50 MB."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = content.replace(b"</sheetData>", b"<!--" + b" " * 50_000_000 + b"--></sheetData>")
            target.writestr(item.filename, content)
    data = bytearray(out.getvalue())
    # Patch every uncompressed-size field of the central directory to 1 byte.
    for match in re.finditer(rb"PK\x01\x02", bytes(data)):
        data[match.start() + 24 : match.start() + 28] = (1).to_bytes(4, "little")
    return bytes(data)


def shared_string_out_of_range() -> bytes:
    """A cell that points at shared string number 999,999 in a table of a few strings."""

    def change(content: bytes) -> bytes:
        changed = re.sub(rb'(<c r="B2"[^>]*t="s"[^>]*>)<v>\d+</v>', rb"\1<v>999999</v>", content, count=1)
        assert changed != content, "the shared-string cell to break was not found"
        return changed

    return _rezip(_excel_style(), lambda name, c: change(c) if name.endswith("sheet1.xml") else c)


def _excel_style() -> bytes:
    """A ledger written as Excel writes it, text in a shared-string table (openpyxl writes inline)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Ledger")
    for number, row in enumerate([["Date", "Alliance", "Kind", "Amount"], *GOOD_ROWS]):
        sheet.write_row(number, 0, row)
    book.close()
    return out.getvalue()


def billion_laughs() -> bytes:
    """An XML entity expansion bomb in the sheet part."""
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
    )
    return _sheet_xml(
        lambda content: content.replace(
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', bomb + b"]>", 1
        )
    )


def zip_bomb() -> bytes:
    """One part of 300 MB of zeros, compressed to a few hundred KB."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("xl/media/zeros.bin", b"\0" * 300_000_000)
    return out.getvalue()


def truncated() -> bytes:
    """The first half of a valid workbook."""
    data = good()
    return data[: len(data) // 2]


def huge_csv_field() -> bytes:
    """A CSV whose one field is longer than the csv module's default limit (131,072 characters)."""
    return b'Date,Alliance,Kind,Amount\n2024-01-01,Acme,Revenue,"' + b"9" * 200_000 + b'"\n'


def binary_csv() -> bytes:
    """Random-looking bytes named .csv."""
    return bytes(range(256)) * 40


def special_numbers() -> bytes:
    """Amounts that are not finite or overflow a sum: inf, nan, 1e308 twice."""
    return ledger_bytes(
        [
            ["2024-01-01", "Acme", "Revenue", "inf"],
            ["2024-01-02", "Acme", "Cost", "nan"],
            ["2024-01-03", "Acme", "Revenue", 1e308],
            ["2024-01-04", "Acme", "Revenue", 1e308],
            ["2024-01-05", "Acme", "Cost", 100],
        ]
    )


def far_dates() -> bytes:
    """Dates outside 1900–2100 beside ordinary ones."""
    return ledger_bytes(
        [
            ["0001-01-01", "Acme", "Revenue", 100],
            ["9999-12-31", "Acme", "Cost", 50],
            ["2024-01-01", "Acme", "Revenue", 1200],
            ["2024-01-02", "Acme", "Cost", 1000],
        ]
    )


def two_amount_columns() -> bytes:
    """Two columns both headed Amount."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Ledger"
    sheet.append(["Date", "Alliance", "Kind", "Amount", "Amount"])
    sheet.append(["2024-01-01", "Acme", "Revenue", 1200, 12])
    sheet.append(["2024-01-02", "Acme", "Cost", 1000, 10])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def formula_injection() -> bytes:
    """Names and notes that a spreadsheet would run as formulas."""
    return ledger_bytes(
        [
            ["2024-01-01", '=HYPERLINK("http://evil","x")', "Revenue", 1200],
            ["2024-01-02", '=HYPERLINK("http://evil","x")', "Cost", 1000],
            ["2024-01-03", "@SUM(1)", "Revenue", 10],
            ["2024-01-04", "@SUM(1)", "Cost", 5],
        ]
    )


def fx_without_rates() -> bytes:
    """An FX sheet headed 'Rate to EUR' with no usable rate, and no Currency column."""
    from tests.helpers import workbook_bytes

    return workbook_bytes(
        {
            "Ledger": [["Date", "Alliance", "Kind", "Amount"], *GOOD_ROWS],
            "FX": [["Currency", "Month", "Rate to EUR"], ["USD", "2024-01", "n/a"]],
        }
    )


def infinite_goal() -> bytes:
    """A goal whose progress overflows: target 1e-300, actual 1e14."""
    goals = [
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
        ["Acme", "Customers", 1e-300, 1e14, "count", "2024-01-01", "2024-12-31", "Kim"],
    ]
    return ledger_bytes(GOOD_ROWS, Goals=goals)


def only_a_credit() -> bytes:
    """The only cost row is a credit note (a negative cost)."""
    return ledger_bytes([["2024-01-01", "Acme", "Revenue", 1000], ["2024-01-02", "Acme", "Cost", -100]])


CORPUS: dict[str, Callable[[], bytes]] = {
    "sparse-corner-XFD1048576.xlsx": lambda: _with_cell("XFD1048576"),
    "sparse-corner-XFD200000.xlsx": lambda: _with_cell("XFD200000"),
    "lying-sizes.xlsx": lying_sizes,
    "shared-string-out-of-range.xlsx": shared_string_out_of_range,
    "billion-laughs.xlsx": billion_laughs,
    "zip-bomb.xlsx": zip_bomb,
    "truncated.xlsx": truncated,
    "empty.xlsx": lambda: b"",
    "pdf-named.xlsx": lambda: b"%PDF-1.4\n" + b"0" * 2000,
    "html-named.xlsx": lambda: b"<html><body><table><tr><td>Date</td></tr></table></body></html>",
    "huge-field.csv": huge_csv_field,
    "binary.csv": binary_csv,
    "special-numbers.xlsx": special_numbers,
    "far-dates.xlsx": far_dates,
    "two-amount-columns.xlsx": two_amount_columns,
    "formula-injection.xlsx": formula_injection,
    "fx-without-rates.xlsx": fx_without_rates,
    "infinite-goal.xlsx": infinite_goal,
    "only-a-credit.xlsx": only_a_credit,
}


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in CORPUS.items():
        (folder / name).write_bytes(make())
        print(folder / name)
