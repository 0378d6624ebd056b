"""Risk-adjusted ROI and the risk flags, worked by hand from small ledgers written here."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from core.analysis.risks import (
    IMPACT_SCORE_SHARE,
    NO_EXIT_CONDITIONS,
    RISK_NO_MITIGATION,
    RISK_NO_OWNER,
    expected_losses,
    risk_flags,
    risk_summary,
)
from core.analysis.scorecard import FLAG_ORDER
from core.reading.ledger import Ledger, read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

# Acme: revenue 25,000, cost 20,000, net 5,000. Beta: revenue 8,000, cost 4,000, net 4,000.
# Gamma: revenue 500 and no cost (ROI undefined).
ROWS = [
    ["2024-01-05", "Acme", "Revenue", 25_000],
    ["2024-01-06", "Acme", "Cost", 20_000],
    ["2024-01-07", "Beta", "Revenue", 8_000],
    ["2024-01-08", "Beta", "Cost", 4_000],
    ["2024-01-09", "Gamma", "Revenue", 500],
]
RISK_HEADER = ["Alliance", "Risk", "Probability", "Impact (1-5)", "Mitigation", "Owner"]
RISKS = [
    RISK_HEADER,
    ["Acme", "Key engineer leaves", "30 %", "$10,000", "Cross-train", "Dana"],
    ["Beta", "Price war", 0.5, 3, "", "Lee"],
    ["Beta", "Late delivery", 0.1, "$1,234.56", "Buffer stock", ""],
]


def read(rows: list[list[object]] = ROWS, **sheets: list[list[object]]) -> Ledger:
    return read_ledger(ledger_bytes(rows, **sheets), "x.xlsx")


def table_of(ledger: Ledger) -> pd.DataFrame:
    return build_report(ledger, Settings(as_of=dt.date(2024, 12, 31))).alliances


# The tests that call expected_losses and risk_summary themselves take the revenue in view as a
# year's (12 months); the view's own months are the report's (test_risk_is_stated_per_year_...).
A_YEAR = 12


def test_expected_loss_per_risk_in_money_and_from_a_score():
    ledger = read(Risks=RISKS)
    losses = expected_losses(ledger.risks, table_of(ledger), A_YEAR).set_index("risk")
    # Acme: 30 % × $10,000 = $3,000.
    assert losses.at["Key engineer leaves", "at_stake"] == 10_000.00
    assert losses.at["Key engineer leaves", "expected_loss"] == 3_000.00
    # Beta, score 3: 25 % of Beta's revenue of a year 8,000 = 2,000 at stake; × 50 % = 1,000.
    assert losses.at["Price war", "at_stake"] == 2_000.00
    assert losses.at["Price war", "expected_loss"] == 1_000.00
    # Beta: 10 % × $1,234.56 = $123.456, to the cent $123.46.
    assert losses.at["Late delivery", "expected_loss"] == 123.46


def test_risk_adjusted_net_and_roi():
    ledger = read(Risks=RISKS)
    summary = risk_summary(ledger.risks, table_of(ledger), A_YEAR)
    assert list(summary.index) == ["Acme", "Beta", "Gamma"]
    # Acme: net 5,000 − 3,000 = 2,000; 2,000 / 20,000 cost = 10.0 %.
    assert summary.loc["Acme"].to_dict() == {
        "risks": 1,
        "expected_loss": 3_000.00,
        "risk_adjusted_net": 2_000.00,
        "risk_adjusted_roi": 0.10,
        "unpriced": 0,
    }
    # Beta: expected loss 1,000 + 123.46 = 1,123.46; net 4,000 − 1,123.46 = 2,876.54;
    # 2,876.54 / 4,000 = 0.719135.
    assert summary.at["Beta", "risks"] == 2
    assert summary.at["Beta", "expected_loss"] == 1_123.46
    assert summary.at["Beta", "risk_adjusted_net"] == 2_876.54
    assert summary.at["Beta", "risk_adjusted_roi"] == pytest.approx(0.719135, abs=1e-12)
    # Gamma: no risks, so 0 expected loss; net 500 stays 500; no cost, so no ROI.
    assert summary.at["Gamma", "risks"] == 0
    assert summary.at["Gamma", "expected_loss"] == 0.0
    assert summary.at["Gamma", "risk_adjusted_net"] == 500.00
    assert math.isnan(summary.at["Gamma", "risk_adjusted_roi"])


@pytest.mark.parametrize(
    ("score", "at_stake"), [(1, 500.0), (2, 1_000.0), (3, 2_500.0), (4, 5_000.0), (5, 10_000.0)]
)
def test_each_impact_score_puts_its_share_of_revenue_at_stake(score: int, at_stake: float):
    # Revenue 10,000; probability 100 %: 1 → 5 % = 500, 2 → 10 % = 1,000, 3 → 25 % = 2,500,
    # 4 → 50 % = 5,000, 5 → 100 % = 10,000.
    rows = [["2024-01-05", "Acme", "Revenue", 10_000], ["2024-01-06", "Acme", "Cost", 1_000]]
    ledger = read(rows, Risks=[RISK_HEADER, ["Acme", "r", 1, score, "m", "o"]])
    losses = expected_losses(ledger.risks, table_of(ledger), A_YEAR)
    assert losses["expected_loss"].tolist() == [at_stake]
    assert IMPACT_SCORE_SHARE[score] * 10_000 == at_stake


def test_a_risk_that_cannot_be_priced_is_counted_but_adds_no_loss():
    # Probability 'soon' is an issue: the risk is counted (unpriced 1) but adds nothing:
    # Acme's net 5,000 stays 5,000, ROI 5,000 / 20,000 = 25 %.
    ledger = read(Risks=[RISK_HEADER, ["Acme", "Vague", "soon", "$9,000", "m", "o"]])
    summary = risk_summary(ledger.risks, table_of(ledger), A_YEAR)
    assert summary.loc["Acme", ["risks", "unpriced"]].tolist() == [1, 1]
    assert summary.at["Acme", "expected_loss"] == 0.0
    assert summary.at["Acme", "risk_adjusted_roi"] == 0.25


def test_risks_of_alliances_out_of_view_are_left_out():
    ledger = read(Risks=RISKS)
    in_view = table_of(ledger).loc[["Acme"]]
    assert expected_losses(ledger.risks, in_view, A_YEAR)["alliance"].tolist() == ["Acme"]
    assert list(risk_summary(ledger.risks, in_view, A_YEAR).index) == ["Acme"]


def test_owner_and_mitigation_flags_fire_only_on_blank_cells():
    risks = [
        RISK_HEADER,
        ["Acme", "Owned and mitigated", 0.1, 2, "Plan", "Dana"],
        ["Beta", "No mitigation", 0.1, 2, "  ", "Lee"],  # spaces only: blank
        ["Beta", "No owner", 0.1, 2, "Plan", ""],
        ["Beta", "Neither", 0.1, 2, "", ""],
    ]
    ledger = read(Risks=risks)
    flags = risk_flags(ledger.risks, ledger.alliances, table_of(ledger).index, has_exit=False)
    assert flags.values.tolist() == [
        ["Beta", RISK_NO_OWNER, "2 of 3 risks without an owner: 'No owner', 'Neither'"],
        ["Beta", RISK_NO_MITIGATION, "2 of 3 risks without a mitigation: 'No mitigation', 'Neither'"],
    ]


def test_no_exit_conditions_flag_with_the_column():
    alliances = [
        ["Alliance", "Owner", "Exit conditions"],
        ["Acme", "Dana", "ROI below 0 for 2 quarters"],
        ["Beta", "Lee", ""],
    ]
    ledger = read(Alliances=alliances)
    assert ledger.judges_exit
    flags = risk_flags(ledger.risks, ledger.alliances, table_of(ledger).index, ledger.judges_exit)
    # Acme has conditions; Beta's cell is blank and Gamma is not on the Alliances sheet at all.
    assert flags[["alliance", "flag"]].values.tolist() == [
        ["Beta", NO_EXIT_CONDITIONS],
        ["Gamma", NO_EXIT_CONDITIONS],
    ]
    assert flags["figures"].tolist() == [
        "no exit conditions written on the Alliances sheet (when and how the alliance would end)",
        "not on the Alliances sheet, so no exit conditions are written (when and how it would end)",
    ]


def test_a_risks_sheet_without_an_exit_column_punishes_no_one():
    """Issue 28.4: one Risks row for Acme, no Alliances sheet, gave every alliance 'No exit conditions'
    (−1): an absent column neither rewards nor punishes."""
    ledger = read(Risks=[RISK_HEADER, ["Acme", "r", 0.1, 2, "m", "o"]])
    assert not ledger.judges_exit and not ledger.has_exit_conditions
    flags = risk_flags(ledger.risks, ledger.alliances, table_of(ledger).index, ledger.judges_exit)
    assert NO_EXIT_CONDITIONS not in set(flags["flag"])


def test_an_old_workbook_gains_no_risk_flag():
    alliances = [["Alliance", "Owner"], ["Acme", "Dana"], ["Beta", "Lee"]]
    ledger = read(Alliances=alliances)
    assert not ledger.judges_exit
    assert risk_flags(ledger.risks, ledger.alliances, table_of(ledger).index, ledger.judges_exit).empty
    # Its alliance figures are unchanged: no risk means no expected loss, so risk-adjusted = net.
    summary = risk_summary(ledger.risks, table_of(ledger), A_YEAR)
    assert summary["expected_loss"].tolist() == [0.0, 0.0, 0.0]
    assert summary["risk_adjusted_net"].tolist() == [5_000.0, 4_000.0, 500.0]


def test_flags_sort_after_the_existing_ones():
    assert FLAG_ORDER[-5:-2] == [RISK_NO_OWNER, RISK_NO_MITIGATION, NO_EXIT_CONDITIONS]


def test_an_empty_alliances_sheet_with_the_column_says_the_alliance_is_not_listed():
    """The blank template's Alliances sheet left empty: the column is there, the alliances are not."""
    ledger = read(Alliances=[["Alliance", "Owner", "Exit conditions"]])
    assert ledger.has_exit_conditions
    flags = risk_flags(
        ledger.risks, ledger.alliances, table_of(ledger).index, ledger.judges_exit, ledger.has_exit_conditions
    )
    assert flags["alliance"].tolist() == ["Acme", "Beta", "Gamma"]
    assert set(flags["figures"]) == {
        "not on the Alliances sheet, so no exit conditions are written (when and how it would end)"
    }


