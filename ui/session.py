"""The one home of per-session state: the loaded ledger, the settings and the report built from them.

Uploaded bytes live only in this session's memory (never on disk, never in a shared cache), so
one user's ledger can never be served to another session.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.analysis.adjustments import RULE_WORDS
from core.analysis.before_after import WindowChoice
from core.analysis.benchmarks import DEFAULT_BENCHMARKS, effective_benchmarks
from core.analysis.filters import NOT_SET, Filters, filter_options
from core.analysis.report import Report, Settings, build_report, with_thresholds
from core.analysis.roi import BandThresholds
from core.analysis.time_value import TimeSettings
from core.errors import LedgerError, NoLedgerSheet
from core.model import ALL, ALLOCATION_RULES, BY_WEIGHT, EQUAL, INFLUENCED, MONTHS, REVENUE_SHARE
from core.reading.ledger import ColumnMapping, Ledger, read_ledger, sheet_previews
from core.reading.workbook import ACCEPTED_SUFFIXES
from ui import links

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PATH = ROOT / "sample_data" / "alliance_ledger_sample.xlsx"
TEMPLATE_PATH = ROOT / "sample_data" / "alliance_ledger_template.xlsx"
UPLOAD_LIMIT_MB = 200

_LOADED = "_loaded_ledger"
_UPLOAD = "_uploaded_file"
_REPORT = "_report"

# Settings that do not depend on the ledger, set once per session.
DEFAULTS: dict[str, object] = {
    "strong_pct": 20.0,
    "moderate_pct": 10.0,
    "ba_window": EQUAL,
    "ba_months": 6,
    "ba_name": "the initiative",
    "shared_name": "Shared",
    "credit_pct": 100,
    "discount_pct": 10.0,
    "hurdle_pct": 10.0,
}
# Settings whose defaults come from the ledger, reset when another ledger is loaded.
LEDGER_KEYS = (
    "currency",
    "shared_rule",
    "ba_mode",
    "ba_date",
    "ba_participants",
    "f_types",
    "f_owners",
    "f_segments",
    "f_dates",
    "benchmarks",
)
SETTING_KEYS = (*DEFAULTS, *LEDGER_KEYS, "as_of")
WINDOW_MODES = (EQUAL, MONTHS, ALL)


@dataclass(frozen=True)
class Loaded:
    """A ledger read in this session, with where it came from and how long reading took."""

    key: tuple
    ledger: Ledger | None
    error: str | None
    is_sample: bool
    seconds: float
    size: int
    mapped: bool = False
    previews: dict[str, list[list[str]]] | None = None


def _read(key: tuple, name: str, data: bytes, is_sample: bool, mapping: ColumnMapping | None) -> Loaded:
    started = time.perf_counter()
    ledger, error, mapped, previews = None, None, False, None
    try:
        ledger = read_ledger(data, name)
    except NoLedgerSheet as exc:
        error, previews = str(exc), sheet_previews(data, name)
        if mapping is not None:
            try:
                ledger, error, mapped = read_ledger(data, name, mapping=mapping), None, True
            except LedgerError as mapping_error:
                error = f"{exc}\n\nThe saved column mapping does not fit this file: {mapping_error}"
    except LedgerError as exc:
        error = str(exc)
    except Exception as exc:  # a defect of ours must not put a traceback in front of a user
        error = (
            f"'{name}' could not be read because of an internal error ({type(exc).__name__}). "
            "Nothing was stored; please report it with the file."
        )
    elapsed = time.perf_counter() - started
    return Loaded(key, ledger, error, is_sample, elapsed, len(data), mapped, previews)


def saved_mapping() -> ColumnMapping | None:
    """The column mapping the user gave for an earlier file in this session, if any."""
    raw = st.session_state.get("column_mapping")
    if not raw:
        return None
    return ColumnMapping(raw["sheet"], int(raw["header_row"]), tuple(sorted(raw["columns"].items())))


def load() -> Loaded:
    """The ledger in view: the uploaded file if there is one, else the embedded sample.

    Read once per upload and kept in this session only, so reruns after a widget change are cheap.
    """
    uploaded = st.session_state.get(_UPLOAD)
    mapping = saved_mapping()
    if uploaded is not None:
        key = ("upload", uploaded.file_id, uploaded.name, uploaded.size, mapping)
    else:
        key = ("sample", SAMPLE_PATH.name)
    cached: Loaded | None = st.session_state.get(_LOADED)
    if cached is not None and cached.key == key:
        return cached
    if uploaded is not None:
        megabytes = uploaded.size / 1e6
        with st.spinner(f"Reading {uploaded.name} ({megabytes:,.1f} MB)…"):
            loaded = _read(key, uploaded.name, uploaded.getvalue(), False, mapping)
    else:
        loaded = _read(key, SAMPLE_PATH.name, SAMPLE_PATH.read_bytes(), True, None)
    st.session_state[_LOADED] = loaded
    st.session_state.pop(_REPORT, None)
    if loaded.ledger is not None:
        _ledger_defaults(loaded.ledger)
        links.apply_to_ledger(
            loaded.ledger.source.filename,
            loaded.is_sample,
            {
                **filter_options(loaded.ledger.entries, loaded.ledger.alliances),
                "currency": currencies(loaded.ledger),
            },
            sorted(loaded.ledger.entries["alliance"].unique()),
        )
    return loaded


def _ledger_defaults(ledger: Ledger) -> None:
    """Initiative settings that fit the ledger just loaded: its own dates, or the middle of its data."""
    sheet_dates = ledger.alliances["initiative_date"].dropna()
    if len(sheet_dates):
        date = sheet_dates.mode().iloc[0].date()
    elif len(ledger.entries):
        first, last = ledger.entries["date"].min(), ledger.entries["date"].max()
        date = (first + (last - first) / 2).to_period("M").start_time.date()
    else:
        date = None
    st.session_state["ba_mode"] = "sheet" if len(sheet_dates) else "one"
    st.session_state["ba_date"] = date
    st.session_state["ba_participants"] = sorted(ledger.entries["alliance"].unique())
    st.session_state["currency"] = ledger.source.currency or ""
    has_weights = "weight" in ledger.alliances and ledger.alliances["weight"].notna().any()
    st.session_state["shared_rule"] = BY_WEIGHT if has_weights else REVENUE_SHARE
    for key in ("f_types", "f_owners", "f_segments"):
        st.session_state[key] = []
    st.session_state["f_dates"] = data_dates(ledger)
    st.session_state["benchmarks"] = effective_benchmarks(ledger.benchmarks).to_dict("records")
    st.session_state["bench_version"] = st.session_state.get("bench_version", 0) + 1
    # What a link leaves out because it is the default for this ledger.
    st.session_state["_link_defaults"] = {
        "participants": st.session_state["ba_participants"],
        "ba_mode": st.session_state["ba_mode"],
        "benchmarks": [
            [b["name"], round(float(b["roi"]), 6), b["source"]] for b in st.session_state["benchmarks"]
        ],
        "currency": st.session_state["currency"],
        "shared_rule": st.session_state["shared_rule"],
    }


def data_dates(ledger: Ledger) -> tuple[dt.date, dt.date] | tuple[()]:
    """First and last entry dates of the ledger, the default date range."""
    if ledger.entries.empty:
        return ()
    return ledger.entries["date"].min().date(), ledger.entries["date"].max().date()


def through_entry() -> None:
    """Make sure a page runs inside app.py's navigation, with the shared sidebar.

    Streamlit serves a fresh server's first request for a page URL (say /trends) the old way, by
    running pages/trends.py alone, because a pages/ folder exists; app.py's st.navigation then
    never runs. Switching that mode off and rerunning sends the same URL through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _remember_upload() -> None:
    """Keep the upload (or its removal) apart from the widget, which may forget it between pages."""
    st.session_state[_UPLOAD] = st.session_state.get("ledger_upload")


