"""The zip and XML a workbook is made of, checked part by part before calamine opens it.

Sizes that disagree, XML declaring entities or a document type, and a damaged text table each get
their own sentence naming the file (and the part or sheet), never an internal error.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from core.errors import LedgerError
from core.reading.ledger import read_ledger
from tests.helpers import ledger_bytes, summarize
from tests.reading.test_bad_input import GOOD, rezip

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"


def message(data: bytes, name: str) -> str:
    with pytest.raises(LedgerError) as caught:
        read_ledger(data, name)
    return str(caught.value)


def padded() -> bytes:
    """GOOD with a 50,000-byte comment in its sheet: the part expands to about 51 KB."""
    return rezip(
        GOOD,
        lambda _name, content: content.replace(b"</sheetData>", b"<!--" + b" " * 50_000 + b"--></sheetData>"),
    )


def patch_sizes(data: bytes, part: str, size: int, local: bool) -> bytes:
    """Write `size` as the part's uncompressed size in the central directory (and its own header)."""
    out = bytearray(data)
    for found in re.finditer(rb"PK\x01\x02", data):
        start = found.start()
        name_length = int.from_bytes(data[start + 28 : start + 30], "little")
        if data[start + 46 : start + 46 + name_length] == part.encode():
            out[start + 24 : start + 28] = size.to_bytes(4, "little")
    if local:
        offset = zipfile.ZipFile(io.BytesIO(data)).getinfo(part).header_offset
        out[offset + 22 : offset + 26] = size.to_bytes(4, "little")
    return bytes(out)


def test_a_directory_that_lies_about_a_size_is_named_as_such():
    """The part's own header still says 51,xxx bytes; the zip directory says 1."""
    data = padded()
    real = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size
    assert message(patch_sizes(data, SHEET, 1, local=False), "lying.xlsx") == (
        "'lying.xlsx' has inconsistent sizes (it is damaged or was tampered with): its zip directory says part "
        f"'xl/worksheets/sheet1.xml' holds 1 byte, but the part's own header says {real:,} bytes. Refused "
        "without opening it: save the ledger again from Excel and upload the new copy."
    )


def test_both_headers_lying_are_caught_while_expanding():
    """Both headers say 1 byte: expanding stops at the first megabyte, past what was declared."""
    assert message(patch_sizes(padded(), SHEET, 1, local=True), "lying.xlsx") == (
        "'lying.xlsx' has inconsistent sizes (it is damaged or was tampered with): its zip directory says part "
        "'xl/worksheets/sheet1.xml' holds 1 byte, but it holds more. Refused without opening it: save the "
        "ledger again from Excel and upload the new copy."
    )


def test_a_part_holding_less_than_declared():
    data = padded()
    real = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size
    assert message(patch_sizes(data, SHEET, real + 10, local=True), "short.xlsx") == (
        "'short.xlsx' has inconsistent sizes (it is damaged or was tampered with): its zip directory says part "
        f"'xl/worksheets/sheet1.xml' holds {real + 10:,} bytes, but it holds only {real:,} bytes. Refused "
        "without opening it: save the ledger again from Excel and upload the new copy."
    )


def test_every_size_at_one_byte_through_the_command(tmp_path):
    """The zip directory says 1 byte for every part; the sheet really expands to 5 MB."""
    comment = b"<!--" + b" " * 5_000_000 + b"--></sheetData>"
    data = rezip(
        GOOD, lambda name, content: content.replace(b"</sheetData>", comment) if name == SHEET else content
    )
    for part in zipfile.ZipFile(io.BytesIO(data)).namelist():
        data = patch_sizes(data, part, 1, local=False)
    ledger = tmp_path / "lying-sizes.xlsx"
    ledger.write_bytes(data)
    result = summarize(str(ledger))
    assert result.returncode == 2
    assert result.stderr.startswith(
        "error: 'lying-sizes.xlsx' has inconsistent sizes (it is damaged or was tampered"
    )
    assert result.stderr.count("\n") == 1


LAUGHS = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + b"".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
)
ENTITY_MESSAGE = (
    "'laughs.xlsx' declares XML entities in 'xl/worksheets/sheet1.xml', which spreadsheets never do and which "
    "can expand without limit: refused without opening it. Save the ledger again from Excel."
)


