"""This session's view: the loaded ledger and its report under the settings the widgets ask for.

The report is rebuilt only when the ledger or a setting that changes the sums changes; a change of
band thresholds, decision rules, alternative or scenario only re-bands and re-decides it. The link
in the address bar is written from the settings the report was built with, on every run of every
page.
"""

from __future__ import annotations

import streamlit as st

from core.report import Report, build_report, summed_settings, with_choices
from ui import links, state
from ui.loading import Loaded, current

_REPORT = "_report"
_NOTICES = "_settings_notices"


def report() -> tuple[Loaded, Report | None]:
    """The loaded ledger and its report under the current settings; None while a link waits for
    its file or when the ledger could not be read."""
    loaded = current()
    if loaded is None or loaded.ledger is None or links.pending() is not None:
        return loaded, None  # type: ignore[return-value]
    decoded = state.settings(state.facts(loaded.ledger))
    st.session_state[_NOTICES] = [str(n) for n in decoded.notices]
    chosen = decoded.settings
    signature = (loaded.key, summed_settings(chosen))
    cached = st.session_state.get(_REPORT)
    if cached is not None and cached[0] == signature:
        built = cached[1]
        if built.settings != chosen:
            built = with_choices(built, chosen)
            st.session_state[_REPORT] = (signature, built)
    else:
        built = build_report(loaded.ledger, chosen)
        st.session_state[_REPORT] = (signature, built)
    links.write(built.settings, loaded)
    return loaded, built


def settings_notices() -> list[str]:
    """Settings the widgets asked for that were refused this run (e.g. Moderate above Strong)."""
    return st.session_state.get(_NOTICES, [])


def shown() -> Report | None:
    """The report this run showed for the ledger in view, if any (for saving it after the page ran)."""
    loaded, cached = current(), st.session_state.get(_REPORT)
    if loaded is None or cached is None or cached[0][0] != loaded.key or links.pending() is not None:
        return None
    return cached[1]
