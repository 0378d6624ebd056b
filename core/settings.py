"""The choices behind a view, and the one table from which widgets, links and command flags derive.

`Settings` is frozen and hashable: it is the cache key of a report. A setting left at `None` takes
the ledger's own default (its initiative dates, its currency, its benchmarks, every alliance), so a
link or a command line only says what differs from what the file itself implies.

`FIELDS` lists every setting a user can change: its name in a link, its flag on the command line,
its session-state key in the app, its allowed range and default, and the words used in a notice.
Reading a link, building a link, drawing a widget's limits and parsing a flag all go through it, so
that a limit is written once. A value out of range or malformed is never changed silently: it is
refused with a `Notice` that names the parameter, what was asked and what is used instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from core.analysis.before_after import WindowChoice
from core.analysis.filters import Filters
from core.analysis.roi import BandThresholds
from core.analysis.time_value import TimeSettings
from core.model import ALLOCATION_RULES, DEFAULT_INITIATIVE_NAME, Benchmark, SharedRule, WindowMode

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
    shared_name: str = "Shared"
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


def _number(text: str, low: float, high: float, unit: str = "%") -> float:
    try:
        value = float(text)
    except ValueError:
        raise SettingError("is not a number") from None
    if value != value or not low <= value <= high:  # NaN compares unequal to itself
        raise SettingError(f"is outside {low:g} to {high:g} {unit}".rstrip())
    return value


def _date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise SettingError("is not a date like 2025-01-31") from None
    if not 1900 <= value.year <= 2100:
        raise SettingError("is outside the years 1900 to 2100")
    return value


def _text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise SettingError("is empty")
    if len(cleaned) > MAX_TEXT:
        raise SettingError(f"is longer than {MAX_TEXT} characters")
    return cleaned


def _window(text: str) -> WindowChoice:
    if text in (WindowMode.EQUAL, WindowMode.ALL):
        return WindowChoice(WindowMode(text))
    try:
        months = int(text)
    except ValueError:
        raise SettingError("is not 'equal', 'all' or a number of months") from None
    if not 1 <= months <= 120:
        raise SettingError("is outside 1 to 120 months")
    return WindowChoice(WindowMode.MONTHS, months)


def _window_text(choice: WindowChoice) -> str:
    return str(choice.months) if choice.mode == WindowMode.MONTHS else str(choice.mode)


def _initiative(text: str) -> dt.date | None:
    return None if text == SHEET else _date(text)


def _code(text: str) -> str:
    if not (len(text) == 3 and text.isascii() and text.isalpha()):
        raise SettingError("is not a three-letter currency code")
    return text.upper()


def _rule(text: str) -> SharedRule:
    if text not in ALLOCATION_RULES:
        raise SettingError("is not one of " + ", ".join(f"'{r}'" for r in ALLOCATION_RULES))
    return SharedRule(text)


def _benchmarks(text: str) -> tuple[Benchmark, ...]:
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
        found.append(Benchmark(_text(row[0]), float(row[1]), " ".join(row[2].split())[:MAX_TEXT]))
    if len({b.name.casefold() for b in found}) != len(found):
        raise SettingError("names a benchmark twice")
    return tuple(found)


def _benchmarks_text(benchmarks: tuple[Benchmark, ...]) -> str:
    rows = [[b.name, round(b.roi, 6), b.source] for b in benchmarks]
    return json.dumps(rows, separators=(",", ":"), ensure_ascii=False)


def _fraction(percent: Any) -> float:
    """A percentage as a fraction, rounded so that 0.7 % is 0.007 and not 0.006999999999999999."""
    return round(float(percent) / 100, 10)


def _plain(number: float) -> str:
    return f"{round(number, 6):g}"


# --- the field table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One setting a user can change, in every place it appears."""

    param: str  # name in a link
    flag: str  # flag of `python -m core summarize`
    key: str  # session-state key of its widget in the app
    words: str  # what it is, for notices and --help
    metavar: str
    # Values differ in type from field to field (a date, a tuple of names, a window): Any, on purpose.
    parse: Callable[[str], Any]  # text → value, or SettingError
    text: Callable[[Any], str]  # value → text
    get: Callable[[Settings], Any]  # the value in these settings; None when left to the default
    put: Callable[[Settings, Any], Settings]
    default_words: str  # what is used when the value is refused or absent
    many: bool = False  # a list: repeated in a link, repeatable on the command line
    low: float | None = None  # widget limits, for numbers
    high: float | None = None
    default: float | None = None  # the widget's default, for numbers


