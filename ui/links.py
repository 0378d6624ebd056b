"""A view's settings in the URL, so that a copied link reopens the same view.

Only plain values travel, read and written through the settings' field table (`core.settings`):
percentages, dates, window choice, names picked from the ledger. Never data, never anything that is
executed or unpickled. A link made on an uploaded file carries the file's name and a short content
fingerprint, and asks for that file when opened; when the file was read with a column mapping, the
link carries the mapping too, so the same file is read the same way.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass, replace

import streamlit as st

from core.reading.mapping import ColumnMapping
from core.settings import (
    BY_PARAM,
    KIND_PARAM,
    SHEET,
    SOURCE_PARAMS,
    Notice,
    Settings,
    kind_values_param,
    mapping_values,
    parse_kind_values,
    parse_mapping,
    parse_values,
    to_values,
)
from ui import reviews, state
from ui.loading import KIND_VALUES_KEY, MAPPING_KEY, Loaded
from ui.text import plain

SAMPLE = "sample"
# The source of a link that opened a saved review (its ledger comes from the database).
REVIEW = "\0review"
_PENDING = "_link_pending"
_READ = "_link_read"
_NOTICES = "_link_notices"
_CUT = "_link_cut"
# The longest query a link of this app carries, in characters once encoded. Servers and proxies
# refuse longer request lines (Streamlit's server answers a bare HTTP 400 from some 128 KB; many proxies
# stop at 8 KB), and such a link cannot be opened at all, so a view whose settings need more shares
# a link without the longest ones and says which (a saved review keeps every setting).
MAX_LINK_CHARS = 8_000


@dataclass(frozen=True)
class PendingLink:
    """A link's settings, waiting for the ledger it was made on."""

    settings: Settings
    given: frozenset[str]
    source: str
    fingerprint: str
    # The column mapping the file was read with, which the link carries (None: read as found).
    mapping: ColumnMapping | None = None

    @property
    def wants_sample(self) -> bool:
        """True when the link was made on the embedded sample."""
        return self.source == SAMPLE


def read_link() -> None:
    """On a session's first run, read the URL's settings and keep them until their ledger is loaded."""
    if _READ in st.session_state:
        return
    st.session_state[_READ] = True
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    source = (params.get("src") or [SAMPLE])[-1][:200] or SAMPLE
    fp = (params.get("fp") or [""])[-1][:16]
    settings_params = {k: v for k, v in params.items() if k not in SOURCE_PARAMS}
    review = reviews.open_link(params)
    if review is not None:
        # The review's own link reopens its saved settings; an edited view's link carries its own.
        settings_params = settings_params if "edited" in params else review.review.settings
        source, fp = REVIEW, review.review.ledger_sha256[:8]
    elif "review" in params or "rid" in params:
        return
    if not settings_params and source == SAMPLE:
        return
    decoded = parse_values(settings_params)
    mapping, refused = parse_mapping(params) if source not in (SAMPLE, REVIEW) else (None, ())
    told, untold = parse_kind_values(params) if source not in (SAMPLE, REVIEW) else (None, ())
    notices = (*decoded.notices, *refused, *untold)
    st.session_state[_NOTICES] = [_said(n) for n in notices] + _unknown(params) + _too_long(params)
    if mapping is not None:
        # Kept as the mapping step keeps one: the file uploaded from this link is read with it.
        st.session_state[MAPPING_KEY] = mapping.record()
    if told is not None:
        # Kept as the kind values table keeps them: the file uploaded from this link is read with them.
        st.session_state[KIND_VALUES_KEY] = told
    given = frozenset(
        k for k in settings_params if k in BY_PARAM and BY_PARAM[k].get(decoded.settings) is not None
    ) | ({"ba"} if settings_params.get("ba", [""])[-1] == SHEET else set())
    st.session_state[_PENDING] = PendingLink(decoded.settings, given, source, fp, mapping)


def _too_long(params: dict[str, list[str]]) -> list[str]:
    """A link longer than this app makes: it was edited or built elsewhere, and may not open for
    others (a longer one still would not reach the app: the server refuses it)."""
    length = encoded_length(params)
    if length <= MAX_LINK_CHARS:
        return []
    return [
        f"this link is {length:,} characters long, more than the {MAX_LINK_CHARS:,} of a link this "
        "app makes; its settings were read as far as they are valid, and the link shown under Share "
        "this view is one that opens."
    ]


def _unknown(params: dict[str, list[str]]) -> list[str]:
    extra = [k for k in params if k not in BY_PARAM and k not in SOURCE_PARAMS]
    return [f"'{plain(k[:40])}' is not a setting of this app: left out." for k in extra[:10]]


def _said(notice: Notice) -> str:
    """A notice as the page shows it: the value asked for is the link's text, shown as text."""
    return f"'{notice.param}={plain(notice.asked)}' {notice.why}: using {notice.used}."


def reopen(settings: Settings, fingerprint: str) -> None:
    """Apply a saved review's settings again, as if its link had just been opened."""
    given = frozenset(to_values(settings))
    st.session_state[_PENDING] = PendingLink(settings, given, REVIEW, fingerprint)


def pending() -> PendingLink | None:
    """The link still waiting for its ledger, if any. A saved review's settings wait only while
    that review is in view: once it is left (its ledger unreadable, another file uploaded), nothing
    waits for "its file", which is the database's, not one to ask the user for."""
    link: PendingLink | None = st.session_state.get(_PENDING)
    if link is not None and link.source == REVIEW and reviews.opened() is None:
        st.session_state.pop(_PENDING, None)
        return None
    return link


