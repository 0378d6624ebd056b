"""The settings of a view as values: `Settings`, the notice for a refused value, and the parsers
that turn a link's or a flag's text into a value in the field's own units."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from core.analysis.before_after import WindowChoice
from core.analysis.filters import Filters
from core.analysis.roi import BandThresholds
from core.analysis.time_value import TimeSettings
from core.model import (
    ALLOCATION_RULES,
    DEFAULT_INITIATIVE_NAME,
    DEFAULT_SHARED_NAME,
    Benchmark,
    SharedRule,
    WindowMode,
)

MAX_TEXT = 120
MAX_ITEMS = 200
MAX_BENCHMARKS = 12
SHEET = "sheet"  # `ba=sheet`: each alliance's own initiative date, as older links wrote it


@dataclass(frozen=True)
class Settings:
    """Everything a report depends on besides the ledger; `None` means the ledger's own default."""

    thresholds: BandThresholds = BandThresholds()
    benchmarks: tuple[Benchmark, ...] | None = None
    initiative_date: dt.date | None = None
    participants: tuple[str, ...] | None = None
    window: WindowChoice = WindowChoice()
    initiative_name: str = DEFAULT_INITIATIVE_NAME
    filters: Filters = Filters()
    as_of: dt.date | None = None
    reporting_currency: str | None = None
    influenced_credit: float = 1.0
    shared_rule: SharedRule | None = None
    shared_name: str = DEFAULT_SHARED_NAME
    time: TimeSettings = TimeSettings()


class SettingError(ValueError):
    """A value that is not allowed for a setting; the message says why, in a user's words."""


@dataclass(frozen=True)
class Notice:
    """A link or flag value that was refused: which parameter, what was asked, what is used, why."""

    param: str
    asked: str
    used: str
    why: str

    def __str__(self) -> str:
        return f"'{self.param}={self.asked}' {self.why}: using {self.used}."


# --- parsers: text → value in the field's own units (percent numbers stay percent) ------------------


def parse_number(text: str, low: float, high: float, unit: str = "%") -> float:
    try:
        value = float(text)
    except ValueError:
        raise SettingError("is not a number") from None
    if value != value or not low <= value <= high:  # NaN compares unequal to itself
        raise SettingError(f"is outside {low:g} to {high:g} {unit}".rstrip())
    return value


def parse_date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise SettingError("is not a date like 2025-01-31") from None
    if not 1900 <= value.year <= 2100:
        raise SettingError("is outside the years 1900 to 2100")
    return value


def parse_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise SettingError("is empty")
    if len(cleaned) > MAX_TEXT:
        raise SettingError(f"is longer than {MAX_TEXT} characters")
    return cleaned


def parse_window(text: str) -> WindowChoice:
    if text in (WindowMode.EQUAL, WindowMode.ALL):
        return WindowChoice(WindowMode(text))
    try:
        months = int(text)
    except ValueError:
        raise SettingError("is not 'equal', 'all' or a number of months") from None
    if not 1 <= months <= 120:
        raise SettingError("is outside 1 to 120 months")
    return WindowChoice(WindowMode.MONTHS, months)


def window_text(choice: WindowChoice) -> str:
    return str(choice.months) if choice.mode == WindowMode.MONTHS else str(choice.mode)


def parse_initiative(text: str) -> dt.date | None:
    return None if text == SHEET else parse_date(text)


def parse_code(text: str) -> str:
    if not (len(text) == 3 and text.isascii() and text.isalpha()):
        raise SettingError("is not a three-letter currency code")
    return text.upper()


def parse_rule(text: str) -> SharedRule:
    if text not in ALLOCATION_RULES:
        raise SettingError("is not one of " + ", ".join(f"'{r}'" for r in ALLOCATION_RULES))
    return SharedRule(text)


def parse_benchmarks(text: str) -> tuple[Benchmark, ...]:
    if len(text) > 4000:
        raise SettingError("is too long")
    try:
        rows = json.loads(text)
    except ValueError:
        raise SettingError("is not a list of [name, ROI, source]") from None
    if not isinstance(rows, list) or len(rows) > MAX_BENCHMARKS:
        raise SettingError(f"is not a list of at most {MAX_BENCHMARKS} benchmarks")
    found = []
    for row in rows:
        valid = isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
        valid = valid and isinstance(row[1], int | float) and not isinstance(row[1], bool)
        if not (valid and isinstance(row[2], str) and -10 <= row[1] <= 10):
            raise SettingError("is not a list of [name, ROI between -10 and 10, source]")
        found.append(Benchmark(parse_text(row[0]), float(row[1]), " ".join(row[2].split())[:MAX_TEXT]))
    if len({b.name.casefold() for b in found}) != len(found):
        raise SettingError("names a benchmark twice")
    return tuple(found)


def benchmarks_text(benchmarks: tuple[Benchmark, ...]) -> str:
    rows = [[b.name, round(b.roi, 6), b.source] for b in benchmarks]
    return json.dumps(rows, separators=(",", ":"), ensure_ascii=False)


def fraction(percent: Any) -> float:
    """A percentage as a fraction, rounded so that 0.7 % is 0.007 and not 0.006999999999999999."""
    return round(float(percent) / 100, 10)


def plain_number(number: float) -> str:
    return f"{round(number, 6):g}"
