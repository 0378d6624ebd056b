"""A view's settings in the URL, so that a copied link reopens the same view.

Only plain, validated values travel: percentages, dates, window choice, names picked from the
ledger. Never data, never anything that is executed or unpickled. A link made on an uploaded file
carries the file's name only, and asks for that file when opened.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse

import streamlit as st

from core.analysis.report import Settings
from core.model import ALL, ALLOCATION_RULES, EQUAL, MONTHS

PENDING = "_link_pending"
MAX_TEXT = 120
MAX_ITEMS = 100
MAX_BENCHMARKS = 12


class BadValue(ValueError):
    """A link value that does not pass validation; it is ignored and the user told."""


def _percent(text: str) -> float:
    value = float(text)
    if not -100 <= value <= 1000:
        raise BadValue(text)
    return value


def _date(text: str) -> dt.date:
    value = dt.date.fromisoformat(text)
    if not 1900 <= value.year <= 2200:
        raise BadValue(text)
    return value


def _text(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise BadValue(text[:20])
    return text


def _window(text: str) -> tuple[str, int | None]:
    if text in (EQUAL, ALL):
        return text, None
    months = int(text)
    if not 1 <= months <= 120:
        raise BadValue(text)
    return MONTHS, months


def _benchmarks(text: str) -> list[dict]:
    if len(text) > 4000:
        raise BadValue("bench")
    rows = json.loads(text)
    if not isinstance(rows, list) or len(rows) > MAX_BENCHMARKS:
        raise BadValue("bench")
    out = []
    for row in rows:
        if not (
            isinstance(row, list)
            and len(row) == 3
            and isinstance(row[0], str)
            and isinstance(row[2], str)
            and isinstance(row[1], (int, float))
            and -10 <= row[1] <= 10
        ):
            raise BadValue("bench")
        out.append({"name": _text(row[0]), "roi": float(row[1]), "source": _text(row[2])})
    return out


def _code(text: str) -> str:
    if not (len(text) == 3 and text.isalpha() and text.isupper()):
        raise BadValue(text)
    return text


def _rule(text: str) -> str:
    if text not in ALLOCATION_RULES:
        raise BadValue(text)
    return text


def _credit(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 100:
        raise BadValue(text)
    return value


def _rate(text: str) -> float:
    value = float(text)
    if not -50 <= value <= 200:
        raise BadValue(text)
    return value


SINGLE = {
    "src": _text,
    "strong": _percent,
    "moderate": _percent,
    "ba": str,
    "win": _window,
    "name": _text,
    "from": _date,
    "to": _date,
    "asof": _date,
    "bench": _benchmarks,
    "cur": _code,
    "alloc": _rule,
    "credit": _credit,
    "disc": _rate,
    "hurdle": _rate,
}
# Settings that do not depend on the ledger, applied as soon as the link is read.
IMMEDIATE = {
    "strong": "strong_pct",
    "moderate": "moderate_pct",
    "credit": "credit_pct",
    "disc": "discount_pct",
    "hurdle": "hurdle_pct",
}
LISTS = {"who": "ba_participants", "type": "f_types", "owner": "f_owners", "seg": "f_segments"}


def read_link() -> None:
    """On a session's first run, validate the URL's settings and keep them until a ledger fits them."""
    if "_link_read" in st.session_state:
        return
    st.session_state["_link_read"] = True
    params = st.query_params
    found: dict[str, object] = {}
    ignored = []
    for key, parse in SINGLE.items():
        if key in params:
            try:
                value = params[key]
                found[key] = _date(value) if key == "ba" and value != "sheet" else parse(value)
            except (ValueError, TypeError, json.JSONDecodeError):
                ignored.append(key)
    for key in LISTS:
        values = params.get_all(key)
        if values:
            if len(values) > MAX_ITEMS or any(len(v) > MAX_TEXT for v in values):
                ignored.append(key)
            else:
                found[key] = list(values)
    if ignored:
        st.session_state["_link_ignored"] = ignored
    if found:
        st.session_state[PENDING] = found
    for key, state_key in IMMEDIATE.items():
        if key in found:
            st.session_state[state_key] = found[key]


def apply_to_ledger(
    source_name: str, is_sample: bool, options: dict[str, list[str]], alliances: list[str]
) -> None:
    """Apply a pending link to the ledger just loaded, if it is the ledger the link was made on."""
    link = st.session_state.get(PENDING)
    if not link:
        return
    wanted = link.get("src", "sample")
    if (wanted == "sample") != is_sample or (not is_sample and wanted != source_name):
        return
    state = st.session_state
    if "ba" in link:
        if link["ba"] == "sheet":
            state["ba_mode"] = "sheet"
        else:
            state["ba_mode"], state["ba_date"] = "one", link["ba"]
    if "who" in link:
        state["ba_participants"] = [a for a in link["who"] if a in alliances]
    if "win" in link:
        state["ba_window"], months = link["win"]
        if months:
            state["ba_months"] = months
    if "name" in link:
        state["ba_name"] = link["name"]
    for key, field in (("type", "type"), ("owner", "owner"), ("seg", "segment")):
        if key in link:
            state[LISTS[key]] = [v for v in link[key] if v in options.get(field, [])]
    if "from" in link or "to" in link:
        current = tuple(state.get("f_dates") or ())
        start = link.get("from", current[0] if current else None)
        end = link.get("to", current[1] if len(current) > 1 else None)
        state["f_dates"] = tuple(d for d in (start, end) if d is not None)
    if "asof" in link:
        state["as_of"] = link["asof"]
    if "cur" in link and link["cur"] in options.get("currency", []):
        state["currency"] = link["cur"]
    if "alloc" in link:
        state["shared_rule"] = link["alloc"]
    if "bench" in link:
        state["benchmarks"] = link["bench"]
        state["bench_version"] = state.get("bench_version", 0) + 1
    del state[PENDING]


def waiting_for_file() -> str | None:
    """The file a pending link was made on, while it has not been uploaded."""
    link = st.session_state.get(PENDING)
    if link and link.get("src", "sample") != "sample":
        return str(link["src"])
    return None


def write_link(settings: Settings, source_name: str, is_sample: bool, defaults: dict[str, object]) -> None:
    """Put the view's settings in the URL, leaving out what equals the default."""
    if st.session_state.get(PENDING):
        return  # the link waits for its file: keep it as it came
    state = st.session_state
    params: dict[str, str | list[str]] = {"src": "sample" if is_sample else source_name}
    t = settings.thresholds
    if round(t.strong * 100, 6) != 20:
        params["strong"] = _plain(t.strong * 100)
    if round(t.moderate * 100, 6) != 10:
        params["moderate"] = _plain(t.moderate * 100)
    if state.get("ba_mode") == "one" and settings.initiative_date:
        params["ba"] = settings.initiative_date.isoformat()
        if settings.participants is not None and list(settings.participants) != defaults.get("participants"):
            params["who"] = list(settings.participants)
    elif state.get("ba_mode") == "sheet" and defaults.get("ba_mode") != "sheet":
        params["ba"] = "sheet"
    window = settings.window
    if window.mode != EQUAL:
        params["win"] = str(window.months) if window.mode == MONTHS else ALL
    if settings.initiative_name != "the initiative":
        params["name"] = settings.initiative_name
    f = settings.filters
    for key, values in (("type", f.types), ("owner", f.owners), ("seg", f.segments)):
        if values:
            params[key] = list(values)
    if f.start:
        params["from"] = f.start.isoformat()
    if f.end:
        params["to"] = f.end.isoformat()
    if settings.as_of and settings.as_of != dt.date.today():
        params["asof"] = settings.as_of.isoformat()
    if settings.reporting_currency and settings.reporting_currency != defaults.get("currency"):
        params["cur"] = settings.reporting_currency
    if settings.shared_rule and settings.shared_rule != defaults.get("shared_rule"):
        params["alloc"] = settings.shared_rule
    if settings.influenced_credit != 1:
        params["credit"] = _plain(round(settings.influenced_credit * 100, 6))
    if settings.time.discount_rate != 0.10:
        params["disc"] = _plain(round(settings.time.discount_rate * 100, 6))
    if settings.time.hurdle_rate != 0.10:
        params["hurdle"] = _plain(round(settings.time.hurdle_rate * 100, 6))
    bench = [[r.name, round(float(r.roi), 6), r.source] for r in settings.benchmarks.itertuples(index=False)]
    if bench != defaults.get("benchmarks"):
        params["bench"] = json.dumps(bench, separators=(",", ":"))
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(params)


def _plain(number: float) -> str:
    return f"{number:g}"


def share_url() -> str:
    """The full address of this view, for copying."""
    base = (st.context.url or "").split("?")[0]
    query = urllib.parse.urlencode(
        [(k, v) for k in st.query_params for v in st.query_params.get_all(k)], quote_via=urllib.parse.quote
    )
    return f"{base}?{query}" if query else base
