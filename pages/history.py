"""Review history: saved reviews of one portfolio side by side, and what changed since the last one.

Without sign-in, a visitor sees only the history a review's link carries: that review and the ones
it follows. With sign-in, signed-in members see every portfolio; nobody else sees anything.
"""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.analysis.materiality import FLAT_POINTS
from core.output.charts import roi_across_reviews
from core.output.csv import table_csv
from core.output.history_sheet import history_display
from core.reviews.history import DROPPED, history, latest_changes, side_by_side
from core.reviews.store import SavedReview
from ui import auth, fields, navigation, reviews, views
from ui.text import plain

navigation.page_start()
st.title("Review history")


def _said(value: object) -> str:
    """A count or words of the history table as text, "—" where there is nothing to say."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)


def show(reviewed: list[SavedReview]) -> None:
    """The reviews side by side, what changed since the previous one, a chart and a download; a
    review damaged in the database is named as unreadable and the others are shown without it."""
    chain, damaged = reviews.readable(reviewed)
    for review in damaged:
        st.warning(plain(reviews.unreadable(review)) + " It is left out here.", icon=":material/error:")
    if not chain:
        return
    # A change under the view's 'Flat below' setting reads as the same (the sidebar's, kept by the
    # entry script on every page; its default without a ledger loaded).
    flat = float(st.session_state.get(fields.key("flat"), FLAT_POINTS))
    table = history(reviews.with_actions(chain), flat)
    latest = chain[-1]
    st.caption(
        f"{len(chain)} saved review{'s' if len(chain) > 1 else ''} of portfolio "
        f"'{plain(latest.portfolio)}', from "
        f"{chain[0].review_date:%Y-%m-%d} to {latest.review_date:%Y-%m-%d}."
    )
    if len(chain) > 1:
        st.subheader(f"Since the previous review: {plain(latest.title)}")
    else:
        st.subheader(f"The first review of this portfolio: {plain(latest.title)}")
        st.caption("Nothing to compare with yet: the next review saved after it is compared with it.")
    st.dataframe(_since_previous(table), hide_index=True, width="stretch")
    _side_by_side(table)
    if len(chain) > 1:
        views.chart(roi_across_reviews(table), key="history_chart")
    st.download_button(
        "History (.csv)",
        lambda: table_csv(history_display(table)),
        file_name=f"{latest.portfolio[:60]}-history.csv",
        mime="text/csv",
        icon=":material/table:",
        on_click="ignore",
    )
    st.caption(
        "The summary workbook of the latest review (Overview, Downloads) has this history as its "
        "History sheet."
    )


def _since_previous(table: pd.DataFrame) -> pd.DataFrame:
    """Per alliance of the latest review, what changed since the one before, as the page words it."""
    changes = latest_changes(table)
    return pd.DataFrame(
        {
            "Alliance": changes["alliance"],
            "Change": changes["change"],
            "ROI": [
                fmt.percent(r) if c != DROPPED else "—"
                for r, c in zip(changes["roi"], changes["change"], strict=True)
            ],
            "ROI change": [fmt.points(p / 100) if pd.notna(p) else "—" for p in changes["roi_points"]],
            # Beside ROI, in view without scrolling: what became of the previous review's actions
            # ("1 done, 1 overdue") and how many this one planned; — where the review was saved
            # before actions were kept.
            "Actions followed up": [_said(v) for v in changes["actions_followed"]],
            "Actions planned": [_said(v) for v in changes["actions_planned"]],
            "Band change": changes["band_change"],
            "Quartile change": changes["quartile_change"],
            "Goal status change": changes["goal_change"],
            "Flags raised": changes["flags_raised"],
            "Flags cleared": changes["flags_cleared"],
        }
    )


def _side_by_side(table: pd.DataFrame) -> None:
    """ROI in each review, then band, quartile, goal status and red flags, an alliance a row."""
    st.subheader("Side by side")
    roi = side_by_side(table, "roi")
    as_text = roi.apply(lambda column: [fmt.percent(v) if pd.notna(v) else "—" for v in column])
    st.dataframe(as_text.rename_axis("Alliance"), width="stretch")
    st.caption(
        "ROI in each review, oldest first; — where the alliance was not in that review, n/a where it "
        "had no cost."
    )
    with st.expander("Band, quartile, goal status and red flags in each review"):
        for value, label in (
            ("band", "Band"),
            ("quartile", "Quartile"),
            ("goal_status", "Goal status"),
            ("flags", "Red flags"),
        ):
            st.markdown(f"**{label}**")
            st.dataframe(side_by_side(table, value).fillna("—").rename_axis("Alliance"), width="stretch")


def for_link_holders() -> None:
    """Without sign-in: the history the opened review's link carries, or how to start one."""
    found = reviews.opened()
    if found is None:
        st.info(
            "History compares the saved reviews of a portfolio, quarter after quarter. Save this view "
            "with **Save this review** in the sidebar. Next quarter, open that review's link, upload the "
            "new ledger and save again: the new review follows the old one, and both appear here side "
            "by side. Reviews are found only through their links: this page lists nothing else.",
            icon=":material/folder_open:",
        )
        return
    show(reviews.history_of(found))


def for_members() -> None:
    """With sign-in: every portfolio's reviews, with open, new link and delete."""
    portfolios = reviews.store().portfolios()
    if not portfolios:
        st.info(
            "No review has been saved yet: use **Save this review** in the sidebar.",
            icon=":material/folder_open:",
        )
        return
    names = [p for p, _, _ in portfolios]
    counts = {p: n for p, n, _ in portfolios}
    found = reviews.opened()
    start = names.index(found.review.portfolio) if found and found.review.portfolio in names else 0
    chosen = st.selectbox(
        "Portfolio",
        names,
        index=start,
        format_func=lambda p: f"{p} ({counts[p]} review{'s' if counts[p] > 1 else ''})",
    )
    listed = reviews.store().of_portfolio(chosen)
    show([r for r, _ in listed])
    st.subheader("Saved reviews")
    for review, revoked in reversed(listed):
        review_row(review, revoked)


def review_row(review: SavedReview, revoked: bool) -> None:
    """One saved review with what a member can do with it."""
    left, middle, right = st.columns([5, 1, 1])
    state = " · link revoked" if revoked else ""
    left.markdown(
        f"**{plain(review.title)}** · {review.review_date:%Y-%m-%d} · "
        f"{plain(reviews.saved_on(review))}{state}"
    )
    if middle.button("Open", key=f"open_{review.id}", disabled=review.damaged is not None):
        reviews.open_by_member(review)
        st.switch_page(navigation.pages()[0])
    with right.popover("More"):
        if st.button("New link", key=f"link_{review.id}", help="The old link stops working."):
            token = reviews.store().new_token(review.id)
            base = (st.context.url or "").split("?")[0].rsplit("/", 1)[0]
            st.code(f"{base}/?review={token}", language=None, wrap_lines=True)
            st.caption("The review's new link, shown only now: copy it.")
        if st.button("Delete", key=f"delete_{review.id}", type="primary"):
            reviews.store().delete(review.id)
            in_view = reviews.opened()
            if in_view is not None and in_view.review.id == review.id:
                reviews.forget()
            st.rerun()


try:
    if auth.sign_in_configured():
        if auth.member() is None:
            auth.sign_in_prompt(
                "The history of saved reviews is for signed-in members.", key="history_sign_in"
            )
        else:
            for_members()
    else:
        for_link_holders()
except reviews.StoreUnavailable as exc:
    st.error(plain(exc), icon=":material/error:")
