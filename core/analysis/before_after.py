"""Case-study comparisons: each alliance and the portfolio before and after an initiative date.

Before = [D − W, D), after = [D, D + W). W is, by default, the longest span both sides cover
equally in the data (in whole months, the review cadence); or a number of months; or all data on
each side. Alliances without the initiative, where there are any, are the control group.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core import formatting as fmt
from core.analysis.filters import among
from core.analysis.roi import CENT_DIGITS, NEGATIVE_COST_NOTE, NO_COST_NOTE, roi_of
from core.model import ALL, DEFAULT_INITIATIVE_NAME, EQUAL, MONTHS

MIN_MONTHS_PER_SIDE = 3

SIDE_COLUMNS = ["revenue", "cost", "net_value", "roi"]


class BeforeAfterError(ValueError):
    """The comparison cannot be made (no data on a side, no initiative date); says why."""


@dataclass(frozen=True)
class WindowChoice:
    """How long each side is: 'equal' (longest equal), 'months' (a number) or 'all' data."""

    mode: str = EQUAL
    months: int | None = None

    def __post_init__(self) -> None:
        if self.mode not in (EQUAL, MONTHS, ALL):
            raise ValueError(f"unknown window mode {self.mode!r}")
        if self.mode == MONTHS and (self.months is None or self.months < 1):
            raise ValueError("a window in months needs a number of months of at least 1")


@dataclass(frozen=True)
class Windows:
    """The two half-open windows around an initiative date D: [start, D) and [D, end)."""

    before_start: pd.Timestamp
    initiative: pd.Timestamp
    after_end: pd.Timestamp

    @property
    def before_months(self) -> float:
        """Length of the before window in months."""
        return _months_between(self.before_start, self.initiative)

    @property
    def after_months(self) -> float:
        """Length of the after window in months."""
        return _months_between(self.initiative, self.after_end)

    def describe(self) -> tuple[str, str]:
        """('Jan 2024 – Dec 2024', 'Jan 2025 – Dec 2025'), last day inclusive."""
        last_before = self.initiative - pd.Timedelta(days=1)
        last_after = self.after_end - pd.Timedelta(days=1)
        return _span(self.before_start, last_before), _span(self.initiative, last_after)


@dataclass
class BeforeAfter:
    """The comparison: a row per alliance and for the portfolio, the control group, the checks."""

    table: pd.DataFrame
    portfolio: pd.Series
    control: pd.Series | None
    windows: Windows
    left_out: list[tuple[str, str]]
    checks: list[str] = field(default_factory=list)
    paragraph: str = ""

    @property
    def did(self) -> float | None:
        """Difference-in-differences: ROI change of the alliances with the initiative minus the control's."""
        if (
            self.control is None
            or pd.isna(self.control["roi_change"])
            or pd.isna(self.portfolio["roi_change"])
        ):
            return None
        return float(self.portfolio["roi_change"] - self.control["roi_change"])


def _months_between(start: pd.Timestamp, end: pd.Timestamp) -> float:
    whole = (end.year - start.year) * 12 + (end.month - start.month)
    anchor = start + pd.DateOffset(months=whole)
    if anchor > end:
        whole -= 1
        anchor = start + pd.DateOffset(months=whole)
    following = start + pd.DateOffset(months=whole + 1)
    return whole + (end - anchor) / (following - anchor)


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    if first.day == 1 and (last + pd.Timedelta(days=1)).day == 1:
        return f"{first:%b %Y} – {last:%b %Y}"
    return f"{first:%d %b %Y} – {last:%d %b %Y}"


