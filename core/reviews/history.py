"""Reviews of one portfolio side by side: per alliance, each review's figures and what changed.

Each review is compared with the one before it: ROI up or down in percentage points (a change under
the view's threshold, `core.analysis.materiality`, is "→ same"), a band or a
quartile moved, goal status changed, red flags raised or cleared, an alliance new or dropped; and
what became of the previous review's actions (done, overdue, dropped, still open), with the number
of actions this review planned. Those counts are empty (None) for a review whose actions were not
read (`SavedReview.as_history()`; `ReviewStore.histories` reads them).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.analysis.materiality import DOWN as MOVED_DOWN
from core.analysis.materiality import FLAT_POINTS, POINT_DIGITS, movement
from core.analysis.materiality import UP as MOVED_UP
from core.model import ActionStatus

UP, DOWN, SAME = "▲ up", "▼ down", "→ same"
NEW, DROPPED, UNDEFINED_CHANGE = "new", "dropped", "n/a"
FIRST = "first review"

# Per alliance and review: actions it planned, then the previous review's by what became of them.
ACTION_COUNTS = ["actions_planned", "actions_done", "actions_overdue", "actions_dropped", "actions_open"]
COLUMNS = [
    "position",
    "review",
    "review_date",
    "alliance",
    "roi",
    "band",
    "quartile",
    "goal_status",
    "flags",
    "change",
    "roi_points",
    "band_change",
    "quartile_change",
    "goal_change",
    "flags_raised",
    "flags_cleared",
    *ACTION_COUNTS,
    "actions_followed",
]
# What became of the previous review's actions, counted under these columns (in this order).
_OUTCOMES = {
    "actions_done": ActionStatus.DONE,
    "actions_overdue": ActionStatus.OVERDUE,
    "actions_dropped": ActionStatus.DROPPED,
    "actions_open": ActionStatus.OPEN,
}


@dataclass(frozen=True)
class ReviewFigures:
    """One saved review as the history needs it: its title, date and per-alliance figures."""

    title: str
    review_date: dt.date
    alliances: list[dict[str, Any]]
    # Its actions, each {"alliance", "status", "follows_id"}: the plan (follows_id None) and the
    # follow-ups of the previous review's plan. None when they were not read.
    actions: list[dict[str, Any]] | None = None


def _moved(before: str, after: str) -> str:
    return "" if before == after else f"{before or '—'} → {after or '—'}"


def _direction(before: float | None, after: float | None, flat_points: float) -> tuple[str, float | None]:
    """Up, down or same (a change under the threshold), and the change in points as it is."""
    if before is None or after is None:
        return UNDEFINED_CHANGE, None
    points = round((after - before) * 100, POINT_DIGITS)
    moved = movement([points], flat_points).iloc[0]
    if moved == MOVED_UP:
        return UP, points
    return (DOWN, points) if moved == MOVED_DOWN else (SAME, points + 0.0)


def compare(
    before: dict[str, Any], after: dict[str, Any], flat_points: float = FLAT_POINTS
) -> dict[str, Any]:
    """What changed for one alliance between two reviews."""
    change, points = _direction(before["roi"], after["roi"], flat_points)
    raised = [f for f in after["flags"] if f not in before["flags"]]
    cleared = [f for f in before["flags"] if f not in after["flags"]]
    return {
        "change": change,
        "roi_points": points,
        "band_change": _moved(before["band"], after["band"]),
        "quartile_change": _moved(before["quartile"], after["quartile"]),
        "goal_change": _moved(before["goal_status"], after["goal_status"]),
        "flags_raised": "; ".join(raised),
        "flags_cleared": "; ".join(cleared),
    }


_UNCHANGED = {
    k: "" for k in ("band_change", "quartile_change", "goal_change", "flags_raised", "flags_cleared")
}


def _row(
    review: ReviewFigures, record: dict[str, Any], change: dict[str, Any], actions: ActionsOf
) -> dict[str, Any]:
    return {
        "position": 0,
        "review": review.title,
        "review_date": review.review_date,
        "alliance": record["alliance"],
        "roi": record["roi"],
        "band": record["band"],
        "quartile": record["quartile"],
        "goal_status": record["goal_status"],
        "flags": "; ".join(record["flags"]),
        **change,
        **action_counts(None if actions is None else actions.get(record["alliance"], [])),
    }


# A review's actions by alliance (None when they were not read).
ActionsOf = dict[str, list[dict[str, Any]]] | None


def actions_by_alliance(review: ReviewFigures) -> ActionsOf:
    """The review's actions grouped by alliance in one pass, so that each row takes its own."""
    if review.actions is None:
        return None
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for action in review.actions:
        grouped[action["alliance"]].append(action)
    return grouped


