"""The field table: every setting a user can change, in every place it appears (link, flag, widget)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from core.analysis.before_after import WindowChoice
from core.analysis.decisions import DecisionRules
from core.analysis.materiality import FLAT_POINTS
from core.analysis.roi import BandThresholds
from core.model import DEFAULT_INITIATIVE_NAME, DEFAULT_SHARED_NAME
from core.settings.kinds import KIND_PARAM
from core.settings.source import MAPPING_PARAMS
from core.settings.values import (
    HURDLE_NAME,
    Settings,
    benchmarks_text,
    fraction,
    parse_benchmarks,
    parse_code,
    parse_date,
    parse_initiative,
    parse_number,
    parse_rule,
    parse_rules,
    parse_scenario,
    parse_stages,
    parse_text,
    parse_window,
    plain_number,
    rules_text,
    scenario_param,
    window_text,
)

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
    label: str = ""  # its widget's label in the app ("" for settings set by a composite widget)
    help: str = ""  # its widget's tooltip
    step: float | None = None  # its number widget's step


def _percent_field(
    param: str, flag: str, key: str, words: str, low: float, high: float, default: float, **access: Any
) -> Field:
    """A number given in percent in links, widgets and flags, kept as a fraction in Settings."""

    def parse(text: str) -> float:
        return parse_number(text, low, high)

    return Field(
        param=param,
        flag=flag,
        key=key,
        words=words,
        metavar="PCT",
        parse=parse,
        text=lambda v: plain_number(float(v)),
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


def _filter_field(param: str, flag: str, key: str, name: str, attribute: str, label: str) -> Field:
    """A filter on a column of the Alliances sheet: the names to keep, repeated in a link."""
    return Field(
        param=param,
        flag=flag,
        key=key,
        words=f"{name} filter",
        metavar=name.split()[-1].upper(),
        parse=parse_text,
        text=str,
        get=lambda s: getattr(s.filters, attribute) or None,
        put=lambda s, v: _with_filters(s, **{attribute: tuple(v)}),
        default_words=f"every {name.split()[-1]}",
        many=True,
        label=label,
    )


def _day_field(param: str, flag: str, key: str, words: str, attribute: str, default_words: str) -> Field:
    """One end of the dates in view (the app sets both with one date-range widget)."""
    return Field(
        param=param,
        flag=flag,
        key=key,
        words=words,
        metavar="YYYY-MM-DD",
        parse=parse_date,
        text=lambda v: v.isoformat(),
        get=lambda s: getattr(s.filters, attribute),
        put=lambda s, v: _with_filters(s, **{attribute: v}),
        default_words=default_words,
    )


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
        label="Strong above (%)",
        step=1.0,
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
        label="Moderate from (%)",
        step=1.0,
    ),
    Field(
        param="ba",
        flag="--initiative-date",
        key="ba_date",
        words="initiative date",
        metavar="YYYY-MM-DD",
        parse=parse_initiative,
        text=lambda v: v.isoformat(),
        get=lambda s: s.initiative_date,
        put=lambda s, v: replace(s, initiative_date=v),
        default_words="the Alliances sheet's dates, or the middle of the data",
        label="Initiative started on",
    ),
    Field(
        param="who",
        flag="--participant",
        key="ba_participants",
        words="alliances in the initiative",
        metavar="ALLIANCE",
        parse=parse_text,
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
        parse=parse_window,
        text=lambda v: window_text(v),
        get=lambda s: None if s.window == WindowChoice() else s.window,
        put=lambda s, v: replace(s, window=v),
        default_words="equal windows, the longest the data allows",
        label="Windows",
    ),
    Field(
        param="name",
        flag="--initiative-name",
        key="ba_name",
        words="initiative name",
        metavar="TEXT",
        parse=parse_text,
        text=str,
        get=lambda s: None if s.initiative_name == DEFAULT_INITIATIVE_NAME else s.initiative_name,
        put=lambda s, v: replace(s, initiative_name=v),
        default_words=f"'{DEFAULT_INITIATIVE_NAME}'",
        label="Initiative name (for the case-study paragraph)",
    ),
    _filter_field("type", "--type", "f_types", "alliance type", "types", "Alliance type"),
    _filter_field("owner", "--owner", "f_owners", "owner", "owners", "Owner"),
    _filter_field("seg", "--segment", "f_segments", "segment", "segments", "Segment"),
    _day_field("from", "--from", "f_from", "first day in view", "start", "the first day of the data"),
    _day_field("to", "--to", "f_to", "last day in view", "end", "the last day of the data"),
    Field(
        param="asof",
        flag="--as-of",
        key="as_of",
        words="day goal status is judged on",
        metavar="YYYY-MM-DD",
        parse=parse_date,
        text=lambda v: v.isoformat(),
        get=lambda s: s.as_of,
        put=lambda s, v: replace(s, as_of=v),
        default_words="today",
        label="Status as of",
        help="Goals are judged on the time gone between their start and due date by this day.",
    ),
    Field(
        param="bench",
        flag="--benchmarks",
        key="benchmarks",
        words="benchmarks",
        metavar="JSON",
        parse=parse_benchmarks,
        text=lambda v: benchmarks_text(v),
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
        parse=parse_code,
        text=str,
        get=lambda s: s.reporting_currency,
        put=lambda s, v: replace(s, reporting_currency=v),
        default_words="the ledger's own currency",
        label="Reporting currency",
        help="Each entry is converted at its own month's rate from the FX sheet.",
    ),
    Field(
        param="alloc",
        flag="--shared-rule",
        key="shared_rule",
        words="shared-cost split",
        metavar="RULE",
        parse=parse_rule,
        text=str,
        get=lambda s: s.shared_rule,
        put=lambda s, v: replace(s, shared_rule=v),
        default_words="the Alliances sheet's weights when it has them, else revenue share",
        label="Split shared costs",
    ),
    Field(
        param="shared",
        flag="--shared-name",
        key="shared_name",
        words="name shared costs are booked to",
        metavar="NAME",
        parse=parse_text,
        text=str,
        get=lambda s: None if s.shared_name == DEFAULT_SHARED_NAME else s.shared_name,
        put=lambda s, v: replace(s, shared_name=v),
        default_words="'Shared'",
        label="Shared costs are booked to",
        help="Cost rows of this pseudo-alliance are split over the real alliances.",
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
        put=lambda s, v: replace(s, influenced_credit=fraction(v)),
        label="Credit for influenced revenue (%)",
        step=5.0,
        help="0 % counts only revenue the partner sourced; 100 % counts influenced revenue in full.",
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
        put=lambda s, v: replace(s, time=replace(s.time, discount_rate=fraction(v))),
        label="Discount rate for NPV (% a year)",
        step=0.5,
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
        put=lambda s, v: replace(s, time=replace(s.time, hurdle_rate=fraction(v))),
        label="Hurdle rate (% a year)",
        step=0.5,
        help="The yearly return the same money would earn in its next-best use: opportunity cost and "
        "value over the hurdle rate are taken at it, month by month.",
    ),
    # Issue #17: from numbers to decisions. Each one parameter, so that links stay short.
    Field(
        param="rules",
        flag="--rules",
        key="decision_rules",
        words="decision rules, e.g. strong:3,invest:4",
        metavar="NAME:POINTS,...",
        parse=parse_rules,
        text=lambda v: rules_text(v),
        get=lambda s: None if s.decisions == DecisionRules() else s.decisions,
        put=lambda s, v: replace(s, decisions=v),
        default_words="the default rules",
    ),
    Field(
        param="flat",
        flag="--flat-below",
        key="flat_pts",
        words="change of ROI below which it is flat, in points",
        metavar="POINTS",
        parse=lambda text: parse_number(text, 0.0, 100.0, "points"),
        text=lambda v: plain_number(float(v)),
        get=lambda s: None if s.flat_points == FLAT_POINTS else s.flat_points,
        put=lambda s, v: replace(s, flat_points=round(float(v), 6)),
        default_words=f"{FLAT_POINTS:g} points (the default)",
        low=0.0,
        high=100.0,
        default=FLAT_POINTS,
        label="Flat below (ROI points)",
        step=0.1,
        help=(
            "A change of ROI smaller than this many percentage points counts as flat: no 'rising' or "
            "'falling' in the decisions, '→ same' in the history."
        ),
    ),
    Field(
        param="alt",
        flag="--alternative-rate",
        key="alt_pct",
        words="hurdle rate of a named next-best use, % a year",
        metavar="PCT",
        parse=lambda text: parse_number(text, -50.0, 200.0),
        text=lambda v: plain_number(float(v)),
        get=lambda s: None if s.alternative_rate is None else round(s.alternative_rate * 100, 6),
        put=lambda s, v: replace(s, alternative_rate=fraction(v)),
        default_words="the hurdle rate",
        low=-50.0,
        high=200.0,
        label="Hurdle rate of a named next-best use (% a year)",
        step=0.5,
        help="The hurdle rate of every figure of this view (Overview, Decisions, workbook, deck) when "
        "given. Empty: the sidebar's hurdle rate.",
    ),
    Field(
        param="altname",
        flag="--alternative-name",
        key="alt_name",
        words="name of the money's next-best use",
        metavar="TEXT",
        parse=parse_text,
        text=str,
        get=lambda s: s.alternative_name or None,
        put=lambda s, v: replace(s, alternative_name=v),
        default_words=f"'{HURDLE_NAME}' (or 'the alternative' with a rate of its own)",
        label="Its name",
        help="Shown in the tables and the workbook.",
    ),
    Field(
        param="scn",
        flag="--scenario",
        key="scenario",
        words="scenario, e.g. drop:A;scale:B*1.5;refund:C=20000",
        metavar="CHANGE;...",
        parse=parse_scenario,
        text=lambda v: scenario_param(v),
        get=lambda s: s.scenario or None,
        put=lambda s, v: replace(s, scenario=tuple(v)),
        default_words="no scenario",
    ),
    # Read with the ledger, not computed from it: a CRM export's stage column (core/reading/stages.py).
    Field(
        param="won",
        flag="--won-stages",
        key="won_stages",
        words="deal stages that count as won in a stage or status column, e.g. 'Won,Closed Won'",
        metavar="STAGE,...",
        parse=parse_stages,
        text=lambda v: ",".join(v),
        get=lambda s: s.won_stages,
        put=lambda s, v: replace(s, won_stages=tuple(v)),
        default_words="the stage table's won stages (won, closed won, closed, shipped...)",
    ),
)
BY_PARAM: dict[str, Field] = {f.param: f for f in FIELDS}
# Parameters a link may carry that are not settings: the file it was made on and its fingerprint.
# Where a view's ledger comes from, not how it is computed: a file's name and fingerprint, or a saved
# review (its link's token, or its number for signed-in members) and whether its settings were changed.
# The column mapping and the kind values the ledger was read with travel with them
# (core.settings.source, core.settings.kinds).
SOURCE_PARAMS = ("src", "fp", "review", "rid", "edited", *MAPPING_PARAMS, KIND_PARAM)


def fingerprint(data: bytes) -> str:
    """A short content fingerprint of a file for its link: the first 8 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:8]


def _thresholds(settings: Settings, strong: float | None = None, moderate: float | None = None) -> Settings:
    """Settings with one band threshold (in percent) changed; both are checked as a pair afterwards."""
    new_strong = settings.thresholds.strong if strong is None else fraction(strong)
    new_moderate = settings.thresholds.moderate if moderate is None else fraction(moderate)
    # BandThresholds refuses Moderate above Strong; the pair is judged once both are read.
    thresholds = object.__new__(BandThresholds)
    object.__setattr__(thresholds, "strong", new_strong)
    object.__setattr__(thresholds, "moderate", new_moderate)
    return replace(settings, thresholds=thresholds)
