"""Saved reviews in the app: the store, opening a review from its link, saving, revoking, deleting.

A review is opened by the token in its link (`?review=…`), or by a signed-in member from the
history (`?rid=…`, which opens nothing for anyone else). A wrong, revoked or deleted token shows one
"no such review" page that says nothing about what exists. With sign-in configured, every saved
review is for signed-in members only, its link included.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.reading.mapping import ColumnMapping
from core.reviews.database import URL_VARIABLE, ReviewsUnavailable, database_url
from core.reviews.history import ReviewFigures
from core.reviews.readback import UNREADABLE
from core.reviews.readback import UnreadableReview as UnreadableReview  # pages catch it from here
from core.reviews.store import MAX_HISTORY, NewReview, ReviewStore, SavedReview
from ui import auth
from ui.text import plain

_OPENED = "_opened_review"
_MISSING = "_review_missing"
_JUST_SAVED = "_review_just_saved"
_BYTES = "_review_bytes"
_SAID = "_review_said"
_FAILED = "_review_failed"
_LAST = "_review_last"
# ui.links' mark that this session's link was read (it reads the link once per session).
_LINK_READ = "_link_read"
TITLE_CHARS = 120
PORTFOLIO_CHARS = 120


@dataclass(frozen=True)
class Opened:
    """The saved review in view, with the token of its link (None when a member opened it by number)."""

    review: SavedReview
    token: str | None


# The database of saved reviews cannot be used now; the message says which and why. Every call of
# the store raises it (never a driver's error), so a page catches this one exception.
StoreUnavailable = ReviewsUnavailable


def configured_url() -> str | None:
    """The database URL from Streamlit's secrets (`database_url`) or the environment, if any."""
    try:
        value = st.secrets.get("database_url")
    except Exception:  # no secrets file: the embedded SQLite default
        value = None
    return str(value) if value else os.environ.get(URL_VARIABLE)


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> ReviewStore:
    """One store (engine and connection pool) per server process; migrations run on first use."""
    return ReviewStore.at(url)


def store() -> ReviewStore:
    """The store of saved reviews, or StoreUnavailable with a message a user can act on. A store
    that could not be opened is not cached: the next call tries again (the database may be back)."""
    return _store_at(database_url(configured_url()))


def allowed() -> bool:
    """Whether this visitor may save and open saved reviews: anyone without sign-in, else members."""
    return not auth.sign_in_configured() or auth.member() is not None


def opened() -> Opened | None:
    """The saved review in view, if any."""
    return st.session_state.get(_OPENED)


def close() -> None:
    """Leave the saved review: the view goes back to the upload or the sample. The review is still
    offered as the one a new save follows (next quarter's file, uploaded from its link)."""
    st.session_state.pop(_OPENED, None)
    st.session_state.pop(_BYTES, None)


def previous() -> Opened | None:
    """The review a save in this session follows: the one in view, else the last one opened."""
    return opened() or st.session_state.get(_LAST)


def forget() -> None:
    """Leave the review and do not offer it for follow-ups (it was revoked or deleted)."""
    close()
    st.session_state.pop(_LAST, None)


def _open(review: SavedReview, token: str | None) -> Opened:
    found = Opened(review, token)
    st.session_state[_OPENED] = st.session_state[_LAST] = found
    st.session_state.pop(_MISSING, None)
    return found


def open_by_member(review: SavedReview) -> None:
    """A signed-in member opens a review from the history (its link's token is not known)."""
    _open(review, None)


def open_link(params: dict[str, list[str]]) -> Opened | None:
    """Open the review a link names, on a session's first run; remember a miss for `gate()`."""
    token = (params.get("review") or [""])[-1][:200]
    number = (params.get("rid") or [""])[-1][:12]
    if not (token or number):
        return None
    if not allowed():
        st.session_state[_MISSING] = "sign-in"
        return None
    try:
        if token:
            review = store().open(token)
        else:
            review = store().by_id(int(number)) if number.isdigit() and auth.member() else None
    except StoreUnavailable as exc:
        st.session_state[_MISSING] = str(exc)
        return None
    if review is None:
        st.session_state[_MISSING] = "missing"
        return None
    if review.damaged:
        st.session_state[_MISSING] = unreadable(review)
        return None
    return _open(review, token or None)


def unreadable(review: SavedReview) -> str:
    """Why a damaged review is not shown, in words (its title, date and what is wrong)."""
    return f"{UNREADABLE} ('{review.title}', {review.review_date:%Y-%m-%d}): {review.damaged}."


