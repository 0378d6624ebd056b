"""The app's pages and its one multipage mechanism: `st.navigation`, through public API only.

A `pages/` folder beside the entry script makes Streamlit serve a fresh server's very first request
for a page URL (say `/trends`) the legacy way, by running `pages/trends.py` alone, without the
entry script. Every page therefore starts with `page_start()`: when the entry script did not run
this time, it registers the app's navigation (which turns the legacy mode off for every session, as
Streamlit documents) and reruns, so the same URL is served through `app.py` with its sidebar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st

PAGES = (
    ("pages/before_after.py", "Before / after", ":material/compare_arrows:"),
    ("pages/quartiles.py", "Quartiles and benchmarks", ":material/leaderboard:"),
    ("pages/trends.py", "Quarterly trends", ":material/timeline:"),
    ("pages/scorecard.py", "Scorecard", ":material/flag:"),
    ("pages/decisions.py", "Decisions", ":material/gavel:"),
    ("pages/history.py", "Review history", ":material/history:"),
    ("pages/saved_reviews.py", "Saved reviews", ":material/bookmarks:"),
)

# Script runs of different sessions use different threads: the flag is per thread.
_entry = threading.local()


def pages(overview: Callable[[], None] | None = None) -> list[st.Page]:
    """The app's pages, the overview (the entry script's own page) first and default."""
    home = overview or _home
    first = st.Page(home, title="Overview", icon=":material/monitoring:", url_path="overview", default=True)
    return [first, *(st.Page(path, title=title, icon=icon) for path, title, icon in PAGES)]


def _home() -> None:
    """Stands in for the overview when a page registers the navigation only to rerun through app.py."""


def run_app(
    overview: Callable[[], None], before_page: Callable[[], object], after_page: Callable[[], None]
) -> None:
    """Register the pages, draw what every page shares, run the chosen page, then finish the run."""
    navigation = st.navigation(pages(overview))
    before_page()
    _entry.active = True
    try:
        navigation.run()
    finally:
        _entry.active = False
    after_page()


def page_start() -> None:
    """First line of every page: make sure the page runs inside the app's navigation."""
    if getattr(_entry, "active", False):
        return
    st.navigation(pages(), position="hidden")
    st.rerun()