def _percent_field(
    param: str, flag: str, key: str, words: str, low: float, high: float, default: float, **access: Any
) -> Field:
    """A number given in percent in links, widgets and flags, kept as a fraction in Settings."""

    def parse(text: str) -> float:
        return _number(text, low, high)

    return Field(
        param=param,
        flag=flag,
        key=key,
        words=words,
        metavar="PCT",
        parse=parse,
        text=lambda v: _plain(float(v)),
        default_words=f"{default:g} % (the default)",
        low=low,
        high=high,
        default=default,
        **access,
    )


def _fraction_get(read: Callable[[Settings], float], default: float) -> Callable[[Settings], object]:
    def get(settings: Settings) -> object:
        value = round(read(settings) * 100, 6)
        return None if value == default else value

    return get


def _with_filters(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, filters=replace(settings.filters, **changes))


def _tuple_or_none(values: Any) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


FIELDS: tuple[Field, ...] = (
    _percent_field(
        "strong",
        "--strong",
        "strong_pct",
        "band threshold 'Strong above'",
        -100.0,
        1000.0,
        20.0,
        get=_fraction_get(lambda s: s.thresholds.strong, 20.0),
        put=lambda s, v: _thresholds(s, strong=float(v)),
    ),
    _percent_field(
        "moderate",
        "--moderate",
        "moderate_pct",
        "band threshold 'Moderate from'",
        -100.0,
        1000.0,
        10.0,
        get=_fraction_get(lambda s: s.thresholds.moderate, 10.0),
        put=lambda s, v: _thresholds(s, moderate=float(v)),
    ),
    Field(
        param="ba",
        flag="--initiative-date",
        key="ba_date",
        words="initiative date",
        metavar="YYYY-MM-DD",
        parse=_initiative,
        text=lambda v: v.isoformat(),
        get=lambda s: s.initiative_date,
        put=lambda s, v: replace(s, initiative_date=v),
        default_words="the Alliances sheet's dates, or the middle of the data",
    ),
    Field(
        param="who",
        flag="--participant",
        key="ba_participants",
        words="alliances in the initiative",
        metavar="ALLIANCE",
        parse=_text,
        text=str,
        get=lambda s: s.participants,
        put=lambda s, v: replace(s, participants=_tuple_or_none(v)),
        default_words="every alliance in view",
        many=True,
    ),
    Field(
        param="win",
        flag="--window",
        key="ba_window",
        words="before/after windows",
        metavar="equal|all|MONTHS",
        parse=_window,
        text=lambda v: _window_text(v),
        get=lambda s: None if s.window == WindowChoice() else s.window,
        put=lambda s, v: replace(s, window=v),
        default_words="equal windows, the longest the data allows",
    ),
    Field(
        param="name",
        flag="--initiative-name",
        key="ba_name",
        words="initiative name",
        metavar="TEXT",
        parse=_text,
        text=str,
        get=lambda s: None if s.initiative_name == DEFAULT_INITIATIVE_NAME else s.initiative_name,
        put=lambda s, v: replace(s, initiative_name=v),
        default_words=f"'{DEFAULT_INITIATIVE_NAME}'",
    ),
    Field(
        param="type",
        flag="--type",
        key="f_types",
        words="alliance type filter",
        metavar="TYPE",
        parse=_text,
        text=str,
        get=lambda s: s.filters.types or None,
        put=lambda s, v: _with_filters(s, types=tuple(v)),
        default_words="every type",
        many=True,
    ),
    Field(
        param="owner",
        flag="--owner",
        key="f_owners",
        words="owner filter",
        metavar="OWNER",
        parse=_text,
        text=str,
        get=lambda s: s.filters.owners or None,
        put=lambda s, v: _with_filters(s, owners=tuple(v)),
        default_words="every owner",
        many=True,
    ),
    Field(
        param="seg",
        flag="--segment",
        key="f_segments",
        words="segment filter",
        metavar="SEGMENT",
        parse=_text,
        text=str,
        get=lambda s: s.filters.segments or None,
        put=lambda s, v: _with_filters(s, segments=tuple(v)),
        default_words="every segment",
        many=True,
    ),
    Field(
        param="from",
        flag="--from",
        key="f_from",
        words="first day in view",
        metavar="YYYY-MM-DD",
        parse=_date,
        text=lambda v: v.isoformat(),
        get=lambda s: s.filters.start,
        put=lambda s, v: _with_filters(s, start=v),
        default_words="the first day of the data",
    ),
    Field(
        param="to",
        flag="--to",
        key="f_to",
        words="last day in view",
        metavar="YYYY-MM-DD",
        parse=_date,
        text=lambda v: v.isoformat(),
        get=lambda s: s.filters.end,
        put=lambda s, v: _with_filters(s, end=v),
        default_words="the last day of the data",
    ),
    Field(
        param="asof",
        flag="--as-of",
        key="as_of",
        words="day goal status is judged on",
        metavar="YYYY-MM-DD",
        parse=_date,
        text=lambda v: v.isoformat(),
        get=lambda s: s.as_of,
        put=lambda s, v: replace(s, as_of=v),
        default_words="today",
    ),
    Field(
        param="bench",
        flag="--benchmarks",
        key="benchmarks",
        words="benchmarks",
        metavar="JSON",
        parse=_benchmarks,
        text=lambda v: _benchmarks_text(v),
        get=lambda s: s.benchmarks,
        put=lambda s, v: replace(s, benchmarks=v),
        default_words="the defaults and the workbook's own",
    ),
    Field(
        param="cur",
        flag="--currency",
        key="currency",
        words="reporting currency",
        metavar="CODE",
        parse=_code,
        text=str,
        get=lambda s: s.reporting_currency,
        put=lambda s, v: replace(s, reporting_currency=v),
        default_words="the ledger's own currency",
    ),
    Field(
        param="alloc",
        flag="--shared-rule",
        key="shared_rule",
        words="shared-cost split",
        metavar="RULE",
        parse=_rule,
        text=str,
        get=lambda s: s.shared_rule,
        put=lambda s, v: replace(s, shared_rule=v),
        default_words="the Alliances sheet's weights when it has them, else revenue share",
    ),
    Field(
        param="shared",
        flag="--shared-name",
        key="shared_name",
        words="name shared costs are booked to",
        metavar="NAME",
        parse=_text,
        text=str,
        get=lambda s: None if s.shared_name == "Shared" else s.shared_name,
        put=lambda s, v: replace(s, shared_name=v),
        default_words="'Shared'",
    ),
    _percent_field(
        "credit",
        "--influenced-credit",
        "credit_pct",
        "credit for influenced revenue",
        0.0,
        100.0,
        100.0,
        get=_fraction_get(lambda s: s.influenced_credit, 100.0),
        put=lambda s, v: replace(s, influenced_credit=_fraction(v)),
    ),
    _percent_field(
        "disc",
        "--discount-rate",
        "discount_pct",
        "discount rate for NPV, % a year",
        -50.0,
        100.0,
        10.0,
        get=_fraction_get(lambda s: s.time.discount_rate, 10.0),
        put=lambda s, v: replace(s, time=replace(s.time, discount_rate=_fraction(v))),
    ),
    _percent_field(
        "hurdle",
        "--hurdle-rate",
        "hurdle_pct",
        "hurdle rate",
        -50.0,
        200.0,
        10.0,
        get=_fraction_get(lambda s: s.time.hurdle_rate, 10.0),
        put=lambda s, v: replace(s, time=replace(s.time, hurdle_rate=_fraction(v))),
    ),
)
BY_PARAM: dict[str, Field] = {f.param: f for f in FIELDS}
# Parameters a link may carry that are not settings: the file it was made on and its fingerprint.
SOURCE_PARAMS = ("src", "fp")


