"""The view's settings in session state: widget keys from the settings' field table, read back
into one `Settings` through the same parser a link goes through.

Widgets hold values in a user's units (percent, dates, names picked from the ledger); `values()`
turns them into link texts, leaving out what is the ledger's own default, and `core.settings`
turns those into `Settings`. So the sidebar, a link and the command cannot disagree on a limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from core.analysis.benchmarks import effective_benchmarks
from core.analysis.decisions import DecisionRules
from core.analysis.filters import filter_options
from core.model import (
    BY_WEIGHT,
    DEFAULT_INITIATIVE_NAME,
    DEFAULT_SHARED_NAME,
    INFLUENCED,
    REVENUE_SHARE,
    Benchmark,
    InitiativeSource,
    WindowMode,
)
from core.reading.ledger import Ledger
from core.report import default_initiative_date
from core.settings import BY_PARAM, FIELDS, Decoded, Settings, parse_values
from ui.fields import key
from ui.text import plain

# Widget keys of settings, from the field table (by their name in a link).
BA_DATE, PARTICIPANTS, WINDOW, BA_NAME = key("ba"), key("who"), key("win"), key("name")
AS_OF, BENCHMARKS, CURRENCY = key("asof"), key("bench"), key("cur")
SHARED_RULE, SHARED_NAME = key("alloc"), key("shared")
# The filters on the Alliances sheet's columns: link parameter -> the column's name in the options.
FILTERS = {"type": "type", "owner": "owner", "seg": "segment"}
FILTER_KEYS = {param: key(param) for param in FILTERS}
# Widgets that are not one field each: how the initiative date and the windows are chosen, and the
# date range that sets both ends of the dates in view.
BA_MODE, BA_MONTHS, F_DATES = "ba_mode", "ba_months", "f_dates"
BENCH_VERSION = "bench_version"
PERCENT_FIELDS = tuple(f for f in FIELDS if f.default is not None)
# Settings whose defaults come from the ledger: reset when another ledger is loaded.
LEDGER_KEYS = (
    BA_MODE,
    BA_DATE,
    PARTICIPANTS,
    *FILTER_KEYS.values(),
    F_DATES,
    BENCHMARKS,
    CURRENCY,
    SHARED_RULE,
)
PAGE_KEYS = (BA_MODE, BA_MONTHS, WINDOW, BA_NAME, BA_DATE, PARTICIPANTS, AS_OF)
# The Decisions page's settings (issue #17): one session-state value each, kept across pages.
DECISION_KEYS = tuple(key(p) for p in ("rules", "alt", "altname", "scn"))
KEPT_KEYS = tuple({f.key for f in FIELDS} | set(LEDGER_KEYS) | set(PAGE_KEYS) | {BA_MONTHS})


@dataclass(frozen=True)
class LedgerFacts:
    """What the settings need to know about a ledger, worked out once per ledger."""

    alliances: tuple[str, ...]
    options: dict[str, list[str]]
    folded_names: frozenset[str]
    has_influenced: bool
    span: tuple[dt.date, dt.date] | tuple[()]
    sheet_dates: bool
    initiative: dt.date | None
    currency: str
    currencies: tuple[str, ...]
    shared_rule: str
    benchmarks: tuple[Benchmark, ...]


def facts(ledger: Ledger) -> LedgerFacts:
    """The facts of a ledger, kept in this session beside it."""
    cached = st.session_state.get("_facts")
    if cached is not None and cached[0] is ledger:
        return cached[1]
    entries = ledger.entries
    span = (entries["date"].min().date(), entries["date"].max().date()) if len(entries) else ()
    own = effective_benchmarks(ledger.benchmarks)
    has_weights = "weight" in ledger.alliances and ledger.alliances["weight"].notna().any()
    found = LedgerFacts(
        alliances=tuple(sorted(entries["alliance"].unique())),
        options=filter_options(entries, ledger.alliances),
        folded_names=frozenset(a.casefold() for a in entries["alliance"].unique()),
        has_influenced=bool((entries["attribution"] == INFLUENCED).any())
        if "attribution" in entries
        else False,
        span=span,
        sheet_dates=bool(ledger.alliances["initiative_date"].notna().any()),
        initiative=_initiative_default(ledger),
        currency=ledger.source.currency or "",
        currencies=tuple(sorted({ledger.fx_base, *ledger.fx["currency"]} - {None})) if len(ledger.fx) else (),
        shared_rule=BY_WEIGHT if has_weights else REVENUE_SHARE,
        benchmarks=tuple(Benchmark(r.name, float(r.roi), r.source) for r in own.itertuples(index=False)),
    )
    st.session_state["_facts"] = (ledger, found)
    return found


def _initiative_default(ledger: Ledger) -> dt.date | None:
    """The date the one-date picker starts on: the sheet's most common date, else the data's middle."""
    sheet_dates = ledger.alliances["initiative_date"].dropna()
    if len(sheet_dates):
        return sheet_dates.mode().iloc[0].date()
    return default_initiative_date(ledger)


def set_defaults() -> None:
    """Defaults that do not depend on the ledger, set once per session."""
    state = st.session_state
    for spec in PERCENT_FIELDS:
        state.setdefault(spec.key, spec.default)
    state.setdefault(WINDOW, str(WindowMode.EQUAL))
    state.setdefault(BA_MONTHS, 6)
    state.setdefault(BA_NAME, DEFAULT_INITIATIVE_NAME)
    state.setdefault(SHARED_NAME, DEFAULT_SHARED_NAME)
    state.setdefault(AS_OF, dt.date.today())


def reset_all(found: LedgerFacts) -> None:
    """Every setting back to its default for this ledger (before a saved review's settings apply)."""
    state = st.session_state
    for name in (WINDOW, BA_MONTHS, BA_NAME, SHARED_NAME, AS_OF, *(f.key for f in PERCENT_FIELDS)):
        state.pop(name, None)
    for name in DECISION_KEYS:
        state.pop(name, None)
    set_defaults()
    reset_for(found)


def keep() -> None:
    """Keep every setting when the user moves to a page that does not draw its widget.

    Streamlit forgets a widget's value when a run does not draw it; writing the value back in the
    entry script, which runs for every page, keeps it.
    """
    for name in KEPT_KEYS:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]


