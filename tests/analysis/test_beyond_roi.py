"""Time value, currencies, shared costs and attribution, each worked out by hand."""

import datetime as dt
import io
import math

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from core.analysis.adjustments import allocate_shared, credit_influenced, sensitivity
from core.analysis.time_value import (
    TimeSettings,
    annualised_roi,
    irr,
    irr_shapes,
    monthly_rate,
    npv,
    payback_month,
)
from core.errors import LedgerError
from core.model import BY_WEIGHT, EVENLY, NOT_ALLOCATED, REVENUE_SHARE
from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes, workbook_bytes

EXACT = dict(abs=1e-9)


# --- time value -------------------------------------------------------------------------------


def test_annualised_roi_only_over_a_year_or_more():
    assert annualised_roi(0.44, 2) == pytest.approx(0.20, **EXACT)  # 1.2 × 1.2 = 1.44
    assert annualised_roi(0.21, 1) == pytest.approx(0.21, **EXACT)  # one year: the ROI itself
    # half a year of 10 % would annualise to 21 %, a month of 200 % to 53,144,000 %: not shown
    assert math.isnan(annualised_roi(0.10, 0.5))
    assert math.isnan(annualised_roi(2.0, 1 / 12))
    assert math.isnan(annualised_roi(float("nan"), 1))
    assert math.isnan(annualised_roi(-1.0, 1))


def test_payback_is_the_month_from_which_cumulative_net_value_stays_positive():
    months = pd.period_range("2025-01", periods=4, freq="M")
    # cumulative −100, −70, −30, +20: pays back in the fourth month
    assert payback_month(pd.Series([-100.0, 30, 40, 50], index=months)) == pd.Period("2025-04", "M")
    assert payback_month(pd.Series([-100.0, 10, 10, 10], index=months)) is None
    # cumulative +500, +600, +700, −400: positive in January, but not at the end: not yet
    assert payback_month(pd.Series([500.0, 100, 100, -1100], index=months)) is None
    # cumulative −10, +5, −1, +3: positive from April on, not from February
    assert payback_month(pd.Series([-10.0, 15, -6, 4], index=months)) == pd.Period("2025-04", "M")
    # positive from the first month to the end
    assert payback_month(pd.Series([10.0, 0, 0, 0], index=months)) == pd.Period("2025-01", "M")


def test_npv_at_a_rate_of_one_percent_a_month():
    annual = 1.01**12 - 1  # monthly 1 %
    assert monthly_rate(annual) == pytest.approx(0.01, **EXACT)
    # 101 / 1.01 + 102.01 / 1.01² = 100 + 100
    assert npv(np.array([101.0, 102.01]), annual) == pytest.approx(200.0, **EXACT)


