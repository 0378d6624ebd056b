"""The non-financial side: shared goals against targets, red flags per alliance, and ROI by type.

Goal status compares progress with the time gone between the goal's start and due date, as of a
date passed in (never the clock), so that a review can be reproduced.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any  # a Goals row from itertuples: its fields are the sheet's columns

import numpy as np
import pandas as pd

from core import formatting as fmt
from core.analysis.filters import among
from core.analysis.health import HEALTH_FLAGS
from core.analysis.money import cents
from core.analysis.risks import RISK_FLAGS
from core.analysis.roi import roi_of
from core.model import ACHIEVED, AT_RISK, OFF_TRACK, ON_TRACK, STATUSES, UNKNOWN

# Progress at or above this share of the expected pace is at risk rather than off track.
AT_RISK_SHARE = 0.75
LOWER_WORDS = {"lower", "lower is better", "down", "decrease", "less", "min", "minimise", "minimize"}
NO_REVENUE_DAYS = 90

NEGATIVE_ROI = "Negative ROI"
ROI_FALLING = "ROI falling two quarters running"
COST_OUTGROWS = "Cost growing faster than revenue"
NO_RECENT_REVENUE = f"No revenue in the last {NO_REVENUE_DAYS} days"
NO_GOALS = "No goals defined (vague success metrics)"
GOALS_OFF_TRACK = "Goals off track"


def is_lower_better(direction: str) -> bool:
    """True for goals where less is better (cycle time, churn, cost)."""
    return direction.strip().casefold() in LOWER_WORDS


def goal_status(
    goals: pd.DataFrame, as_of: dt.date, default_start: dict[str, pd.Timestamp] | None = None
) -> pd.DataFrame:
    """Each goal with progress, expected progress, status and the reason for it.

    Progress is actual / target (target / actual when lower is better). A goal's start is its own
    start date, else `default_start[alliance]` (the alliance's start or the ledger's first date).
    """
    today = pd.Timestamp(as_of)
    default_start = default_start or {}
    rows = []
    for goal in goals.itertuples(index=False):
        start = goal.start_date if pd.notna(goal.start_date) else default_start.get(goal.alliance, pd.NaT)
        progress, expected, status, why = _judge(goal, start, today)
        rows.append(
            {"progress": progress, "expected": expected, "status": status, "why": why, "start_used": start}
        )
    judged = pd.DataFrame(
        rows, index=goals.index, columns=["progress", "expected", "status", "why", "start_used"]
    )
    return pd.concat([goals, judged], axis=1)


def _progress(target: float, actual: float, lower: bool) -> float:
    """Share of the target reached; NaN when the ratio is not finite (a target of 1e-300)."""
    progress = (1.0 if actual <= 0 else target / actual) if lower else actual / target
    return progress if math.isfinite(progress) else float("nan")


def _judge(goal: Any, start: pd.Timestamp, today: pd.Timestamp) -> tuple[float, float, str, str]:
    nan = float("nan")
    if pd.isna(goal.target) or pd.isna(goal.actual):
        return nan, nan, UNKNOWN, "no target or no actual recorded"
    lower = is_lower_better(goal.direction or "")
    if not lower and goal.target <= 0:
        return nan, nan, UNKNOWN, "a target of zero or less cannot be measured against"
    achieved = goal.actual <= goal.target if lower else goal.actual >= goal.target
    progress = _progress(goal.target, goal.actual, lower)
    if achieved:
        return (
            progress,
            nan,
            ACHIEVED,
            "milestone reached" if _is_milestone(goal) else f"{_of_target(goal)} reached",
        )
    if pd.isna(goal.due_date):
        return progress, nan, UNKNOWN, f"{_of_target(goal)}; no due date to judge the pace"
    if today > goal.due_date:
        return progress, 1.0, OFF_TRACK, f"past due ({goal.due_date:%Y-%m-%d}) at {_of_target(goal)}"
    if pd.isna(start) or start >= goal.due_date:
        return progress, nan, UNKNOWN, f"{_of_target(goal)}; no start date to judge the pace"
    expected = min(1.0, max(0.0, (today - start) / (goal.due_date - start)))
    if _is_milestone(goal):
        # A milestone is done or not: it is only at risk once most of its time is gone.
        status = AT_RISK if expected >= AT_RISK_SHARE else ON_TRACK
        return (
            progress,
            expected,
            status,
            f"milestone not yet reached, {fmt.percent(expected, 0)} of the time gone",
        )
    why = f"{_of_target(goal)} with {fmt.percent(expected, 0)} of the time gone"
    if progress >= expected:
        return progress, expected, ON_TRACK, why
    if progress >= AT_RISK_SHARE * expected:
        return progress, expected, AT_RISK, why
    return progress, expected, OFF_TRACK, why


def _is_milestone(goal: Any) -> bool:
    return "milestone" in (goal.unit or "").casefold() and goal.target == 1


def _of_target(goal: Any) -> str:
    unit = f" {goal.unit}" if goal.unit and goal.unit != "%" else (goal.unit or "")
    return f"{goal.actual:,.4g}{unit} against {goal.target:,.4g}{unit}"


def status_counts(scored: pd.DataFrame) -> dict[str, int]:
    """Number of goals per status, every status present."""
    return {status: int((scored["status"] == status).sum()) for status in STATUSES}


def red_flags(
    alliance_table: pd.DataFrame,
    quarterly: pd.DataFrame,
    entries: pd.DataFrame,
    scored_goals: pd.DataFrame,
) -> pd.DataFrame:
    """One row per flag raised: alliance, flag, and the figures behind it.

    Each flag is judged for every alliance at once (grouped columns, no loop over alliances); only
    the alliances it fires for get their sentence. Rows come per alliance in the table's order, and
    per alliance in the order of FLAG_ORDER.
    """
    # Partial quarters at the edges of the data would make a trend out of a short quarter.
    complete = quarterly[
        quarterly["complete"].astype(bool) & among(quarterly["alliance"], alliance_table.index)
    ]
    found = [
        _negative_roi(alliance_table),
        _roi_falling(complete),
        _cost_outgrows_revenue(complete),
        _no_recent_revenue(entries, alliance_table.index),
        *_goal_flags(scored_goals, alliance_table.index),
    ]
    flags = pd.concat([f for f in found if len(f)] or [_NO_FLAGS], ignore_index=True)
    position = pd.Series(range(len(alliance_table)), index=alliance_table.index)
    order = flags["alliance"].map(position) * len(FLAG_ORDER) + flags["flag"].map(FLAG_ORDER.index)
    return flags.iloc[order.argsort(kind="stable")].reset_index(drop=True)[["alliance", "flag", "figures"]]


# The flags of the Risks and Health sheets (risks.py, health.py) come after the financial and goal ones.
FLAG_ORDER = [
    NEGATIVE_ROI,
    ROI_FALLING,
    COST_OUTGROWS,
    NO_RECENT_REVENUE,
    NO_GOALS,
    GOALS_OFF_TRACK,
    *RISK_FLAGS,
    *HEALTH_FLAGS,
]
_NO_FLAGS = pd.DataFrame(columns=["alliance", "flag", "figures"])


def _flagged(alliances: pd.Index | list, flag: str, figures: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"alliance": list(alliances), "flag": flag, "figures": figures})


def _negative_roi(table: pd.DataFrame) -> pd.DataFrame:
    hit = table[table["roi"].notna() & (table["roi"] < 0)]
    return _flagged(
        hit.index,
        NEGATIVE_ROI,
        [
            f"ROI {fmt.percent(r.roi)}: revenue {fmt.money(r.revenue)} against cost {fmt.money(r.cost)}"
            for r in hit.itertuples()
        ],
    )


def _from_end(quarters: pd.DataFrame) -> pd.Series:
    """Each quarter's place counted from its alliance's last one (0 for the last)."""
    return quarters.groupby("alliance", sort=False).cumcount(ascending=False)


def _roi_falling(quarters: pd.DataFrame) -> pd.DataFrame:
    """ROI lower in each of the last three complete quarters than in the one before."""
    last = quarters[(_from_end(quarters) < 3).to_numpy()]
    last = last.assign(place=_from_end(last).to_numpy())
    wide = last.pivot(index="alliance", columns="place", values="roi")
    if wide.shape[1] < 3:
        return _NO_FLAGS
    falling = wide[
        wide[2].notna() & wide[1].notna() & wide[0].notna() & (wide[2] > wide[1]) & (wide[1] > wide[0])
    ]
    names = last.pivot(index="alliance", columns="place", values="quarter").reindex(falling.index)
    return _flagged(
        falling.index,
        ROI_FALLING,
        [
            f"ROI {fmt.percent(r2)} → {fmt.percent(r1)} → {fmt.percent(r0)} ({first} to {final})"
            for r2, r1, r0, first, final in zip(
                falling[2], falling[1], falling[0], names[2], names[0], strict=True
            )
        ],
    )


def _cost_outgrows_revenue(quarters: pd.DataFrame) -> pd.DataFrame:
    """Last four quarters against the four before (season for season); with under eight quarters,
    the last quarter against the first of the last four."""
    place = _from_end(quarters).to_numpy()
    counted = quarters.groupby("alliance", sort=False)["quarter"].transform("size").to_numpy()
    side = np.where(
        counted >= 8,
        np.select([place < 4, place < 8], ["now", "then"], ""),
        np.select([place == 0, place == 3], ["now", "then"], ""),
    )
    side = np.where(counted >= 4, side, "")
    both = quarters.assign(side=side)[side != ""]
    if both.empty:
        return _NO_FLAGS
    sums = both.groupby(["alliance", "side"], sort=False)[["cost", "revenue"]].sum().unstack("side")
    edge = quarters.assign(place=place)
    start = edge[edge["place"] == 3].set_index("alliance")["quarter"]
    end = edge[edge["place"] == 0].set_index("alliance")["quarter"]
    n = pd.Series(counted, index=quarters["alliance"].to_numpy()).groupby(level=0).first()
    then_cost, then_revenue = sums[("cost", "then")], sums[("revenue", "then")]
    cost_growth = sums[("cost", "now")] / then_cost - 1
    revenue_growth = sums[("revenue", "now")] / then_revenue - 1
    hit = (then_cost > 0) & (then_revenue > 0) & (cost_growth > revenue_growth) & (cost_growth > 0)
    chosen = hit[hit].index
    figures = [
        (
            f"last four quarters ({first} to {final}) against the four before"
            if count >= 8
            else f"from {first} to {final}"
        )
        + f": cost {_signed(cost)}, revenue {_signed(revenue)}"
        for first, final, count, cost, revenue in zip(
            start.reindex(chosen),
            end.reindex(chosen),
            n.reindex(chosen),
            cost_growth[hit],
            revenue_growth[hit],
            strict=True,
        )
    ]
    return _flagged(chosen, COST_OUTGROWS, figures)


def _goal_flags(scored: pd.DataFrame, alliances: pd.Index) -> list[pd.DataFrame]:
    """No goals defined (only when the workbook has goals at all: an absent Goals sheet punishes
    no one); goals off track (with each off-track goal's metric and why)."""
    counts = scored.groupby("alliance")["status"].size().reindex(alliances, fill_value=0)
    without = counts[counts == 0].index if len(scored) else counts.index[:0]
    none = _flagged(
        without, NO_GOALS, ["no shared goal with a target, owner and date on the Goals sheet"] * len(without)
    )
    off = scored[(scored["status"] == OFF_TRACK) & among(scored["alliance"], alliances)]
    # Each off-track goal in words, then joined per alliance (in the order alliances first appear).
    goals = pd.Series(
        [f"{m} ({w})" for m, w in zip(off["metric"], off["why"], strict=True)], index=off.index, dtype=object
    )
    by_alliance = goals.groupby(off["alliance"].to_numpy(), sort=False)
    joined, off_counts = by_alliance.agg("; ".join), by_alliance.size()
    said = [
        f"{off_count} of {count}: {text}"
        for off_count, count, text in zip(off_counts, counts.reindex(joined.index), joined, strict=True)
    ]
    return [none, _flagged(joined.index, GOALS_OFF_TRACK, said)]


def _signed(ratio: float) -> str:
    return f"{ratio * 100:+.1f} %"


def _no_recent_revenue(entries: pd.DataFrame, alliances: pd.Index) -> pd.DataFrame:
    """No revenue in the last NO_REVENUE_DAYS days of the data (the data's end, not the clock)."""
    if entries.empty:
        return _NO_FLAGS
    data_end = entries["date"].max()
    since = data_end - pd.Timedelta(days=NO_REVENUE_DAYS)
    revenue = entries[entries["kind"] == "revenue"]
    recent = (
        revenue[revenue["date"] > since].groupby("alliance")["amount"].sum().reindex(alliances, fill_value=0)
    )
    silent = recent[~(recent > 0)].index
    last = revenue[revenue["amount"] > 0].groupby("alliance")["date"].max().reindex(silent)
    return _flagged(
        silent,
        NO_RECENT_REVENUE,
        [
            f"nothing after {since:%Y-%m-%d} (data ends {data_end:%Y-%m-%d}); "
            + (f"last revenue {day:%Y-%m-%d}" if pd.notna(day) else "no revenue at all")
            for day in last
        ],
    )


def roi_by_type(alliance_table: pd.DataFrame) -> pd.DataFrame:
    """Revenue, cost, net value and cost-weighted ROI per partnership type."""
    table = alliance_table.assign(type=alliance_table["type"].replace("", "(not set)"))
    sums = table.groupby("type").agg(
        alliances=("revenue", "size"),
        revenue=("revenue", "sum"),
        cost=("cost", "sum"),
        mean_roi=("roi", "mean"),
    )
    sums[["revenue", "cost"]] = cents(sums[["revenue", "cost"]])
    sums["net_value"] = cents(sums["revenue"] - sums["cost"])
    sums["roi"] = [_defined(roi_of(r, c)[0]) for r, c in zip(sums["revenue"], sums["cost"], strict=True)]
    return sums[["alliances", "revenue", "cost", "net_value", "roi", "mean_roi"]].sort_values(
        "roi", ascending=False
    )


def _defined(value: float | None) -> float:
    return float("nan") if value is None else value


def goal_starts(alliances: pd.DataFrame, entries: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Default start of each alliance's goals: its start date on the Alliances sheet, else the first entry."""
    first_entry = entries.groupby("alliance")["date"].min().to_dict() if len(entries) else {}
    starts = dict(first_entry)
    for row in alliances.dropna(subset=["start_date"]).itertuples(index=False):
        starts[row.alliance] = row.start_date
    return starts
