"""The settings of a view as values: `Settings`, the notice for a refused value, and the parsers
that turn a link's or a flag's text into a value in the field's own units."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from core.analysis.before_after import WindowChoice
from core.analysis.decisions import RULE_NAMES, DecisionRules
from core.analysis.filters import Filters
from core.analysis.materiality import FLAT_POINTS
from core.analysis.roi import BandThresholds
from core.analysis.scenarios import Change, Scenario
from core.analysis.time_value import TimeSettings
from core.model import (
    ALLOCATION_RULES,
    DEFAULT_INITIATIVE_NAME,
    DEFAULT_SHARED_NAME,
    Benchmark,
    ScenarioChange,
    SharedRule,
    WindowMode,
)

MAX_TEXT = 120
MAX_ITEMS = 200
MAX_BENCHMARKS = 12
SHEET = "sheet"
HURDLE_NAME = "the hurdle rate"
ALTERNATIVE_NAME = (
    "the alternative"  # `ba=sheet`: each alliance's own initiative date, as older links wrote it
)


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
    decisions: DecisionRules = DecisionRules()
    flat_points: float = FLAT_POINTS  # a change of ROI smaller than this many points is flat
    alternative_rate: float | None = None  # None: the hurdle rate is the next-best use of the money
    alternative_name: str = ""
    scenario: Scenario = ()
    # The deal stages of a CRM export's stage column that count as won; None: the stage table's.
    won_stages: tuple[str, ...] | None = None

    def alternative(self) -> tuple[float, str]:
        """The hurdle rate of every value-over-hurdle figure (opportunity cost, the Alliances and
        Decisions sheets, pages and deck alike) and the name of the next-best use it is the return of:
        the sidebar's hurdle rate, or the rate of a next-best use named on the Decisions page."""
        if self.alternative_rate is None:
            return self.time.hurdle_rate, self.alternative_name or HURDLE_NAME
        return self.alternative_rate, self.alternative_name or ALTERNATIVE_NAME


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


def parse_stages(text: str) -> tuple[str, ...]:
    """'Won, Closed Won' -> ('Won', 'Closed Won'): the deal stages that count, at least one."""
    stages = tuple(dict.fromkeys(" ".join(part.split()) for part in text.split(",") if part.strip()))
    if not stages:
        raise SettingError("names no stage")
    if any(len(stage) > 80 for stage in stages):
        raise SettingError("has a stage longer than 80 characters")
    return stages


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


# --- decision rules: `strong:3,invest:4`, only what differs from the defaults ------------------------

MAX_RULES_TEXT = 1000
MAX_CHANGES = 50
MAX_REFUND = 1e12
# Each rule's allowed values (inclusive) and the unit a refusal names.
RULE_LIMITS: dict[str, tuple[float, float, str]] = {
    **{name: (-10.0, 10.0, "points") for name in RULE_NAMES},
    "max_flags": (0, 20, "flags"),
    "healthy_from": (1.0, 5.0, "on the 1–5 health scale"),
    "unhealthy_to": (1.0, 5.0, "on the 1–5 health scale"),
    **{name: (-50.0, 50.0, "points") for name in ("invest", "maintain", "fix")},
}


def number_text(number: float) -> str:
    """A number as a link writes it: the shortest text that reads back as the same number."""
    text = repr(float(number))
    return text[:-2] if text.endswith(".0") else text


