"""CSV files that are not what they say: a field longer than any cell, binary data, a workbook named .csv.

Each ends in one sentence naming the file (and the row); through the command, exit 2 with one
`error:` line. Text files in the encodings and line endings Excel writes still read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import LedgerError
from core.reading.ledger import read_ledger
from tests.reading.test_bad_input import GOOD

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Date,Alliance,Kind,Amount"

HUGE_FIELD = (
    HEADER + '\n2024-01-01,Acme,Revenue,1200\n2024-01-02,Acme,Cost,"' + "9" * 200_000 + '"\n'
).encode()
HUGE_MESSAGE = (
    "'x.csv': row 3 has a field of more than 131,072 characters; a ledger cell is never that long: look for a "
    'quote mark (") that opens a field and is never closed, fix it, or export the ledger from Excel as CSV again.'
)
BINARY_MESSAGE = (
    "'x.csv' is not a text CSV file (it holds binary data): open the ledger in Excel, save it with File › "
    "Save As › CSV UTF-8 (or as .xlsx) and upload that file."
)


def message(data: bytes, name: str = "x.csv") -> str:
    with pytest.raises(LedgerError) as caught:
        read_ledger(data, name)
    return str(caught.value)


def command(tmp_path: Path, data: bytes, name: str = "x.csv") -> subprocess.CompletedProcess[str]:
    ledger = tmp_path / name
    ledger.write_bytes(data)
    return subprocess.run(
        [sys.executable, "-m", "core", "summarize", str(ledger)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_field_longer_than_any_cell():
    """Header is row 1, two entries are rows 2 and 3; the third row's last field runs 200,000 characters."""
    assert message(HUGE_FIELD) == HUGE_MESSAGE


def test_an_unclosed_quote_swallowing_the_file_is_the_same_case():
    rows = [HEADER, '2024-01-01,"Acme,Revenue,1200'] + ["2024-01-02,Acme,Cost,1000"] * 6000
    assert message("\n".join(rows).encode()).startswith(
        "'x.csv': row 2 has a field of more than 131,072 characters"
    )


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,  # every byte value
        HEADER.encode() + b"\n2024-01-01,Acme,Revenue,\x00\x00\x01\x02\n",  # NUL bytes in a row
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100 + b"a,b\n",  # control characters, no NUL
    ],
)
def test_binary_data_named_csv(data):
    assert message(data) == BINARY_MESSAGE


def test_both_exit_2_through_the_command(tmp_path):
    huge = command(tmp_path, HUGE_FIELD)
    assert (huge.returncode, huge.stderr) == (2, f"error: {HUGE_MESSAGE}\n")
    binary = command(tmp_path, bytes(range(256)) * 40)
    assert (binary.returncode, binary.stderr) == (2, f"error: {BINARY_MESSAGE}\n")
    assert not (tmp_path / "x-summary.xlsx").exists()


def test_a_workbook_saved_with_a_csv_name():
    assert message(GOOD, "ledger.csv") == (
        "'ledger.csv' is not a text CSV file (it is an Excel workbook with a CSV name): rename it to "
        "'ledger.xlsx' and upload it again."
    )


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (
            ("\ufeff" + HEADER + "\r\n2024-01-01,Acme,Revenue,1200\r\n").encode("utf-8"),
            "UTF-8 with BOM, CRLF",
        ),
        ((HEADER + "\r2024-01-01,Acme,Revenue,1200\r").encode("cp1252"), "old Mac line ends (CR only)"),
        (
            ("\ufeff" + HEADER.replace(",", "\t") + "\r\n2024-01-01\tAcme\tRevenue\t1200\r\n").encode(
                "utf-16-le"
            ),
            "Excel's Unicode Text",
        ),
        ((HEADER + "\n2024-01-01,Acme,Revenue,1200\n").encode("utf-16-le"), "UTF-16 without a BOM"),
        (
            (HEADER + ",Notes\n2024-01-01,Acme,Revenue,1200,Caf\xe9 \x1a\n").encode("cp1252"),
            "one stray control character",
        ),
    ],
)
def test_text_as_excel_saves_it_still_reads(data, why):
    assert read_ledger(data, "x.csv", revenue_only=True).entries["amount"].tolist() == [1200.0], why
