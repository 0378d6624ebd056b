"""Relationship health: score, reciprocity gap, widest dimension and the two flags, worked by hand."""

from __future__ import annotations

import math

import pandas as pd

from core.analysis.health import HEALTH_GAP, HEALTH_LOW, health_flags, health_summary
from core.analysis.scorecard import FLAG_ORDER
from core.reading.ledger import Ledger, read_ledger
from tests.helpers import ledger_bytes

ALLIANCES = ["Acme", "Beta", "Gamma", "Delta", "Epsilon"]
ROWS = [["2024-01-05", name, "Revenue", 1_000] for name in ALLIANCES]
HEADER = ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"]
HEALTH = [
    HEADER,
    # Acme: a side at 2 (partner, strategic fit) and two gaps of 2 (strategic fit, relationship).
    ["Acme", "Us", 4, 4, 3, 5],
    ["Acme", "Partner", 2, 4, 3, 3],
    # Beta: just clear of both flags: lowest score 3, widest gap 4.5 − 3 = 1.5.
    ["Beta", "Us", 4.5, 3, 3, 3],
    ["Beta", "Partner", 3, 3, 3, 3],
    # Gamma: only our side, one dimension.
    ["Gamma", "Us", 2, None, None, None],
    # Epsilon: the partner thinks better of it than we do.
    ["Epsilon", "Us", 3, 3, 3, 3],
    ["Epsilon", "Partner", 4, 4, 4, 5],
]
# Delta has no health row.


def read(health: list[list[object]] = HEALTH) -> Ledger:
    return read_ledger(ledger_bytes(ROWS, Health=health), "x.xlsx", revenue_only=True)


INDEX = pd.Index(ALLIANCES, name="alliance")


def test_health_score_sides_gap_and_widest_dimension():
    summary = health_summary(read().health, INDEX)
    assert list(summary.index) == ALLIANCES
    # Acme: us (4+4+3+5)/4 = 4.0; partner (2+4+3+3)/4 = 3.0; score (4 + 3)/2 = 3.5; gap 4 − 3 = +1.0.
    # Gaps per dimension 2, 0, 0, 2: the widest is the first of the tie, Strategic fit.
    assert summary.loc["Acme"].to_dict() == {
        "us": 4.0,
        "partner": 3.0,
        "score": 3.5,
        "gap": 1.0,
        "widest": "Strategic fit",
        "one_sided": False,
        "scored": True,
    }
    # Beta: us 13.5/4 = 3.375; partner 3.0; score 6.375/2 = 3.1875; gap 0.375; widest Strategic fit (1.5).
    assert summary.loc["Beta", ["us", "partner", "score", "gap", "widest"]].tolist() == [
        3.375,
        3.0,
        3.1875,
        0.375,
        "Strategic fit",
    ]
    # Epsilon: us 3.0; partner 17/4 = 4.25; gap 3 − 4.25 = −1.25 (the partner thinks better of it);
    # widest Relationship (3 − 5 = −2).
    assert summary.loc["Epsilon", ["us", "partner", "gap", "widest"]].tolist() == [
        3.0,
        4.25,
        -1.25,
        "Relationship",
    ]


def test_one_side_or_no_side_scored():
    summary = health_summary(read().health, INDEX)
    # Gamma: only us, one score 2: score 2, no partner, so no gap and no widest dimension.
    assert summary.at["Gamma", "us"] == 2.0 and summary.at["Gamma", "score"] == 2.0
    assert math.isnan(summary.at["Gamma", "partner"]) and math.isnan(summary.at["Gamma", "gap"])
    assert summary.at["Gamma", "widest"] == "" and summary.at["Gamma", "scored"]
    assert summary.at["Gamma", "one_sided"] and not summary.at["Acme", "one_sided"]
    # Delta: no row at all.
    assert summary.loc["Delta", ["us", "partner", "score", "gap"]].isna().all()
    assert summary.at["Delta", "widest"] == "" and not summary.at["Delta", "scored"]


def test_sides_that_agree_everywhere_have_no_widest_dimension():
    health = [HEADER, ["Acme", "Us", 3, 4, 3, 4], ["Acme", "Partner", 3, 4, 3, 4]]
    summary = health_summary(read(health).health, INDEX)
    # Every gap is 0: gap 0, no widest dimension.
    assert summary.at["Acme", "gap"] == 0.0 and summary.at["Acme", "widest"] == ""


def test_two_rows_of_one_side_are_averaged_per_dimension():
    # Us scores Relationship 4 and 2: 3 on average; with Strategic fit 4 on the first row only,
    # us = (4 + 3) / 2 = 3.5; partner 3; score (3.5 + 3) / 2 = 3.25.
    health = [
        HEADER,
        ["Acme", "Us", 4, None, None, 4],
        ["Acme", "Us", None, None, None, 2],
        ["Acme", "Partner", None, None, None, 3],
    ]
    summary = health_summary(read(health).health, INDEX)
    assert summary.at["Acme", "us"] == 3.5
    assert summary.at["Acme", "partner"] == 3.0
    assert summary.at["Acme", "score"] == 3.25
    # Relationship 3 − 3 = 0 is the only dimension both sides scored: no widest.
    assert summary.at["Acme", "widest"] == ""


def test_flags_fire_at_2_and_not_at_3_and_at_a_gap_of_2_not_1_5():
    flags = health_flags(read().health, INDEX)
    assert flags.values.tolist() == [
        # Acme: partner scores strategic fit 2 (≤ 2); strategic fit 4 vs 2 and relationship 5 vs 3 (gap 2).
        ["Acme", HEALTH_LOW, "the partner scores Strategic fit 2"],
        ["Acme", HEALTH_GAP, "Strategic fit: us 4, partner 2; Relationship: us 5, partner 3"],
        # Beta: lowest 3, widest gap 1.5: nothing. Gamma: we score 2.
        ["Gamma", HEALTH_LOW, "we score Strategic fit 2"],
        # Epsilon: relationship 3 vs 5, a gap of −2, counts by its size.
        ["Epsilon", HEALTH_GAP, "Relationship: us 3, partner 5"],
    ]


def test_a_score_of_2_5_is_not_low():
    health = [HEADER, ["Acme", "Us", 2.5, 3, 3, 3], ["Acme", "Partner", 3, 3, 3, 3]]
    assert health_flags(read(health).health, INDEX).empty


def test_no_health_sheet_means_no_figures_and_no_flags():
    ledger = read_ledger(ledger_bytes(ROWS), "x.xlsx", revenue_only=True)
    summary = health_summary(ledger.health, INDEX)
    assert list(summary.index) == ALLIANCES
    assert not summary["scored"].any() and (summary["widest"] == "").all()
    assert health_flags(ledger.health, INDEX).empty


def test_alliances_out_of_view_are_left_out():
    flags = health_flags(read().health, pd.Index(["Beta", "Epsilon"]))
    assert flags["alliance"].tolist() == ["Epsilon"]


def test_health_flags_sort_last():
    assert FLAG_ORDER[-2:] == [HEALTH_LOW, HEALTH_GAP]


def test_the_score_is_the_mean_of_the_two_sides_however_many_dimensions_each_scored():
    """Issue 28.3: us 1 on four dimensions, the partner 4 on one: (1 + 4) / 2 = 2.5, not the pooled
    mean of the five scores (4 + 4) / 5 = 1.6 that turned a Maintain into a Fix."""
    health = [HEADER, ["Acme", "Us", 1, 1, 1, 1], ["Acme", "Partner", 4, None, None, None]]
    summary = health_summary(read(health).health, INDEX)
    assert summary.at["Acme", "score"] == 2.5
