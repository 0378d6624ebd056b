"""Revenue and cost by category per alliance: the ledger's Category column, reported."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from core.analysis.categories import by_category
from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import workbook_bytes

HEADER = ["Date", "Alliance", "Kind", "Amount", "Category"]
ROWS = [
    ["2024-01-05", "Acme", "Revenue", 1000, "joint sales"],
    ["2024-02-05", "Acme", "Revenue", 250.50, "joint sales"],
    ["2024-01-09", "Acme", "Revenue", 300, "referral fees"],
    ["2024-01-10", "Acme", "Cost", 400, "headcount"],
    ["2024-01-11", "Acme", "Cost", 100, ""],
    ["2024-01-12", "Beta", "Cost", 80, "co-marketing"],
    ["2024-01-13", "Beta", "Revenue", 90, "co-marketing"],
]


def test_revenue_and_cost_per_category_largest_first():
    ledger = read_ledger(workbook_bytes({"Ledger": [HEADER, *ROWS]}), "c.xlsx")
    table = by_category(ledger.entries)
    rows = [tuple(r) for r in table.itertuples(index=False)]
    # Acme: joint sales 1,000 + 250.50 = 1,250.50 revenue; referral fees 300; headcount cost 400;
    # the blank category 100 of cost. Ordered by revenue + cost, largest first. Beta: co-marketing.
    assert rows == [
        ("Acme", "joint sales", 1250.50, 0.0, 1250.50),
        ("Acme", "headcount", 0.0, 400.0, -400.0),
        ("Acme", "referral fees", 300.0, 0.0, 300.0),
        ("Acme", "(no category)", 0.0, 100.0, -100.0),
        ("Beta", "co-marketing", 90.0, 80.0, 10.0),
    ]


def test_no_category_column_means_no_table():
    ledger = read_ledger(workbook_bytes({"Ledger": [HEADER[:4], *(r[:4] for r in ROWS)]}), "c.xlsx")
    assert by_category(ledger.entries).empty


def test_the_summary_sheet_has_the_category_section():
    report = build_report(read_ledger(workbook_bytes({"Ledger": [HEADER, *ROWS]}), "c.xlsx"), Settings())
    sheet = load_workbook(io.BytesIO(summary_workbook(report)))["Summary"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "Revenue and cost by category")
    assert rows[start + 1][:5] == ["Alliance", "Category", "Revenue", "Cost", "Net value"]
    assert rows[start + 2][:5] == ["Acme", "joint sales", 1250.5, 0, 1250.5]