def test_irr_shapes_of_many_alliances_at_once_skip_empty_months():
    # One row per alliance; empty months neither start nor break a run of one sign.
    flows = np.array(
        [
            [0.0, -5.0, 0.0, 0.0, 8.0, 0.0],  # cost, then return: one change, investment-shaped
            [-1.0, 0.0, 2.0, 0.0, -1.0, 0.0],  # − + −: two changes
            [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # nothing moves
            [0.0, 2.0, 0.0, -1.0, 0.0, 0.0],  # revenue first
            [-1.0, 1.0, -1.0, 1.0, 0.0, 1.0],  # − + − +: three changes
            [3.0, 0.0, 5.0, 0.0, 0.0, 1.0],  # never negative: revenue covers cost every month (#32.11)
            [0.0, -3.0, 0.0, -2.0, 0.0, 0.0],  # never positive: nothing comes back
        ]
    )
    assert irr_shapes(flows) == [
        "",
        "n/a (net value changes sign 2 times: no single IRR)",
        "n/a (net value is zero in every month in view: nothing goes in or comes back)",
        "n/a (revenue comes before cost: the rate would be a borrowing rate, not a return)",
        "n/a (net value changes sign 3 times: no single IRR)",
        "n/a (net value is zero or positive in every month: no month puts money in, so there is no rate "
        "of return)",
        "n/a (net value is zero or negative in every month: nothing comes back, so there is no rate of "
        "return)",
    ]
    assert (
        irr_shapes(np.zeros((2, 0)))
        == ["n/a (net value is zero in every month in view: nothing goes in or comes back)"] * 2
    )


def test_irr_only_for_investment_shaped_flows():
    # −100 now (end of month 1), +110 a month later: 10 % a month, (1.1)^12 − 1 a year
    rate, note = irr(np.array([-100.0, 110.0]))
    assert rate == pytest.approx(1.1**12 - 1, rel=1e-9) and note == ""
    assert irr(np.array([10.0, 20.0]))[1] == (
        "n/a (net value is zero or positive in every month: no month puts money in, so there is no rate "
        "of return)"
    )
    assert irr(np.array([100.0, -110.0]))[1] == (
        "n/a (revenue comes before cost: the rate would be a borrowing rate, not a return)"
    )
    assert irr(np.array([-10.0, 30.0, -25.0]))[1] == "n/a (net value changes sign 2 times: no single IRR)"
    # −1 then +1,000 a month later: 99,900 % a month, far beyond 10,000 % a year
    rate, note = irr(np.array([-1.0, 1000.0]))
    assert math.isnan(rate) and note == "n/m (above 10,000 % a year)"


def test_time_value_in_the_report():
    # A: Jan cost 1,000; Feb revenue 600; Mar revenue 600 -> ROI 0.2 over its own 3 months.
    # B: revenue 1,300 and cost 1,000 spread over 13 months (Jan 2025 – Jan 2026): ROI 0.3.
    rows = [
        ["2025-01-10", "A", "Cost", 1000],
        ["2025-02-10", "A", "Revenue", 600],
        ["2025-03-10", "A", "Revenue", 600],
        ["2025-01-15", "B", "Cost", 1000],
        ["2026-01-15", "B", "Revenue", 1300],
    ]
    report = build_report(
        read_ledger(ledger_bytes(rows), "t.xlsx"),
        Settings(time=TimeSettings(discount_rate=0.0, hurdle_rate=0.15)),
    )
    a = report.time_value.loc["A"]
    assert a["years"] == 0.25
    assert math.isnan(a["annualised_roi"]) and a["annualised_note"] == "n/a (less than a year of activity)"
    assert a["payback"] == pd.Period("2025-03", "M")  # −1,000, −400, +200
    assert a["npv"] == pytest.approx(200.0, **EXACT)  # no discounting
    # Value over the 15 % hurdle, month by month to the end of the view (January 2026, 13 months):
    # −1,000 in January × (1.15^(13/12) − 1 = 0.1634722) = −163.47; +600 in February × 0.15 = 90.00;
    # +600 in March × (1.15^(11/12) − 1 = 0.1366838) = 82.01: opportunity cost 163.4722 − 90 −
    # 82.0103 = −8.5382 → −8.54, value over 200 + 8.54 = 208.54 (it was 200 − 0.15 × 1,000 = 50).
    assert a["hurdle_value"] == 208.54
    # −1,000 at the end of January, +1,200 over Feb and Mar: 600/(1+r)² + 600/(1+r)³ = 1,000/(1+r)
    rate = (1 + a["irr"]) ** (1 / 12) - 1
    assert 600 / (1 + rate) ** 2 + 600 / (1 + rate) ** 3 == pytest.approx(1000 / (1 + rate), rel=1e-9)
    b = report.time_value.loc["B"]
    assert b["years"] == pytest.approx(13 / 12, **EXACT)  # its own span, Jan 2025 to Jan 2026
    assert b["annualised_roi"] == pytest.approx(1.3 ** (12 / 13) - 1, **EXACT)
    assert b["payback"] == pd.Period("2026-01", "M")


# --- currencies -------------------------------------------------------------------------------

FX_ROWS = [
    ["2025-01-10", "A", "Revenue", 1000, "EUR"],  # 1,000 × 1.10 = 1,100 USD
    ["2025-01-10", "A", "Cost", 1000, "USD"],
    ["2025-02-10", "A", "Revenue", 500, "GBP"],  # 500 × 1.25 = 625 USD
    ["2025-03-10", "A", "Revenue", 100, "EUR"],  # no EUR rate for March: left out
]
FX_SHEET = [
    ["Currency", "Month", "Rate to USD"],
    ["EUR", "2025-01", 1.10],
    ["EUR", "2025-02", 1.20],
    ["GBP", "2025-02", 1.25],
]


def fx_ledger():
    header = ["Date", "Alliance", "Kind", "Amount", "Currency"]
    return read_ledger(workbook_bytes({"Ledger": [header, *FX_ROWS], "FX": FX_SHEET}), "fx.xlsx")


def test_each_entry_converted_at_its_months_rate():
    ledger = fx_ledger()
    assert ledger.fx_base == "USD" and ledger.source.currency == "USD"
    report = build_report(ledger)
    assert report.alliances.loc["A", "revenue"] == pytest.approx(1100 + 625, **EXACT)
    assert report.alliances.loc["A", "cost"] == 1000
    missing = report.issues[report.issues["row"] == 5].iloc[0]
    assert (missing["column"], missing["value"]) == ("Currency", "EUR")
    assert missing["reason"] == "no EUR rate for 2025-03 on sheet 'FX': entry not converted, left out"
    assert report.rows_left_out == 1


def test_reporting_currency_is_a_setting():
    # In EUR: January USD cost 1,000 / 1.10; January EUR revenue 1,000; the GBP revenue of February
    # 625 USD / 1.20 (February's EUR rate); the March entry still has no rate. Sums are to the cent:
    # 1,000 / 1.10 = 909.0909… → 909.09; 1,000 + 625 / 1.20 = 1,520.8333… → 1,520.83.
    report = build_report(fx_ledger(), Settings(reporting_currency="EUR"))
    assert report.currency == "EUR"
    assert report.alliances.loc["A", "cost"] == 909.09
    assert report.alliances.loc["A", "revenue"] == 1520.83


def test_several_currencies_without_rates_are_refused():
    header = ["Date", "Alliance", "Kind", "Amount", "Currency"]
    data = workbook_bytes({"Ledger": [header, *FX_ROWS]})
    with pytest.raises(LedgerError, match=r"mixes currencies .*Add an FX sheet"):
        read_ledger(data, "x.xlsx")


# --- shared costs -----------------------------------------------------------------------------


def shared_entries():
    # A earns 300, B earns 100; each has its own cost 100; Shared costs 200 (two entries of 100)
    rows = [
        ("A", "revenue", 300),
        ("A", "cost", 100),
        ("B", "revenue", 100),
        ("B", "cost", 100),
        ("Shared", "cost", 100),
        ("shared", "cost", 100),
    ]
    return pd.DataFrame(
        {
            "date": pd.Timestamp("2025-01-15"),
            "alliance": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "amount": [float(r[2]) for r in rows],
            "category": "",
            "attribution": "sourced",
        }
    )


@pytest.mark.parametrize(
    ("rule", "allocated"),
    [
        (REVENUE_SHARE, {"A": 150.0, "B": 50.0}),  # 300 : 100 of revenue
        (EVENLY, {"A": 100.0, "B": 100.0}),
        (BY_WEIGHT, {"A": 40.0, "B": 160.0}),  # weights 1 : 4
    ],
)
def test_allocation_rules(rule, allocated):
    weights = pd.Series({"A": 1.0, "B": 4.0})
    adjusted, allocation = allocate_shared(shared_entries(), rule, "Shared", weights)
    assert allocation.set_index("alliance")["allocated_cost"].to_dict() == pytest.approx(allocated)
    costs = adjusted[adjusted["kind"] == "cost"].groupby("alliance")["amount"].sum()
    assert costs.to_dict() == pytest.approx({k: 100 + v for k, v in allocated.items()})
    assert "Shared" not in set(adjusted["alliance"]) and "shared" not in set(adjusted["alliance"])


def test_not_allocated_leaves_shared_costs_out_and_says_how_much():
    adjusted, allocation = allocate_shared(shared_entries(), NOT_ALLOCATED)
    assert set(adjusted["alliance"]) == {"A", "B"}
    assert allocation["allocated_cost"].tolist() == [200.0]


# A earns 300 and costs 100, B earns 100 and costs 100; 200 of overhead is booked to Shared.
SHARED_LEDGER = [
    ["2025-01-15", "A", "Revenue", 300],
    ["2025-01-15", "A", "Cost", 100],
    ["2025-01-15", "B", "Revenue", 100],
    ["2025-01-15", "B", "Cost", 100],
    ["2025-01-15", "Shared", "Cost", 200],
]


def test_allocation_in_the_report_and_workbook():
    report = build_report(read_ledger(ledger_bytes(SHARED_LEDGER), "s.xlsx"))
    assert report.shared_rule == REVENUE_SHARE
    # A: (300 − 250) / 250 = 0.2; B: (100 − 150) / 150
    assert report.alliances.loc["A", "roi"] == pytest.approx(0.2, **EXACT)
    assert report.alliances.loc["B", "roi"] == pytest.approx(-50 / 150, **EXACT)
    book = load_workbook(io.BytesIO(summary_workbook(report)))
    header = [c.value for c in book["Alliances"][1]]
    a_row = [c.value for c in book["Alliances"][2]]
    assert a_row[header.index("Shared cost allocated")] == pytest.approx(150.0)


def test_weights_from_the_alliances_sheet_are_the_default_rule():
    alliances = [["Alliance", "Weight"], ["A", 1], ["B", 4]]
    report = build_report(read_ledger(ledger_bytes(SHARED_LEDGER, Alliances=alliances), "s.xlsx"))
    assert report.shared_rule == BY_WEIGHT
    assert report.alliances.loc["A", "cost"] == pytest.approx(140.0, **EXACT)


# --- attribution ------------------------------------------------------------------------------


def test_influenced_revenue_credit_and_roi_range():
    rows = [
        ["2025-01-15", "A", "Revenue", 800, "Sourced"],
        ["2025-01-15", "A", "Revenue", 400, "Influenced"],
        ["2025-01-15", "A", "Cost", 1000, ""],
    ]
    header = ["Date", "Alliance", "Kind", "Amount", "Attribution"]
    ledger = read_ledger(workbook_bytes({"Ledger": [header, *rows]}), "a.xlsx")
    half = build_report(ledger, Settings(influenced_credit=0.5))
    # revenue 800 + 0.5 × 400 = 1,000: ROI 0
    assert half.alliances.loc["A", "revenue"] == 1000
    assert half.alliances.loc["A", "roi"] == pytest.approx(0.0, **EXACT)
    table = half.sensitivity
    assert table.loc["A", "sourced only"] == pytest.approx(-0.2, **EXACT)  # (800 − 1,000) / 1,000
    assert table.loc["A", "full credit"] == pytest.approx(0.2, **EXACT)  # (1,200 − 1,000) / 1,000
    assert table.loc["A", "spread"] == pytest.approx(0.4, **EXACT)


def test_unknown_attribution_is_a_listed_issue():
    header = ["Date", "Alliance", "Kind", "Amount", "Attribution"]
    ledger = read_ledger(
        workbook_bytes({"Ledger": [header, ["2025-01-15", "A", "Revenue", 5, "maybe"]]}), "a.xlsx"
    )
    assert ledger.issues["reason"].tolist() == [
        "'maybe' is not an attribution: expected sourced or influenced"
    ]


def test_credit_must_be_a_share():
    with pytest.raises(ValueError):
        credit_influenced(shared_entries(), 1.5)


def test_sensitivity_covers_every_rule_and_credit():
    entries = shared_entries()
    entries.loc[0, "attribution"] = "influenced"
    table = sensitivity(entries, "Shared", pd.Series({"A": 1.0, "B": 4.0}), True, True)
    assert list(table.columns) == [
        "revenue share, sourced only",
        "revenue share, full credit",
        "evenly, sourced only",
        "evenly, full credit",
        "weight, sourced only",
        "weight, full credit",
        "not allocated, sourced only",
        "not allocated, full credit",
        "revenue share held, sourced only",
        "spread",
    ]
    # A evenly, full credit: (300 − 200) / 200 = 0.5; not allocated, sourced only: (0 − 100) / 100 = −1
    assert table.loc["A", "evenly, full credit"] == pytest.approx(0.5, **EXACT)
    assert table.loc["A", "not allocated, sourced only"] == pytest.approx(-1.0, **EXACT)
    # A, sourced only with revenue share: B has all the revenue, so A takes no shared cost: −1
    assert table.loc["A", "revenue share, sourced only"] == pytest.approx(-1.0, **EXACT)


def test_sourced_only_with_the_split_held_at_full_credit_shares():
    # A: sourced 100 + influenced 100, cost 50; B: sourced 200, cost 50; Shared cost 90.
    # Full credit: revenue A 200, B 200 → shares ½, ½ → A and B take 45 each.
    # Sourced only, shares follow sourced revenue (A 100, B 200 → ⅓, ⅔): A cost 80, B 110.
    #   A (100 − 80) / 80 = 0.25; B (200 − 110) / 110 = 90/110
    # Sourced only, shares held at ½, ½: A cost 95, B 95.
    #   A (100 − 95) / 95 = 5/95; B (200 − 95) / 95 = 105/95
    header = ["Date", "Alliance", "Kind", "Amount", "Attribution"]
    rows = [
        ["2025-01-10", "A", "Revenue", 100, "sourced"],
        ["2025-01-10", "A", "Revenue", 100, "influenced"],
        ["2025-01-10", "A", "Cost", 50, ""],
        ["2025-01-10", "B", "Revenue", 200, "sourced"],
        ["2025-01-10", "B", "Cost", 50, ""],
        ["2025-01-10", "Shared", "Cost", 90, ""],
    ]
    report = build_report(read_ledger(workbook_bytes({"Ledger": [header, *rows]}), "s.xlsx"), Settings())
    table = report.sensitivity
    assert table.loc["A", "revenue share, sourced only"] == pytest.approx(0.25, **EXACT)
    assert table.loc["B", "revenue share, sourced only"] == pytest.approx(90 / 110, **EXACT)
    assert table.loc["A", "revenue share held, sourced only"] == pytest.approx(5 / 95, **EXACT)
    assert table.loc["B", "revenue share held, sourced only"] == pytest.approx(105 / 95, **EXACT)


def test_about_documents_every_formula():
    book = load_workbook(
        io.BytesIO(summary_workbook(build_report(fx_ledger(), Settings(as_of=dt.date(2025, 6, 1)))))
    )
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r[0]}
    for term in (
        "Annualised ROI",
        "Payback month",
        "NPV",
        "IRR (annual)",
        "Value over hurdle",
        "Currencies",
        "Shared costs",
        "Attribution",
    ):
        assert term in about and len(about[term]) > 30
    assert about["Exchange rates"] == "3 monthly rates to USD"
