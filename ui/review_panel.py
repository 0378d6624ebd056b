"""What a saved review adds to a page: the save form, the review's banner, revoking and deleting."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath
from typing import Any

import pandas as pd
import streamlit as st

from core.report import Report
from core.reviews.database import database_url, describe
from core.reviews.history import history
from core.reviews.snapshot import differences, figures_of
from core.reviews.store import NewReview, SavedReview
from core.settings import kind_values_param, parse_values, to_values
from ui import auth, browser_reviews, links, plan, reviews, state
from ui.loading import Loaded, current_bytes
from ui.text import plain

_FIGURES = "_review_figures"  # (the report, figures_of it)


def saved_settings(report: Report) -> dict[str, list[str]]:
    """The settings a review keeps: the view's, with the day goals were judged on made explicit,
    so that the review reads the same on any later day."""
    return to_values(replace(report.settings, as_of=report.as_of))


def _default_portfolio(loaded: Loaded) -> str:
    found = reviews.previous()
    if found is not None:
        return found.review.portfolio
    return "Sample portfolio" if loaded.is_sample else PurePath(loaded.name).stem[: reviews.PORTFOLIO_CHARS]


_SAVES = "_saves_in_session"  # names the save popover anew after each save, so it is drawn closed
_SAVE_DAY, _SAVE_TITLE, _TITLE_GIVEN = "save_day", "save_title", "_save_title_default"


def save_popover_key() -> str:
    """The save popover's key: a new one after each save, so the popover is drawn anew, closed.
    (Closing a stateful popover from the server let the browser reopen it on the next page.)"""
    return f"save_popover_{st.session_state.get(_SAVES, 0)}"


def save_form(loaded: Loaded, report: Report) -> None:
    """'Save this review': title, portfolio and review date; nothing is stored before Save is pressed."""
    if not reviews.allowed():
        auth.sign_in_prompt("Saving reviews is for signed-in members.", key="save_sign_in")
        return
    where = describe(database_url(reviews.configured_url()))
    st.caption(
        f"Keeps this ledger's file, these settings and the figures shown, in the {plain(where)}, so "
        "that colleagues can open the review from its link without the file. Nothing is stored until "
        "you press Save."
    )
    found = reviews.previous()
    day = _review_day(report)
    copy_of = _saved_as(report, day)
    with st.form("save_review", border=False):
        title = st.text_input("Title", key=_SAVE_TITLE, max_chars=reviews.TITLE_CHARS)
        portfolio = st.text_input(
            "Portfolio",
            value=_default_portfolio(loaded),
            max_chars=reviews.PORTFOLIO_CHARS,
            help="Reviews of the same portfolio are compared on the Review history page.",
        )
        follows = (
            st.checkbox(f"Follows '{plain(found.review.title)}' (continues its history)", value=True)
            if found is not None and copy_of is None
            else False
        )
        again = copy_of is not None and st.checkbox(
            f"This view is already saved as '{plain(copy_of.title)}' (same ledger, settings and review "
            "date). Save another copy anyway"
        )
        _plan_caption(report, found)
        submitted = st.form_submit_button("Save", type="primary", icon=":material/bookmark_add:")
    if not submitted:
        return
    if not title.strip() or not portfolio.strip():
        st.error("A review needs a title and a portfolio.")
        return
    if copy_of is not None and not again:
        st.error("Not saved: it would be a second copy of the same review. Tick the box to save one anyway.")
        return
    previous_id = found.review.id if found is not None and follows else None
    _store(_new_review(loaded, report, title, portfolio, day, previous_id), report)


def _review_day(report: Report) -> dt.date:
    """The review date, which is the day goals are judged on: moving it moves the view's 'Status as
    of' (the figures are recomputed for it), and the title follows it until the user saves another.
    It is drawn above the form: a field inside a form says nothing until Save is pressed."""
    st.session_state[_SAVE_DAY] = report.as_of
    st.date_input(
        "Review date",
        key=_SAVE_DAY,
        format="YYYY-MM-DD",
        on_change=_move_status_day,
        help="Goals are judged on this day; the view's 'Status as of' follows it.",
    )
    default = reviews.default_title(report.as_of)
    if st.session_state.get(_SAVE_TITLE) in (None, "", st.session_state.get(_TITLE_GIVEN)):
        st.session_state[_SAVE_TITLE] = default
    st.session_state[_TITLE_GIVEN] = default
    return report.as_of


def _move_status_day() -> None:
    day = st.session_state.get(_SAVE_DAY)
    if isinstance(day, dt.date):
        st.session_state[state.AS_OF] = day


def _saved_as(report: Report, day: dt.date) -> SavedReview | None:
    """The saved review this view would copy: the one in view, when nothing was changed since (a
    save that marks what became of its actions is a follow-up, not a copy)."""
    found = reviews.opened()
    if found is None or found.review.review_date != day or not links.is_saved_view(report.settings, found):
        return None
    if plan.marks_of(found.review.id):
        return None
    same_file = found.review.ledger_sha256 == hashlib.sha256(current_bytes()).hexdigest()
    return found.review if same_file else None


def _new_review(
    loaded: Loaded, report: Report, title: str, portfolio: str, day: dt.date, previous_id: int | None
) -> NewReview:
    return NewReview(
        portfolio=" ".join(portfolio.split()),
        title=" ".join(title.split()),
        review_date=day,
        ledger_name=loaded.name,
        ledger=current_bytes(),
        # The kind values the ledger was read with are kept beside the settings, as a link keeps them.
        settings=saved_settings(report) | kind_values_param(dict(loaded.kind_values)),
        figures=_figures(report),
        saved_by=reviews.saved_by(),
        previous_id=previous_id,
        mapping=loaded.mapping.record() if loaded.mapping else None,
    )


def _store(new: NewReview, report: Report) -> None:
    marks = plan.marks_of(new.previous_id) if new.previous_id is not None else {}
    try:
        with st.spinner("Saving the review…"):
            reviews.save(new, actions=plan.accepted(report), outcomes=marks)
    except reviews.StoreUnavailable as exc:
        # Said at the top of the page, where it is seen (this form's popover closes on the rerun).
        reviews.say_failure(f"Not saved. {exc}")
        st.rerun()
    except ValueError as exc:  # an accepted action without text or due day
        st.error(f"Not saved: {plain(exc)}. Fix them on the Decisions page.", icon=":material/error:")
        return
    plan.forget()
    st.session_state[_SAVES] = st.session_state.get(_SAVES, 0) + 1
    st.session_state.pop(_SAVE_TITLE, None)
    st.rerun()


def _plan_caption(report: Report, found: reviews.Opened | None) -> None:
    """What of the action plan a save keeps: the accepted actions, the marks of the previous ones."""
    count = len(plan.accepted(report))
    said = f"{count} accepted action{'s' if count != 1 else ''} (Decisions page) will be kept with it"
    if found is not None:
        marked = len(plan.marks_of(found.review.id))
        said += f"; {marked} of '{plain(found.review.title)}' marked done or dropped (when it follows it)"
    st.caption(said + ".")


def _back_to_saved(found: reviews.Opened) -> None:
    """Reapply the review's own settings (a button's callback: runs before any widget is drawn)."""
    decoded = parse_values(found.review.settings)
    links.reopen(decoded.settings, found.review.ledger_sha256[:8])


def banner(found: reviews.Opened, report: Report) -> None:
    """Which saved review is in view, whether the view still shows it, and its link once saved."""
    token = reviews.just_saved()
    if token is not None:
        st.success(
            f"Saved '{plain(found.review.title)}'. This is its link: anyone who has it can open the "
            "review, without the file. It is shown only now; copy it.",
            icon=":material/check_circle:",
        )
        st.code(links.share_url(), language=None, wrap_lines=True)
        if not auth.sign_in_configured():  # members find every review on the Saved reviews page
            review = found.review
            browser_reviews.keep(token, review.title, review.portfolio, review.review_date, review.saved_at)
    review = found.review
    st.info(
        f"**Saved review** '{plain(review.title)}' of portfolio '{plain(review.portfolio)}', review "
        f"date {review.review_date:%Y-%m-%d}, {plain(reviews.saved_on(review))}. Ledger "
        f"'{plain(review.ledger_name)}'.",
        icon=":material/folder_open:",
    )
    if not links.is_saved_view(report.settings, found):
        left, right = st.columns([4, 1])
        left.warning(
            "You changed settings: this is a new, unsaved view of the review's ledger. Its link keeps "
            "these settings; save it as a review to keep its figures.",
            icon=":material/edit:",
        )
        right.button("Back to the saved review", on_click=_back_to_saved, args=(found,), key="back_to_saved")
    else:
        changed = differences(review.figures, _figures(report))
        if changed:
            st.warning(
                f"Recomputed by this version, {len(changed)} figure(s) differ from those saved with "
                f"version {plain(review.product_version)}: " + plain("; ".join(changed[:5])),
                icon=":material/error:",
            )
    manage(found)


def _figures(report: Report) -> dict[str, Any]:
    """`figures_of` the report, worked out once per report: the banner compares them with the saved
    ones on every run of every page (at 2,000 alliances some 0.4 s each time)."""
    kept = st.session_state.get(_FIGURES)
    if kept is None or kept[0] is not report:
        kept = st.session_state[_FIGURES] = (report, figures_of(report))
    return kept[1]


def manage(found: reviews.Opened) -> None:
    """Revoke the review's link or delete the review (with its file when no other review uses it)."""
    if not reviews.allowed():
        return
    with st.expander("Manage this saved review"):
        st.caption(
            "Revoking stops its link from opening it; deleting removes it and, unless another review "
            "uses the same file, the file too. Neither can be undone."
        )
        sure = st.checkbox("Yes, I mean it", key="review_sure")
        left, right = st.columns(2)
        try:
            if left.button("Revoke the link", disabled=not sure or found.token is None, key="review_revoke"):
                reviews.store().revoke(found.token or "")
                _leave(f"The link of '{found.review.title}' was revoked: it no longer opens the review.")
            if right.button("Delete the review", disabled=not sure, type="primary", key="review_delete"):
                reviews.store().delete(found.review.id)
                _leave(f"'{found.review.title}' was deleted.")
        except reviews.StoreUnavailable as exc:
            st.error(f"Nothing was changed. {plain(exc)}", icon=":material/error:")


