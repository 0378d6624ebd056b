"""The before and after windows around an initiative date, and each alliance's initiative date.

Before = [D − W, D), after = [D, D + W). W is, by default, the longest span both sides cover
equally in the data (in whole months, the review cadence); or a number of months; or all data on
each side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.model import ALL, EQUAL, MONTHS


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


def data_span(entries: pd.DataFrame, period_months: int = 1) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day of the first month with data, and the day after the last period with data: the
    last month's, or in a ledger of quarters (`period_months` 3, each entry dated by its quarter's
    first day) the last quarter's."""
    first = entries["date"].min().to_period("M").start_time
    last = (entries["date"].max().to_period("M") + period_months).start_time
    return first, last


def comparison_windows(
    entries: pd.DataFrame, initiative: pd.Timestamp, choice: WindowChoice, period_months: int = 1
) -> Windows:
    """The before and after windows around `initiative` for the entries in view (the data ending
    with its last quarter in a ledger of quarters, `period_months` 3)."""
    if entries.empty:
        raise BeforeAfterError("There are no entries to compare.")
    first, end = data_span(entries, period_months)
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