# --- a risk is stated per year (#28.2) -----------------------------------------------------------


def monthly(months: int, revenue: float, cost: float) -> list[list[object]]:
    return [
        row
        for m in range(months)
        for row in (
            [f"{2024 + m // 12}-{m % 12 + 1:02d}-10", "Acme", "Revenue", revenue],
            [f"{2024 + m // 12}-{m % 12 + 1:02d}-12", "Acme", "Cost", cost],
        )
    ]


@pytest.mark.parametrize("months", [12, 24, 6])
def test_risk_is_stated_per_year_whatever_the_views_length(months: int):
    """Revenue 1,000 a month, cost 500: 12,000 of revenue a year. A risk p 10 %, impact 5 (100 % of
    the revenue per year) puts 12,000 at stake and loses 1,200 in a 12-, a 24- or a 6-month view
    alike (it was 12,000 × months / 12: 24,000 and 2,400 in 24 months, 6,000 and 600 in 6).
    Risk-adjusted net = net value − a year's expected loss: 500 × months − 1,200."""
    risks = [RISK_HEADER, ["Acme", "Partner acquired", 0.1, 5, "Change-of-control clause", "Dana"]]
    report = build_report(read(monthly(months, 1_000, 500), Risks=risks), Settings(as_of=dt.date(2026, 1, 1)))
    assert report.risks[["at_stake", "expected_loss"]].values.tolist() == [[12_000.0, 1_200.0]]
    assert report.risk_summary.at["Acme", "risk_adjusted_net"] == 500 * months - 1_200