def fingerprint(data: bytes) -> str:
    """A short content fingerprint of a file for its link: the first 8 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:8]


def _thresholds(settings: Settings, strong: float | None = None, moderate: float | None = None) -> Settings:
    """Settings with one band threshold (in percent) changed; both are checked as a pair afterwards."""
    new_strong = settings.thresholds.strong if strong is None else _fraction(strong)
    new_moderate = settings.thresholds.moderate if moderate is None else _fraction(moderate)
    # BandThresholds refuses Moderate above Strong; the pair is judged once both are read.
    thresholds = object.__new__(BandThresholds)
    object.__setattr__(thresholds, "strong", new_strong)
    object.__setattr__(thresholds, "moderate", new_moderate)
    return replace(settings, thresholds=thresholds)


@dataclass(frozen=True)
class Decoded:
    """Settings read from a link, flags or widgets, with a notice for every value refused."""

    settings: Settings
    notices: tuple[Notice, ...] = ()


def parse_values(values: Mapping[str, Sequence[str]], base: Settings = Settings()) -> Decoded:
    """Apply parameters (each a list of texts) to `base`; refuse what does not fit, with a notice."""
    settings, notices = base, []
    for spec in FIELDS:
        texts = [t for t in values.get(spec.param, ()) if t is not None]
        if not texts:
            continue
        value, problems = _parse_field(spec, texts)
        notices.extend(problems)
        if value is not None or (spec.param == "ba" and texts[-1] == SHEET):
            settings = spec.put(settings, value)
    t = settings.thresholds
    if t.moderate > t.strong:
        notices.append(
            Notice(
                "moderate",
                _plain(t.moderate * 100),
                f"{base.thresholds.moderate * 100:g} % and {base.thresholds.strong * 100:g} %",
                f"(band threshold 'Moderate from') is above 'Strong above' ({_plain(t.strong * 100)} %)",
            )
        )
        settings = replace(settings, thresholds=base.thresholds)
    return Decoded(settings, tuple(notices))


def _parse_field(spec: Field, texts: list[str]) -> tuple[object, list[Notice]]:
    """The value of one field from its texts, and a notice per text refused."""
    if not spec.many:
        texts = texts[-1:]  # a repeated single value: the last one wins, as in a browser's form
    parsed, notices = [], []
    for text in texts[:MAX_ITEMS]:
        try:
            parsed.append(spec.parse(text))
        except SettingError as why:
            notices.append(Notice(spec.param, _shown(text), spec.default_words, f"({spec.words}) {why}"))
    if len(texts) > MAX_ITEMS:
        notices.append(
            Notice(
                spec.param, f"{len(texts)} values", f"the first {MAX_ITEMS}", f"({spec.words}) is too many"
            )
        )
    if spec.many:
        return (tuple(parsed) if parsed else None), notices
    return (parsed[0] if parsed else None), notices


def _shown(text: str) -> str:
    """A refused value as a notice shows it: short, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:37] + "…"


def to_values(settings: Settings) -> dict[str, list[str]]:
    """Link parameters of these settings, leaving out every value that is the default."""
    params: dict[str, list[str]] = {}
    for spec in FIELDS:
        value = spec.get(settings)
        if value is None:
            continue
        items: Iterable[object] = value if spec.many else [value]
        params[spec.param] = [spec.text(v) for v in items]
    return params


def query_values(link: str) -> dict[str, list[str]]:
    """The parameters of a whole shared link, or of just its query string (with or without '?')."""
    text = link.strip()
    query = urllib.parse.urlsplit(text).query if "://" in text else text.split("?", 1)[-1]
    return urllib.parse.parse_qs(query, keep_blank_values=False)


def describe(settings: Settings) -> list[tuple[str, str]]:
    """Every field's value in words, for the About sheet: (what it is, value or default)."""
    rows = []
    for spec in FIELDS:
        value = spec.get(settings)
        if value is None:
            rows.append((spec.words, spec.default_words))
        else:
            items = value if spec.many else [value]
            unit = " %" if spec.metavar == "PCT" else ""
            rows.append((spec.words, ", ".join(spec.text(v) + unit for v in items)))
    return rows
