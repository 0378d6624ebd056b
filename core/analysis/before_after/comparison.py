"""The comparison itself: revenue, cost and ROI before and after each alliance's own date, the
portfolio of the alliances with the initiative, and the control group of those without."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from core.analysis.before_after.case_study import BeforeAfter, case_study_paragraph, honesty_checks
from core.analysis.before_after.windows import BeforeAfterError, WindowChoice, Windows, comparison_windows
from core.analysis.filters import among
from core.analysis.money import cents
from core.analysis.roi import NEGATIVE_COST_NOTE, NO_COST_NOTE, roi_of
from core.model import DEFAULT_INITIATIVE_NAME


def _compare(before: pd.Series | dict[str, float], after: pd.Series | dict[str, float]) -> dict[str, object]:
    """One comparison row from revenue and cost on each side."""
    roi_b, note_b = roi_of(before["revenue"], before["cost"])
    roi_a, note_a = roi_of(after["revenue"], after["cost"])
    notes = [f"{side}: {note}" for side, note in (("before", note_b), ("after", note_a)) if note]
    return {
        "revenue_before": before["revenue"],
        "cost_before": before["cost"],
        "net_before": before["revenue"] - before["cost"],
        "roi_before": _nan(roi_b),
        "revenue_after": after["revenue"],
        "cost_after": after["cost"],
        "net_after": after["revenue"] - after["cost"],
        "roi_after": _nan(roi_a),
        "roi_change": _nan(None if roi_a is None or roi_b is None else roi_a - roi_b),
        "revenue_change": _ratio_change(before["revenue"], after["revenue"]),
        "cost_change": _ratio_change(before["cost"], after["cost"]),
        "note": "; ".join(notes),
    }


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _comparisons(sums: pd.DataFrame) -> pd.DataFrame:
    """`_compare` for every row at once: revenue_before, cost_before, revenue_after, cost_after in;
    the comparison's columns out, each figure computed as `_compare` computes it (ROI from whole
    cents, rounded as Python's round does, which numpy's rint matches on the same double)."""
    revenue_b, cost_b = sums["revenue_before"].to_numpy(float), sums["cost_before"].to_numpy(float)
    revenue_a, cost_a = sums["revenue_after"].to_numpy(float), sums["cost_after"].to_numpy(float)
    roi_b, note_b = _rois(revenue_b, cost_b)
    roi_a, note_a = _rois(revenue_a, cost_a)
    before, after = np.char.add("before: ", note_b), np.char.add("after: ", note_a)
    notes = np.select(
        [(note_b != "") & (note_a != ""), note_b != "", note_a != ""],
        [np.char.add(np.char.add(before, "; "), after), before, after],
        "",
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        revenue_change = np.where(revenue_b == 0, np.nan, (revenue_a - revenue_b) / revenue_b)
        cost_change = np.where(cost_b == 0, np.nan, (cost_a - cost_b) / cost_b)
    return pd.DataFrame(
        {
            "revenue_before": revenue_b,
            "cost_before": cost_b,
            "net_before": revenue_b - cost_b,
            "roi_before": roi_b,
            "revenue_after": revenue_a,
            "cost_after": cost_a,
            "net_after": revenue_a - cost_a,
            "roi_after": roi_a,
            "roi_change": roi_a - roi_b,
            "revenue_change": revenue_change,
            "cost_change": cost_change,
            "note": notes.astype(object),
        },
        index=sums.index,
    )


def _rois(revenue: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`roi_of` for arrays: the ROI (NaN where undefined) and why it is undefined ('' where defined)."""
    revenue_cents, cost_cents = np.round(revenue * 100), np.round(cost * 100)
    with np.errstate(divide="ignore", invalid="ignore"):
        rois = np.where(cost_cents > 0, (revenue_cents - cost_cents) / cost_cents, np.nan)
    notes = np.select([cost_cents == 0, cost_cents < 0], [NO_COST_NOTE, NEGATIVE_COST_NOTE], "")
    return rois, notes


def _ratio_change(before: float, after: float) -> float:
    return float("nan") if before == 0 else (after - before) / before


def _group_row(rows: pd.DataFrame) -> pd.Series:
    before = pd.Series({"revenue": rows["revenue_before"].sum(), "cost": rows["cost_before"].sum()})
    after = pd.Series({"revenue": rows["revenue_after"].sum(), "cost": rows["cost_after"].sum()})
    return pd.Series(_compare(before, after))


