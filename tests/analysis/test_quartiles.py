"""QUARTILE.INC cut points worked out by hand: rank h = (n − 1)·q/4, interpolate between neighbours."""

import math

import pandas as pd
import pytest

from core.analysis.quartiles import cut_points, quartile_inc, quartile_position


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1, 2, 3, 4, 5], 1, 2.0),  # odd count: h = 1 -> exactly the 2nd value
        ([1, 2, 3, 4, 5], 3, 4.0),
        ([1, 2, 3, 4], 1, 1.75),  # even count: h = 0.75 -> 1 + 0.75·(2 − 1)
        ([1, 2, 3, 4], 2, 2.5),
        ([1, 2, 3, 4], 3, 3.25),  # h = 2.25 -> 3 + 0.25·(4 − 3)
        ([0.05, 0.10, 0.10, 0.30], 1, 0.0875),  # h = 0.75 -> 0.05 + 0.75·0.05
        ([0.42], 1, 0.42),  # a single alliance
        ([4, 1, 3, 2], 0, 1.0),  # unsorted input, minimum
        ([4, 1, 3, 2], 4, 4.0),
    ],
)
def test_quartile_inc_by_hand(values, q, expected):
    assert quartile_inc(values, q) == pytest.approx(expected, abs=1e-12)


def test_ties_and_undefined_rois():
    rois = pd.Series({"A": 0.10, "B": 0.10, "C": 0.10, "D": 0.30, "E": float("nan")})
    # defined: 0.1, 0.1, 0.1, 0.3 -> P25 = 0.1, P50 = 0.1, P75 = 0.1 + 0.25·0.2 = 0.15
    cuts = cut_points(rois)
    assert cuts == pytest.approx({"P25": 0.10, "P50": 0.10, "P75": 0.15})
    position = quartile_position(rois)
    assert position["quartile"].to_dict() == {
        "A": "Second",
        "B": "Second",
        "C": "Second",
        "D": "Top",
        "E": "",
    }
    assert position.loc["D", "percentile"] == 1.0
    assert position.loc["A", "percentile"] == 0.75
    assert math.isnan(position.loc["E", "percentile"])


def test_single_alliance_is_top_and_no_defined_roi_is_unranked():
    assert quartile_position(pd.Series({"A": 0.05}))["quartile"].tolist() == ["Top"]
    unranked = quartile_position(pd.Series({"A": float("nan")}))
    assert unranked["quartile"].tolist() == [""]
    assert cut_points(pd.Series({"A": float("nan")})) is None
