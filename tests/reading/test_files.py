"""Several files combined into one ledger (issue 27.9): one sheet per file, every row as it is, read
as a ledger split over sheets; the same files give the same bytes; a file not read is named with why.
Sums worked out by hand from the rows written here."""

from __future__ import annotations

import pytest

from core.errors import LedgerError
from core.reading.files import MAX_FILES, combine_files, combined_name
from core.reading.ledger import read_ledger
from tests.helpers import workbook_bytes

HEADER = ["Date", "Partner", "Kind", "Amount"]
Q1 = workbook_bytes(
    {"Q1": [HEADER, ["2024-01-05", "Acme", "Revenue", 100], ["2024-02-05", "Acme", "Cost", 40]]}
)
Q2 = workbook_bytes(
    {
        "Notes": [["nothing", "here"]],
        "Q2": [
            ["Q2 export"],
            HEADER,
            ["2024-04-05", "Acme", "Revenue", 70.25],
            ["2024-05-05", "Beta", "Cost", 9.75],
        ],
    }
)


def test_each_files_ledger_sheet_becomes_a_sheet_named_after_it_and_is_read_as_one():
    """Acme revenue 100 + 70.25 = 170.25, cost 40; Beta cost 9.75. Q2's rows keep their numbers
    (its header on row 2: entries on rows 3 and 4)."""
    combined = combine_files([("acme q1.xlsx", Q1), ("acme/q2?.xlsx", Q2)])
    assert combined.combined == (("acme q1.xlsx", "acme q1", "Q1"), ("acme/q2?.xlsx", "q2_", "Q2"))
    assert combined.not_read == ()
    ledger = read_ledger(combined.data, combined.filename)
    entries = ledger.entries
    assert entries[["sheet", "row", "amount"]].values.tolist() == [
        ["acme q1", 2, 100.0],
        ["acme q1", 3, 40.0],
        ["q2_", 3, 70.25],
        ["q2_", 4, 9.75],
    ]
    assert ledger.source.sheets == ("acme q1", "q2_")


def test_the_same_files_give_the_same_bytes():
    first = combine_files([("q1.xlsx", Q1), ("q2.xlsx", Q2)])
    assert combine_files([("q1.xlsx", Q1), ("q2.xlsx", Q2)]).data == first.data
    assert first.filename == combined_name(["q1.xlsx", "q2.xlsx"]) == "q1 + q2 (combined).xlsx"


def test_the_same_file_twice_is_counted_once_and_said():
    combined = combine_files([("q1.xlsx", Q1), ("q1 copy.xlsx", Q1)])
    assert [sheet for _, sheet, _ in combined.combined] == ["q1", "q1 copy"]
    ledger = read_ledger(combined.data, combined.filename)
    assert float(ledger.entries["amount"].sum()) == 140.0  # 100 + 40, once
    assert any("q1 copy" in note and "left out" in note for note in ledger.notes)


def test_a_file_that_is_no_ledger_is_named_with_why_and_none_at_all_is_refused():
    combined = combine_files([("q1.xlsx", Q1), ("notes.csv", b"a,b\n1,2\n"), ("empty.xlsx", b"")])
    assert combined.not_read == (
        ("notes.csv", "No sheet looks like a ledger."),
        ("empty.xlsx", "'empty.xlsx' is empty (0 bytes): upload the saved ledger workbook."),
    )
    assert combined.refusals()[0] == (
        "'notes.csv' was not read: No sheet looks like a ledger. Upload it alone to see the whole "
        "message or to map its columns."
    )
    with pytest.raises(
        LedgerError, match=r"None of the 2 files uploaded holds a ledger: 'notes.csv': No sheet"
    ):
        combine_files([("notes.csv", b"a,b\n1,2\n"), ("more.csv", b"a,b\n1,2\n")])
    with pytest.raises(LedgerError, match=f"combine at most {MAX_FILES}"):
        combine_files([("q1.xlsx", Q1)] * (MAX_FILES + 1))


def test_two_files_of_one_stem_get_two_sheets():
    combined = combine_files(
        [("north/q1.xlsx", Q1), ("south/q1.csv", b"Date,Partner,Kind,Amount\n2024-01-01,B,Revenue,5\n")]
    )
    assert [sheet for _, sheet, _ in combined.combined] == ["q1", "q1 (2)"]