def test_a_money_impact_is_the_same_in_any_view():
    """$5,000 at 20 %: 1,000 expected loss, in a 12- or a 24-month view."""
    risks = [RISK_HEADER, ["Acme", "Fine", 0.2, "$5,000", "Compliance review", "Dana"]]
    for months in (12, 24):
        report = build_report(read(monthly(months, 1_000, 500), Risks=risks), Settings())
        assert report.risks["expected_loss"].tolist() == [1_000.0]


# --- one scale per probability column (#28.2) ----------------------------------------------------


def probabilities(*cells: object) -> tuple[list[float], pd.DataFrame]:
    rows = [RISK_HEADER, *[["Acme", f"r{i}", cell, "$1,000", "m", "o"] for i, cell in enumerate(cells)]]
    ledger = read(Risks=rows)
    issues = ledger.issues[ledger.issues["sheet"] == "Risks"]
    return ledger.risks["probability"].tolist(), issues


def test_a_column_with_a_number_above_1_is_percentages_and_a_fraction_in_it_an_issue():
    """1, 1.5 and 30: 1.5 and 30 are above 1, so the column is percentages (1.5 %, 30 %); the 1
    (100 % or 1 %?) contradicts it and is listed with its sheet, row and column (it read as 100 %)."""
    found, issues = probabilities(1, 1.5, 30)
    assert math.isnan(found[0]) and found[1:] == [0.015, 0.30]
    assert issues[["row", "column", "value"]].values.tolist() == [[2, "Probability", "1"]]
    assert issues["reason"].tolist() == [
        "'1' is written as a fraction in a column of percentages (it holds 1.5): write 100 for 100 %, "
        "or 1 % for 1 %; this risk adds no expected loss"
    ]


def test_a_column_of_numbers_up_to_1_is_fractions():
    """0.2, 1 and '25 %': every plain number is at most 1, so 0.2 is 20 % and 1 is 100 %; the text
    with its own '%' is 25 % in any column."""
    found, issues = probabilities(0.2, 1, "25 %")
    assert found == [0.2, 1.0, 0.25]
    assert issues.empty


def test_the_samples_old_mix_lists_the_fraction():
    """0.2, 30 and '25 %' (as the sample had them): 30 makes the column percentages, 30 % and 25 %;
    0.2 (20 % or 0.2 %?) is an issue on row 2 (it read as 20 %)."""
    found, issues = probabilities(0.2, 30, "25 %")
    assert math.isnan(found[0]) and found[1:] == [0.30, 0.25]
    assert issues[["row", "value"]].values.tolist() == [[2, "0.2"]]
