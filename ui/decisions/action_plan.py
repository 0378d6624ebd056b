"""The action plan on the Decisions page: the proposed actions to edit and accept, then the accepted
actions of the review a save would follow, to mark Done or Dropped. What the user edits is kept by
ui/plan.py until a save stores it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.analysis.actions import MARKED, follow_up
from core.model import ActionStatus
from core.output import columns as cols
from core.output.columns import display_frame
from core.report import Report
from ui import plan, reviews, views
from ui.decisions.shared import whole_height
from ui.text import plain

OUTCOME_CHOICES = ("Not marked", str(ActionStatus.DONE), str(ActionStatus.DROPPED))
# At most this many accepted actions get a control each; past it, one grid has a row per action.
MARKED_ONE_BY_ONE = 30


def action_plan_editor(report: Report) -> None:
    """Proposed actions to edit and accept, then the previous review's accepted actions to mark."""
    st.subheader("Action plan")
    _opened_plan_note()
    if report.actions.empty:
        st.success(
            "No actions proposed: no red flags and no Fix or Exit recommendation for the alliances in view.",
            icon=":material/check_circle:",
        )
    else:
        _proposals(report)
    _follow_ups()


def _opened_plan_note() -> None:
    """When a saved review is open: how many actions it kept, and where they are on this page (the
    proposals below are new ones, for the next review)."""
    found = reviews.opened()
    if found is None:
        return
    try:
        kept = len(reviews.store().plan_of(found.review.id))
    except reviews.StoreUnavailable:
        return  # the follow-up section below says why
    title = plain(found.review.title)
    if kept:
        st.info(
            f"The review '{title}' you opened kept {kept} accepted action{'s' if kept != 1 else ''}: they "
            f"are listed below under **Actions accepted in '{title}'**, to mark what became of them. The "
            "proposals just below are new ones, for the review you save next.",
            icon=":material/assignment:",
        )
    else:
        st.info(
            f"The review '{title}' you opened was saved without accepted actions. The proposals below are "
            "new ones, for the review you save next.",
            icon=":material/assignment:",
        )


def _proposals(report: Report) -> None:
    st.caption(
        "Each red flag and each Fix or Exit recommendation proposes actions due 30, 60 or 90 days after "
        "the day goals are judged on. Edit the action, owner and due day, and tick the ones to do: the "
        "ticked ones are kept when you save this review (sidebar, 'Save this review'). Nothing is stored "
        "before you save."
    )
    rows = plan.editable(report)
    edited = st.data_editor(
        rows,
        key=plan.editor_key(report),
        num_rows="fixed",
        hide_index=True,
        width="stretch",
        # The short columns first, so that due day, days and owner are never cut, then the action (a
        # click on a cell shows all of it), then what proposed it. The proposed due day stays hidden.
        column_order=["accept", "alliance", "due", "horizon", "owner", "action", "source"],
        height=whole_height(len(rows)),
        column_config={
            "accept": st.column_config.CheckboxColumn(
                "Accept", help="Keep this action with the saved review", width=80
            ),
            "alliance": st.column_config.TextColumn("Alliance", disabled=True, pinned=True, width=140),
            "due": st.column_config.DateColumn("Due date", format="YYYY-MM-DD", required=True, width=110),
            "horizon": st.column_config.NumberColumn("Days", disabled=True, format="%d", width=60),
            "owner": st.column_config.TextColumn("Owner", max_chars=120, width=120),
            "source": st.column_config.TextColumn(
                "Source", disabled=True, help="The red flag or recommendation", width=180
            ),
            "action": st.column_config.TextColumn("Action", width=600, required=True, max_chars=500),
        },
    )
    plan.remember(report, pd.DataFrame(edited))
    chosen = len(plan.accepted(report))
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="center")
    left.markdown(f"**{chosen} of {len(rows)} accepted**")
    middle.button("Accept all", key="plan_accept_all", on_click=plan.accept_all, args=(report, True))
    right.button("Accept none", key="plan_accept_none", on_click=plan.accept_all, args=(report, False))


def _follow_ups() -> None:
    """The accepted actions of the review a save would follow: mark each Done or Dropped."""
    found = reviews.previous()
    if found is None:
        return
    try:
        accepted = reviews.store().plan_of(found.review.id)
        recorded = reviews.store().actions_of(found.review.id)
    except reviews.StoreUnavailable as exc:
        st.caption(plain(exc))
        return
    title = plain(found.review.title)
    followed = recorded[recorded["follows_id"].notna()]
    if len(followed):
        st.markdown(f"**Where the actions before '{title}' stood when it was saved**")
        st.dataframe(**views.grid(display_frame(followed, cols.FOLLOW_UP)), hide_index=True, width="stretch")
    if accepted.empty:
        st.caption(f"'{title}' was saved without accepted actions, so there is nothing to follow up.")
        return
    review_id = found.review.id
    marks = plan.marks_of(review_id)
    st.markdown(f"**Actions accepted in '{title}': mark what became of each**")
    shown = follow_up(accepted, marks, dt.date.today())
    if len(accepted) > MARKED_ONE_BY_ONE:
        # The grid's rows say each action's status too: no second grid of thousands of rows.
        _outcome_grid(review_id, accepted, marks, shown["status"])
    else:
        for ident, alliance, action, owner, due in zip(
            accepted["id"],
            accepted["alliance"],
            accepted["action"],
            accepted["owner"],
            accepted["due"],
            strict=True,
        ):
            _outcome_control(review_id, int(ident), f"{alliance}: {action}", owner, due, marks)
        st.dataframe(**views.grid(display_frame(shown, cols.FOLLOW_UP)), hide_index=True, width="stretch")
    st.caption(
        "The rest are Overdue once their due day has passed, else Open. The next saved review that follows "
        f"'{title}' keeps these outcomes, judged on its review date."
    )


