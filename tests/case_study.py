"""A ledger that encodes the seed case study: portfolio ROI 8 % before, 18 % after, revenue +25 %.

Monthly entries on the 15th, July 2024 to June 2025; the initiative starts 2025-01-01.

    alliance  side    revenue                 cost                          ROI
    Alpha     before  6 × 6,000 = 36,000      6 × 5,000 = 30,000            0.20
    Alpha     after   6 × 7,500 = 45,000      6 × 6,000 = 36,000            0.25
    Beta      before  6 × 4,620 = 27,720      5 × 5,000 + 4,000 = 29,000    −1,280 / 29,000
    Beta      after   6 × 5,775 = 34,650      6 × 5,250 = 31,500            0.10
    Gamma     before  6 × 1,100 = 6,600       6 × 1,000 = 6,000             0.10   (no initiative:
    Gamma     after   6 × 1,150 = 6,900       6 × 1,000 = 6,000             0.15    control group)

    Alpha + Beta before: revenue 63,720, cost 59,000, ROI 4,720 / 59,000 = 0.08
    Alpha + Beta after:  revenue 79,650, cost 67,500, ROI 12,150 / 67,500 = 0.18
    revenue change 79,650 / 63,720 − 1 = 0.25; cost change 67,500 / 59,000 − 1 = 8,500 / 59,000
    control change +5 points, so difference-in-differences = 10 − 5 = +5 points.
"""

from __future__ import annotations

import datetime as dt

from tests.helpers import ledger_bytes

BEFORE_MONTHS = [dt.date(2024, m, 15) for m in range(7, 13)]
AFTER_MONTHS = [dt.date(2025, m, 15) for m in range(1, 7)]
INITIATIVE = dt.date(2025, 1, 1)


def case_rows() -> list[list[object]]:
    """Date, Alliance, Kind, Amount rows of the case-study ledger."""
    rows: list[list[object]] = []
    for i, day in enumerate(BEFORE_MONTHS):
        rows += [
            [day, "Alpha", "Revenue", 6000],
            [day, "Alpha", "Cost", 5000],
            [day, "Beta", "Revenue", 4620],
            [day, "Beta", "Cost", 4000 if i == 5 else 5000],
            [day, "Gamma", "Revenue", 1100],
            [day, "Gamma", "Cost", 1000],
        ]
    for day in AFTER_MONTHS:
        rows += [
            [day, "Alpha", "Revenue", 7500],
            [day, "Alpha", "Cost", 6000],
            [day, "Beta", "Revenue", 5775],
            [day, "Beta", "Cost", 5250],
            [day, "Gamma", "Revenue", 1150],
            [day, "Gamma", "Cost", 1000],
        ]
    return rows


ALLIANCES_SHEET = [
    ["Alliance", "Type", "Initiative date"],
    ["Alpha", "Value Multiplier", INITIATIVE],
    ["Beta", "Market Accelerator", INITIATIVE],
    ["Gamma", "Innovation Catalyst", None],
]


def case_workbook() -> bytes:
    """The case-study ledger with its Alliances sheet (Alpha and Beta took part, Gamma did not)."""
    return ledger_bytes(case_rows(), Alliances=ALLIANCES_SHEET)
