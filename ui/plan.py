"""The action plan as the user edits it in this session: which proposed actions are accepted (with
their edited owner, due day and text), and how the previous review's accepted actions are marked.

Nothing here is stored: the save form (ui/review_panel.py) hands `accepted()` and `marks_of()` to
the store when the user presses Save, and forgets them afterwards. Kept apart from
ui/decisions/action_plan.py so that the save form can read the plan without importing the page's
components.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core.analysis.actions import ACTION_COLUMNS
from core.report import Report

_PLAN = "_action_plan"  # (signature of the proposals, the edited frame)
_VERSION = "_action_plan_version"  # bumped when the editor must start again from the stored frame
_MARKS = "_action_marks"  # {review id: {action id: "Done" | "Dropped"}}
_SIGNED = "_action_plan_signed"  # (the proposals frame last signed, its signature)
ACCEPT = "accept"
# The due day as proposed, kept beside the editable one (a column the editor does not show), so that
# a due day the user typed can be told from one that should follow a new as-of day.
PROPOSED_DUE = "proposed_due"
EDITED_COLUMNS = [ACCEPT, *ACTION_COLUMNS, PROPOSED_DUE]
# What identifies a proposal across recomputations: an alliance, what proposed it, its horizon.
_SAME = ["alliance", "source", "horizon"]
# What a user may change in a proposal and that is kept as it is when the plan is proposed again.
_KEPT = [ACCEPT, "action", "owner"]


def signature(actions: pd.DataFrame) -> str:
    """A short fingerprint of the proposals, so that edits are kept only for the same plan.

    Worked out once per proposals frame (a report's `actions`, which no one changes in place): every
    page's save form asks for it, and at thousands of proposals it takes some 15 ms each time."""
    known = st.session_state.get(_SIGNED)
    if known is not None and known[0] is actions:
        return known[1]
    text = actions.reindex(columns=[*_SAME, "due"]).astype(str).to_csv(index=False)
    signed = hashlib.sha256(text.encode()).hexdigest()[:12]
    st.session_state[_SIGNED] = (actions, signed)
    return signed


def editable(report: Report) -> pd.DataFrame:
    """The proposals of this report with the user's ticks and edits: those made on this very plan,
    else those of the same (alliance, source, horizon) in the plan edited before (a rule or a date
    changed what is proposed); new proposals start unticked. A due day the user edited is kept; one
    left as proposed follows the new proposal (a later as-of day moves it)."""
    actions = report.actions
    base = actions.assign(**{ACCEPT: False, PROPOSED_DUE: actions["due"]})[EDITED_COLUMNS]
    base = base.reset_index(drop=True)
    kept = st.session_state.get(_PLAN)
    if kept is None or base.empty:
        return base
    sign, frame = kept
    if sign == signature(actions):
        return frame
    before = frame.drop_duplicates(_SAME).set_index(_SAME)
    before = before[_KEPT].assign(due=before["due"].where(_due_edited(before))).add_suffix("_kept")
    joined = base.join(before, on=_SAME)
    for column in [*_KEPT, "due"]:
        joined[column] = joined[f"{column}_kept"].where(joined[f"{column}_kept"].notna(), joined[column])
    return joined[EDITED_COLUMNS].astype({ACCEPT: bool})


def _due_edited(frame: pd.DataFrame) -> pd.Series:
    """Whether each row's due day differs from the one proposed (the editor may hand back dates as
    dates, timestamps or text, so both sides are read as days)."""
    due = pd.to_datetime(frame["due"], errors="coerce").dt.normalize()
    proposed = pd.to_datetime(frame[PROPOSED_DUE], errors="coerce").dt.normalize()
    return due.notna() & due.ne(proposed)


def remember(report: Report, frame: pd.DataFrame) -> None:
    """Keep the editor's rows for this report's proposals."""
    st.session_state[_PLAN] = (signature(report.actions), frame.reset_index(drop=True))


def accept_all(report: Report, accepted: bool) -> None:
    """Tick (or untick) every proposal; the editor starts again from these rows."""
    remember(report, editable(report).assign(**{ACCEPT: accepted}))
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1


def editor_key(report: Report) -> str:
    """The editor's widget key: new for another plan or after 'accept all', so that no edit of one
    plan's row lands on another's."""
    return f"action_plan_{st.session_state.get(_VERSION, 0)}_{signature(report.actions)}"


def accepted(report: Report) -> pd.DataFrame:
    """The ticked actions with the user's edits, columns of core.analysis.actions (empty if none)."""
    frame = editable(report)
    return frame[frame[ACCEPT].astype(bool)][ACTION_COLUMNS].reset_index(drop=True)


def marks_of(review_id: int) -> dict[int, str]:
    """How the user marked the accepted actions of review `review_id` (action id → Done/Dropped)."""
    return dict(st.session_state.get(_MARKS, {}).get(review_id, {}))


def mark(review_id: int, marks: dict[int, str]) -> None:
    """Keep the marks of a review's accepted actions until the next save."""
    st.session_state.setdefault(_MARKS, {})[review_id] = dict(marks)


def forget() -> None:
    """After a save: the plan and the marks went into the review; start afresh."""
    st.session_state.pop(_PLAN, None)
    st.session_state.pop(_MARKS, None)
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1