def in_sheet(prolog: bytes, data: bytes = GOOD) -> bytes:
    return rezip(data, lambda name, content: prolog + content if name == SHEET else content)


def test_billion_laughs_before_the_worksheet_element():
    assert message(in_sheet(b'<?xml version="1.0"?>' + LAUGHS + b"]>"), "laughs.xlsx") == ENTITY_MESSAGE


def test_billion_laughs_behind_a_long_comment():
    """The old check read each part's first 4,096 bytes; a comment of 5,000 pushed the DOCTYPE past them."""
    prolog = b'<?xml version="1.0"?><!--' + b" " * 5000 + b"-->" + LAUGHS + b"]>"
    assert message(in_sheet(prolog), "laughs.xlsx") == ENTITY_MESSAGE


def test_a_document_type_alone_is_refused():
    """An external DTD makes some parsers fetch a URL (XXE); no spreadsheet part has one."""
    prolog = b'<?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "http://example.invalid/x.dtd">'
    assert message(in_sheet(prolog), "dtd.xlsx") == (
        "'dtd.xlsx' has a document type declaration (<!DOCTYPE>) in 'xl/worksheets/sheet1.xml', which "
        "spreadsheets never have and which can pull in entities or outside files: refused without opening it. "
        "Save the ledger again from Excel."
    )


@pytest.mark.parametrize(
    "spelling",
    [
        b"<!doctype worksheet>",
        "<!DOCTYPE worksheet>".encode("utf-16-le"),
        "<!DOCTYPE worksheet>".encode("utf-16-be"),
    ],
)
def test_any_case_and_utf16_spellings(spelling):
    assert "has a document type declaration (<!DOCTYPE>) in 'xl/worksheets/sheet1.xml'" in message(
        in_sheet(spelling), "dtd.xlsx"
    )


def test_a_part_not_named_xml_is_checked_too():
    data = rezip(
        GOOD,
        lambda name, content: LAUGHS + b"]><x/>" if name == "xl/theme/theme1.xml" else content,
    )
    renamed = rezip(data, extra={"customXml/item1.dat": LAUGHS + b"]><x/>"})
    assert "declares XML entities in 'xl/theme/theme1.xml'" in message(data, "a.xlsx")
    clean_theme = rezip(renamed, lambda name, content: b"<x/>" if name == "xl/theme/theme1.xml" else content)
    assert "declares XML entities in 'customXml/item1.dat'" in message(clean_theme, "b.xlsx")


def test_an_svg_picture_may_carry_a_doctype():
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = rezip(GOOD, extra={"xl/media/image1.svg": svg})
    assert read_ledger(data, "icon.xlsx").entries["amount"].tolist() == [10.0, 5.0]


def test_a_damaged_shared_string_table_names_the_sheet():
    """A cell points at shared string number 999,999 of a table holding a few."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Ledger")
    for number, row in enumerate(
        [["Date", "Alliance", "Kind", "Amount"], ["2024-01-01", "Acme", "Revenue", 5]]
    ):
        sheet.write_row(number, 0, row)
    book.close()
    broken = rezip(
        out.getvalue(),
        lambda name, content: (
            re.sub(rb'(<c r="B2"[^>]*t="s"[^>]*>)<v>\d+</v>', rb"\1<v>999999</v>", content)
            if name == SHEET
            else content
        ),
    )
    assert message(broken, "texts.xlsx") == (
        "'texts.xlsx': the workbook's text table (shared strings) is damaged: sheet 'Ledger' has cells pointing "
        "at text that is not in it. Open the file in Excel, let it repair the workbook, save it and upload it "
        "again."
    )


def test_any_other_sheet_calamine_cannot_parse_names_the_sheet():
    # An entity reference with no declaration: calamine stops at it.
    broken = rezip(
        ledger_bytes([["2024-01-01", "Acme", "Revenue", 10]]),
        lambda name, content: content.replace(b"<t>Acme</t>", b"<t>&nope;</t>") if name == SHEET else content,
    )
    assert message(broken, "odd.xlsx") == (
        "'odd.xlsx': sheet 'Ledger' could not be read (its XML is malformed: unrecognized entity `&nope;`): save it "
        "from Excel as .xlsx (or as .csv) and upload it again."
    )
