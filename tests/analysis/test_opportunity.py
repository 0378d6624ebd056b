"""Opportunity cost and value over the hurdle rate, month by month (#28.1, #32.1), worked by hand.

The definition (core/analysis/time_value.py, the About sheet): each month's net flow (revenue − cost
of the month, the flows NPV uses) is carried at the hurdle rate r from the START of its month to the
END of the view; month m of a view of N months earns or forgoes (1 + r)^((N − m + 1)/12) − 1.
Opportunity cost = Σ −net flow × that factor; value over the hurdle = net value − opportunity cost;
alternative's return = opportunity cost / cost; points = value over / cost × 100.

Factors at 10 % a year used below: 1.1^(1/12) − 1 = 0.0079741404, 1.1^(2/12) − 1 = 0.0160118678,
1.1^(3/12) − 1 = 0.0241136891.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pytest

from core.analysis.time_value import TimeSettings
from core.model import PORTFOLIO
from core.reading.ledger import read_ledger
from core.report import Report, build_report, with_choices
from core.settings import Settings
from tests.helpers import ledger_bytes

AS_OF = dt.date(2026, 1, 31)


def report_of(rows: list[list[object]], settings: Settings = Settings()) -> Report:
    return build_report(read_ledger(ledger_bytes(rows), "x.xlsx"), replace(settings, as_of=AS_OF))


def months_of_cost(first_year: int, count: int, amount: float) -> list[list[object]]:
    return [[f"{first_year + m // 12}-{m % 12 + 1:02d}-15", "Acme", "Cost", amount] for m in range(count)]


def test_the_issue_example_240000_over_24_months_at_10_percent():
    """10,000 a month, January 2024 to December 2025, no revenue: January's cost is out 24 months,
    December 2025's one month. Opportunity cost = 10,000 × Σ_{k=1..24} (1.1^(k/12) − 1) = 25,451.27
    (today's code charged the whole 240,000 for two years: × 0.21 = 50,400.00)."""
    report = report_of(months_of_cost(2024, 24, 10_000))
    by_hand = sum(10_000 * (1.1 ** (k / 12) - 1) for k in range(1, 25))
    assert round(by_hand, 2) == 25_451.27
    found = report.opportunity.loc["Acme"]
    assert found["opportunity_cost"] == 25_451.27
    # Net value −240,000 − 25,451.27.
    assert found["value_over_alternative"] == -265_451.27
    assert found["alternative_return"] == pytest.approx(25_451.27 / 240_000, abs=1e-10)
    assert found["points_over_alternative"] == pytest.approx(-265_451.27 / 240_000 * 100, abs=1e-6)


def test_revenue_in_the_last_month_earns_its_one_month_back():
    """The same costs and 264,000 of revenue on 20 December 2025 (net 24,000): the revenue is in for
    the last month, 264,000 × 0.0079741404 = 2,105.17, so opportunity cost = 25,451.27 − 2,105.17
    = 23,346.10 (to the cent of the exact 23,346.0958) and value over the hurdle 24,000 − 23,346.10
    = 653.90, where the Alliances sheet said 0.00 and the Decisions sheet −26,400.00."""
    rows = [*months_of_cost(2024, 24, 10_000), ["2025-12-20", "Acme", "Revenue", 264_000]]
    report = report_of(rows)
    assert report.opportunity.at["Acme", "opportunity_cost"] == 23_346.10
    assert report.opportunity.at["Acme", "value_over_alternative"] == 653.90
    assert report.time_value.at["Acme", "hurdle_value"] == 653.90


# Three months in view, January to March 2025. Acme: cost 1,000 in January, revenue 1,200 in March.
# Beta: revenue 450 in January, cost 500 in February. Free: revenue 100 in March, no cost.
THREE_MONTHS = [
    ["2025-01-10", "Acme", "Cost", 1_000],
    ["2025-03-10", "Acme", "Revenue", 1_200],
    ["2025-01-12", "Beta", "Revenue", 450],
    ["2025-02-12", "Beta", "Cost", 500],
    ["2025-03-14", "Free", "Revenue", 100],
]


def test_each_months_net_flow_is_carried_to_the_end_of_the_view():
    found = report_of(THREE_MONTHS).opportunity
    # Acme: 1,000 × 0.0241136891 − 1,200 × 0.0079741404 = 24.1136891 − 9.5689685 = 14.5447 → 14.54;
    # value over 200 − 14.54 = 185.46; 185.46 / 1,000 × 100 = 18.546 points; return 14.54 / 1,000.
    assert found.at["Acme", "opportunity_cost"] == 14.54
    assert found.at["Acme", "value_over_alternative"] == 185.46
    assert found.at["Acme", "points_over_alternative"] == pytest.approx(18.546, abs=1e-9)
    assert found.at["Acme", "alternative_return"] == pytest.approx(0.01454, abs=1e-12)
    # Beta, revenue first: −450 × 0.0241136891 + 500 × 0.0160118678 = −10.8511601 + 8.0059339
    # = −2.8452 → −2.85 (the early revenue earns more than the later cost forgoes);
    # value over −50 + 2.85 = −47.15; −47.15 / 500 × 100 = −9.43 points.
    assert found.at["Beta", "opportunity_cost"] == -2.85
    assert found.at["Beta", "value_over_alternative"] == -47.15
    assert found.at["Beta", "points_over_alternative"] == pytest.approx(-9.43, abs=1e-9)
    # Free: −100 × 0.0079741404 = −0.80; value over 100.80; no cost, so no return and no points.
    assert found.at["Free", "opportunity_cost"] == -0.80
    assert found.at["Free", "value_over_alternative"] == 100.80
    assert math.isnan(found.at["Free", "points_over_alternative"])
    assert math.isnan(found.at["Free", "alternative_return"])
    # Portfolio flows: January −1,000 + 450 = −550, February −500, March 1,200 + 100 = 1,300:
    # 550 × 0.0241136891 + 500 × 0.0160118678 − 1,300 × 0.0079741404 = 13.2625290 + 8.0059339
    # − 10.3663826 = 10.9021 → 10.90; value over 250 − 10.90 = 239.10; 239.10 / 1,500 × 100 = 15.94.
    assert found.at[PORTFOLIO, "opportunity_cost"] == 10.90
    assert found.at[PORTFOLIO, "value_over_alternative"] == 239.10
    assert found.at[PORTFOLIO, "points_over_alternative"] == pytest.approx(15.94, abs=1e-9)


def test_value_over_hurdle_and_value_over_alternative_are_one_figure():
    """The Alliances sheet's 'Value over hurdle' (time_value.hurdle_value) is the Decisions sheet's
    'Value over alternative', for every alliance and the portfolio, at the sidebar's hurdle rate and
    at a named next-best use's own rate (20 %: Acme 1,000 × (1.2^(3/12) − 1) − 1,200 × (1.2^(1/12)
    − 1) = 46.6351 − 18.3714 = 28.2638 → 28.26; 200 − 28.26 = 171.74)."""
    report = report_of(THREE_MONTHS)
    assert (
        report.time_value["hurdle_value"].tolist()
        == report.opportunity["value_over_alternative"].reindex(report.time_value.index).tolist()
    )
    named = with_choices(report, replace(report.settings, alternative_rate=0.20, alternative_name="Index"))
    assert named.opportunity.at["Acme", "value_over_alternative"] == 171.74
    assert named.time_value.at["Acme", "hurdle_value"] == 171.74
    built = report_of(THREE_MONTHS, Settings(time=TimeSettings(hurdle_rate=0.20)))
    assert built.time_value.at["Acme", "hurdle_value"] == 171.74
    assert built.opportunity.attrs == {"alternative_rate": 0.20, "alternative_name": "the hurdle rate"}


def test_a_zero_hurdle_rate_costs_nothing():
    found = report_of(THREE_MONTHS, Settings(time=TimeSettings(hurdle_rate=0.0))).opportunity
    assert found["opportunity_cost"].tolist() == [0.0, 0.0, 0.0, 0.0]
    # Value over a 0 % hurdle is the net value: Acme 200, Beta −50, Free 100, Portfolio 250.
    assert found["value_over_alternative"].tolist() == [200.0, -50.0, 100.0, 250.0]