def reset_for(found: LedgerFacts) -> None:
    """Settings whose defaults come from the ledger just loaded."""
    state = st.session_state
    state[BA_MODE] = str(InitiativeSource.SHEET if found.sheet_dates else InitiativeSource.ONE)
    state[BA_DATE] = found.initiative
    state[PARTICIPANTS] = list(found.alliances)
    for name in FILTER_KEYS.values():
        state[name] = []
    state[F_DATES] = found.span
    state[CURRENCY] = found.currency
    state[SHARED_RULE] = found.shared_rule
    state[BENCHMARKS] = [_bench_dict(b) for b in found.benchmarks]
    state[BENCH_VERSION] = state.get(BENCH_VERSION, 0) + 1


def _bench_dict(benchmark: Benchmark) -> dict[str, object]:
    return {"name": benchmark.name, "roi": benchmark.roi, "source": benchmark.source}


def values(found: LedgerFacts) -> dict[str, list[str]]:
    """The widgets' values as link texts, leaving out each one that is the ledger's default."""
    state = st.session_state
    out: dict[str, list[str]] = {}
    for spec in PERCENT_FIELDS:
        number = state.get(spec.key, spec.default)
        if number is not None and round(float(number), 6) != spec.default:
            out[spec.param] = [spec.text(float(number))]
    out.update(_initiative_values(found))
    out.update(_filter_values(found))
    for param, default in (("name", DEFAULT_INITIATIVE_NAME), ("shared", DEFAULT_SHARED_NAME)):
        text = " ".join(str(state.get(key(param)) or "").split())
        if text and text != default:
            out[param] = [text]
    as_of = state.get(AS_OF)
    if isinstance(as_of, dt.date) and as_of != dt.date.today():
        out["asof"] = [as_of.isoformat()]
    currency = state.get(CURRENCY) or ""
    if currency and currency != found.currency:
        out["cur"] = [currency]
    rule = state.get(SHARED_RULE)
    if rule and rule != found.shared_rule:
        out["alloc"] = [str(rule)]
    chosen = state.get(BENCHMARKS)
    if chosen is not None:
        benchmarks = tuple(Benchmark(str(b["name"]), float(b["roi"]), str(b["source"] or "")) for b in chosen)
        if benchmarks != found.benchmarks:
            out["bench"] = [BY_PARAM["bench"].text(benchmarks)]
    out.update(_decision_values())
    return out


def _decision_values() -> dict[str, list[str]]:
    """Decision rules, the alternative and the scenario (issue #17), as the Decisions page holds them:
    `decision_rules` a DecisionRules, `alt_pct` a percent or None, `alt_name` text, `scenario` changes."""
    state = st.session_state
    out: dict[str, list[str]] = {}
    rules = state.get(key("rules"))
    if isinstance(rules, DecisionRules) and rules != DecisionRules():
        out["rules"] = [BY_PARAM["rules"].text(rules)]
    rate = state.get(key("alt"))
    if rate is not None:
        out["alt"] = [BY_PARAM["alt"].text(float(rate))]
    name = " ".join(str(state.get(key("altname")) or "").split())
    if name:
        out["altname"] = [name]
    scenario = state.get(key("scn"))
    if scenario:
        out["scn"] = [BY_PARAM["scn"].text(tuple(scenario))]
    return out


