"""The command checks the ledger's bytes in a worker while it loads its own modules, and hands the
verdict to the reader only for those very bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core import cli
from core.errors import LedgerError
from core.reading import isolation, safety
from core.reading.extent import SheetExtent
from core.reading.ledger import read_ledger
from core.reading.preview import checked_with_heads
from core.reading.workbook import SourceBook
from tests.helpers import LEDGER_HEADER, ledger_bytes, workbook_bytes

ROWS = [["2024-01-01", "Acme", "Revenue", 1200], ["2024-01-05", "Acme", "Cost", 1000]]


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch):
    # main() declares the process single-threaded and records a verdict: neither may outlive a test.
    monkeypatch.setattr(isolation, "_fork_directly", False)
    monkeypatch.setattr(safety, "_vouched", None)


@pytest.mark.parametrize(
    ("words", "ledger"),
    [
        (["summarize", "q1.xlsx"], "q1.xlsx"),
        (["summarize", "-o", "out.xlsx", "q1.xlsx"], "q1.xlsx"),
        (["summarize", "--output=out.xlsx", "--sheet", "Ledger", "q1.xlsx"], "q1.xlsx"),
        (["summarize", "-oout.xlsx", "q1.xlsx", "--view", "?strong=20"], "q1.xlsx"),
        # A negative value is the option's value, not the ledger.
        (["summarize", "--strong", "-5", "q1.xlsx"], "q1.xlsx"),
        (["summarize", "--", "-odd name.xlsx"], "-odd name.xlsx"),
        # Flags without a value: the word after them is the ledger.
        (["summarize", "--dayfirst", "q1.xlsx"], "q1.xlsx"),
        (["summarize", "--revenue-only", "--monthfirst", "q1.xlsx", "-o", "out.xlsx"], "q1.xlsx"),
    ],
)
def test_the_ledger_is_found_as_argparse_finds_it(words, ledger):
    assert cli._ledger_argument(words) == Path(ledger)
    assert cli.build_parser().parse_args(words).ledger == Path(ledger)


@pytest.mark.parametrize("words", [[], ["summarize"], ["summarize", "--help"], ["other", "q1.xlsx"]])
def test_no_ledger_named_means_no_early_check(words):
    assert cli._ledger_argument(words) is None


def test_a_verdict_counts_for_the_same_bytes_object_only():
    """A corrupt zip vouched for (as if a checker had passed it) is taken as vouched; an equal copy
    of it is checked again and refused."""
    corrupt = b"PK\x03\x04" + b"\x00" * 200
    verdict = {"Ledger": SheetExtent(3, 4)}
    safety.vouch(corrupt, "bad.xlsx", verdict)
    assert safety.check_upload(corrupt, "bad.xlsx") == verdict
    with pytest.raises(LedgerError, match="truncated or corrupt"):
        safety.check_upload(bytes(bytearray(corrupt)), "bad.xlsx")
    with pytest.raises(LedgerError, match="truncated or corrupt"):
        safety.check_upload(corrupt, "other name.xlsx")


def test_the_command_reads_with_the_early_verdict(tmp_path):
    ledger = tmp_path / "q1.xlsx"
    ledger.write_bytes(ledger_bytes(ROWS))
    assert cli.main(["summarize", str(ledger), "-o", str(tmp_path / "out.xlsx")]) == 0
    # The verdict was recorded for the bytes the reader was given: the header and 2 rows, 4 columns (A1:D3).
    assert safety._vouched is not None
    data, name, extents, heads = safety._vouched
    assert (data, name) == (ledger.read_bytes(), "q1.xlsx")
    assert extents["Ledger"] == SheetExtent(3, 4, "A1:D3")
    # The checker also read the sheet's first rows, which the reader then started from.
    assert heads["Ledger"][1] == ["2024-01-01", "Acme", "Revenue", 1200]
    # Read with the verdict, the same bytes give what an unvouched read gives: 1200 revenue, 1000 cost.
    assert read_ledger(data, name).entries["amount"].tolist() == [1200.0, 1000.0]


def test_a_refusal_from_the_early_check_is_the_readers_own(tmp_path, capsys):
    ledger = tmp_path / "cut.xlsx"
    ledger.write_bytes(ledger_bytes(ROWS)[:100])  # cut short: a truncated zip
    expected = str(_refusal(ledger.read_bytes(), "cut.xlsx"))
    assert cli.main(["summarize", str(ledger), "-o", str(tmp_path / "out.xlsx")]) == cli.EXIT_UNUSABLE
    assert capsys.readouterr().err == f"error: {expected}\n"
    assert not (tmp_path / "out.xlsx").exists()


def _refusal(data: bytes, name: str) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        read_ledger(data, name)
    return caught.value


def test_the_checker_reads_each_plain_sheets_first_rows():
    """Each sheet without merged cells, from row 1 (the banner) down, empty cells as ''; a sheet with
    merged cells is left to the careful reader, which fills the merged areas in."""
    data = workbook_bytes(
        {
            "Ledger": [
                ["Q1 alliance ledger"],
                LEDGER_HEADER,
                [dt.datetime(2024, 1, 5), "Acme", "Cost", 1000],
            ],
            "Notes": [["merged title"], ["a", "b"]],
        },
        merges={"Notes": ["A1:B1"]},
    )
    extents, heads = checked_with_heads(data, "q1.xlsx")
    assert list(extents) == ["Ledger", "Notes"]
    assert heads == {
        "Ledger": [
            ["Q1 alliance ledger", "", "", ""],
            ["Date", "Alliance", "Kind", "Amount"],
            [dt.datetime(2024, 1, 5), "Acme", "Cost", 1000],
        ]
    }


def test_a_reader_of_vouched_bytes_takes_the_checkers_rows():
    """Rows handed over with the verdict are the ones the reader looks at (here, deliberately not the
    file's own), and only for the same bytes object."""
    data = ledger_bytes(ROWS)
    extents, _ = checked_with_heads(data, "q1.xlsx")
    told = [["Said", "by", "the", "checker"]]
    safety.vouch(data, "q1.xlsx", extents, {"Ledger": told})
    assert SourceBook(data, "q1.xlsx").head("Ledger", 1) == told
    assert SourceBook(bytes(bytearray(data)), "q1.xlsx").head("Ledger", 1) == [LEDGER_HEADER]


def test_a_csv_has_no_rows_read_ahead():
    assert checked_with_heads(b"Date,Alliance,Type,Amount\n2024-01-01,Acme,Revenue,5\n", "q1.csv")[1] == {}
