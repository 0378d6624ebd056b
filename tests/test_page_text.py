"""Texts cut for the app's pages (#31.3): at most 120 characters ending in '…', distinct names
kept distinct (so each keeps its own figures), a note naming sheet, row and column."""

from __future__ import annotations

from core.page_text import for_page
from core.reading.ledger import read_ledger
from tests.helpers import ledger_bytes

FIRST = "A" * 5_000
SECOND = "A" * 4_000  # cut, it reads as FIRST's cut: it must stay another alliance


def test_long_names_are_cut_distinct_with_a_note_and_their_figures_are_their_own():
    ledger = read_ledger(
        ledger_bytes(
            [
                ["2025-01-10", FIRST, "Revenue", 300],
                ["2025-01-10", FIRST, "Cost", 100],
                ["2025-02-10", SECOND, "Revenue", 50],
                ["2025-02-10", SECOND, "Cost", 100],
                ["2025-03-10", "Short", "Revenue", 7],
            ]
        ),
        "long.xlsx",
    )
    shown = for_page(ledger)
    names = shown.entries["alliance"].tolist()
    first, second = "A" * 119 + "…", "A" * 115 + "… (2)"
    assert names == [first, first, second, second, "Short"]
    assert all(len(name) <= 120 for name in names)
    assert shown.entries["amount"].tolist() == ledger.entries["amount"].tolist()
    by_name = shown.entries.groupby("alliance")["amount"].sum()
    assert by_name[first] == 400 and by_name[second] == 150  # 300 + 100; 50 + 100
    notes = [n for n in shown.notes if "characters is shown on these pages" in n]
    assert notes[0].startswith("Sheet 'Ledger', row 2, column 'Alliance': a text of 5,000 characters")
    assert notes[1].startswith("Sheet 'Ledger', row 4, column 'Alliance': a text of 4,000 characters")
    assert len(notes) == 2


def test_a_ledger_of_short_texts_is_the_same_ledger():
    rows = [["2025-01-10", "Short", "Revenue", 7], ["2025-01-10", "Short", "Cost", 5]]
    ledger = read_ledger(ledger_bytes(rows), "short.xlsx")
    assert for_page(ledger) is ledger