def _initiative_values(found: LedgerFacts) -> dict[str, list[str]]:
    state = st.session_state
    out: dict[str, list[str]] = {}
    if state.get(BA_MODE) == InitiativeSource.ONE:
        date = state.get(BA_DATE)
        if isinstance(date, dt.date) and (found.sheet_dates or date != found.initiative):
            out["ba"] = [date.isoformat()]
        participants = list(state.get(PARTICIPANTS) or [])
        if sorted(participants) != list(found.alliances):
            out["who"] = participants
    window = state.get(WINDOW, WindowMode.EQUAL)
    if window == WindowMode.MONTHS:
        out["win"] = [str(int(state.get(BA_MONTHS) or 6))]
    elif window == WindowMode.ALL:
        out["win"] = [str(WindowMode.ALL)]
    return out


def _filter_values(found: LedgerFacts) -> dict[str, list[str]]:
    state = st.session_state
    out = {param: list(state.get(name) or []) for param, name in FILTER_KEYS.items() if state.get(name)}
    raw = state.get(F_DATES)
    chosen = tuple(raw) if isinstance(raw, list | tuple) else ((raw,) if raw else ())
    # The whole span of the data is no filter at all.
    if len(chosen) >= 1 and found.span and chosen[0] != found.span[0]:
        out["from"] = [chosen[0].isoformat()]
    if len(chosen) == 2 and found.span and chosen[1] != found.span[1]:
        out["to"] = [chosen[1].isoformat()]
    return out


def settings(found: LedgerFacts) -> Decoded:
    """The settings the widgets ask for, with a notice for any the parser refused."""
    return parse_values(values(found))


def apply(chosen: Settings, given: set[str], found: LedgerFacts) -> list[str]:
    """Set the widgets to settings read from a link; returns what did not fit this ledger."""
    state = st.session_state
    problems: list[str] = []
    for spec in PERCENT_FIELDS:
        if spec.param in given:
            value = spec.get(chosen)
            state[spec.key] = float(value) if value is not None else spec.default  # type: ignore[arg-type]
    if "ba" in given:
        if chosen.initiative_date is None:
            state[BA_MODE] = str(InitiativeSource.SHEET if found.sheet_dates else InitiativeSource.ONE)
        else:
            state[BA_MODE], state[BA_DATE] = str(InitiativeSource.ONE), chosen.initiative_date
    if "who" in given and chosen.participants is not None:
        state[BA_MODE] = str(InitiativeSource.ONE)
        state[PARTICIPANTS] = _known(chosen.participants, found.alliances, "who", problems)
    if "win" in given:
        state[WINDOW] = str(chosen.window.mode)
        if chosen.window.months:
            state[BA_MONTHS] = chosen.window.months
    if "name" in given:
        state[BA_NAME] = chosen.initiative_name
    if "shared" in given:
        state[SHARED_NAME] = chosen.shared_name
    _apply_filters(chosen, given, found, problems)
    if "asof" in given:
        state[AS_OF] = chosen.as_of
    if "cur" in given and chosen.reporting_currency:
        if chosen.reporting_currency in found.currencies:
            state[CURRENCY] = chosen.reporting_currency
        else:
            problems.append(f"'cur={plain(chosen.reporting_currency)}': this ledger has no rates for it")
    if "alloc" in given and chosen.shared_rule:
        state[SHARED_RULE] = str(chosen.shared_rule)
    if "bench" in given and chosen.benchmarks is not None:
        state[BENCHMARKS] = [_bench_dict(b) for b in chosen.benchmarks]
        state[BENCH_VERSION] = state.get(BENCH_VERSION, 0) + 1
    _apply_decisions(chosen, given)
    return problems


def _apply_decisions(chosen: Settings, given: set[str]) -> None:
    """The Decisions page's settings from a link or a saved review."""
    state = st.session_state
    if "rules" in given:
        state[key("rules")] = chosen.decisions
    if "alt" in given and chosen.alternative_rate is not None:
        state[key("alt")] = round(chosen.alternative_rate * 100, 6)
    if "altname" in given:
        state[key("altname")] = chosen.alternative_name
    if "scn" in given:
        state[key("scn")] = tuple(chosen.scenario)


def _apply_filters(chosen: Settings, given: set[str], found: LedgerFacts, problems: list[str]) -> None:
    state = st.session_state
    f = chosen.filters
    for param, picked in (("type", f.types), ("owner", f.owners), ("seg", f.segments)):
        if param in given:
            options = tuple(found.options.get(FILTERS[param], []))
            state[FILTER_KEYS[param]] = _known(picked, options, param, problems)
    if ("from" in given or "to" in given) and found.span:
        start = max(f.start or found.span[0], found.span[0])
        end = min(f.end or found.span[1], found.span[1])
        if start <= end:
            state[F_DATES] = (start, end)
        else:
            problems.append("'from'/'to': no data between these dates")


def _known(asked: tuple[str, ...], known: tuple[str, ...], param: str, problems: list[str]) -> list[str]:
    """The asked names this ledger has; the others are said."""
    missing = [a for a in asked if a not in known]
    if missing:
        problems.append(f"'{param}': not in this ledger: " + ", ".join(plain(m) for m in missing))
    return [a for a in asked if a in known]