def before_after(
    entries: pd.DataFrame,
    initiatives: dict[str, pd.Timestamp],
    choice: WindowChoice = WindowChoice(),
    left_out: list[tuple[str, str]] | None = None,
    initiative_name: str = DEFAULT_INITIATIVE_NAME,
    period_months: int = 1,
) -> BeforeAfter:
    """Compare each alliance with an initiative date, the portfolio of them, and the control group.

    `period_months`: 3 in a ledger of quarters, whose data runs to the end of its last quarter.
    """
    left_out = list(left_out or [])
    if not initiatives:
        raise BeforeAfterError(
            "No alliance has an initiative date: pick a date on this page (or add an 'Initiative date' "
            "column to the Alliances sheet)."
        )
    reference = pd.Series(list(initiatives.values())).mode().iloc[0]
    windows_around = partial(comparison_windows, entries, choice=choice, period_months=period_months)
    reference_windows = windows_around(reference)
    windows_of = _windows_per_alliance(
        entries, initiatives, windows_around, left_out, {reference: reference_windows}
    )
    sums = _window_sums(entries, windows_of)
    # Alliances mostly share a few dates: each distinct pair of windows is described once.
    described = {w: w.describe() for w in set(windows_of.values())}
    texts = [described[w] for w in windows_of.values()]
    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "alliance": list(windows_of),
                    "initiative_date": [initiatives[a] for a in windows_of],
                    "before_window": [before for before, _ in texts],
                    "after_window": [after for _, after in texts],
                }
            ),
            _comparisons(sums).reset_index(drop=True),
        ],
        axis=1,
    )
    if rows.empty:
        raise BeforeAfterError("No alliance with an initiative has data around its date.")
    table = rows.set_index("alliance")
    portfolio = _group_row(table)
    control = _control(entries, left_out, reference_windows)
    result = BeforeAfter(table, portfolio, control, reference_windows, left_out)
    result.checks = honesty_checks(result, windows_of, entries, period_months)
    result.paragraph = case_study_paragraph(result, initiative_name)
    return result


def _windows_per_alliance(
    entries: pd.DataFrame,
    initiatives: dict[str, pd.Timestamp],
    windows_around: Callable[[pd.Timestamp], Windows],
    left_out: list[tuple[str, str]],
    known: dict[pd.Timestamp, Windows],
) -> dict[str, Windows]:
    """Each alliance's windows around its own date (worked out once per distinct date); alliances
    whose windows cannot be set, or that have no entries, go to `left_out` with the reason."""
    present = set(entries["alliance"].unique())
    found: dict[pd.Timestamp, Windows | BeforeAfterError] = dict(known)
    windows_of = {}
    for alliance, date in sorted(initiatives.items()):
        if date not in found:
            try:
                found[date] = windows_around(date)
            except BeforeAfterError as exc:
                found[date] = exc
        windows = found[date]
        if isinstance(windows, BeforeAfterError):
            left_out.append((alliance, str(windows)))
        elif alliance not in present:
            left_out.append((alliance, "no entries in the ledger"))
        else:
            windows_of[alliance] = windows
    return windows_of


def _window_sums(entries: pd.DataFrame, windows_of: dict[str, Windows]) -> pd.DataFrame:
    """Revenue and cost before and after each alliance's own date, for all alliances at once
    (columns revenue_before, cost_before, revenue_after, cost_after; sums rounded to cents)."""
    names = list(windows_of)
    columns = ["revenue_before", "cost_before", "revenue_after", "cost_after"]
    own = entries[among(entries["alliance"], names)]
    # Each entry's own alliance's bounds, by position: the few alliances' windows, not a frame per row.
    bounds = np.array(
        [(w.before_start, w.initiative, w.after_end) for w in windows_of.values()], dtype="datetime64[ns]"
    ).reshape(-1, 3)[pd.Index(names).get_indexer(own["alliance"])]
    date = own["date"].to_numpy()
    start, initiative, end = bounds[:, 0], bounds[:, 1], bounds[:, 2]
    side = np.select([(date >= start) & (date < initiative), (date >= initiative) & (date < end)], [0, 1], -1)
    inside = side >= 0
    keys = [own["alliance"][inside], own["kind"][inside], pd.Series(side[inside], index=own.index[inside])]
    sums = own["amount"][inside].groupby(keys, observed=True).sum()
    if len(sums):
        table = sums.unstack([1, 2])
        table.columns = [f"{kind}_{_SIDE_NAMES[side]}" for kind, side in table.columns]
    else:
        table = pd.DataFrame(index=pd.Index([], name="alliance"))
    return cents(table.reindex(index=names, columns=columns, fill_value=0.0).fillna(0.0))


_SIDE_NAMES = {0: "before", 1: "after"}


def _sides(entries: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    inside = entries[(entries["date"] >= start) & (entries["date"] < end)]
    sums = inside.groupby("kind")["amount"].sum()
    revenue, cost = float(sums.get("revenue", 0.0)), float(sums.get("cost", 0.0))
    return pd.Series({"revenue": cents(revenue), "cost": cents(cost)})


def _control(entries: pd.DataFrame, left_out: list[tuple[str, str]], windows: Windows) -> pd.Series | None:
    controls = [a for a, reason in left_out if "control group" in reason]
    own = entries[among(entries["alliance"], controls)]
    if own.empty:
        return None
    before = _sides(own, windows.before_start, windows.initiative)
    after = _sides(own, windows.initiative, windows.after_end)
    row = pd.Series(_compare(before, after))
    row["alliances"] = len(set(own["alliance"]))
    return row
