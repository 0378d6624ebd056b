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
