"""From numbers to a decision: invest, maintain, fix or exit, with the reasons, and opportunity cost.

How a recommendation is reached (every number below is a field of `DecisionRules`, editable in
the sidebar, a link (`rules=strong:3,invest:4`) and the command line (`--rules`)):

    factor      what is read                                   points (defaults)
    band        the alliance's ROI band                        Strong +2, Moderate 0, Weak −2, n/a 0
    quartile    its place in the portfolio's ROI spread        Top +1, Second 0, Third 0, Bottom −1;
                (at least 4 alliances with an ROI, not all     0 without a spread
                equal)
    trend       ROI of the last complete quarter against       rising +1, falling −1, flat
                the one before (a change under `flat_points`,  (or unknown) 0
                0.5 points by default, is flat: materiality)
    goals       the worst status among its shared goals        Off track −1, At risk 0,
                                                               On track or Achieved +1, none 0
    red flags   how many of its red flags no factor above      −1 each, at most 3 counted
                already weighs
    health      its relationship-health score (1–5), both      ≥ 4 +1, ≤ 2 −1, between, one side
                sides scored                                   or none 0

The score is the sum of the points; the recommendation is the first cut it reaches:
Invest from 3, Maintain from 0, Fix from −2, Exit below. Each recommendation carries its reasons,
the factors that gave points, in words: "Band Strong (+2); ROI falling 15.0 % → 12.0 % (−1)".

Why a points score and not a decision tree: every factor is visible, a reviewer can check the
arithmetic by hand, and changing one weight changes one thing. So no fact counts twice: the red
flags a factor already weighs (a negative ROI is a Weak band, ROI falling two quarters running a
falling trend, goals off track the goals factor, a health score of 2 or less the health factor) are
left out of the red-flag count; the flags counted are those of facts no other factor sees (no goals,
costs outgrowing revenue, no recent revenue, risks without an owner or a mitigation, no exit
conditions, the two sides' health scores apart). And no sheet the workbook lacks costs a point: no
'no goals' flag without a Goals sheet, no 'no exit conditions' without that column (scorecard.py,
Ledger.judges_exit).

Opportunity cost and value over the hurdle rate, which the Decisions page shows beside the
recommendations, are core.analysis.time_value.opportunity's: month by month, one figure for every
sheet and page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from core import formatting as fmt
from core.analysis.filters import among
from core.analysis.health import HEALTH_LOW
from core.analysis.materiality import DOWN, FLAT_POINTS, UP, change_points, movement
from core.analysis.roi import ROI_DIGITS, comparable
from core.analysis.scorecard import GOALS_OFF_TRACK, NEGATIVE_ROI, ROI_FALLING
from core.model import (
    ACHIEVED,
    AT_RISK,
    BOTTOM,
    EXIT,
    FIX,
    INVEST,
    MAINTAIN,
    MODERATE,
    OFF_TRACK,
    ON_TRACK,
    STRONG,
    TOP,
    WEAK,
)

# Points are compared with the cut scores after rounding, so that 0.1 + 0.2 reaches a cut of 0.3.
SCORE_DIGITS = 6

FACTORS = ("band", "quartile", "trend", "goals", "flags", "health")
POINT_COLUMNS = [f"{factor}_points" for factor in FACTORS]
DECISION_COLUMNS = [
    "recommendation",
    "score",
    "reasons",
    *POINT_COLUMNS,
    "trend",
    "goal_status",
    "flag_count",
    "health_score",
]
NO_REASON = "No factor for or against"
RISING, FALLING = "rising", "falling"
# An alliance's goals in one status: the worst one it has (as a saved review sums them up).
_WORST_FIRST = (OFF_TRACK, AT_RISK, ON_TRACK, ACHIEVED)


@dataclass(frozen=True)
class DecisionRules:
    """Points per factor and the cut scores of the four recommendations (defaults in the module doc)."""

    strong: float = 2.0  # band Strong
    moderate: float = 0.0  # band Moderate
    weak: float = -2.0  # band Weak
    top: float = 1.0  # Top quartile
    bottom: float = -1.0  # Bottom quartile
    rising: float = 1.0  # ROI up from the quarter before (last two complete quarters)
    falling: float = -1.0  # ROI down from the quarter before
    on_track: float = 1.0  # worst goal On track or Achieved
    at_risk: float = 0.0  # worst goal At risk
    off_track: float = -1.0  # worst goal Off track
    flag: float = -1.0  # each red flag
    max_flags: int = 3  # red flags counted at most
    healthy: float = 1.0  # health score at or above healthy_from
    unhealthy: float = -1.0  # health score at or below unhealthy_to
    healthy_from: float = 4.0
    unhealthy_to: float = 2.0
    invest: float = 3.0  # score from which an alliance is an Invest
    maintain: float = 0.0  # … a Maintain
    fix: float = -2.0  # … a Fix; below it, Exit

    def __post_init__(self) -> None:
        if not self.invest >= self.maintain >= self.fix:
            raise ValueError(
                f"needs 'invest' ({self.invest:g}) ≥ 'maintain' ({self.maintain:g}) ≥ 'fix' ({self.fix:g})"
            )
        if not self.unhealthy_to < self.healthy_from:
            raise ValueError(
                f"needs 'unhealthy_to' ({self.unhealthy_to:g}) below 'healthy_from' ({self.healthy_from:g})"
            )
        if self.max_flags < 0 or self.max_flags != int(self.max_flags):
            raise ValueError("needs 'max_flags' to be a whole number of 0 or more")


RULE_NAMES = tuple(f.name for f in fields(DecisionRules))


def signed(points: float) -> str:
    """Points as a reason shows them: +2, −1, +0.5 (a true minus sign, as in print)."""
    return f"{points:+g}".replace("-", "−")


def decision_evidence(
    index: pd.Index,
    quarterly: pd.DataFrame,
    goals: pd.DataFrame,
    flags: pd.DataFrame,
    health: pd.DataFrame,
) -> pd.DataFrame:
    """What the rules weigh beside band and quartile, per alliance of `index`: the ROI trend and its
    figures in words, the worst goal status, the red flags no other factor weighs (count and names)
    and the health score. Thresholds and rules do not change it, so a re-banding reuses it.

    `quarterly` is `quarterly_roi`'s frame; `goals` the scored goals (`alliance`, `status`);
    `flags` the red flags (`alliance`, `flag`, `figures`); `health` the health summary indexed by
    alliance with a `score` (may be empty).
    `trend_change` is the change in percentage points; whether it rises or falls is the threshold's
    call (`trend`), made in `recommend`.
    """
    trend_change, trend_text = _trend(quarterly, index)
    flag_count, flag_names = _flag_count(flags, index)
    return pd.DataFrame(
        {
            "trend_change": trend_change,
            "trend_text": trend_text,
            "goal_status": _worst_goal_status(goals, index),
            "flag_count": flag_count,
            "flag_names": flag_names,
            "health_score": _health_score(health, index),
        },
        index=index,
    )


def recommend(
    alliance_table: pd.DataFrame,
    quarterly: pd.DataFrame,
    goals: pd.DataFrame,
    flags: pd.DataFrame,
    health: pd.DataFrame,
    rules: DecisionRules = DecisionRules(),
    evidence: pd.DataFrame | None = None,
    flat_points: float = FLAT_POINTS,
) -> pd.DataFrame:
    """Recommendation, score and reasons per alliance (indexed like `alliance_table`).

    `alliance_table` has `roi`, `band` and `quartile`; the other frames are `decision_evidence`'s,
    whose result for the same alliances may be passed as `evidence` instead of being found again.
    A trend of less than `flat_points` percentage points is flat and gives no points.
    """
    index = alliance_table.index
    if index.empty:
        return pd.DataFrame(columns=DECISION_COLUMNS, index=index)
    if evidence is None:
        evidence = decision_evidence(index, quarterly, goals, flags, health)
    moved = movement(evidence["trend_change"], flat_points).to_numpy()
    trend = pd.Series(np.select([moved == UP, moved == DOWN], [RISING, FALLING], ""), index=index)
    evidence = evidence.assign(trend=trend.astype(object))
    counted = evidence["flag_count"].clip(upper=rules.max_flags)
    points = _factor_points(alliance_table, evidence, counted, rules)
    total = points.sum(axis=1).round(SCORE_DIGITS)
    reasons = _join_reasons(_factor_words(alliance_table, evidence, counted), points)
    table = points.assign(
        recommendation=_cut(total, rules),
        score=total,
        reasons=reasons,
        trend=evidence["trend"],
        goal_status=evidence["goal_status"],
        flag_count=evidence["flag_count"].astype(int),
        health_score=evidence["health_score"],
    )
    return table[DECISION_COLUMNS]


def _factor_points(
    alliance_table: pd.DataFrame, evidence: pd.DataFrame, counted: pd.Series, rules: DecisionRules
) -> pd.DataFrame:
    """Each factor's points per alliance (POINT_COLUMNS); `counted` is the red flags counted (capped)."""
    score = evidence["health_score"]
    points = pd.DataFrame(
        {
            "band_points": _points(
                alliance_table["band"], {STRONG: rules.strong, MODERATE: rules.moderate, WEAK: rules.weak}
            ),
            "quartile_points": _points(alliance_table["quartile"], {TOP: rules.top, BOTTOM: rules.bottom})
            * _has_spread(alliance_table["roi"]),
            "trend_points": _points(evidence["trend"], {RISING: rules.rising, FALLING: rules.falling}),
            "goals_points": _points(
                evidence["goal_status"],
                {
                    OFF_TRACK: rules.off_track,
                    AT_RISK: rules.at_risk,
                    ON_TRACK: rules.on_track,
                    ACHIEVED: rules.on_track,
                },
            ),
            "flags_points": counted * rules.flag,
            "health_points": np.select(
                [
                    score.round(SCORE_DIGITS) >= rules.healthy_from,
                    score.round(SCORE_DIGITS) <= rules.unhealthy_to,
                ],
                [rules.healthy, rules.unhealthy],
                0.0,
            ),
        },
        index=alliance_table.index,
    ).astype(float)
    return points + 0.0  # −0.0 (no flags × −1) reads as 0