def action_counts(actions: list[dict[str, Any]] | None) -> dict[str, Any]:
    """An alliance's actions at a review (`actions_by_alliance`): how many it planned, what became
    of the previous review's (counts, and in words, e.g. "1 done, 2 overdue"); all None when
    actions were not read."""
    if actions is None:
        return dict.fromkeys([*ACTION_COUNTS, "actions_followed"])
    outcomes = Counter(a["status"] for a in actions if a["follows_id"] is not None)
    counts = {column: outcomes[status] for column, status in _OUTCOMES.items()}
    said = [f"{n} {_OUTCOMES[column].lower()}" for column, n in counts.items() if n]
    planned = sum(a["follows_id"] is None for a in actions)
    return {"actions_planned": planned, **counts, "actions_followed": ", ".join(said)}


def review_rows(
    previous: ReviewFigures | None, review: ReviewFigures, flat_points: float = FLAT_POINTS
) -> list[dict[str, Any]]:
    """One row per alliance of this review, and one per alliance of the previous review it dropped."""
    before = {r["alliance"]: r for r in previous.alliances} if previous else {}
    actions = actions_by_alliance(review)
    rows = []
    for record in review.alliances:
        if previous is None:
            change = {"change": FIRST, "roi_points": None, **_UNCHANGED}
        elif record["alliance"] not in before:
            change = {
                "change": NEW,
                "roi_points": None,
                **_UNCHANGED,
                "flags_raised": "; ".join(record["flags"]),
            }
        else:
            change = compare(before[record["alliance"]], record, flat_points)
        rows.append(_row(review, record, change, actions))
    now = {r["alliance"] for r in review.alliances}
    for name, record in before.items():
        if name not in now:
            gone = {"change": DROPPED, "roi_points": None, **_UNCHANGED}
            rows.append(
                _row(
                    review,
                    {**record, "roi": None, "band": "", "quartile": "", "goal_status": "", "flags": []},
                    gone,
                    actions,
                )
            )
    return rows


def history(reviews: list[ReviewFigures], flat_points: float = FLAT_POINTS) -> pd.DataFrame:
    """Every review's alliances, each compared with the review before it; `reviews` come oldest
    first, and `position` numbers them from 1. A change of ROI under `flat_points` is the same."""
    rows: list[dict[str, Any]] = []
    # Each review beside the one before it; with no reviews there are no pairs (and no rows).
    previous_of: list[ReviewFigures | None] = [None, *reviews][: len(reviews)]
    for position, (previous, review) in enumerate(zip(previous_of, reviews, strict=True), 1):
        rows.extend({**row, "position": position} for row in review_rows(previous, review, flat_points))
    # Counts stay whole numbers, empty (<NA>) for reviews whose actions were not read.
    return pd.DataFrame(rows, columns=COLUMNS).astype(dict.fromkeys(ACTION_COUNTS, "Int64"))


def side_by_side(table: pd.DataFrame, value: str = "roi") -> pd.DataFrame:
    """One row per alliance, one column per review (oldest first) holding `value`."""
    if table.empty:
        return pd.DataFrame()
    present = table[table["change"] != DROPPED]
    labels = present["review"] + " (" + present["review_date"].astype(str) + ")"
    wide = present.assign(label=labels).pivot_table(
        index="alliance", columns="label", values=value, aggfunc="first", sort=False, dropna=False
    )
    return wide.reindex(columns=list(dict.fromkeys(labels)))


def latest_changes(table: pd.DataFrame) -> pd.DataFrame:
    """The newest review's rows: what changed since the review before it."""
    if table.empty:
        return table
    return table[table["position"] == table["position"].max()].reset_index(drop=True)
