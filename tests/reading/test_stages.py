"""A CRM opportunity export's stage column (issue 27.9): only rows of a won stage count; every other
row is left out, listed with its stage, and a note gives the rows per stage. Which stages count is
the user's to say (`won_stages`, the command's --won-stages, the link's `won`)."""

from __future__ import annotations

import pytest

from core.reading.ledger import read_ledger
from core.reading.stages import STAGE_OF_VALUE
from core.settings import Settings, parse_values, to_values
from tests.helpers import summarize, workbook_bytes

HEADER = ["Close date", "Account", "Deal value", "Status"]
ROWS = [
    ["2024-01-05", "Acme", 100, "won"],  # row 2: counts
    ["2024-01-06", "Acme", 50, "pending"],  # row 3: open
    ["2024-01-07", "Beta", 70, "Closed Lost"],  # row 4: lost
    ["2024-01-08", "Beta", 30, "Won"],  # row 5: counts (case does not matter)
    ["2024-01-09", "Gamma", 5, ""],  # row 6: no stage
]


def deals(rows=ROWS, header=HEADER) -> bytes:
    return workbook_bytes({"Deals": [header, *rows]})


def revenue(ledger) -> dict[str, float]:
    table = ledger.entries[ledger.entries["kind"] == "revenue"].groupby("alliance", observed=True)["amount"]
    return {str(name): float(total) for name, total in table.sum().items()}


def test_only_won_rows_count_and_the_others_are_listed_by_stage():
    """Acme: 100 (won; pending 50 left out); Beta: 30 (Won; Closed Lost 70 left out); Gamma: nothing."""
    ledger = read_ledger(deals(), "crm.xlsx", revenue_only=True)
    assert revenue(ledger) == {"Acme": 100.0, "Beta": 30.0}
    issues = ledger.issues[["row", "column", "value", "reason"]].values.tolist()
    assert issues == [
        [3, "Status", "pending", "stage 'pending': an open deal, not won, so not counted"],
        [4, "Status", "Closed Lost", "stage 'Closed Lost': a lost deal, so not counted"],
        [6, "Status", "", "no stage, so not counted"],
    ]
    assert ledger.rows_left_out == 3
    assert (
        "Sheet 'Deals': column D 'Status' read as the deal stage: only rows of a won stage count (rows: won 2); "
        "the other rows are left out and listed on Data issues (rows: pending 1, Closed Lost 1, (no stage) 1). "
        "To count other stages too, say which (the command: --won-stages 'won,pending')."
    ) in ledger.notes
    assert ledger.source.columns["stage"] == "Status"
    assert (
        "only rows whose 'Status' is a won stage count (the others are on Data issues)"
        in ledger.source.derived
    )


def test_the_user_says_which_stages_count():
    """won and pending count: Acme 100 + 50 = 150, Beta 30; Closed Lost and the blank are left out."""
    ledger = read_ledger(deals(), "crm.xlsx", revenue_only=True, won_stages=("Won", "Pending"))
    assert revenue(ledger) == {"Acme": 150.0, "Beta": 30.0}
    assert ledger.issues["row"].tolist() == [4, 6]
    assert (
        ledger.issues["reason"].tolist()[0] == "stage 'Closed Lost': not a stage that counts, so not counted"
    )
    assert any("only rows of the stages you named count (rows: won 2, pending 1)" in n for n in ledger.notes)


def test_a_status_column_of_other_values_is_not_the_stage():
    """'Refunded' is no deal stage: the column is not read as one and all three rows count (60)."""
    rows = [["2024-01-05", "Acme", 10, "Completed"], ["2024-01-06", "Acme", 20, "Refunded"]]
    rows.append(["2024-01-07", "Acme", 30, "Completed"])
    ledger = read_ledger(deals(rows), "shop.xlsx", revenue_only=True)
    assert revenue(ledger) == {"Acme": 60.0}
    assert ledger.issues.empty
    assert "stage" not in ledger.source.columns
    assert (
        "Sheet 'Deals': column D 'Status' holds values that are not deal stages ('Refunded'), so it is not "
        "read as the stage and every row counts. If it is, say which stages count (the command: "
        "--won-stages 'Refunded')."
    ) in ledger.notes


def test_a_row_left_out_for_another_reason_keeps_that_reason():
    """Row 3 has no date: one issue for its date, none for its stage; row 2 counts (100)."""
    rows = [["2024-01-05", "Acme", 100, "won"], ["", "Acme", 50, "pending"]]
    ledger = read_ledger(deals(rows), "crm.xlsx", revenue_only=True)
    assert revenue(ledger) == {"Acme": 100.0}
    assert ledger.issues["column"].tolist() == ["Close date"]


@pytest.mark.parametrize(
    ("value", "stage"),
    [
        ("Closed Won", "won"),
        ("closed-won", "won"),
        ("Shipped", "won"),
        ("Gewonnen", "won"),
        ("Gagné", "won"),
        ("Proposal", "open"),
        ("Negotiation", "open"),
        ("En attente", "open"),
        ("Declined", "lost"),
        ("Closed Lost", "lost"),
        ("Verloren", "lost"),
        ("Perdido", "lost"),
    ],
)
def test_stage_words(value, stage):
    from core.reading.parsing import normalise_header

    assert STAGE_OF_VALUE[normalise_header(value)] == stage


def test_the_stages_that_count_travel_in_a_link():
    decoded = parse_values({"won": ["Won, Closed Won"]})
    assert decoded.settings.won_stages == ("Won", "Closed Won")
    assert to_values(Settings(won_stages=("Won", "Closed Won")))["won"] == ["Won,Closed Won"]


def test_the_command_counts_the_stages_it_is_told(tmp_path):
    """--won-stages 'won,pending': Acme 100 + 50 = 150; Beta 30."""
    import openpyxl

    path = tmp_path / "crm.xlsx"
    path.write_bytes(deals())
    out = tmp_path / "summary.xlsx"
    done = summarize(str(path), "-o", str(out), "--revenue-only", "--won-stages", "won,pending")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)["Alliances"]
    header = [c.value for c in sheet[1]]
    got = {r[0]: r[header.index("Revenue")] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert got == {"Acme": 150, "Beta": 30}


def test_the_readme_stage_table_is_written_from_the_stage_table():
    from pathlib import Path

    from core.reading.stages import stages_markdown

    assert stages_markdown() in (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_a_stage_column_of_won_rows_only_says_so():
    rows = [["2024-01-05", "Acme", 100, "Shipped"], ["2024-01-06", "Acme", 50, "shipped"]]
    ledger = read_ledger(deals(rows), "orders.xlsx", revenue_only=True)
    assert revenue(ledger) == {"Acme": 150.0}
    assert (
        "Sheet 'Deals': column D 'Status' read as the deal stage: every row read is of a won stage (Shipped 2)."
    ) in ledger.notes
