"""The non-financial side: shared goals against targets, red flags per alliance, and ROI by type.

Goal status compares progress with the time gone between the goal's start and due date, as of a
date passed in (never the clock), so that a review can be reproduced.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any  # a Goals row from itertuples: its fields are the sheet's columns

import pandas as pd

from core.analysis.roi import CENT_DIGITS, roi_of
from core.model import ACHIEVED, AT_RISK, OFF_TRACK, ON_TRACK, STATUSES, UNKNOWN
from core.output import formatting as fmt

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
    """One row per flag raised: alliance, flag, and the figures behind it."""
    flags: list[tuple[str, str, str]] = []
    data_end = entries["date"].max() if len(entries) else None
    # Partial quarters at the edges of the data would make a trend out of a short quarter.
    complete = quarterly[quarterly["complete"].astype(bool)]
    quarters_of = dict(tuple(complete.groupby("alliance", sort=False)))
    entries_of = dict(tuple(entries.groupby("alliance", sort=False)))
    goals_of = dict(tuple(scored_goals.groupby("alliance", sort=False)))
    for alliance, row in alliance_table.iterrows():
        if pd.notna(row["roi"]) and row["roi"] < 0:
            flags.append(
                (
                    alliance,
                    NEGATIVE_ROI,
                    f"ROI {fmt.percent(row['roi'])}: revenue "
                    f"{fmt.money(row['revenue'])} against cost {fmt.money(row['cost'])}",
                )
            )
        own = quarters_of.get(alliance, complete.iloc[0:0])
        falling = _roi_falling(own)
        if falling:
            flags.append((alliance, ROI_FALLING, falling))
        outgrows = _cost_outgrows_revenue(own)
        if outgrows:
            flags.append((alliance, COST_OUTGROWS, outgrows))
        if data_end is not None:
            silent = _no_recent_revenue(entries_of.get(alliance, entries.iloc[0:0]), data_end)
            if silent:
                flags.append((alliance, NO_RECENT_REVENUE, silent))
        goals = goals_of.get(alliance, scored_goals.iloc[0:0])
        if goals.empty:
            flags.append(
                (alliance, NO_GOALS, "no shared goal with a target, owner and date on the Goals sheet")
            )
        off = goals[goals["status"] == OFF_TRACK]
        if len(off):
            flags.append(
                (
                    alliance,
                    GOALS_OFF_TRACK,
                    f"{len(off)} of {len(goals)}: "
                    + "; ".join(f"{m} ({w})" for m, w in zip(off["metric"], off["why"], strict=True)),
                )
            )
    return pd.DataFrame(flags, columns=["alliance", "flag", "figures"])


def _roi_falling(quarters: pd.DataFrame) -> str:
    last = quarters.tail(3)
    rois = last["roi"].tolist()
    if len(rois) < 3 or any(pd.isna(r) for r in rois) or not rois[0] > rois[1] > rois[2]:
        return ""
    steps = " → ".join(fmt.percent(r) for r in rois)
    return f"ROI {steps} ({last['quarter'].iloc[0]} to {last['quarter'].iloc[-1]})"


def _cost_outgrows_revenue(quarters: pd.DataFrame) -> str:
    """Last four quarters against the four before (season for season); with under eight quarters,
    the last quarter against the first of the last four."""
    if len(quarters) >= 8:
        recent, earlier = quarters.tail(4), quarters.iloc[-8:-4]
        then_cost, then_revenue = earlier["cost"].sum(), earlier["revenue"].sum()
        now_cost, now_revenue = recent["cost"].sum(), recent["revenue"].sum()
        span = (
            f"last four quarters ({recent['quarter'].iloc[0]} to {recent['quarter'].iloc[-1]}) "
            "against the four before"
        )
    elif len(quarters) >= 4:
        last = quarters.tail(4)
        then_cost, then_revenue = last["cost"].iloc[0], last["revenue"].iloc[0]
        now_cost, now_revenue = last["cost"].iloc[-1], last["revenue"].iloc[-1]
        span = f"from {last['quarter'].iloc[0]} to {last['quarter'].iloc[-1]}"
    else:
        return ""
    if then_cost <= 0 or then_revenue <= 0:
        return ""
    cost_growth, revenue_growth = now_cost / then_cost - 1, now_revenue / then_revenue - 1
    if cost_growth <= revenue_growth or cost_growth <= 0:
        return ""
    return f"{span}: cost {_signed(cost_growth)}, revenue {_signed(revenue_growth)}"


def _signed(ratio: float) -> str:
    return f"{ratio * 100:+.1f} %"


def _no_recent_revenue(entries: pd.DataFrame, data_end: pd.Timestamp) -> str:
    since = data_end - pd.Timedelta(days=NO_REVENUE_DAYS)
    recent = entries[(entries["date"] > since) & (entries["kind"] == "revenue")]["amount"].sum()
    if recent > 0:
        return ""
    last = entries.loc[(entries["kind"] == "revenue") & (entries["amount"] > 0), "date"]
    when = f"last revenue {last.max():%Y-%m-%d}" if len(last) else "no revenue at all"
    return f"nothing after {since:%Y-%m-%d} (data ends {data_end:%Y-%m-%d}); {when}"


def roi_by_type(alliance_table: pd.DataFrame) -> pd.DataFrame:
    """Revenue, cost, net value and cost-weighted ROI per partnership type."""
    table = alliance_table.assign(type=alliance_table["type"].replace("", "(not set)"))
    sums = table.groupby("type").agg(
        alliances=("revenue", "size"),
        revenue=("revenue", "sum"),
        cost=("cost", "sum"),
        mean_roi=("roi", "mean"),
    )
    sums[["revenue", "cost"]] = sums[["revenue", "cost"]].round(CENT_DIGITS)
    sums["net_value"] = (sums["revenue"] - sums["cost"]).round(CENT_DIGITS)
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