def _factor_words(
    alliance_table: pd.DataFrame, evidence: pd.DataFrame, counted: pd.Series
) -> list[pd.Series]:
    """What each factor read, in words, in the order of FACTORS (a reason shows those that gave points)."""
    return [
        "Band " + alliance_table["band"].astype(str),
        alliance_table["quartile"].astype(str) + " quartile",
        "ROI " + evidence["trend"] + " " + evidence["trend_text"],
        "Goals " + evidence["goal_status"].str.lower(),
        _flag_words(evidence["flag_count"], counted, evidence["flag_names"]),
        "Health score " + evidence["health_score"].map(_score_text).astype(str),
    ]


def _score_text(score: float) -> str:
    """A health score as the Health table shows it: 4.0, 4.5, 4.25 (never 4.25 cut to 4.2)."""
    if math.isnan(score):
        return ""
    return f"{score:.1f}" if round(score, 1) == round(score, 2) else f"{score:.2f}"


def _points(values: pd.Series, weights: dict[str, float]) -> pd.Series:
    """Points for each value by its weight; values without a weight score 0."""
    return values.astype(str).map({str(k): w for k, w in weights.items()}).fillna(0.0).astype(float)


def _cut(score: pd.Series, rules: DecisionRules) -> pd.Series:
    """Invest from `invest`, Maintain from `maintain`, Fix from `fix`, Exit below."""
    chosen = np.select(
        [score >= rules.invest, score >= rules.maintain, score >= rules.fix],
        [str(INVEST), str(MAINTAIN), str(FIX)],
        str(EXIT),
    )
    return pd.Series(chosen, index=score.index, dtype=object)


