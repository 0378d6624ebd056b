"""figures_of on a small ledger whose every figure is worked out here, and goal status worst first.

Ledger (EUR, as of 2024-06-30), amounts with cents written as text:
    Acme   revenue 1,234.56 + 765.45 = 2,000.01 (200,001 cents); cost 1,000.00 + 600.10 = 1,600.10
           (160,010 cents); ROI (200,001 − 160,010) / 160,010 = 39,991 / 160,010 = 0.24992812949…
           → 0.2499281295 at 10 decimals → Strong
           goals: Integration milestone 1 of 1 → Achieved; Customers 40 of 100 with no due date →
           Unknown. Worst first (Off track, At risk, On track, Achieved, Unknown): Achieved
    Beta   revenue 900, cost 1,000 → ROI −0.10 → Weak, flag 'Negative ROI'
           goals (2024-01-01 to 2024-12-31: 181 of 365 days = 49.6 % of the time gone):
           Market share 60 of 100 → 60 % ≥ 49.6 %: On track; Leads 45 of 100 → below 49.6 % but
           ≥ 0.75 × 49.6 % = 37.2 %: At risk; Launch 20 of 100 due 2024-03-31 → past due: Off track
           → 'Off track', and the flag 'Goals off track'. Flags sorted: Goals off track, Negative ROI
    Gamma  revenue 500 on 2024-01-10, no cost → ROI undefined: None, band 'n/a', not ranked ('')
           no goals → 'No goals' and the flag 'No goals defined (vague success metrics)'; data ends
           2024-06-28, nothing after 2024-03-30 → 'No revenue in the last 90 days'
    Quartiles over the defined ROIs [−0.10, 0.2499…] (n = 2, rank q/4): P75 = −0.10 + 0.75 × 0.3499…
    = 0.162 → Acme Top; P25 = −0.10 + 0.25 × 0.3499… = −0.0125 → Beta Bottom.

Headline: revenue 2,000.01 + 900 + 500 = 3,400.01 (340,001 cents); cost 1,600.10 + 1,000 = 2,600.10
(260,010 cents); net 79,991 cents; ROI 79,991 / 260,010 = 0.30764585977… → 0.3076458598, Strong.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.model import ACHIEVED, AT_RISK, OFF_TRACK, ON_TRACK, UNKNOWN
from core.reading.ledger import read_ledger
from core.report import build_report
from core.reviews.snapshot import NO_GOALS, differences, figures_of, goal_status_of
from core.settings import Settings
from tests.helpers import workbook_bytes

AS_OF = dt.date(2024, 6, 30)
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
LEDGER = {
    "Ledger": [
        ["Date", "Alliance", "Kind", "Amount", "Currency"],
        ["2024-02-01", "Acme", "Revenue", "1,234.56", "EUR"],
        ["2024-05-01", "Acme", "Revenue", "765.45", "EUR"],
        ["2024-02-05", "Acme", "Cost", "1,000.00", "EUR"],
        ["2024-05-05", "Acme", "Cost", "600.10", "EUR"],
        ["2024-06-28", "Beta", "Revenue", 900, "EUR"],
        ["2024-06-28", "Beta", "Cost", 1000, "EUR"],
        ["2024-01-10", "Gamma", "Revenue", 500, "EUR"],
    ],
    "Goals": [
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
        ["Acme", "Integration", 1, 1, "milestone", *YEAR, "Kim"],
        ["Acme", "Customers", 100, 40, "customers", YEAR[0], None, "Kim"],
        ["Beta", "Market share", 100, 60, "%", *YEAR, "Lee"],
        ["Beta", "Leads", 100, 45, "leads", *YEAR, "Lee"],
        ["Beta", "Launch", 100, 20, "%", YEAR[0], dt.date(2024, 3, 31), "Lee"],
    ],
}


@pytest.fixture(scope="module")
def figures():
    ledger = read_ledger(workbook_bytes(LEDGER), "portfolio.xlsx")
    return figures_of(build_report(ledger, Settings(as_of=AS_OF)))


def test_headline(figures):
    assert figures["headline"] == {
        "revenue_cents": 340_001,
        "cost_cents": 260_010,
        "net_value_cents": 79_991,
        "roi": 0.3076458598,
        "band": "Strong",
        "alliances": 3,
        "currency": "EUR",
        "as_of": "2024-06-30",
        "period": ["2024-01-10", "2024-06-28"],  # first and last entry
    }


def test_one_record_per_alliance(figures):
    assert figures["alliances"] == [
        {
            "alliance": "Acme",
            "revenue_cents": 200_001,
            "cost_cents": 160_010,
            "roi": 0.2499281295,
            "band": "Strong",
            "quartile": "Top",
            "goal_status": "Achieved",
            "flags": [],
        },
        {
            "alliance": "Beta",
            "revenue_cents": 90_000,
            "cost_cents": 100_000,
            "roi": -0.1,
            "band": "Weak",
            "quartile": "Bottom",
            "goal_status": "Off track",
            "flags": ["Goals off track", "Negative ROI"],
        },
        {
            "alliance": "Gamma",
            "revenue_cents": 50_000,
            "cost_cents": 0,
            "roi": None,
            "band": "n/a",
            "quartile": "",
            "goal_status": "No goals",
            "flags": ["No goals defined (vague success metrics)", "No revenue in the last 90 days"],
        },
    ]


def test_figures_are_plain_json_and_read_back_the_same(figures):
    assert json.loads(json.dumps(figures)) == figures
    assert all(type(r["revenue_cents"]) is int and type(r["cost_cents"]) is int for r in figures["alliances"])


def test_a_portfolio_without_cost_has_an_undefined_roi_and_no_currency():
    # One revenue entry of 250 and no cost: ROI undefined (None, band 'n/a'); no currency named.
    one_entry = workbook_bytes(
        {"Ledger": [["Date", "Alliance", "Kind", "Amount"], ["2024-01-01", "Acme", "Revenue", 250]]}
    )
    ledger = read_ledger(one_entry, "one.xlsx", revenue_only=True)
    figures = figures_of(build_report(ledger, Settings(as_of=AS_OF)))
    assert figures["headline"] == {
        "revenue_cents": 25_000,
        "cost_cents": 0,
        "net_value_cents": 25_000,
        "roi": None,
        "band": "n/a",
        "alliances": 1,
        "currency": None,
        "as_of": "2024-06-30",
        "period": ["2024-01-01", "2024-01-01"],
    }


@pytest.mark.parametrize(
    ("statuses", "summed_up"),
    [
        ([], NO_GOALS),
        ([UNKNOWN], UNKNOWN),
        ([ACHIEVED, UNKNOWN], ACHIEVED),  # a goal that cannot be judged does not hide one that can
        ([ACHIEVED, ON_TRACK], ON_TRACK),
        ([ON_TRACK, AT_RISK, ACHIEVED], AT_RISK),
        ([ON_TRACK, OFF_TRACK, AT_RISK], OFF_TRACK),
    ],
)
def test_goal_status_is_the_worst(statuses, summed_up):
    assert goal_status_of(statuses) == summed_up


class TestDifferences:
    def test_none_when_recomputed_figures_agree(self, figures):
        assert differences(figures, json.loads(json.dumps(figures))) == []

    def test_names_each_headline_figure_and_alliance_that_differs(self, figures):
        now = json.loads(json.dumps(figures))
        now["headline"]["revenue_cents"] = 340_000
        now["alliances"][1]["roi"] = -0.11
        assert differences(figures, now) == [
            "portfolio revenue_cents: saved 340001, now 340000",
            "Beta: saved and recomputed figures differ",
        ]
