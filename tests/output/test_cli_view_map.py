"""`summarize --view LINK` of a column-mapped view: the link's mapping is applied, `--map` overrides a
field of it, and a tampered one is a warning (issue 27.6)."""

from __future__ import annotations

import urllib.parse

import openpyxl
import pytest

from tests.helpers import summarize, workbook_bytes

# A title above the header on row 2; headers the reader does not know; two money columns.
# Read with EUR: Acme revenue 1,200.50, cost 1,000.25 → ROI 200.25 / 1,000.25 = 20.02 %;
#                Beta revenue 500, cost 400 → ROI 100 / 400 = 25 %.
# Read with 'EUR booked': Acme 1,300 / 1,000 → 30 %; Beta 600 / 400 → 50 %.
ROWS = [
    ["Partner export, Q1"],
    ["Posting day", "Counterparty", "Flow", "EUR", "EUR booked"],
    ["2024-01-05", "Acme", "Income", 1200.50, 1300],
    ["2024-01-06", "Acme", "Expense", 1000.25, 1000],
    ["2024-02-05", "Beta", "Income", 500, 600],
    ["2024-02-06", "Beta", "Expense", 400, 400],
]
MAPPED = [
    ("src", "erp.xlsx"),
    ("fp", "0badf00d"),
    ("msheet", "Export"),
    ("mrow", "2"),
    ("map", "alliance:Counterparty"),
    ("map", "amount:EUR"),
    ("map", "date:Posting day"),
    ("map", "kind:Flow"),
    ("strong", "22"),
]


def link(pairs: list[tuple[str, str]]) -> str:
    return "https://roi.example/?" + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "erp.xlsx"
    path.write_bytes(workbook_bytes({"Export": ROWS}))
    return path


def figures(path) -> dict[str, tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path)["Alliances"]
    header = [c.value for c in sheet[1]]
    columns = [header.index(h) for h in ("Revenue", "Cost", "ROI", "Band")]
    return {row[0]: tuple(row[i] for i in columns) for row in sheet.iter_rows(min_row=2, values_only=True)}


def about(path) -> dict[str, object]:
    return {r[0]: r[1] for r in openpyxl.load_workbook(path)["About"].iter_rows(values_only=True) if r[0]}


def test_the_links_mapping_reads_the_file_as_the_app_did(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    assert summarize(str(ledger), "-o", str(out)).returncode == 2, "unknown headers without the link"
    done = summarize(str(ledger), "-o", str(out), "--view", link(MAPPED))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # Strong above 22 %: Acme (20.02 %) Moderate, Beta (25 %) Strong.
    assert figures(out) == {
        "Acme": (1200.5, 1000.25, pytest.approx(200.25 / 1000.25), "Moderate"),
        "Beta": (500, 400, 0.25, "Strong"),
    }
    # The workbook's own link reopens the mapped view in the app.
    reopen = urllib.parse.parse_qs(urllib.parse.urlsplit(about(out)["Link that reopens this view"]).query)
    assert reopen["msheet"] == ["Export"] and reopen["mrow"] == ["2"]
    assert reopen["map"] == ["alliance:Counterparty", "amount:EUR", "date:Posting day", "kind:Flow"]


def test_a_map_flag_overrides_the_links_field(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    done = summarize(str(ledger), "-o", str(out), "--view", link(MAPPED), "--map", "amount=EUR booked")
    assert done.returncode == 0, done.stderr
    # Strong above 22 %: Acme 30 % and Beta 50 % both Strong.
    assert figures(out) == {"Acme": (1300, 1000, 0.3, "Strong"), "Beta": (600, 400, 0.5, "Strong")}
    reopen = urllib.parse.parse_qs(urllib.parse.urlsplit(about(out)["Link that reopens this view"]).query)
    assert "amount:EUR booked" in reopen["map"] and "amount:EUR" not in reopen["map"]


def test_a_map_flag_naming_a_header_of_the_link_takes_it_from_its_field(ledger, tmp_path):
    """--map revenue=EUR while the link maps amount:EUR: EUR is read as revenue only, the link's
    amount gives way (one column is never two fields), and the ledger is said to hold revenue only."""
    out = tmp_path / "summary.xlsx"
    done = summarize(
        str(ledger), "-o", str(out), "--view", link(MAPPED), "--map", "revenue=EUR", "--revenue-only"
    )
    assert done.returncode == 0, done.stderr
    # Every row's EUR is revenue: Acme 1,200.50 + 1,000.25 = 2,200.75; Beta 500 + 400 = 900.
    assert {a: f[:2] for a, f in figures(out).items()} == {"Acme": (2200.75, 0), "Beta": (900, 0)}


@pytest.mark.parametrize(
    ("tampered", "warning"),
    [
        (
            ("mrow", "99"),
            "warning: the link's 'mrow=99' (column mapping) is not a row from 1 to 15: using no column "
            "mapping (map the columns of the file by hand).",
        ),
        (
            ("map", "cost:EUR"),
            "warning: the link's 'map=cost:EUR' (column mapping) maps 'EUR' to two fields: using no "
            "column mapping (map the columns of the file by hand).",
        ),
    ],
)
def test_a_tampered_mapping_is_a_warning_and_the_file_is_then_refused(ledger, tmp_path, tampered, warning):
    out = tmp_path / "summary.xlsx"
    pairs = [p for p in MAPPED if p[0] != tampered[0] or tampered[0] == "map"] + [tampered]
    done = summarize(str(ledger), "-o", str(out), "--view", link(pairs))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == warning
    assert lines[1].startswith("error: No sheet looks like a ledger")
    assert not out.exists()


def test_another_sheet_sets_the_links_mapping_aside(ledger, tmp_path):
    done = summarize(str(ledger), "-o", str(tmp_path / "s.xlsx"), "--view", link(MAPPED), "--sheet", "Other")
    assert done.stderr.splitlines()[0] == (
        "warning: the link's column mapping is for sheet 'Export', not --sheet 'Other': left out."
    )


def test_a_mapping_that_does_not_fit_the_file_is_an_unusable_input(tmp_path):
    path = tmp_path / "erp.xlsx"
    path.write_bytes(workbook_bytes({"Export": [ROWS[0], ["Day", *ROWS[1][1:]], *ROWS[2:]]}))
    out = tmp_path / "summary.xlsx"
    done = summarize(str(path), "-o", str(out), "--view", link(MAPPED))
    assert done.returncode == 2
    assert done.stderr == (
        "error: Row 2 of sheet 'Export' has no column 'Posting day' (date): map the columns of this file.\n"
    )
    assert not out.exists()
