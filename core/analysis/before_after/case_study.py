"""What a before/after comparison tells: its result, the checks a careful reader needs, and the
case-study paragraph written from its numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from core import formatting as fmt
from core.analysis.before_after.windows import Windows, data_span
from core.model import DEFAULT_INITIATIVE_NAME

MIN_MONTHS_PER_SIDE = 3
# A control group of fewer alliances than this is one or two partners' own story, not a baseline:
# the estimated effect is said with a caveat (#32.8).
MIN_CONTROL_ALLIANCES = 3
# Initiative dates named one by one up to this many; more are given as a range.
MAX_DATES_NAMED = 3


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

    @property
    def control_count(self) -> int:
        """How many alliances the control group holds (0 without one)."""
        return 0 if self.control is None else int(self.control["alliances"])

    def initiative_dates(self) -> list[pd.Timestamp]:
        """The distinct initiative dates of the alliances compared, earliest first."""
        return sorted(pd.to_datetime(self.table["initiative_date"]).drop_duplicates())

    def dates_words(self, pattern: str = "%d %b %Y") -> str:
        """The initiative date, or all of them when the alliances started on different dates
        ('01 Mar 2024 and 01 Jun 2024'), or their range when there are many ('01 Jan 2024 to
        01 Dec 2024, 6 dates')."""
        dates = self.initiative_dates() or [self.windows.initiative]
        named = [f"{d:{pattern}}" for d in dates]
        if len(named) > MAX_DATES_NAMED:
            return f"{named[0]} to {named[-1]}, {len(named)} dates"
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]

    def windows_words(self) -> str:
        """The windows and the initiative date(s), for a caption: 'Before: Jan 2024 – Mar 2024 ·
        After: Apr 2024 – Jun 2024 · initiative on 2024-04-01'; with several dates, each of them and
        whose windows those are."""
        before, after = self.windows.describe()
        if len(self.initiative_dates()) <= 1:
            return f"Before: {before} · After: {after} · initiative on {self.windows.initiative:%Y-%m-%d}"
        return (
            f"Initiatives on {self.dates_words('%Y-%m-%d')}: each alliance is compared over its own "
            f"windows, the control group over those around {self.windows.initiative:%Y-%m-%d}: "
            f"before {before} · after {after}"
        )


def honesty_checks(
    result: BeforeAfter, windows_of: dict[str, Windows], entries: pd.DataFrame, period_months: int = 1
) -> list[str]:
    """What a careful reader should know before trusting the change (`period_months`: see data_span)."""
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
    first, end = data_span(entries, period_months)
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
    if 0 < result.control_count < MIN_CONTROL_ALLIANCES:
        whose = "that partner's" if result.control_count == 1 else "those partners'"
        checks.append(
            f"The control group is {fmt.counted(result.control_count, 'alliance')}: its change is "
            f"{whose} own, not a baseline, so the estimated effect (difference-in-differences) says "
            f"little; read it with care (a control group of at least {MIN_CONTROL_ALLIANCES} alliances "
            "is advised)."
        )
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
    several = len(result.initiative_dates()) > 1
    started = f"started {result.dates_words()}" if several else None
    compared = (
        "each alliance over its own windows around its date"
        if several
        else f"{before_text} with {after_text}"
    )
    text = (
        f"Across {who} in {initiative_name} ({started or f'from {w.initiative:%d %b %Y}'}), alliance ROI "
        f"{verb} from "
        f"{fmt.percent(p['roi_before'])} to {fmt.percent(p['roi_after'])} "
        f"({_points_words(p['roi_change'])}), comparing {compared}. "
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
        return text + _effect_words(result, several)
    return text


def _effect_words(result: BeforeAfter, several: bool) -> str:
    """The control group's change and the estimated effect, with the caveat a small group needs."""
    assert result.control is not None and result.did is not None
    n = result.control_count
    group = (
        f"the {n} alliances without the initiative" if n > 1 else "the one alliance without the initiative"
    )
    windows = f"the windows of {result.windows.initiative:%d %b %Y}" if several else "the same windows"
    text = (
        f" Over {windows}, {group} moved {_points_words(result.control['roi_change'])}, so the "
        f"initiative's estimated effect (difference-in-differences) is {_points_words(result.did)}"
    )
    if n < MIN_CONTROL_ALLIANCES:
        return (
            text
            + f", an estimate from a control group of {fmt.counted(n, 'alliance')} only, to read with care."
        )
    return text + "."


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