def keep_settings() -> None:
    """Set defaults once, and keep page widgets' values when the user moves to another page.

    Streamlit forgets a widget's value when a run does not draw it; writing the value back in the
    entry script, which runs for every page, keeps it.
    """
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value
    if "as_of" not in st.session_state:
        st.session_state["as_of"] = dt.date.today()
    for key in SETTING_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def sidebar() -> None:
    """The data source and settings, rendered once per run by the entry script for every page."""
    links.read_link()
    keep_settings()
    with st.sidebar:
        st.file_uploader(
            "Upload a ledger workbook",
            type=[s.lstrip(".") for s in ACCEPTED_SUFFIXES],
            key="ledger_upload",
            help="Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or CSV. One row per entry with "
            "date, alliance, kind (revenue or cost) and amount; or revenue and cost columns. "
            "The file stays in this browser session's memory only.",
            max_upload_size=UPLOAD_LIMIT_MB,
            on_change=_remember_upload,
        )
        with st.expander("Band thresholds"):
            st.number_input(
                "Strong above (%)", key="strong_pct", min_value=-100.0, max_value=1000.0, step=1.0
            )
            st.number_input(
                "Moderate from (%)",
                key="moderate_pct",
                min_value=-100.0,
                max_value=1000.0,
                step=1.0,
            )
    loaded = load()
    if loaded.ledger is not None:
        with st.sidebar:
            filter_controls(loaded.ledger)
            adjustment_controls(loaded.ledger)
            with st.popover("Share this view", icon=":material/link:", width="stretch"):
                st.caption(
                    "This link reopens the same page and settings. It holds no data: a view of an "
                    "uploaded file asks for that file again."
                )
                st.code(links.share_url(), language=None, wrap_lines=True)


