"""Recommendations from the decision rules, factor by factor at each boundary (opportunity cost:
test_opportunity.py).

Every expected score below is added up by hand from the default points (module doc of
core/analysis/decisions.py): band Strong +2 / Moderate 0 / Weak −2, quartile Top +1 / Bottom −1,
trend rising +1 / falling −1 (a change under 0.5 points is flat, 0), goals On track or Achieved +1 / At risk 0 / Off track −1, −1 per red
flag (3 at most), health ≥ 4 +1 / ≤ 2 −1; Invest from 3, Maintain from 0, Fix from −2, else Exit.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.analysis.decisions import NO_REASON, DecisionRules, recommend
from core.analysis.health import HEALTH_LOW
from core.analysis.quartiles import quartile_position
from core.analysis.roi import bands
from core.analysis.scorecard import GOALS_OFF_TRACK, NEGATIVE_ROI, NO_GOALS, ROI_FALLING
from core.analysis.trends import quarterly_roi

NO_QUARTERS = pd.DataFrame(columns=["alliance", "quarter", "roi", "complete"])
NO_GOAL_ROWS = pd.DataFrame(columns=["alliance", "status"])
NO_FLAGS = pd.DataFrame(columns=["alliance", "flag", "figures"])
NO_HEALTH = pd.DataFrame(columns=["us", "partner", "score", "gap", "widest", "scored"])


def table(**columns: list) -> pd.DataFrame:
    """An alliance table; band and quartile default to the ones that score 0 (Moderate, Second)."""
    names = columns.pop("alliance", ["A"])
    frame = pd.DataFrame(
        {"roi": 0.15, "band": "Moderate", "quartile": "Second", **columns},
        index=pd.Index(names, name="alliance"),
    )
    return frame


# Three alliances beside the ones under test, so that the portfolio has the spread quartile points
# need (at least four ROIs, not all equal); they score nothing themselves but the quartile's points.
SPREAD = {"alliance": ["P", "Q", "R"], "roi": [0.11, 0.12, 0.13], "band": ["Moderate"] * 3}


def with_spread(**columns: list) -> pd.DataFrame:
    """An alliance table (as `table`) followed by the three SPREAD alliances, all Second quartile."""
    names = columns.pop("alliance", ["A"])
    n = len(names)
    filled = {
        "roi": [*columns.pop("roi", [0.15] * n), *SPREAD["roi"]],
        "band": [*columns.pop("band", ["Moderate"] * n), *SPREAD["band"]],
        "quartile": [*columns.pop("quartile", ["Second"] * n), "Second", "Second", "Second"],
    }
    return table(alliance=[*names, *SPREAD["alliance"]], **filled, **columns)


def decide(
    alliances: pd.DataFrame,
    quarterly=NO_QUARTERS,
    goals=NO_GOAL_ROWS,
    flags=NO_FLAGS,
    health=NO_HEALTH,
    rules=DecisionRules(),
):
    return recommend(alliances, quarterly, goals, flags, health, rules)


# --- band: the band of the ROI, at the thresholds' edges (Strong above 20 %, Moderate from 10 %) ---


@pytest.mark.parametrize(
    ("roi", "band", "points"),
    [
        (0.2001, "Strong", 2.0),  # just above 20 %
        (0.20, "Moderate", 0.0),  # 20 % itself is Moderate
        (0.10, "Moderate", 0.0),  # 10 % is the first Moderate
        (0.0999, "Weak", -2.0),
        (float("nan"), "n/a", 0.0),  # no cost: no band, no points
    ],
)
def test_band_points_at_the_thresholds(roi, band, points):
    rois = pd.Series([roi], index=pd.Index(["A"], name="alliance"))
    alliances = table(roi=[roi], band=bands(rois).tolist())
    assert alliances.at["A", "band"] == band
    assert decide(alliances).at["A", "band_points"] == points


# --- quartile: ROIs 0 %, 10 %, 20 %, 30 %, 40 %: QUARTILE.INC at ranks 1, 2, 3 → P25 10 %, P50 20 %, P75 30 %


def test_quartile_points_at_the_cut_points():
    rois = pd.Series([0.0, 0.10, 0.20, 0.30, 0.40], index=pd.Index(list("VWXYZ"), name="alliance"))
    alliances = table(
        alliance=list("VWXYZ"), roi=rois.tolist(), quartile=quartile_position(rois)["quartile"].tolist()
    )
    # 0 % Bottom; 10 % = P25 Third; 20 % = P50 Second; 30 % = P75 Top; 40 % Top
    assert alliances["quartile"].tolist() == ["Bottom", "Third", "Second", "Top", "Top"]
    assert decide(alliances)["quartile_points"].tolist() == [-1.0, 0.0, 0.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("rois", "quartiles"),
    [
        ([0.30], ["Top"]),  # one alliance: Top of itself
        ([0.30, 0.10, 0.20], ["Top", "Bottom", "Second"]),  # three: too few for quartiles
        ([0.15, 0.15, 0.15, 0.15], ["Top", "Top", "Top", "Top"]),  # four equal ROIs: no spread
    ],
)
def test_quartile_points_need_a_spread(rois, quartiles):
    """Issue 28.4: a single alliance, or all at the same ROI, all earned 'Top quartile' (+1)."""
    alliances = table(alliance=list("ABCD")[: len(rois)], roi=rois, quartile=quartiles)
    assert decide(alliances)["quartile_points"].tolist() == [0.0] * len(rois)


def test_an_unranked_alliance_gets_no_quartile_points():
    assert decide(table(quartile=[""])).at["A", "quartile_points"] == 0.0


# --- trend: the last two complete quarters of the ledger, through quarterly_roi ---------------------


def entries(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "alliance", "kind", "amount"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def quarters(
    alliance: str, q1: tuple[float, float], q2: tuple[float, float], q3: tuple[float, float] | None = None
):
    """Entries on the first and last day of each quarter, so that every quarter is complete."""
    rows = []
    for (start, end), (revenue, cost) in zip(
        [("2025-01-01", "2025-03-31"), ("2025-04-01", "2025-06-30"), ("2025-07-01", "2025-09-30")],
        [q1, q2, *([q3] if q3 else [])],
        strict=False,
    ):
        rows += [(start, alliance, "revenue", revenue), (end, alliance, "cost", cost)]
    return rows


@pytest.mark.parametrize(
    ("q1", "q2", "trend", "points"),
    [
        ((1100, 1000), (1106, 1000), "rising", 1.0),  # 10.0 % → 10.6 %: +0.6 points, over 0.5
        ((1100, 1000), (1100, 1000), "", 0.0),  # 10 % → 10 %: no trend
        ((1100, 1000), (2200, 2000), "", 0.0),  # twice the money at the same 10 %: no trend
        ((1100, 1000), (1094, 1000), "falling", -1.0),  # 10.0 % → 9.4 %
        ((1100, 1000), (1099, 1000), "", 0.0),  # 10.0 % → 9.9 %: under 0.5 points, flat
    ],
)
def test_trend_points_from_the_last_two_complete_quarters(q1, q2, trend, points):
    quarterly = quarterly_roi(entries(quarters("A", q1, q2)))
    decided = decide(table(), quarterly=quarterly)
    assert (decided.at["A", "trend"], decided.at["A", "trend_points"]) == (trend, points)


def test_trend_uses_the_last_two_quarters_only_and_skips_an_incomplete_one():
    # Q1 10 %, Q2 30 %, Q3 20 %: falling from Q2 to Q3, whatever Q1 was.
    quarterly = quarterly_roi(entries(quarters("A", (1100, 1000), (1300, 1000), (1200, 1000))))
    assert decide(table(), quarterly=quarterly).at["A", "trend"] == "falling"
    # Q3 only up to 15 July: the data end mid-quarter, so Q3 is not complete; Q1 → Q2 rose.
    partial = quarters("A", (1100, 1000), (1300, 1000)) + [("2025-07-15", "A", "revenue", 10.0)]
    quarterly = quarterly_roi(entries(partial))
    assert not quarterly.query("alliance == 'A' and quarter == '2025-Q3'")["complete"].item()
    assert decide(table(), quarterly=quarterly).at["A", "trend"] == "rising"


def test_one_complete_quarter_is_no_trend():
    quarterly = quarterly_roi(
        entries([("2025-01-01", "A", "revenue", 1100), ("2025-03-31", "A", "cost", 1000)])
    )
    assert decide(table(), quarterly=quarterly).at["A", "trend_points"] == 0.0


# --- goals: the worst status among an alliance's goals ----------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "worst", "points"),
    [
        (["Achieved", "On track", "Off track"], "Off track", -1.0),
        (["Achieved", "At risk"], "At risk", 0.0),
        (["Achieved", "On track"], "On track", 1.0),
        (["Achieved"], "Achieved", 1.0),
        (["Unknown"], "", 0.0),  # nothing judged: no points either way
        ([], "", 0.0),  # no goals: the 'No goals defined' red flag says it, not this factor
    ],
)
def test_goal_points_from_the_worst_status(statuses, worst, points):
    goals = pd.DataFrame({"alliance": ["A"] * len(statuses) + ["B"], "status": [*statuses, "Off track"]})
    decided = decide(table(alliance=["A", "B"]), goals=goals)
    assert (decided.at["A", "goal_status"], decided.at["A", "goals_points"]) == (worst, points)
    assert decided.at["B", "goals_points"] == -1.0


# --- red flags: −1 each, 3 counted at most ---------------------------------------------------------


@pytest.mark.parametrize(("count", "points"), [(0, 0.0), (1, -1.0), (3, -3.0), (4, -3.0)])
def test_flag_points_are_capped(count, points):
    flags = pd.DataFrame(
        {"alliance": ["A"] * count, "flag": [f"Flag {i}" for i in range(count)], "figures": ""}
    )
    decided = decide(table(), flags=flags)
    assert (decided.at["A", "flag_count"], decided.at["A", "flags_points"]) == (count, points)


def test_flags_of_other_alliances_do_not_count():
    flags = pd.DataFrame({"alliance": ["Gone"], "flag": [NEGATIVE_ROI], "figures": [""]})
    assert decide(table(), flags=flags).at["A", "flags_points"] == 0.0


# --- health: ≥ 4 +1, ≤ 2 −1, between or none 0 -------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "points"),
    [(4.0, 1.0), (3.99, 0.0), (2.01, 0.0), (2.0, -1.0), (1.0, -1.0), (float("nan"), 0.0)],
)
def test_health_points_at_the_boundaries(score, points):
    health = pd.DataFrame({"score": [score]}, index=pd.Index(["A"], name="alliance"))
    assert decide(table(), health=health).at["A", "health_points"] == points


def test_a_mean_that_is_four_in_all_but_floating_point_counts_as_four():
    # (3.9 + 4.1 + 4.0) / 3 is 3.9999999999999996 in floating point; the scale's 4 it is.
    health = pd.DataFrame({"score": [(3.9 + 4.1 + 4.0) / 3]}, index=["A"])
    assert decide(table(), health=health).at["A", "health_points"] == 1.0


@pytest.mark.parametrize("score", [4.5, 1.0])
def test_one_sided_health_earns_no_points(score):
    """Issue 28.3: one side's view is not the relationship's: neither +1 nor −1."""
    health = pd.DataFrame({"score": [score], "one_sided": [True]}, index=pd.Index(["A"], name="alliance"))
    decided = decide(table(), health=health)
    assert decided.at["A", "health_points"] == 0.0
    assert math.isnan(decided.at["A", "health_score"])


def test_no_health_sheet_gives_no_health_points():
    assert decide(table(), health=pd.DataFrame()).at["A", "health_points"] == 0.0


# --- cut scores: Invest from 3, Maintain from 0, Fix from −2, else Exit ------------------------------


@pytest.mark.parametrize(
    ("score", "recommendation"),
    [(3.0, "Invest"), (2.5, "Maintain"), (0.0, "Maintain"), (-0.5, "Fix"), (-2.0, "Fix"), (-2.5, "Exit")],
)
def test_each_cut_score_at_its_boundary(score, recommendation):
    # Only the band scores: a Strong band worth `score` points.
    decided = decide(table(band=["Strong"]), rules=DecisionRules(strong=score))
    assert (decided.at["A", "score"], decided.at["A", "recommendation"]) == (score, recommendation)


def test_fractional_points_reach_a_cut_they_add_up_to():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point; with a cut at 0.3 it is an Invest.
    rules = DecisionRules(top=0.1, strong=0.2, invest=0.3)
    decided = decide(with_spread(band=["Strong"], quartile=["Top"]), rules=rules)
    assert (decided.at["A", "score"], decided.at["A", "recommendation"]) == (0.3, "Invest")


def test_rules_whose_cuts_are_out_of_order_are_refused():
    with pytest.raises(ValueError, match="'invest'"):
        DecisionRules(invest=-1.0)
    with pytest.raises(ValueError, match="'unhealthy_to'"):
        DecisionRules(healthy_from=2.0)


# --- all factors together, and the reasons in words -------------------------------------------------


def test_reasons_name_each_factor_that_scored_with_its_points():
    quarterly = quarterly_roi(
        entries(quarters("Acme", (1100, 1000), (1120, 1000)) + quarters("Beta", (1200, 1000), (1050, 1000)))
    )
    goals = pd.DataFrame({"alliance": ["Acme", "Beta"], "status": ["On track", "Off track"]})
    flags = pd.DataFrame(
        {"alliance": ["Acme", "Beta", "Beta"], "flag": [NO_GOALS, NEGATIVE_ROI, NO_GOALS], "figures": ""}
    )
    health = pd.DataFrame({"score": [4.5, 1.5]}, index=["Acme", "Beta"])
    alliances = with_spread(
        alliance=["Acme", "Beta", "Calm"],
        band=["Strong", "Weak", "Moderate"],
        quartile=["Top", "Bottom", "Second"],
    )
    decided = decide(alliances, quarterly, goals, flags, health)
    # Acme: +2 +1 +1 (10 % → 12 %) +1 −1 +1 = 5 → Invest
    assert decided.at["Acme", "score"] == 5.0
    assert decided.at["Acme", "recommendation"] == "Invest"
    assert decided.at["Acme", "reasons"] == (
        "Band Strong (+2); Top quartile (+1); ROI rising 10.0 % → 12.0 % (+1); Goals on track (+1); "
        "1 red flag: No goals defined (vague success metrics) (−1); Health score 4.5 (+1)"
    )
    # Beta: −2 −1 −1 (20 % → 5 %) −1 −1 −1 = −7 → Exit; its Negative ROI flag is the Weak band's
    # fact, weighed by the band already, so only the No goals flag counts.
    assert decided.at["Beta", "score"] == -7.0
    assert decided.at["Beta", "recommendation"] == "Exit"
    assert decided.at["Beta", "reasons"] == (
        "Band Weak (−2); Bottom quartile (−1); ROI falling 20.0 % → 5.0 % (−1); Goals off track (−1); "
        "1 red flag: No goals defined (vague success metrics) (−1); Health score 1.5 (−1)"
    )
    # Calm: nothing for or against: 0 → Maintain
    assert (decided.at["Calm", "score"], decided.at["Calm", "recommendation"]) == (0.0, "Maintain")
    assert decided.at["Calm", "reasons"] == NO_REASON


@pytest.mark.parametrize("weighed", [NEGATIVE_ROI, ROI_FALLING, GOALS_OFF_TRACK, HEALTH_LOW])
def test_a_flag_another_factor_weighs_is_not_counted_again(weighed):
    """Negative ROI is the band's fact, ROI falling the trend's, goals off track the goals factor's,
    a health score of 2 or less the health factor's (issue 28.4: it counted −1 twice): with one of
    them and No goals, only No goals counts: −1 point, '1 red flag'."""
    flags = pd.DataFrame({"alliance": ["A", "A"], "flag": [weighed, NO_GOALS], "figures": ""})
    decided = decide(table(), flags=flags)
    assert (decided.at["A", "flags_points"], decided.at["A", "flag_count"]) == (-1.0, 1)
    assert decided.at["A", "reasons"] == "1 red flag: No goals defined (vague success metrics) (−1)"


def test_capped_flags_say_how_many_counted():
    flags = pd.DataFrame({"alliance": ["A"] * 4, "flag": ["F1", "F2", "F3", "F4"], "figures": ""})
    assert decide(table(), flags=flags).at["A", "reasons"] == "4 red flags (3 counted): F1, F2, F3, F4 (−3)"


def test_edited_weights_change_the_points_and_the_words():
    rules = DecisionRules(strong=3.0, invest=4.0)
    decided = decide(with_spread(band=["Strong"], quartile=["Top"]), rules=rules)
    # 3 + 1 = 4 → Invest from 4
    assert decided.at["A", "reasons"] == "Band Strong (+3); Top quartile (+1)"
    assert decided.at["A", "recommendation"] == "Invest"
    # The same alliance under the defaults: 2 + 1 = 3 → Invest from 3; under invest:4 with strong:2, a Maintain.
    assert (
        decide(with_spread(band=["Strong"], quartile=["Top"]), rules=DecisionRules(invest=4.0)).at[
            "A", "recommendation"
        ]
        == "Maintain"
    )


def test_recommend_keeps_the_tables_order_and_an_empty_table():
    alliances = table(alliance=["Zed", "Abe"])
    assert list(decide(alliances).index) == ["Zed", "Abe"]
    assert decide(alliances.iloc[0:0]).empty


@pytest.mark.parametrize(
    ("score", "said"), [(4.25, "Health score 4.25 (+1)"), (4.5, "Health score 4.5 (+1)")]
)
def test_health_score_in_the_reasons_as_the_health_table_shows_it(score, said):
    health = pd.DataFrame({"score": [score]}, index=["A"])
    assert decide(table(), health=health).at["A", "reasons"] == said
