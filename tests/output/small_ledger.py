"""A small hand-written ledger whose every figure is worked out in the comments below.

Three alliances, January to June 2024, initiative on 1 April 2024 (equal windows: three months a side).

    Acme   revenue 600 (Jan 15) + 700 (Apr 15) = 1,300; cost 500 (Jan 20) + 500 (Apr 20) = 1,000
           ROI (1,300 − 1,000) / 1,000 = 0.30 → Strong (above 20 %)
    Beta   revenue 450 (Feb 10) + 450 (May 10) = 900;   cost 500 + 500 = 1,000
           ROI (900 − 1,000) / 1,000 = −0.10 → Weak
    Gamma  revenue 200 (Mar 5) + 300 (Jun 5) = 500; no cost → ROI undefined

    Portfolio: revenue 2,700, cost 2,000, ROI 0.35.
    Quartile cuts over the defined ROIs [−0.10, 0.30] (QUARTILE.INC, rank (n − 1)·q/4 = q/4):
        P25 = −0.10 + 0.25 × 0.40 = 0.00; P50 = 0.10; P75 = 0.20 → Acme Top, Beta Bottom.
    A row with amount "oops" (sheet row 12) is left out.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from core.reading.ledger import read_ledger
from core.report import Report, build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

ROWS = [
    ["2024-01-15", "Acme", "Revenue", 600],
    ["2024-01-20", "Acme", "Cost", 500],
    ["2024-04-15", "Acme", "Revenue", 700],
    ["2024-04-20", "Acme", "Cost", 500],
    ["2024-02-10", "Beta", "Revenue", 450],
    ["2024-02-10", "Beta", "Cost", 500],
    ["2024-05-10", "Beta", "Revenue", 450],
    ["2024-05-10", "Beta", "Cost", 500],
    ["2024-03-05", "Gamma", "Revenue", 200],
    ["2024-06-05", "Gamma", "Revenue", 300],
    ["2024-03-06", "Gamma", "Revenue", "oops"],
]
ALLIANCES = [
    ["Alliance", "Type"],
    ["Acme", "Value Multiplier"],
    ["Beta", "Value Multiplier"],
    ["Gamma", "Market Accelerator"],
]
GOALS = [
    ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
    ["Acme", "Customers", 100, 40, "customers", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "Kim"],
]
SETTINGS = Settings(initiative_date=dt.date(2024, 4, 1), as_of=dt.date(2024, 7, 1))


@cache
def small_report() -> Report:
    """The report of the ledger above (built once; tests only read it)."""
    data = ledger_bytes(ROWS, Alliances=ALLIANCES, Goals=GOALS)
    return build_report(read_ledger(data, "tables.xlsx"), SETTINGS)