@dataclass(frozen=True)
class LedgerFacts:
    """What the sidebar needs to know about a ledger, worked out once rather than on every rerun."""

    options: dict[str, list[str]]
    folded_names: frozenset[str]
    has_influenced: bool
    span: tuple


def facts(ledger: Ledger) -> LedgerFacts:
    """The facts of the ledger in view, kept in this session beside it."""
    cached = st.session_state.get("_facts")
    if cached is not None and cached[0] is ledger:
        return cached[1]
    found = LedgerFacts(
        options=filter_options(ledger.entries, ledger.alliances),
        folded_names=frozenset(a.casefold() for a in ledger.entries["alliance"].unique()),
        has_influenced=bool((ledger.entries["attribution"] == INFLUENCED).any()),
        span=data_dates(ledger),
    )
    st.session_state["_facts"] = (ledger, found)
    return found


def currencies(ledger: Ledger) -> list[str]:
    """The currencies a report can be in: the FX sheet's base and every currency it has rates for."""
    return sorted({ledger.fx_base, *ledger.fx["currency"]} - {None}) if len(ledger.fx) else []


def adjustment_controls(ledger: Ledger) -> None:
    """Reporting currency, shared costs, credit for influenced revenue, discount and hurdle rates."""
    with st.expander("Currency, shared costs, time value"):
        if len(ledger.fx):
            options = sorted({ledger.fx_base, *ledger.fx["currency"]} - {None})
            st.selectbox(
                "Reporting currency",
                options,
                key="currency",
                help="Each entry is converted at its own month's rate from the FX sheet.",
            )
        st.text_input(
            "Shared costs are booked to",
            key="shared_name",
            max_chars=80,
            help="Cost rows of this pseudo-alliance are split over the real alliances.",
        )
        shared_name = (st.session_state.get("shared_name") or "Shared").casefold()
        if shared_name in facts(ledger).folded_names:
            st.radio(
                "Split shared costs",
                list(ALLOCATION_RULES),
                key="shared_rule",
                format_func=RULE_WORDS.get,
            )
        if facts(ledger).has_influenced:
            st.slider(
                "Credit for influenced revenue (%)",
                0,
                100,
                step=5,
                key="credit_pct",
                help="0 % counts only revenue the partner sourced; 100 % counts influenced revenue in full.",
            )
        st.number_input(
            "Discount rate for NPV (% a year)", min_value=-50.0, max_value=100.0, step=0.5, key="discount_pct"
        )
        st.number_input("Hurdle rate (%)", min_value=-50.0, max_value=200.0, step=0.5, key="hurdle_pct")


def filter_controls(ledger: Ledger) -> None:
    """Type, owner, segment and date range: what every page shows, quartiles included."""
    options = facts(ledger).options
    active = sum(bool(st.session_state.get(k)) for k in ("f_types", "f_owners", "f_segments"))
    with st.expander(f"Filters ({active} active)" if active else "Filters"):
        for key, name, label in (
            ("f_types", "type", "Alliance type"),
            ("f_owners", "owner", "Owner"),
            ("f_segments", "segment", "Segment"),
        ):
            if options[name] != [NOT_SET]:
                st.multiselect(label, options[name], key=key, placeholder="All")
        span = facts(ledger).span
        if span:
            st.date_input("Dates", key="f_dates", min_value=span[0], max_value=span[1], format="YYYY-MM-DD")