def _trend(quarterly: pd.DataFrame, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """The change in points between the last two complete quarters' ROI (NaN where either is
    undefined or missing), and the two figures in words ('' where there is no change to read)."""
    empty = pd.Series("", index=index, dtype=object)
    if quarterly.empty:
        return pd.Series(np.nan, index=index, dtype=float), empty
    complete = quarterly[quarterly["complete"].astype(bool) & among(quarterly["alliance"], index)]
    last_two = complete.groupby("alliance", sort=False).tail(2)
    place = last_two.groupby("alliance", sort=False).cumcount(ascending=False)
    wide = last_two.assign(place=place.to_numpy()).pivot(index="alliance", columns="place", values="roi")
    wide = wide.reindex(index=index, columns=[1, 0])
    before, last = comparable(wide[1]), comparable(wide[0])
    change = change_points(before, last)
    words = before.map(fmt.percent) + " → " + last.map(fmt.percent)
    return change, words.where(change.notna(), "").astype(object)


def _worst_goal_status(goals: pd.DataFrame, index: pd.Index) -> pd.Series:
    """The worst status among each alliance's judged goals; '' without goals or with none judged."""
    if goals.empty:
        return pd.Series("", index=index, dtype=object)
    rank = goals["status"].astype(str).map({str(s): i for i, s in enumerate(_WORST_FIRST)})
    worst = rank.groupby(goals["alliance"]).min().reindex(index)
    named = worst.map(dict(enumerate(str(s) for s in _WORST_FIRST)))
    return named.fillna("").astype(object)


# Red flags whose fact another factor already weighs (band, trend, goals, health): not counted again.
WEIGHED_ELSEWHERE = (NEGATIVE_ROI, ROI_FALLING, GOALS_OFF_TRACK, HEALTH_LOW)
# Quartile points need a spread to place an alliance in: this many alliances with an ROI, not all equal.
QUARTILE_SPREAD_MIN = 4


def _flag_count(flags: pd.DataFrame, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Number of red flags per alliance that no other factor weighs, and their names, comma-separated."""
    flags = flags[~flags["flag"].isin(WEIGHED_ELSEWHERE)] if len(flags) else flags
    if flags.empty:
        return pd.Series(0, index=index), pd.Series("", index=index, dtype=object)
    count = flags.groupby("alliance", sort=False).size().reindex(index, fill_value=0).astype(int)
    # One pass over the flags (not a Python call per alliance's group): 5,000 alliances in ms.
    said: dict[str, list[str]] = {}
    for alliance, flag in zip(
        flags["alliance"].to_numpy(), flags["flag"].astype(str).to_numpy(), strict=True
    ):
        said.setdefault(alliance, []).append(flag)
    names = pd.Series({alliance: ", ".join(found) for alliance, found in said.items()}, dtype=object)
    return count, names.reindex(index, fill_value="").astype(object)


def _flag_words(count: pd.Series, counted: pd.Series, names: pd.Series) -> pd.Series:
    """'1 red flag: Negative ROI', '5 red flags (3 counted): …'."""
    noun = np.where(count == 1, " red flag", " red flags")
    capped = np.where(counted < count, " (" + counted.astype(str) + " counted)", "")
    return count.astype(str) + noun + capped + ": " + names


def _has_spread(roi: pd.Series) -> float:
    """1 when the portfolio's ROIs spread enough for quartiles to mean a place (at least
    QUARTILE_SPREAD_MIN alliances with an ROI, not all equal at ROI_DIGITS), else 0."""
    ranked = roi.dropna().astype(float).round(ROI_DIGITS)
    return float(len(ranked) >= QUARTILE_SPREAD_MIN and ranked.nunique() > 1)


def _health_score(health: pd.DataFrame, index: pd.Index) -> pd.Series:
    """Each alliance's health score, NaN where it has none, where one side only scored it (one
    side's view earns no points), or where the Health sheet is absent."""
    if health.empty or "score" not in health:
        return pd.Series(np.nan, index=index, dtype=float)
    one_sided = health.get("one_sided", pd.Series(False, index=health.index)).astype(bool)
    return health["score"].astype(float).where(~one_sided).reindex(index)


def _join_reasons(said: list[pd.Series], points: pd.DataFrame) -> pd.Series:
    """The factors that gave points, each with its points, '; '-joined in the order of FACTORS."""
    # Plain lists: six pandas string operations per factor cost more than the text they make
    # (a re-banding after a threshold change redoes this for every alliance).
    words = [column.astype(str).str.strip().tolist() for column in said]
    values = points[POINT_COLUMNS].to_numpy().tolist()
    reasons = [
        "; ".join(f"{w} ({signed(v)})" for w, v in zip(row_words, row_values, strict=True) if v != 0)
        or NO_REASON
        for row_words, row_values in zip(zip(*words, strict=True), values, strict=True)
    ]
    return pd.Series(reasons, index=points.index, dtype="str")
