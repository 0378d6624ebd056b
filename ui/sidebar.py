"""The sidebar every page shares: the upload, band thresholds, filters, adjustments and the link.

Widget limits come from the settings' field table, so the sidebar accepts exactly what a link or
the command accepts.
"""

from __future__ import annotations

import streamlit as st

from core.analysis.adjustments import RULE_WORDS
from core.analysis.filters import NOT_SET
from core.model import ALLOCATION_RULES, DEFAULT_SHARED_NAME
from core.reading.ledger import Ledger
from core.reading.safety import MAX_UPLOAD_MB
from core.reading.workbook import ACCEPTED_SUFFIXES
from ui import auth, fields, links, review_panel, reviews, session, state
from ui.loading import Loaded, current, load, remember_upload

UPLOAD_LIMIT_MB = MAX_UPLOAD_MB
_SHARE_SLOT = "_share_slot"


def upload_box(key: str = "ledger_upload", label: str = "Upload a ledger workbook") -> None:
    """The ledger upload: the sidebar's, the overview's (a phone folds the sidebar away) and the one a
    shared link shows at the top of a page."""
    st.file_uploader(
        label,
        type=[s.lstrip(".") for s in ACCEPTED_SUFFIXES],
        key=key,
        help="Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or CSV. One row per entry with "
        "date, alliance, kind (revenue or cost) and amount; or revenue and cost columns. "
        "Several files at once (one per partner, region or quarter) are combined into one ledger, "
        "each entry keeping its file. The files stay in this browser session's memory only.",
        accept_multiple_files=True,
        max_upload_size=UPLOAD_LIMIT_MB,
        on_change=remember_upload,
        args=(key,),
    )


def draw() -> Loaded:
    """Load the ledger in view, apply a waiting link to it, then draw the sidebar; returns the ledger.

    Widgets are drawn last because a link's settings can only be written before their widgets exist.
    """
    links.read_link()
    reviews.gate()
    state.set_defaults()
    state.keep()
    previous = state_ledger()
    loaded = load()
    if loaded.ledger is not None and previous is not loaded.ledger:
        state.reset_for(state.facts(loaded.ledger))
        st.session_state["_state_ledger"] = loaded.ledger
    links.apply_to(loaded)
    with st.sidebar:
        upload_box()
        with st.expander("Band thresholds"):
            fields.number("strong")
            fields.number("moderate")
        if loaded.ledger is not None:
            filter_controls(loaded.ledger)
            adjustment_controls(loaded.ledger)
    st.session_state[_SHARE_SLOT] = st.sidebar.empty()
    return loaded


def state_ledger() -> Ledger | None:
    """The ledger whose defaults the widgets hold."""
    return st.session_state.get("_state_ledger")


def share_popover() -> None:
    """'Share this view', filled after the page ran, so the link holds the settings it used."""
    slot = st.session_state.pop(_SHARE_SLOT, None)
    loaded = current()
    # A file that could not be read has no view to share; the address bar still holds the last one.
    if slot is None or links.pending() is not None or loaded is None or loaded.ledger is None:
        return
    report = session.shown()
    with slot.container():
        with st.popover("Share this view", icon=":material/link:", width="stretch"):
            if reviews.opened() is not None:
                st.caption(
                    "This link opens the saved review's ledger with this page's settings, without the "
                    "file. Anyone who has it can open it."
                )
            else:
                st.caption(
                    "This link reopens the same page and settings. It holds no data: a view of an uploaded "
                    "file asks for that file again (its name and fingerprint are in the link). To share "
                    "the figures themselves, save this review."
                )
            st.code(links.share_url(), language=None, wrap_lines=True)
            too_long = links.cut()
            if too_long:
                st.warning(too_long, icon=":material/link_off:")
        if report is not None:
            with st.popover(
                "Save this review",
                icon=":material/bookmark_add:",
                width="stretch",
                key=review_panel.save_popover_key(),
            ):
                review_panel.save_form(loaded, report)
        auth.account_box()


def adjustment_controls(ledger: Ledger) -> None:
    """Reporting currency, shared costs, credit for influenced revenue, discount and hurdle rates, and
    the change of ROI below which it is flat."""
    found = state.facts(ledger)
    with st.expander("Currency, shared costs, time value"):
        if found.currencies:
            st.selectbox(options=list(found.currencies), **fields.widget("cur"))
        st.text_input(max_chars=80, **fields.widget("shared"))
        shared_name = (st.session_state.get(fields.key("shared")) or DEFAULT_SHARED_NAME).casefold()
        if shared_name in found.folded_names:
            st.radio(options=list(ALLOCATION_RULES), format_func=RULE_WORDS.get, **fields.widget("alloc"))
        if found.has_influenced:
            st.slider(**fields.widget("credit"), **fields.limits("credit"))
        fields.number("disc")
        fields.number("hurdle")
        fields.number("flat")


def dates_words(chosen: object) -> str:
    """The dates in view written out whole, under the range box, which the sidebar's width cuts
    ('2024-11-01 – 2026-06-2', #32.14): 'From 2024-11-01 to 2026-06-28'."""
    days = [d for d in (chosen if isinstance(chosen, (list, tuple)) else [chosen]) if d is not None]
    if len(days) == 2:
        return f"From {days[0]:%Y-%m-%d} to {days[1]:%Y-%m-%d}"
    if len(days) == 1:
        return f"From {days[0]:%Y-%m-%d}: pick the last day too"
    return "Every day of the data"


def filter_controls(ledger: Ledger) -> None:
    """Type, owner, segment and date range: what every page shows, quartiles included."""
    found = state.facts(ledger)
    active = sum(bool(st.session_state.get(fields.key(param))) for param in state.FILTERS)
    with st.expander(f"Filters ({active} active)" if active else "Filters"):
        for param, name in state.FILTERS.items():
            if found.options[name] != [NOT_SET]:
                st.multiselect(options=found.options[name], placeholder="All", **fields.widget(param))
        if found.span:
            st.date_input(
                "Dates",
                key=state.F_DATES,
                min_value=found.span[0],
                max_value=found.span[1],
                format="YYYY-MM-DD",
            )
            st.caption(dates_words(st.session_state.get(state.F_DATES)))