def _leave(message: str) -> None:
    reviews.forget()
    reviews.say(message)
    st.query_params.clear()
    st.rerun()


def history_source(report: Report) -> Callable[[], pd.DataFrame | None]:
    """The history up to the saved review in view, for its summary workbook's History sheet (None
    when no saved review is in view or its settings were changed: the figures would not be its own),
    as a callable for the workbook's download. Which reviews it covers is found now (it depends on
    this session); their figures and actions are read and tabled only when it is called: at
    thousands of alliances that takes a second, which every run of every page paid while a saved
    review was open, for a download seldom clicked."""
    found = reviews.opened()
    if found is None or not links.is_saved_view(report.settings, found):
        return lambda: None
    try:
        chain = reviews.readable(reviews.history_of(found))[0]
        store = reviews.store()
    except reviews.StoreUnavailable:
        return lambda: None
    ids = [r.id for r in chain]
    upto = chain[: ids.index(found.review.id) + 1] if found.review.id in ids else [found.review]

    def table() -> pd.DataFrame | None:
        try:
            return history(store.histories(upto), report.settings.flat_points)
        except reviews.StoreUnavailable:
            return None

    return table


def saved_actions(report: Report) -> pd.DataFrame | None:
    """The saved review's own action plan and its follow-ups of the previous review's, for the
    downloads of that review; None when no saved review is in view or its settings were changed
    (then the downloads show the plan proposed for this view)."""
    found = reviews.opened()
    if found is None or not links.is_saved_view(report.settings, found):
        return None
    try:
        kept = reviews.store().actions_of(found.review.id)
    except reviews.StoreUnavailable:
        return None
    return kept if len(kept) else None