def readable(chain: list[SavedReview]) -> tuple[list[SavedReview], list[SavedReview]]:
    """The reviews of a chain that can be shown, and those that cannot (damaged in the database)."""
    return [r for r in chain if not r.damaged], [r for r in chain if r.damaged]


def gate() -> None:
    """Stop the page when a review link could not be opened, saying only what the visitor may know."""
    why = st.session_state.get(_MISSING)
    if why is None:
        return
    st.title("Alliance ROI")
    if why == "sign-in":
        auth.sign_in_prompt(
            "Saved reviews are for signed-in members only. Sign in, then open the link again."
        )
    elif why == "missing":
        st.error(
            "**No such review.** This link does not open a saved review: it may be mistyped, or the "
            "review was revoked or deleted. Ask whoever sent it for a new link.",
            icon=":material/lock:",
        )
    elif why.startswith(UNREADABLE):
        st.error(plain(why) + " Ask whoever saved it to save it again.", icon=":material/error:")
    else:
        st.error(plain(why), icon=":material/error:")
        if st.button("Try again", key="missing_review_retry", icon=":material/refresh:"):
            # The link is still in the address bar: the next run reads it again.
            st.session_state.pop(_MISSING, None)
            st.session_state.pop(_LINK_READ, None)
            st.rerun()
    if st.button("Look at the sample ledger instead", key="missing_review_sample"):
        st.session_state.pop(_MISSING, None)
        st.query_params.clear()
        st.rerun()
    st.stop()


def ledger_bytes(found: Opened) -> bytes:
    """The review's ledger, read from the database once per session."""
    kept = st.session_state.get(_BYTES)
    if kept is None or kept[0] != found.review.ledger_sha256:
        kept = (found.review.ledger_sha256, store().ledger_bytes(found.review))
        st.session_state[_BYTES] = kept
    return kept[1]


def mapping_of(found: Opened) -> ColumnMapping | None:
    """The column mapping the review was saved with, if its ledger needed one."""
    raw = found.review.mapping
    if not raw:
        return None
    return ColumnMapping.from_record(raw)


def save(
    new: NewReview, actions: pd.DataFrame | None = None, outcomes: dict[int, str] | None = None
) -> Opened:
    """Save a review (with the accepted actions and the marks of the previous review's) and make it
    the one in view; its link is shown once, on the next run."""
    review, token = store().save(new, actions=actions, outcomes=outcomes or None)
    st.session_state[_JUST_SAVED] = token
    st.session_state[_BYTES] = (review.ledger_sha256, new.ledger)
    return _open(review, token)


def just_saved() -> str | None:
    """The token of the review saved by the last run, said once."""
    return st.session_state.pop(_JUST_SAVED, None)


def say(text: str) -> None:
    """A message for the next run (after a revoke or delete moved the view)."""
    st.session_state[_SAID] = text


def said() -> str | None:
    """The message left by the last run, once."""
    return st.session_state.pop(_SAID, None)


def say_failure(text: str) -> None:
    """Why the last run could not do what was asked (a save), for the top of the next run's page:
    the save form's popover may be closed by then."""
    st.session_state[_FAILED] = text


def failure() -> str | None:
    """The failure left by the last run, once."""
    return st.session_state.pop(_FAILED, None)


def history_of(found: Opened) -> list[SavedReview]:
    """The reviews this visitor may see beside the one in view, oldest first: its own chain through
    its link; every review of its portfolio for a signed-in member."""
    if auth.sign_in_configured() and auth.member():
        return [r for r, revoked in store().of_portfolio(found.review.portfolio) if not revoked][
            -MAX_HISTORY:
        ]
    return store().earlier(found.review)


def with_actions(chain: list[SavedReview]) -> list[ReviewFigures]:
    """The reviews as columns of the history, each with its action plan and follow-ups."""
    return store().histories(chain)


def default_title(day: dt.date) -> str:
    """A review's title unless the user gives one: the quarter it reviews."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1} review"


def saved_by() -> str | None:
    """Who is saving: the signed-in member's email, None without sign-in."""
    return auth.member() if auth.sign_in_configured() else None


def saved_on(review: SavedReview) -> str:
    """When and by whom a review was saved, in words."""
    when = pd.Timestamp(review.saved_at)
    when = when.tz_localize("UTC") if when.tzinfo is None else when.tz_convert("UTC")
    by = f" by {review.saved_by}" if review.saved_by else ""
    return f"saved {when:%Y-%m-%d %H:%M} UTC{by} with version {review.product_version}"