def data_span(entries: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day of the first month with data, and the day after the last month with data."""
    first = entries["date"].min().to_period("M").start_time
    last = (entries["date"].max().to_period("M") + 1).start_time
    return first, last


def comparison_windows(entries: pd.DataFrame, initiative: pd.Timestamp, choice: WindowChoice) -> Windows:
    """The before and after windows around `initiative` for the entries in view."""
    if entries.empty:
        raise BeforeAfterError("There are no entries to compare.")
    first, end = data_span(entries)
    initiative = pd.Timestamp(initiative).normalize()
    if not first < initiative < end:
        raise BeforeAfterError(
            f"The initiative date {initiative:%Y-%m-%d} is outside the data ({first:%b %Y} to "
            f"{end - pd.Timedelta(days=1):%b %Y}): choose a date with data on both sides."
        )
    if choice.mode == ALL:
        return Windows(first, initiative, end)
    if choice.mode == MONTHS:
        months = choice.months
    else:
        months = 0
        while (
            initiative - pd.DateOffset(months=months + 1) >= first
            and initiative + pd.DateOffset(months=months + 1) <= end
        ):
            months += 1
        if months == 0:
            raise BeforeAfterError(
                f"The data does not cover a whole month on both sides of {initiative:%Y-%m-%d}: "
                "choose 'all data on each side' or another date."
            )
    return Windows(
        initiative - pd.DateOffset(months=months), initiative, initiative + pd.DateOffset(months=months)
    )


def initiative_dates(
    alliances: pd.DataFrame,
    in_view: list[str],
    date: dt.date | None = None,
    participants: list[str] | None = None,
) -> tuple[dict[str, pd.Timestamp], list[tuple[str, str]]]:
    """Initiative date per alliance, and the alliances left out with the reason.

    With `date`, the participants (default: every alliance in view) share it. Without, each
    alliance takes the initiative date of the Alliances sheet; one without it is left out.
    """
    if date is not None:
        taking_part = set(in_view if participants is None else participants)
        chosen = [a for a in in_view if a in taking_part]
        left = [(a, "not part of the initiative (control group)") for a in in_view if a not in taking_part]
        return {a: pd.Timestamp(date) for a in chosen}, left
    sheet = alliances.dropna(subset=["initiative_date"]).drop_duplicates("alliance")
    dates = dict(zip(sheet["alliance"], sheet["initiative_date"], strict=True))
    found = {a: pd.Timestamp(dates[a]) for a in in_view if a in dates}
    left = [
        (a, "no initiative date on the Alliances sheet (control group)") for a in in_view if a not in dates
    ]
    return found, left


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
) -> BeforeAfter:
    """Compare each alliance with an initiative date, the portfolio of them, and the control group."""
    left_out = list(left_out or [])
    if not initiatives:
        raise BeforeAfterError(
            "No alliance has an initiative date: pick a date on this page (or add an 'Initiative date' "
            "column to the Alliances sheet)."
        )
    reference = pd.Series(list(initiatives.values())).mode().iloc[0]
    reference_windows = comparison_windows(entries, reference, choice)
    windows_of = _windows_per_alliance(entries, initiatives, choice, left_out, {reference: reference_windows})
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
    result.checks = honesty_checks(result, windows_of, entries)
    result.paragraph = case_study_paragraph(result, initiative_name)
    return result


def _windows_per_alliance(
    entries: pd.DataFrame,
    initiatives: dict[str, pd.Timestamp],
    choice: WindowChoice,
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
                found[date] = comparison_windows(entries, date, choice)
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
    return table.reindex(index=names, columns=columns, fill_value=0.0).fillna(0.0).round(CENT_DIGITS)


_SIDE_NAMES = {0: "before", 1: "after"}


def _sides(entries: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    inside = entries[(entries["date"] >= start) & (entries["date"] < end)]
    sums = inside.groupby("kind")["amount"].sum()
    revenue, cost = float(sums.get("revenue", 0.0)), float(sums.get("cost", 0.0))
    return pd.Series({"revenue": round(revenue, CENT_DIGITS), "cost": round(cost, CENT_DIGITS)})


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


def honesty_checks(result: BeforeAfter, windows_of: dict[str, Windows], entries: pd.DataFrame) -> list[str]:
    """What a careful reader should know before trusting the change."""
    checks = []
    w = result.windows
    if abs(w.before_months - w.after_months) > 0.01:
        checks.append(
            f"The windows differ in length: {w.before_months:.1f} months before, {w.after_months:.1f} "
            "after. Totals are compared as they are; prefer equal windows for a fair comparison."
        )
    if min(w.before_months, w.after_months) < MIN_MONTHS_PER_SIDE:
        checks.append(
            f"Only {min(w.before_months, w.after_months):.1f} months on one side: too short to tell a "
            f"change from noise (at least {MIN_MONTHS_PER_SIDE} months per side are advised)."
        )
    before_months = _calendar_months(w.before_start, w.initiative)
    after_months = _calendar_months(w.initiative, w.after_end)
    if before_months != after_months and max(w.before_months, w.after_months) < 12:
        checks.append(
            f"The windows cover different seasons (before: {_month_names(before_months)}; after: "
            f"{_month_names(after_months)}): seasonal swings can look like an effect of the initiative."
        )
    first, end = data_span(entries)
    if w.before_start < first or w.after_end > end:
        checks.append("The data does not fill the whole of a window: a side may be short of entries.")
    if len({v.initiative for v in windows_of.values()}) > 1:
        checks.append(
            "Alliances have different initiative dates: each is compared over its own windows; the "
            "portfolio row adds them up, and the control group uses the windows of the most common date."
        )
    undefined = result.table.index[result.table["roi_change"].isna()].tolist()
    if undefined:
        checks.append("ROI change undefined for " + ", ".join(undefined) + " (no cost on one side).")
    if result.control is None:
        checks.append(
            "No control group: every alliance in view took part, so the change cannot be separated "
            "from what would have happened anyway (market, season, pricing)."
        )
    return checks


def _calendar_months(start: pd.Timestamp, end: pd.Timestamp) -> frozenset[int]:
    months = pd.period_range(start, end - pd.Timedelta(days=1), freq="M")
    return frozenset(p.month for p in months)


def _month_names(months: frozenset[int]) -> str:
    return ", ".join(dt.date(2000, m, 1).strftime("%b") for m in sorted(months))


def case_study_paragraph(result: BeforeAfter, initiative_name: str = DEFAULT_INITIATIVE_NAME) -> str:
    """A short case-study paragraph written from the numbers, ready for a review deck."""
    p = result.portfolio
    w = result.windows
    before_text, after_text = w.describe()
    count = len(result.table)
    who = f"the {count} alliances" if count > 1 else f"{result.table.index[0]}"
    change = p["roi_change"]
    verb = "changed" if pd.isna(change) else "rose" if change > 0 else "fell" if change < 0 else "held"
    text = (
        f"Across {who} in {initiative_name} (from {w.initiative:%d %b %Y}), alliance ROI {verb} from "
        f"{fmt.percent(p['roi_before'])} to {fmt.percent(p['roi_after'])} "
        f"({_points_words(p['roi_change'])}), comparing {before_text} with {after_text}. "
        f"Alliance revenue {_change_words(p['revenue_change'])} "
        f"({fmt.money(p['revenue_before'])} to {fmt.money(p['revenue_after'])}) and cost "
        f"{_change_words(p['cost_change'])} ({fmt.money(p['cost_before'])} to {fmt.money(p['cost_after'])})."
    )
    changes = result.table["roi_change"].dropna()
    if count > 1 and len(changes):
        best, worst = changes.idxmax(), changes.idxmin()
        text += f" Largest gain: {best} ({_points_words(changes[best])})"
        text += f"; weakest: {worst} ({_points_words(changes[worst])})." if worst != best else "."
    if result.did is not None and result.control is not None:
        c = result.control
        text += (
            f" Over the same windows, the {int(c['alliances'])} alliances without the initiative moved "
            f"{_points_words(c['roi_change'])}, so the initiative's estimated effect "
            f"(difference-in-differences) is {_points_words(result.did)}."
        )
    return text


def _points_words(value: float) -> str:
    if pd.isna(value):
        return "change undefined"
    return f"{value * 100:+,.1f} points"


def _change_words(value: float) -> str:
    if pd.isna(value):
        return "started from zero"
    if round(value, 4) == 0:
        return "was flat"
    return f"{'rose' if value > 0 else 'fell'} {abs(value):,.1%}".replace("%", " %")
