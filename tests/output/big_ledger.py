"""A small ledger with eight-digit amounts, for the workbook's layout and printing; figures by hand.

Acme   revenue 12,345,678.90, cost 10,000,000.00 → net 2,345,678.90
       ROI 2,345,678.90 / 10,000,000 = 0.23456789 → Strong (above 20 %)
Delta  revenue 1,100.00, cost 1,000.00 → net 100.00, ROI 0.10 → Moderate (10 % is included)
Beta   revenue 7,654,321.09, cost 20,000,000.00 → net −12,345,678.91
       ROI −12,345,678.91 / 20,000,000 = −0.6172839455 → Weak
Gamma  revenue 300.00, no cost → ROI undefined ("n/a"), written last

By ROI, highest first: Acme, Delta, Beta, then Gamma.
Goals (judged on 2024-07-01): Acme 120 customers against 100 → Achieved; Beta 10 against 100,
due 2024-03-31, already past → Off track.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from core.reading.ledger import read_ledger
from core.report import Report, build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

ROWS = [
    ["2024-01-15", "Acme", "Revenue", 12_345_678.90],
    ["2024-01-20", "Acme", "Cost", 10_000_000.00],
    ["2024-02-10", "Beta", "Revenue", 7_654_321.09],
    ["2024-02-10", "Beta", "Cost", 20_000_000.00],
    ["2024-03-05", "Gamma", "Revenue", 300.00],
    ["2024-04-05", "Delta", "Revenue", 1_100.00],
    ["2024-04-06", "Delta", "Cost", 1_000.00],
]
GOALS = [
    ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
    ["Acme", "Customers", 100, 120, "customers", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "Kim"],
    ["Beta", "Customers", 100, 10, "customers", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "Lee"],
]
SETTINGS = Settings(initiative_date=dt.date(2024, 3, 1), as_of=dt.date(2024, 7, 1))
BY_ROI = ["Acme", "Delta", "Beta", "Gamma"]
BIG_MONEY = "12,345,678.90"  # Acme's revenue, as the money format shows it
BIG_LOSS = "-12,345,678.91"  # Beta's net value


@cache
def big_report() -> Report:
    """The report of the ledger above (built once; tests only read it)."""
    return build_report(read_ledger(ledger_bytes(ROWS, Goals=GOALS), "big.xlsx"), SETTINGS)
