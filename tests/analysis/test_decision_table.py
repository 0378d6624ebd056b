"""Ledger → recommendation → reasons, through the whole report, for the rules issue 28.4 named:
each fact counted once, quartile points only where the portfolio has a spread, absent sheets
neither reward nor punish. Every ledger is one quarter (Jan–Mar 2024), so no trend is read.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.analysis.decisions import NO_REASON
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

HEALTH_HEADER = ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"]
RISK_HEADER = ["Alliance", "Risk", "Probability", "Impact", "Mitigation", "Owner"]


def flows(name: str, revenue: float, cost: float) -> list[list[object]]:
    return [["2024-01-15", name, "Revenue", revenue], ["2024-01-20", name, "Cost", cost]]


def decided(rows: list[list[object]], **sheets: list[list[object]]):
    ledger = read_ledger(ledger_bytes(rows, **sheets), "table.xlsx")
    return build_report(ledger, Settings(as_of=dt.date(2024, 3, 31))).decisions


CASES = {
    # Moderate 15 % alone, no Goals sheet: nothing for or against (was Fix on 'no goals' alone).
    "moderate alone": (flows("A", 1150, 1000), {}, "A", "Maintain", NO_REASON),
    # Strong 30 % alone: the band's +2, no 'Top quartile' of a portfolio of one.
    "strong alone": (flows("A", 1300, 1000), {}, "A", "Maintain", "Band Strong (+2)"),
    # Four alliances at 15 %: no spread, no quartile points for anyone.
    "four equal": (
        [r for n in "ABCD" for r in flows(n, 1150, 1000)],
        {},
        "D",
        "Maintain",
        NO_REASON,
    ),
    # A Risks row for A only, no Alliances sheet: B gets no 'No exit conditions'.
    "one risk row": (
        flows("A", 1150, 1000) + flows("B", 1150, 1000),
        {"Risks": [RISK_HEADER, ["A", "Churn", 0.1, 2, "Plan", "Kim"]]},
        "B",
        "Maintain",
        NO_REASON,
    ),
    # Health us 1, partner 1 on every dimension: score 1, −1 once (the low-score flag is the same fact).
    "low health": (
        flows("A", 1150, 1000),
        {"Health": [HEALTH_HEADER, ["A", "Us", 1, 1, 1, 1], ["A", "Partner", 1, 1, 1, 1]]},
        "A",
        "Fix",
        "Health score 1.0 (−1)",
    ),
    # Us 1 on four dimensions, partner 4 on one: (1 + 4) / 2 = 2.5, no health points; the low-score
    # flag is the health factor's fact, so it costs nothing either; the gap (3 on Strategic fit) does.
    "sides apart": (
        flows("A", 1150, 1000),
        {"Health": [HEALTH_HEADER, ["A", "Us", 1, 1, 1, 1], ["A", "Partner", 4, None, None, None]]},
        "A",
        "Fix",
        "1 red flag: Sides' health scores 2 or more apart (−1)",
    ),
    # One side only, scoring 5: one side's view earns no point.
    "one side": (
        flows("A", 1150, 1000),
        {"Health": [HEALTH_HEADER, ["A", "Us", 5, 5, 5, 5]]},
        "A",
        "Maintain",
        NO_REASON,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_ledger_to_recommendation_and_reasons(case):
    rows, sheets, alliance, recommendation, reasons = CASES[case]
    decisions = decided(rows, **sheets)
    assert (decisions.at[alliance, "recommendation"], decisions.at[alliance, "reasons"]) == (
        recommendation,
        reasons,
    )
