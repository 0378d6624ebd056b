"""Relationship health from the Health sheet: a score per alliance, the gap between the two sides.

Each side (Us, Partner) scores an alliance from 1 to 5 on each dimension (strategic fit,
operational, financial, relationship). Per alliance:
- `us`, `partner`: the mean of that side's scores (over the dimensions it scored);
- `score`: the health score, the mean of the two sides' means (1–5), so that each side weighs the
  same however many dimensions it scored; with one side's scores only, that side's mean, marked
  `one_sided`: it is one side's view, not the relationship's, and earns no decision points;
- `gap` = us − partner, the perceived reciprocity: positive when we think the alliance goes better
  than the partner does, negative when the partner thinks better of it than we do;
- `widest`: the dimension with the largest |us − partner| (the first in HEALTH_DIMENSIONS order on a
  tie; '' when no dimension is scored by both sides or the sides agree on every one).
Several rows for one side (two surveys) are averaged per dimension first.

Flags: a side scoring LOW_SCORE (2) or less on a dimension; the sides differing by WIDE_GAP (2) or
more on a dimension.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analysis.filters import among
from core.analysis.risks import FLAG_COLUMNS, order_flags
from core.analysis.roi import ROI_DIGITS
from core.model import Side
from core.reading.ledger import HEALTH_COLUMNS

# A side's score at or below this on a dimension is a red flag; so are two sides this far apart.
LOW_SCORE = 2.0
WIDE_GAP = 2.0

HEALTH_LOW = "Health scored 2 or lower"
HEALTH_GAP = "Sides' health scores 2 or more apart"
HEALTH_FLAGS = (HEALTH_LOW, HEALTH_GAP)

# Dimension names as shown ('Strategic fit') by the Ledger.health column holding them.
_DIMENSION_OF = {column: str(dimension) for dimension, column in HEALTH_COLUMNS.items()}
_DIMENSION_ORDER = list(_DIMENSION_OF.values())
_SCORES_GIVEN = {Side.US: "we score", Side.PARTNER: "the partner scores"}


def side_scores(health: pd.DataFrame, alliance_index: pd.Index) -> pd.DataFrame:
    """One row per alliance in view, dimension and side that has a score: the mean of its rows' scores.

    Columns alliance, dimension (shown name, ordered as HEALTH_DIMENSIONS), side, score.
    """
    in_view = health[among(health["alliance"], alliance_index)]
    long = in_view.melt(
        id_vars=["alliance", "side"],
        value_vars=list(_DIMENSION_OF),
        var_name="dimension",
        value_name="score",
    ).dropna(subset=["score"])
    long["dimension"] = pd.Categorical(long["dimension"].map(_DIMENSION_OF), categories=_DIMENSION_ORDER)
    long["side"] = pd.Categorical(long["side"], categories=[Side.US, Side.PARTNER])
    means = long.groupby(["alliance", "dimension", "side"], observed=True)["score"].mean()
    means = means.round(ROI_DIGITS).reset_index()
    # Alliances in the index's order, then dimensions and sides in their own order.
    position = pd.Series(range(len(alliance_index)), index=alliance_index)
    return means.iloc[means["alliance"].map(position).argsort(kind="stable")].reset_index(drop=True)


def _by_dimension(scores: pd.DataFrame) -> pd.DataFrame:
    """Per alliance and dimension: columns Us, Partner (NaN when that side did not score it) and gap."""
    wide = scores.pivot_table(
        index=["alliance", "dimension"], columns="side", values="score", observed=True
    ).reindex(columns=[Side.US, Side.PARTNER])
    wide.columns = [str(c) for c in wide.columns]
    return wide.assign(gap=(wide[Side.US] - wide[Side.PARTNER]).round(ROI_DIGITS)).reset_index()


def health_summary(health: pd.DataFrame, alliance_index: pd.Index) -> pd.DataFrame:
    """Per alliance of the index: us, partner, score, gap, widest, scored (see the module's docstring)."""
    if health.empty:
        # Most ledgers have no Health sheet: no scores to melt, pivot and rank (20 ms of pandas).
        return _unscored(alliance_index)
    scores = side_scores(health, alliance_index)
    by_side = scores.groupby(["alliance", "side"], observed=True)["score"].mean().unstack("side")
    by_side = by_side.reindex(index=alliance_index, columns=[Side.US, Side.PARTNER])
    summary = pd.DataFrame(index=alliance_index)
    summary["us"] = by_side[Side.US].astype(float).round(ROI_DIGITS)
    summary["partner"] = by_side[Side.PARTNER].astype(float).round(ROI_DIGITS)
    both = summary[["us", "partner"]]
    summary["score"] = both.mean(axis=1, skipna=True).round(ROI_DIGITS)
    summary["gap"] = (summary["us"] - summary["partner"]).round(ROI_DIGITS)
    dims = _by_dimension(scores).dropna(subset=["gap"])
    dims = dims[dims["gap"].abs() > 0].assign(size=lambda d: d["gap"].abs())
    # Largest gap first; on a tie the stable sort keeps the dimensions' own order.
    widest = dims.sort_values(["alliance", "size"], ascending=[True, False], kind="stable")
    widest = widest.drop_duplicates("alliance").set_index("alliance")["dimension"].astype(str)
    summary["widest"] = widest.reindex(alliance_index).fillna("").astype(str)
    summary["one_sided"] = both.notna().sum(axis=1).eq(1)
    summary["scored"] = summary["score"].notna()
    summary.index.name = "alliance"
    return summary


def _unscored(alliance_index: pd.Index) -> pd.DataFrame:
    """`health_summary` of alliances none of which has a score."""
    missing = pd.Series(np.nan, index=alliance_index, dtype=float)
    summary = pd.DataFrame(
        {"us": missing, "partner": missing, "score": missing, "gap": missing},
        index=alliance_index,
    )
    summary["widest"] = pd.Series("", index=alliance_index).astype(str)
    summary["one_sided"] = False
    summary["scored"] = False
    summary.index.name = "alliance"
    return summary


def health_flags(health: pd.DataFrame, alliance_index: pd.Index) -> pd.DataFrame:
    """Red flags (alliance, flag, figures): a side scoring ≤ 2 on a dimension; sides ≥ 2 apart on one."""
    if health.empty:
        return order_flags(pd.DataFrame(columns=FLAG_COLUMNS), alliance_index, HEALTH_FLAGS)
    scores = side_scores(health, alliance_index)
    low = scores[scores["score"] <= LOW_SCORE]
    low_said = {
        alliance: "; ".join(
            f"{_SCORES_GIVEN[side]} {dimension} {_score(score)}"
            for side, dimension, score in zip(group["side"], group["dimension"], group["score"], strict=True)
        )
        for alliance, group in low.groupby("alliance", sort=False)
    }
    dims = _by_dimension(scores)
    apart = dims[dims["gap"].abs() >= WIDE_GAP]
    apart_said = {
        alliance: "; ".join(
            f"{dimension}: us {_score(us)}, partner {_score(partner)}"
            for dimension, us, partner in zip(
                group["dimension"], group[Side.US], group[Side.PARTNER], strict=True
            )
        )
        for alliance, group in apart.groupby("alliance", sort=False)
    }
    flags = pd.concat(
        [
            pd.DataFrame(
                {"alliance": list(low_said), "flag": HEALTH_LOW, "figures": list(low_said.values())}
            ),
            pd.DataFrame(
                {"alliance": list(apart_said), "flag": HEALTH_GAP, "figures": list(apart_said.values())}
            ),
        ],
        ignore_index=True,
    )
    return order_flags(
        flags if len(flags) else pd.DataFrame(columns=FLAG_COLUMNS), alliance_index, HEALTH_FLAGS
    )


def _score(value: float) -> str:
    """A score as written: 2 rather than 2.0, 2.5 as 2.5."""
    return f"{value:g}"