def _number(text: str, what: str) -> float:
    """A number from a link or a flag; a typographic minus (as the reasons print it) is a minus."""
    try:
        value = float(text.strip().replace("−", "-").replace(",", "").replace("_", ""))
    except ValueError:
        raise SettingError(f"gives {what} as '{text.strip()}', which is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):  # NaN compares unequal to itself
        raise SettingError(f"gives {what} as '{text.strip()}', which is not a number")
    return value


def parse_rules(text: str) -> DecisionRules:
    """`strong:3,invest:4` → the default rules with those two changed; the rules as a whole checked."""
    if len(text) > MAX_RULES_TEXT:
        raise SettingError("is too long")
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise SettingError("names no rule (write them as name:points, e.g. strong:3,invest:4)")
    changes: dict[str, Any] = {}  # floats, and max_flags as an int
    for item in items:
        name, colon, number = item.partition(":")
        name = name.strip().casefold().replace("-", "_").replace(" ", "_")
        if not colon:
            raise SettingError(f"has '{item}', which is not name:points (e.g. strong:3)")
        if name not in RULE_LIMITS:
            raise SettingError(f"has no rule '{name}' (the rules: {', '.join(RULE_NAMES)})")
        if name in changes:
            raise SettingError(f"gives '{name}' twice")
        value = round(_number(number, f"'{name}'"), 6)
        low, high, unit = RULE_LIMITS[name]
        if not low <= value <= high:
            raise SettingError(f"puts '{name}' at {value:g}, outside {low:g} to {high:g} {unit}")
        if name == "max_flags" and value != int(value):
            raise SettingError(f"puts 'max_flags' at {value:g}, which is not a whole number of flags")
        changes[name] = int(value) if name == "max_flags" else value
    try:
        return replace(DecisionRules(), **changes)
    except ValueError as why:
        raise SettingError(str(why)) from None


def rules_text(rules: DecisionRules) -> str:
    """The rules that differ from the defaults, in the order of DecisionRules: `strong:3,invest:4`."""
    default = DecisionRules()
    return ",".join(
        f"{name}:{number_text(getattr(rules, name))}"
        for name in RULE_NAMES
        if getattr(rules, name) != getattr(default, name)
    )


# --- scenario: `drop:Acme;scale:Beta*1.5;refund:Gamma=20000` ---------------------------------------

_CHANGE_WORDS = {
    "drop": ScenarioChange.DROP,
    "scale": ScenarioChange.SCALE,
    "refund": ScenarioChange.REFUND,
    "re-fund": ScenarioChange.REFUND,
}
# An alliance's name may hold anything; ';' (between changes) and '%' (the escape) are written %3B, %25.
_ESCAPED = re.compile("%(25|3B)", re.IGNORECASE)


def _escape(name: str) -> str:
    return name.replace("%", "%25").replace(";", "%3B")


def _unescape(name: str) -> str:
    return _ESCAPED.sub(lambda m: "%" if m.group(1) == "25" else ";", name)


def parse_scenario(text: str) -> Scenario:
    """`drop:Acme;scale:Beta*1.5;refund:Gamma=20000` → the changes, each alliance at most once."""
    if len(text) > 4000:
        raise SettingError("is too long")
    items = [item.strip() for item in text.split(";") if item.strip()]
    if not items:
        raise SettingError("names no change (write drop:NAME, scale:NAME*FACTOR or refund:NAME=COST)")
    if len(items) > MAX_CHANGES:
        raise SettingError(f"makes more than {MAX_CHANGES} changes")
    changes = [_change(item) for item in items]
    seen: set[str] = set()
    for change in changes:
        if change.alliance.casefold() in seen:
            raise SettingError(f"changes '{change.alliance}' twice")
        seen.add(change.alliance.casefold())
    return tuple(changes)


def _change(item: str) -> Change:
    word, colon, rest = item.partition(":")
    kind = _CHANGE_WORDS.get(word.strip().casefold())
    if not colon or kind is None:
        raise SettingError(f"has '{item}', which is not drop:NAME, scale:NAME*FACTOR or refund:NAME=COST")
    if kind == ScenarioChange.DROP:
        return Change(_alliance(rest), kind, 0.0)
    separator = "*" if kind == ScenarioChange.SCALE else "="
    name, found, number = rest.rpartition(separator)
    if not found:
        raise SettingError(f"has '{item}', which is not {word.strip()}:NAME{separator}NUMBER")
    alliance = _alliance(name)
    if kind == ScenarioChange.SCALE:
        factor = round(_number(number, f"the factor for '{alliance}'"), 6)
        if not 0 < factor <= 100:
            raise SettingError(f"scales '{alliance}' by {factor:g}: a factor must be above 0 and at most 100")
        return Change(alliance, kind, factor)
    cost = round(_number(number, f"the cost for '{alliance}'"), 2)
    if not 0 <= cost <= MAX_REFUND:
        raise SettingError(
            f"re-funds '{alliance}' at {cost:,.2f}: a cost must be from 0 to {MAX_REFUND:,.0f}"
        )
    return Change(alliance, kind, cost)


def _alliance(text: str) -> str:
    try:
        return parse_text(_unescape(text))
    except SettingError as why:
        raise SettingError(f"has an alliance's name that {why}") from None


def scenario_param(scenario: Scenario) -> str:
    """The scenario as a link writes it: `drop:Acme;scale:Beta*1.5;refund:Gamma=20000`."""
    parts = []
    for alliance, kind, value in scenario:
        name = _escape(alliance)
        if kind == ScenarioChange.DROP:
            parts.append(f"drop:{name}")
        elif kind == ScenarioChange.SCALE:
            parts.append(f"scale:{name}*{number_text(value)}")
        else:
            parts.append(f"refund:{name}={number_text(value)}")
    return ";".join(parts)
