"""The reviews this browser saved: their links kept in the browser's own storage (localStorage).

Without sign-in the server lists no review to anyone (a review is reachable only by its link), so a
lost link would be a lost review. The browser that saved a review keeps its link instead, and the
Saved reviews page lists what it kept. Nothing leaves the browser but to this app's own page, and
what comes back is checked (core.reviews.catalogue.from_browser) before it is shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import streamlit as st

from core.reviews.catalogue import KEPT_AT_MOST, ListedReview, from_browser, kept_entry

STORAGE_KEY = "alliance-roi.saved-reviews"
# One script for both uses: it adds the entry it is given (after a save), drops the token it is told
# to forget, keeps the latest entries, and hands the list back when asked to (the page's list).
_JS = """
export default function ({ data, setStateValue }) {
  const key = "STORAGE_KEY";
  let kept = [];
  try { kept = JSON.parse(window.localStorage.getItem(key) || "[]"); } catch (e) { kept = []; }
  if (!Array.isArray(kept)) kept = [];
  const given = data || {};
  if (given.add) { kept = kept.filter((r) => r && r.token !== given.add.token); kept.push(given.add); }
  if (given.forget) { kept = kept.filter((r) => r && r.token !== given.forget); }
  kept = kept.slice(-KEPT_AT_MOST);
  try { window.localStorage.setItem(key, JSON.stringify(kept)); } catch (e) { /* storage refused */ }
  if (given.list) setStateValue("kept", kept);
}
""".replace("STORAGE_KEY", STORAGE_KEY).replace("KEPT_AT_MOST", str(KEPT_AT_MOST))


@st.cache_resource
def _component() -> Any:
    return st.components.v2.component("alliance_roi_kept_reviews", js=_JS)


def keep(token: str, title: str, portfolio: str, review_date: dt.date, saved_at: dt.datetime) -> None:
    """Keep a review just saved in this browser's list (drawn once, on the run that shows its link)."""
    entry = kept_entry(token, title, portfolio, review_date, saved_at)
    # A component's key may not hold '__' (tokens can): the key is named by the token's hash.
    name = hashlib.sha256(token.encode()).hexdigest()[:16]
    _component()(data={"add": entry}, key=f"keep_review_{name}", height=0)


def kept(forget: str | None = None) -> list[ListedReview]:
    """The reviews this browser kept, after forgetting `forget` (a token) if given; [] until the
    browser has answered (the page reruns when it does)."""
    result = _component()(
        data={"list": True, "forget": forget},
        key="kept_reviews",
        default={"kept": []},
        on_kept_change=lambda: None,
        height=0,
    )
    return from_browser(getattr(result, "kept", []))
