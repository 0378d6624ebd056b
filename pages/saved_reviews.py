"""Saved reviews: find a review again by its title, portfolio or date, so a lost link is not a lost review.

With sign-in, signed-in members list every review in the store. Without sign-in the store lists no
review to anyone: this page lists the reviews saved from this browser, whose links it kept.
"""

import streamlit as st

from core.reviews.catalogue import ListedReview, from_store, matching
from ui import auth, browser_reviews, navigation, reviews
from ui.text import plain

navigation.page_start()
st.title("Saved reviews")

_FORGET = "_forget_review"


def search(listed: list[ListedReview]) -> list[ListedReview]:
    """The search controls (words in the title or portfolio, review dates) and what they find."""
    if not listed:
        return []
    days = [r.review_date for r in listed]
    words, dates = st.columns([2, 1])
    text = words.text_input("Title or portfolio", placeholder="e.g. Q3 or Cloud partners", max_chars=200)
    span = dates.date_input(
        "Review dates", value=(min(days), max(days)), format="YYYY-MM-DD", key="saved_reviews_dates"
    )
    start, end = (span[0], span[-1]) if isinstance(span, tuple) and span else (None, None)
    found = matching(listed, text, start, end)
    st.caption(f"{len(found)} of {len(listed)} saved review{'s' if len(listed) != 1 else ''}, latest first.")
    return found


def said_when(review: ListedReview) -> str:
    saved = f" · saved {review.saved_at:%Y-%m-%d %H:%M} UTC" if review.saved_at else ""
    return f"{review.review_date:%Y-%m-%d}{saved}" + (" · link revoked" if review.revoked else "")


def for_members() -> None:
    """Every review in the store, each opened in place."""
    store = reviews.store()
    listed = from_store(
        row for portfolio, _, _ in store.portfolios() for row in store.of_portfolio(portfolio)
    )
    if not listed:
        st.info("No review has been saved yet: use **Save this review** in the sidebar.")
        return
    for review in search(listed):
        left, right = st.columns([6, 1])
        left.text(f"{review.title} — {review.portfolio}")
        left.caption(plain(said_when(review)))
        if right.button("Open", key=f"saved_open_{review.review_id}") and review.review_id is not None:
            found = store.by_id(review.review_id)
            if found is not None:
                reviews.open_by_member(found)
                st.switch_page(navigation.pages()[0])


def for_this_browser() -> None:
    """The reviews saved from this browser, each opened by its link (in a new tab)."""
    forget = st.session_state.pop(_FORGET, None)
    listed = browser_reviews.kept(forget)
    st.caption(
        "Without sign-in a review is reached only by its link. This browser keeps the links of the "
        "reviews saved from it, in its own storage: another browser, or one whose site data was "
        "cleared, lists none of them. A review's link opens it anywhere."
    )
    if not listed:
        st.info(
            "No review saved from this browser yet. Saving a view with **Save this review** in the "
            "sidebar lists it here.",
            icon=":material/folder_open:",
        )
        return
    for review in search(listed):
        left, middle, right = st.columns([5, 1, 1])
        left.text(f"{review.title} — {review.portfolio}")
        left.caption(plain(said_when(review)))
        middle.link_button("Open", f"./?review={review.token}", help="Opens the review in a new tab.")
        if right.button("Forget", key=f"saved_forget_{review.token}", help="Only from this list."):
            st.session_state[_FORGET] = review.token
            st.rerun()


try:
    if auth.sign_in_configured():
        if auth.member() is None:
            auth.sign_in_prompt("Saved reviews are for signed-in members.", key="saved_reviews_sign_in")
        else:
            for_members()
    else:
        for_this_browser()
except reviews.StoreUnavailable as exc:
    st.error(plain(exc), icon=":material/error:")
