"""`summarize --view LINK` of a view whose kind values were changed in the app (issue 27.3): the
link's kind values are applied, a --kind-values flag overrides the link's reading of a value, and
the workbook's own link carries them on."""

from __future__ import annotations

import urllib.parse

import openpyxl
import pytest

from tests.helpers import summarize, workbook_bytes

# Invoice revenue and Bill cost (the vocabulary's table); Payment is no kind word.
# Read as found: Acme revenue 1,000, cost 400 (Payment left out) → ROI 150 %.
# Payment as revenue (the link): revenue 1,300 → ROI 900 / 400 = 225 %.
# Payment as cost (the flag): cost 700 → ROI 300 / 700 = 42.86 %.
ROWS = [
    ["Date", "Partner", "Type", "Amount"],
    ["2024-01-05", "Acme", "Invoice", 1000],
    ["2024-01-06", "Acme", "Bill", 400],
    ["2024-01-07", "Acme", "Payment", 300],
]
LINK = "https://roi.example/?" + urllib.parse.urlencode(
    [("src", "qb.xlsx"), ("fp", "0badf00d"), ("kv", "Payment:revenue")], quote_via=urllib.parse.quote
)


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "qb.xlsx"
    path.write_bytes(workbook_bytes({"Sales": ROWS}))
    return path


def acme(path) -> tuple[object, ...]:
    sheet = openpyxl.load_workbook(path)["Alliances"]
    header = [c.value for c in sheet[1]]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    return tuple(row[header.index(h)] for h in ("Revenue", "Cost", "ROI"))


def reopened(path) -> dict[str, list[str]]:
    about = {r[0]: r[1] for r in openpyxl.load_workbook(path)["About"].iter_rows(values_only=True) if r[0]}
    return urllib.parse.parse_qs(urllib.parse.urlsplit(about["Link that reopens this view"]).query)


def test_the_links_kind_values_read_the_file_as_the_app_did(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    done = summarize(str(ledger), "-o", str(out), "--view", LINK)
    assert done.returncode == 0, done.stderr
    assert acme(out) == (1300, 400, 2.25)
    assert reopened(out)["kv"] == ["Payment:revenue"]


def test_a_kind_values_flag_overrides_the_links_reading_of_a_value(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    done = summarize(str(ledger), "-o", str(out), "--view", LINK, "--kind-values", "payment=cost")
    assert done.returncode == 0, done.stderr
    assert acme(out) == (1000, 700, pytest.approx(300 / 700))
    assert reopened(out)["kv"] == ["payment:cost"]


def test_a_malformed_kind_value_in_the_link_is_a_warning(ledger, tmp_path):
    out = tmp_path / "summary.xlsx"
    bad = LINK.replace("Payment%3Arevenue", "Payment%3Amaybe")
    done = summarize(str(ledger), "-o", str(out), "--view", bad)
    assert done.returncode == 0, done.stderr
    assert "warning: the link's 'kv=Payment:maybe' (kind values) is not VALUE:READING" in done.stderr
    assert acme(out) == (1000, 400, 1.5)
