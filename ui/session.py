"""The one home of per-session state: the loaded ledger, the settings and the report built from them.

Uploaded bytes live only in this session's memory (never on disk, never in a shared cache), so
one user's ledger can never be served to another session.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from core.ledger import Ledger, read_ledger
from core.report import Report, Settings, build_report
from core.roi import BandThresholds
from core.workbook import ACCEPTED_SUFFIXES, LedgerError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PATH = ROOT / "sample_data" / "alliance_ledger_sample.xlsx"
TEMPLATE_PATH = ROOT / "sample_data" / "alliance_ledger_template.xlsx"
UPLOAD_LIMIT_MB = 200

_LOADED = "_loaded_ledger"
_REPORT = "_report"


@dataclass(frozen=True)
class Loaded:
    """A ledger read in this session, with where it came from and how long reading took."""

    key: tuple
    ledger: Ledger | None
    error: str | None
    is_sample: bool
    seconds: float
    size: int


def _read(key: tuple, name: str, data: bytes, is_sample: bool) -> Loaded:
    started = time.perf_counter()
    try:
        ledger, error = read_ledger(data, name), None
    except LedgerError as exc:
        ledger, error = None, str(exc)
    except Exception as exc:  # a defect of ours must not put a traceback in front of a user
        ledger = None
        error = (
            f"'{name}' could not be read because of an internal error ({type(exc).__name__}). "
            "Nothing was stored; please report it with the file."
        )
    return Loaded(key, ledger, error, is_sample, time.perf_counter() - started, len(data))


def load() -> Loaded:
    """The ledger in view: the uploaded file if there is one, else the embedded sample.

    Read once per upload and kept in this session only, so reruns after a widget change are cheap.
    """
    uploaded = st.session_state.get("ledger_upload")
    if uploaded is not None:
        key = ("upload", uploaded.file_id, uploaded.name, uploaded.size)
    else:
        key = ("sample", SAMPLE_PATH.name)
    cached: Loaded | None = st.session_state.get(_LOADED)
    if cached is not None and cached.key == key:
        return cached
    if uploaded is not None:
        megabytes = uploaded.size / 1e6
        with st.spinner(f"Reading {uploaded.name} ({megabytes:,.1f} MB)…"):
            loaded = _read(key, uploaded.name, uploaded.getvalue(), is_sample=False)
    else:
        loaded = _read(key, SAMPLE_PATH.name, SAMPLE_PATH.read_bytes(), is_sample=True)
    st.session_state[_LOADED] = loaded
    st.session_state.pop(_REPORT, None)
    return loaded


def sidebar() -> None:
    """The data source and settings, rendered once per run by the entry script for every page."""
    with st.sidebar:
        st.file_uploader(
            "Upload a ledger workbook",
            type=[s.lstrip(".") for s in ACCEPTED_SUFFIXES],
            key="ledger_upload",
            help="Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or CSV. One row per entry with "
            "date, alliance, kind (revenue or cost) and amount; or revenue and cost columns. "
            "The file stays in this browser session's memory only.",
            max_upload_size=UPLOAD_LIMIT_MB,
        )
        with st.expander("Band thresholds"):
            st.number_input(
                "Strong above (%)", key="strong_pct", min_value=-100.0, max_value=1000.0, step=1.0, value=20.0
            )
            st.number_input(
                "Moderate from (%)",
                key="moderate_pct",
                min_value=-100.0,
                max_value=1000.0,
                step=1.0,
                value=10.0,
            )


def settings() -> Settings:
    """Settings from the sidebar widgets, falling back to the defaults when they disagree."""
    strong = st.session_state.get("strong_pct", 20.0) / 100
    moderate = st.session_state.get("moderate_pct", 10.0) / 100
    if moderate > strong:
        st.sidebar.error("'Moderate from' is above 'Strong above': using the defaults 10 % and 20 %.")
        thresholds = BandThresholds()
    else:
        thresholds = BandThresholds(strong=strong, moderate=moderate)
    return Settings(thresholds=thresholds)


def report() -> tuple[Loaded, Report | None]:
    """The loaded ledger and its report under the current settings (rebuilt only when they change)."""
    loaded = load()
    if loaded.ledger is None:
        return loaded, None
    chosen = settings()
    cached = st.session_state.get(_REPORT)
    signature = (loaded.key, chosen.thresholds)
    if cached is not None and cached[0] == signature:
        return loaded, cached[1]
    built = build_report(loaded.ledger, chosen)
    st.session_state[_REPORT] = (signature, built)
    return loaded, built
