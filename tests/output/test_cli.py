"""`python -m core summarize`, exactly as the product contract says, run as a real process."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import ledger_bytes, summarize, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "q1 ledger.xlsx"
    path.write_bytes(
        ledger_bytes(
            [
                ["2024-01-01", "Acme", "Revenue", 1200],
                ["2024-01-05", "Acme", "Cost", 1000],
                ["2024-01-09", "Acme", "Cost", "n/a"],
            ]
        )
    )
    return path


def test_default_output_beside_the_ledger_and_warning_for_left_out_rows(ledger):
    result = summarize(str(ledger))
    assert result.returncode == 0, result.stderr
    output = ledger.with_name("q1 ledger-summary.xlsx")
    assert output.is_file()
    assert result.stderr.strip() == (
        f"warning: 1 ledger rows left out; each is listed with its reason on the "
        f"'Data issues' sheet of {output}"
    )
    sheet = load_workbook(output)["Alliances"]
    assert [c.value for c in sheet[2]][:6] == ["Acme", None, 1200, 1000, 200, 0.2]


def test_explicit_output_sheet_and_initiative_date(ledger, tmp_path):
    out = tmp_path / "out" / "summary.xlsx"
    out.parent.mkdir()
    result = summarize(str(ledger), "-o", str(out), "--sheet", "Ledger", "--initiative-date", "2024-01-03")
    assert result.returncode == 0, result.stderr
    assert out.is_file()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 broken", "broken.xlsx", "is truncated or corrupt"),
        (workbook_bytes({"Stuff": [["Name", "Score"]]}), "stuff.xlsx", "No sheet looks like a ledger"),
        (b"hello", "notes.docx", "is not a spreadsheet this reads"),
    ],
)
def test_unusable_input_exits_2_with_one_error_line_and_no_file(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = summarize(str(path), "-o", str(tmp_path / "out.xlsx"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_missing_file_and_bad_arguments_exit_2(tmp_path):
    result = summarize(str(tmp_path / "nope.xlsx"))
    assert result.returncode == 2 and result.stderr.startswith("error: ")
    bad_date = summarize(str(tmp_path / "nope.xlsx"), "--initiative-date", "31/01/2025")
    assert bad_date.returncode == 2
    assert bad_date.stderr.count("\n") == 1 and "is not a date like 2025-01-31" in bad_date.stderr


def alliances_rows(path: Path) -> dict[str, list]:
    sheet = load_workbook(path)["Alliances"]
    headers = [c.value for c in sheet[1]]
    return {
        row[0]: dict(zip(headers, row, strict=False)) for row in sheet.iter_rows(min_row=2, values_only=True)
    }


@pytest.fixture
def two_alliances(tmp_path):
    # Acme: (1300 − 1000) / 1000 = 30 %, Strong by default; Beta: (1150 − 1000) / 1000 = 15 %, Moderate.
    path = tmp_path / "two.xlsx"
    path.write_bytes(
        workbook_bytes(
            {
                "Ledger": [
                    ["Date", "Alliance", "Kind", "Amount"],
                    ["2024-01-01", "Acme", "Revenue", 1300],
                    ["2024-01-05", "Acme", "Cost", 1000],
                    ["2024-02-01", "Beta", "Revenue", 1150],
                    ["2024-02-05", "Beta", "Cost", 1000],
                ],
                "Alliances": [
                    ["Alliance", "Type"],
                    ["Acme", "Value Multiplier"],
                    ["Beta", "Innovation Catalyst"],
                ],
            }
        )
    )
    return path


def test_view_link_and_flags_set_the_view(two_alliances, tmp_path):
    out = tmp_path / "view.xlsx"
    link = "https://alliance.example/quartiles?src=two.xlsx&fp=12345678&strong=40&moderate=20"
    result = summarize(str(two_alliances), "-o", str(out), "--view", link)
    assert result.returncode == 0, result.stderr
    rows = alliances_rows(out)
    # Strong above 40 %, Moderate from 20 %: Acme's 30 % is Moderate, Beta's 15 % Weak.
    assert (rows["Acme"]["Band"], rows["Beta"]["Band"]) == ("Moderate", "Weak")
    # A flag overrides the link, and a filter keeps one alliance.
    result = summarize(
        str(two_alliances),
        "-o",
        str(out),
        "--view",
        link,
        "--moderate",
        "10",
        "--type",
        "Innovation Catalyst",
    )
    assert result.returncode == 0, result.stderr
    rows = alliances_rows(out)
    assert list(rows) == ["Beta"] and rows["Beta"]["Band"] == "Moderate"


def test_a_refused_flag_is_an_unusable_input(two_alliances, tmp_path):
    out = tmp_path / "never.xlsx"
    result = summarize(str(two_alliances), "-o", str(out), "--discount-rate", "150")
    assert result.returncode == 2
    assert (
        result.stderr
        == "error: --discount-rate 150: is outside -50 to 100 % (see: python -m core summarize --help)\n"
    )
    assert not out.exists()


def test_a_refused_link_value_is_a_warning(two_alliances, tmp_path):
    out = tmp_path / "view.xlsx"
    result = summarize(str(two_alliances), "-o", str(out), "--view", "?strong=abc")
    assert result.returncode == 0
    assert result.stderr == (
        "warning: the link's 'strong=abc' (band threshold 'Strong above') is not a number: using 20 % (the default).\n"
    )


def test_the_about_sheet_holds_the_link_that_reopens_the_view(two_alliances, tmp_path):
    out = tmp_path / "view.xlsx"
    link = "https://alliance.example/quartiles?src=other-name.xlsx&strong=40"
    result = summarize(str(two_alliances), "-o", str(out), "--view", link, "--moderate", "20")
    assert result.returncode == 0, result.stderr
    about = {row[0]: row[1] for row in load_workbook(out)["About"].iter_rows(values_only=True) if row[0]}
    content = hashlib.sha256(two_alliances.read_bytes()).hexdigest()[:8]
    assert about["Link that reopens this view"] == (
        f"https://alliance.example/quartiles?src=two.xlsx&fp={content}&strong=40&moderate=20"
    )
    assert about["Band threshold 'Strong above'"] == "40 %"
    assert about["Band threshold 'Moderate from'"] == "20 %"


def test_the_installed_command_is_the_same_command(two_alliances, tmp_path):
    command = Path(sys.executable).with_name("alliance-roi")
    if not command.exists():
        pytest.skip("the project is not installed in this environment (make installs it with pip -e .)")
    out = tmp_path / "installed.xlsx"
    result = subprocess.run(
        [str(command), "summarize", str(two_alliances), "-o", str(out), "--strong", "40"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert alliances_rows(out)["Acme"]["Band"] == "Moderate"  # 30 % with Strong above 40 %
    usage = subprocess.run([str(command), "summarize", "--bad"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2
    assert usage.stderr.endswith("(see: alliance-roi summarize --help)\n")


def test_a_filter_that_matches_nothing_is_a_warning(two_alliances, tmp_path):
    """Issue 31.7: '?type=NoSuchType' gave a summary of revenue 0 without a word."""
    out = tmp_path / "out.xlsx"
    result = summarize(str(two_alliances), "-o", str(out), "--view", "?type=NoSuchType")
    assert result.returncode == 0, result.stderr
    assert (
        "warning: No entry is in view: the filters (type: NoSuchType) match none of the ledger's 4 entries; "
        "widen the filters or the dates. The workbook shows the empty view.\n"
    ) in result.stderr
    assert out.exists()


def test_a_filter_that_matches_something_says_nothing_of_it(two_alliances, tmp_path):
    result = summarize(str(two_alliances), "-o", str(tmp_path / "out.xlsx"), "--view", "?start=2024-02-01")
    assert result.returncode == 0, result.stderr
    assert "No entry is in view" not in result.stderr