def settings() -> Settings:
    """Settings from the sidebar widgets, falling back to the defaults when they disagree."""
    strong = st.session_state.get("strong_pct", 20.0) / 100
    moderate = st.session_state.get("moderate_pct", 10.0) / 100
    if moderate > strong:
        st.sidebar.error("'Moderate from' is above 'Strong above': using the defaults 10 % and 20 %.")
        thresholds = BandThresholds()
    else:
        thresholds = BandThresholds(strong=strong, moderate=moderate)
    state = st.session_state
    one_date = state.get("ba_mode", "one") == "one"
    window = state.get("ba_window", EQUAL)
    months = int(state.get("ba_months", 6) or 6)
    return Settings(
        thresholds=thresholds,
        benchmarks=_benchmarks(),
        filters=_filters(),
        as_of=state.get("as_of") or dt.date.today(),
        initiative_date=state.get("ba_date") if one_date else None,
        participants=tuple(state.get("ba_participants") or ()) if one_date else None,
        window=WindowChoice(window, months if window == MONTHS else None),
        initiative_name=(state.get("ba_name") or "the initiative").strip() or "the initiative",
        reporting_currency=state.get("currency") or None,
        influenced_credit=float(state.get("credit_pct", 100)) / 100,
        shared_rule=state.get("shared_rule"),
        shared_name=(state.get("shared_name") or "Shared").strip() or "Shared",
        time=TimeSettings(
            discount_rate=float(state.get("discount_pct", 10.0)) / 100,
            hurdle_rate=float(state.get("hurdle_pct", 10.0)) / 100,
        ),
    )


def _benchmarks() -> pd.DataFrame:
    """The benchmarks in force: the user's edits, else the defaults with the workbook's own."""
    if "benchmarks" not in st.session_state:
        loaded: Loaded | None = st.session_state.get(_LOADED)
        own = (
            loaded.ledger.benchmarks if loaded and loaded.ledger is not None else DEFAULT_BENCHMARKS.iloc[0:0]
        )
        st.session_state["benchmarks"] = effective_benchmarks(own).to_dict("records")
    return pd.DataFrame(st.session_state["benchmarks"], columns=["name", "roi", "source"])


def _filters() -> Filters:
    state = st.session_state
    loaded: Loaded | None = state.get(_LOADED)
    full = facts(loaded.ledger).span if loaded and loaded.ledger is not None else ()
    raw = state.get("f_dates")
    chosen = tuple(raw) if isinstance(raw, (list, tuple)) else ((raw,) if raw else ())
    start = chosen[0] if len(chosen) >= 1 else None
    end = chosen[1] if len(chosen) == 2 else None
    # The whole span of the data is no filter at all.
    if full and start == full[0]:
        start = None
    if full and end == full[1]:
        end = None
    return Filters(
        types=tuple(state.get("f_types") or ()),
        owners=tuple(state.get("f_owners") or ()),
        segments=tuple(state.get("f_segments") or ()),
        start=start,
        end=end,
    )


def _signature(chosen: Settings) -> tuple:
    """Everything a report depends on except the band thresholds, which only re-band it."""
    benchmarks = tuple(map(tuple, chosen.benchmarks.itertuples(index=False)))
    return (
        chosen.initiative_date,
        chosen.participants,
        chosen.window,
        chosen.initiative_name,
        chosen.filters,
        chosen.as_of,
        chosen.reporting_currency,
        chosen.influenced_credit,
        chosen.shared_rule,
        chosen.shared_name,
        chosen.time,
        benchmarks,
    )


def report() -> tuple[Loaded, Report | None]:
    """The loaded ledger and its report under the current settings (rebuilt only when they change)."""
    loaded = load()
    if loaded.ledger is None:
        return loaded, None
    chosen = settings()
    cached = st.session_state.get(_REPORT)
    signature = (loaded.key, _signature(chosen))
    if cached is not None and cached[0] == signature:
        built = cached[1]
        if built.settings.thresholds != chosen.thresholds:
            built = with_thresholds(built, chosen.thresholds)
            st.session_state[_REPORT] = (signature, built)
            _write_link(loaded, built)
        return loaded, built
    built = build_report(loaded.ledger, chosen)
    st.session_state[_REPORT] = (signature, built)
    _write_link(loaded, built)
    return loaded, built


def _write_link(loaded: Loaded, built: Report) -> None:
    links.write_link(
        built.settings,
        built.ledger.source.filename,
        loaded.is_sample,
        st.session_state.get("_link_defaults", {}),
    )