def apply_to(loaded: Loaded) -> None:
    """Apply a pending link to the ledger just loaded, when it is the ledger the link was made on.

    Another file is shown as it is, with its own settings, and said not to be the link's. The link's
    file that still needs its columns mapped keeps the link waiting until they are.
    """
    link = pending()
    if link is None or link.wants_sample != loaded.is_sample:
        return
    if link.source != REVIEW and not loaded.is_sample and not _is_links_file(link, loaded):
        _say(
            f"'{plain(loaded.name)}' is not the file this link was made on ('{plain(link.source)}'"
            + (f", fingerprint {link.fingerprint}" if link.fingerprint else "")
            + f"; this file's is {loaded.fingerprint}): it is shown with its own settings, not the link's."
        )
        drop_pending()
        return
    if loaded.ledger is None:
        return
    found = state.facts(loaded.ledger)
    if link.source == REVIEW:
        if reviews.opened() is None or link.fingerprint != loaded.fingerprint:
            return
        # A saved review's settings replace every setting, not only those that differ from a default.
        state.reset_all(found)
    elif not loaded.is_sample and link.fingerprint and link.fingerprint != loaded.fingerprint:
        _say(
            f"'{plain(loaded.name)}' is not byte for byte the file this link was made on (fingerprint "
            f"{loaded.fingerprint}, the link's is {link.fingerprint}): its figures may differ."
        )
    for problem in state.apply(link.settings, set(link.given), found):
        _say(problem + ": left out.")
    del st.session_state[_PENDING]


def _is_links_file(link: PendingLink, loaded: Loaded) -> bool:
    """The link names this file: by its name (a new version of the file) or by its content."""
    return link.source == loaded.name or (bool(link.fingerprint) and link.fingerprint == loaded.fingerprint)


def drop_pending() -> None:
    """Forget a link's settings: the user chose to look at something else."""
    st.session_state.pop(_PENDING, None)
    st.query_params.clear()


def _say(text: str) -> None:
    st.session_state.setdefault(_NOTICES, []).append(text)


def notices() -> list[str]:
    """What was refused or left out of the link, said once."""
    return st.session_state.pop(_NOTICES, [])


def review_params(used: Settings, review: reviews.Opened) -> dict[str, list[str]]:
    """A saved review's link: its token alone while the view is the saved one; with the settings
    (marked edited) once they differ, so the link reopens that new view of the same ledger."""
    params: dict[str, list[str]] = (
        {"review": [review.token]} if review.token else {"rid": [str(review.review.id)]}
    )
    if is_saved_view(used, review):
        return params
    return {**params, "edited": ["1"], **to_values(used)}


def is_saved_view(used: Settings, review: reviews.Opened) -> bool:
    """True when the view shows the saved review's own settings (goals judged on the same day)."""
    dated = used if used.as_of is not None else replace(used, as_of=dt.date.today())
    # The review's kind values are the reading of its ledger, kept beside its settings.
    saved = {k: v for k, v in review.review.settings.items() if k != KIND_PARAM}
    return to_values(dated) == saved


def link_params(used: Settings, loaded: Loaded) -> dict[str, list[str]]:
    """The parameters of a link to this view: its source, then every setting that is not the default."""
    review = reviews.opened()
    if review is not None and not loaded.is_sample:
        return review_params(used, review)
    params: dict[str, list[str]] = {"src": [SAMPLE if loaded.is_sample else loaded.name]}
    if not loaded.is_sample:
        params["fp"] = [loaded.fingerprint]
        params.update(mapping_values(loaded.mapping) if loaded.mapping else {})
        params.update(kind_values_param(dict(loaded.kind_values)))
    params.update(to_values(used))
    return params


def encoded_length(params: dict[str, list[str]]) -> int:
    """How long the link's query is, as `share_url` writes it."""
    return len(urllib.parse.urlencode(params, doseq=True, quote_via=urllib.parse.quote))


def fitted(params: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """The link's parameters within MAX_LINK_CHARS, and the settings left out to get there: the
    longest first, never where the ledger comes from (its file, fingerprint, mapping or review)."""
    kept = dict(params)
    left_out: list[str] = []
    settings = sorted(
        (k for k in kept if k not in SOURCE_PARAMS),
        key=lambda k: encoded_length({k: kept[k]}),
        reverse=True,
    )
    for param in settings:
        if encoded_length(kept) <= MAX_LINK_CHARS:
            break
        del kept[param]
        left_out.append(param)
    return kept, left_out


def cut() -> str | None:
    """What the link of this view leaves out because it would be too long, in words; None if nothing."""
    left_out: list[str] = st.session_state.get(_CUT) or []
    if not left_out:
        return None
    names = ", ".join(f"{BY_PARAM[p].words} ({p})" if p in BY_PARAM else p for p in left_out)
    return (
        f"This view's settings make a link longer than {MAX_LINK_CHARS:,} characters, which servers "
        f"and browsers refuse: the link leaves out {names}. Save this review to keep the view as it is."
    )


def write(used: Settings, loaded: Loaded) -> None:
    """Put the view's settings in the address bar, unless a link still waits for its file; a link
    too long to open is cut to MAX_LINK_CHARS (`cut` says what it leaves out)."""
    if pending() is not None:
        return
    wanted, left_out = fitted(link_params(used, loaded))
    st.session_state[_CUT] = left_out
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def share_url() -> str:
    """The full address of this view, for copying: the address bar's, which `write` keeps current."""
    base = (st.context.url or "").split("?")[0]
    query = urllib.parse.urlencode(
        [(k, v) for k in st.query_params for v in st.query_params.get_all(k)], quote_via=urllib.parse.quote
    )
    return f"{base}?{query}" if query else base


__all__ = ["Notice", "PendingLink", "apply_to", "link_params", "notices", "pending", "read_link", "write"]