def outcome_key(review_id: int, action_id: int) -> str:
    """The widget key of one accepted action's outcome control."""
    return f"outcome_{review_id}_{action_id}"


def _outcome_control(
    review_id: int, action_id: int, text: str, owner: object, due: object, marks: dict[int, str]
) -> None:
    """One accepted action: what it said, who owned it, when it was due, and a choice of Not marked,
    Done or Dropped (one action at a time, so that no single click marks them all)."""
    key = outcome_key(review_id, action_id)
    st.session_state[key] = marks.get(action_id, OUTCOME_CHOICES[0])
    words, choice = st.columns([3, 2], vertical_alignment="center")
    who = plain(owner) if isinstance(owner, str) and owner.strip() else "no owner"
    when = f"due {due:%Y-%m-%d}" if isinstance(due, dt.date) else "no due day"
    words.markdown(f"{plain(text)}  \n:gray[{who} · {when}]")
    choice.segmented_control(
        f"What became of it: {plain(text)}",
        OUTCOME_CHOICES,
        key=key,
        label_visibility="collapsed",
        on_change=_marked,
        args=(review_id, action_id),
    )


def outcomes_key(review_id: int) -> str:
    """The widget key of the grid that marks many accepted actions of review `review_id`."""
    return f"outcomes_{review_id}"


def _outcome_grid(review_id: int, accepted: pd.DataFrame, marks: dict[int, str], status: pd.Series) -> None:
    """Many accepted actions: a grid with a row each, its status (as `follow_up` gives it) and
    what became of it (Not marked, Done or Dropped), picked row by row as the controls of a few
    actions are. A control per action at thousands of actions would take the page seconds to draw."""
    rows = pd.DataFrame(
        {
            "id": accepted["id"].astype(int).to_numpy(),
            "alliance": accepted["alliance"].to_numpy(),
            "due": accepted["due"].to_numpy(),
            "owner": accepted["owner"].to_numpy(),
            "action": accepted["action"].to_numpy(),
            "status": [str(v) for v in status],
            "outcome": [marks.get(int(i), OUTCOME_CHOICES[0]) for i in accepted["id"]],
        }
    )
    st.caption(
        f"{len(rows):,} actions, a row each: pick what became of each in the column beside its alliance "
        "(Not marked, Done or Dropped)."
    )
    st.data_editor(
        rows,
        key=outcomes_key(review_id),
        num_rows="fixed",
        hide_index=True,
        width="stretch",
        # What the user picks beside the alliance: last, it was off-screen on a 1440-pixel desktop
        # behind a 600-pixel action (#32.14).
        column_order=["alliance", "outcome", "due", "owner", "action", "status"],
        disabled=["alliance", "due", "owner", "action", "status"],
        height=whole_height(len(rows)),
        column_config={
            "alliance": st.column_config.TextColumn("Alliance", pinned=True, width=140),
            "due": st.column_config.DateColumn("Due date", format="YYYY-MM-DD", width=110),
            "owner": st.column_config.TextColumn("Owner", width=120),
            "action": st.column_config.TextColumn("Action", width=600),
            "status": st.column_config.TextColumn(
                "Status", help=next(c.help for c in cols.FOLLOW_UP if c.source == "status"), width=90
            ),
            "outcome": st.column_config.SelectboxColumn(
                "What became of it", options=list(OUTCOME_CHOICES), required=True, width=150
            ),
        },
        on_change=_outcomes_edited,
        args=(review_id, rows["id"].tolist()),
    )


def _outcomes_edited(review_id: int, ids: list[int]) -> None:
    """Rows of the outcome grid changed: keep each edited row's outcome as the mark of its action."""
    edited = (st.session_state.get(outcomes_key(review_id)) or {}).get("edited_rows", {})
    marks = plan.marks_of(review_id)
    for row, change in edited.items():
        if "outcome" not in change:
            continue
        action_id = ids[int(row)]
        marks.pop(action_id, None)
        if change["outcome"] in MARKED:
            marks[action_id] = str(change["outcome"])
    plan.mark(review_id, marks)


def _marked(review_id: int, action_id: int) -> None:
    chosen = st.session_state.get(outcome_key(review_id, action_id))
    marks = {i: s for i, s in plan.marks_of(review_id).items() if i != action_id}
    if chosen in MARKED:
        marks[action_id] = str(chosen)
    plan.mark(review_id, marks)
