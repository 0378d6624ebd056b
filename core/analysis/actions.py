"""The 30/60/90-day action plan: what each red flag and each Fix or Exit recommendation asks for.

`propose` turns a review's red flags and recommendations into proposed actions, each with the
alliance's owner (the Alliances sheet's Owner column, "" without one) and a due date 30, 60 or 90
days after the review's as-of day. The user edits and accepts them; accepted actions are stored
with the saved review (core.reviews.store), and the next review follows them up (`follow_up`):
done or dropped as the user marks them, otherwise overdue once their due day has passed.

The playbook below is the one place where a source becomes an action. It follows the domain's own
advice (the seed texts): a roadmap in three phases, foundation in 30 days (scope, governance,
initial metrics), integration in 60 (resources, pilot initiatives), optimisation in 90 (measure the
results, adjust, scale what works); shared goals that are specific, time-bound and owned; review
meetings that agree corrective actions; risks with owners and mitigations; perceived reciprocity
built by both sides; exit conditions defined before they are needed; and money reallocated from
underperforming alliances to the ones that pay back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from core.analysis.health import HEALTH_GAP, HEALTH_LOW
from core.analysis.risks import NO_EXIT_CONDITIONS, RISK_NO_MITIGATION, RISK_NO_OWNER
from core.analysis.scorecard import (
    COST_OUTGROWS,
    GOALS_OFF_TRACK,
    NEGATIVE_ROI,
    NO_GOALS,
    NO_RECENT_REVENUE,
    ROI_FALLING,
)
from core.model import EXIT, FIX, ActionStatus

ACTION_COLUMNS = ["alliance", "source", "action", "owner", "due", "horizon", "status"]
# Follow-ups: the previous review's actions as they stand now, `follows_id` naming each one.
FOLLOW_UP_COLUMNS = ["follows_id", "alliance", "source", "action", "owner", "due", "status"]
# What a user can mark an accepted action as; the other outcomes follow from its due date.
MARKED = (ActionStatus.DONE, ActionStatus.DROPPED)


class Play(NamedTuple):
    """One action of the playbook: what proposes it, in how many days it is due, what to do."""

    source: str
    horizon: int
    action: str


# The playbook. A source (a red flag's name or a recommendation) may propose more than one action;
# they are listed in the order they are done. Short horizons for what blocks everything else
# (no goals, no owner, no exit conditions), longer ones for what needs the partner's time.
PLAYBOOK: tuple[Play, ...] = (
    Play(
        NEGATIVE_ROI,
        30,
        "Agree a recovery plan with the partner: the revenue the alliance must bring and the costs "
        "it can shed, with a date to decide",
    ),
    Play(
        NEGATIVE_ROI,
        90,
        "Measure ROI again; if it is still negative, reallocate the budget to alliances that pay back",
    ),
    Play(
        ROI_FALLING,
        30,
        "Review the last two quarters with the partner, name what drove ROI down and agree "
        "corrective actions",
    ),
    Play(
        COST_OUTGROWS,
        60,
        "Tie further spending to milestones: commit resources only against revenue the alliance brings",
    ),
    Play(
        NO_RECENT_REVENUE,
        30,
        "Confirm with the partner which deals are in flight; launch a pilot initiative or stop "
        "committing resources",
    ),
    Play(
        NO_GOALS,
        30,
        "Set shared goals with the partner (targets, owners and due dates) and add them to the Goals sheet",
    ),
    Play(
        GOALS_OFF_TRACK,
        60,
        "Hold a joint planning session on the goals off track: adjust the targets or the resources "
        "behind them",
    ),
    Play(RISK_NO_OWNER, 30, "Name an owner for each risk that has none"),
    Play(RISK_NO_MITIGATION, 60, "Agree a mitigation, and who carries it out, for each risk that has none"),
    Play(
        NO_EXIT_CONDITIONS,
        30,
        "Define exit conditions with the partner (when and how the alliance would end) and write them "
        "on the Alliances sheet",
    ),
    Play(
        HEALTH_LOW,
        60,
        "Meet the partner's leadership on the dimensions scored 2 or lower and agree what each side changes",
    ),
    Play(
        HEALTH_GAP,
        30,
        "Compare both sides' health scores with the partner and agree where the relationship stands "
        "(perceived reciprocity)",
    ),
    Play(FIX, 30, "Agree a fix plan with the partner: the figure to reach, by when, and who does what"),
    Play(FIX, 90, "Measure the fix plan's results: scale what worked, or prepare the exit if nothing did"),
    Play(EXIT, 30, "Decide on the exit: check the exit conditions and the contract, then tell the partner"),
    Play(EXIT, 90, "Wind the alliance down and reallocate its budget to alliances that pay back"),
)
# A red flag the playbook does not know yet still proposes something rather than nothing.
UNKNOWN_FLAG_HORIZON = 30
UNKNOWN_FLAG_ACTION = "Review this red flag with the partner and agree a corrective action"


def _playbook() -> pd.DataFrame:
    book = pd.DataFrame(PLAYBOOK, columns=["source", "horizon", "action"])
    return book.assign(order=range(len(book)))


def _sources(flags: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """Each alliance's red flags, then its Fix or Exit recommendation: what proposes actions."""
    flagged = flags[["alliance", "flag"]].rename(columns={"flag": "source"}) if len(flags) else None
    recommended = None
    if len(decisions) and "recommendation" in decisions:
        chosen = decisions["recommendation"]
        chosen = chosen[chosen.isin([FIX, EXIT])]
        recommended = pd.DataFrame({"alliance": chosen.index, "source": chosen.astype(str).to_numpy()})
    found = [f for f in (flagged, recommended) if f is not None]
    if not found:
        return pd.DataFrame({"alliance": pd.Series(dtype=str), "source": pd.Series(dtype=str)})
    sources = pd.concat(found, ignore_index=True).astype({"alliance": str, "source": str})
    return sources.drop_duplicates(ignore_index=True)


def owners(alliances_meta: pd.DataFrame, alliances: pd.Series) -> pd.Series:
    """Each alliance's owner from the Alliances sheet (its first row), "" where none is written."""
    if "owner" not in alliances_meta or alliances_meta.empty:
        return pd.Series("", index=alliances.index, dtype=str)
    named = alliances_meta.drop_duplicates("alliance").set_index("alliance")["owner"]
    owner = alliances.map(named).fillna("").astype(str).str.strip()
    return owner


def propose(
    flags: pd.DataFrame, decisions: pd.DataFrame, alliances_meta: pd.DataFrame, as_of: dt.date
) -> pd.DataFrame:
    """The proposed plan: one row per action of the playbook that a flag or recommendation calls for.

    `flags` has columns alliance, flag (the red flags); `decisions` is indexed by alliance with a
    `recommendation` column (may be empty); `alliances_meta` is the Alliances sheet (alliance,
    owner). Columns ACTION_COLUMNS: `source` is the flag's name or the recommendation ("Fix",
    "Exit"); `due` = as_of + `horizon` days (a datetime.date); `status` is Proposed. Rows come
    per alliance in the order the alliances first appear (flags, then decisions), then by due
    date, then in the playbook's order.
    """
    sources = _sources(flags, decisions)
    book = _playbook()
    plan = sources.merge(book, on="source", how="left")
    # Flags outside the playbook (a newer kind of flag) get the general action.
    unknown = plan["action"].isna()
    plan.loc[unknown, "action"] = UNKNOWN_FLAG_ACTION
    plan["horizon"] = plan["horizon"].fillna(UNKNOWN_FLAG_HORIZON).astype(int)
    plan["order"] = plan["order"].fillna(len(book))
    first_seen = {name: i for i, name in enumerate(pd.unique(sources["alliance"]))}
    plan = plan.assign(position=plan["alliance"].map(first_seen)).sort_values(
        ["position", "horizon", "order"], kind="stable"
    )
    start = pd.Timestamp(as_of).date()
    plan["due"] = [start + dt.timedelta(days=int(days)) for days in plan["horizon"]]
    plan["owner"] = owners(alliances_meta, plan["alliance"])
    plan["status"] = ActionStatus.PROPOSED
    return plan[ACTION_COLUMNS].reset_index(drop=True)


def follow_up(previous_actions: pd.DataFrame, outcomes: Mapping[int, str], as_of: dt.date) -> pd.DataFrame:
    """Where the previous review's accepted actions stand at this review (as of its day).

    `previous_actions` has an `id` column (as `ReviewStore.actions_of` gives them) with alliance,
    source, action, owner and due; `outcomes` maps an action's id to what the user marked it,
    Done or Dropped. An unmarked action is Overdue once its due day is before `as_of`, and Open
    while it is not (due on `as_of` itself is still Open). Columns FOLLOW_UP_COLUMNS, `follows_id`
    the previous action's id.
    """
    marked = {int(key): ActionStatus(value) for key, value in outcomes.items()}
    wrong = {key: value for key, value in marked.items() if value not in MARKED}
    if wrong:
        raise ValueError(f"an action can be marked only Done or Dropped, not {wrong}")
    unknown = set(marked) - set(previous_actions["id"].astype(int)) if len(previous_actions) else set(marked)
    if unknown:
        raise ValueError(f"outcomes for actions that are not the previous review's: {sorted(unknown)}")
    # The previous action's own `follows_id` (what it followed up in turn) is not carried on.
    rows = (
        previous_actions.drop(columns=["follows_id"], errors="ignore")
        .rename(columns={"id": "follows_id"})
        .reset_index(drop=True)
    )
    due = pd.to_datetime(rows["due"])
    by_date = pd.Series(ActionStatus.OPEN, index=rows.index, dtype=object).where(
        due >= pd.Timestamp(as_of), ActionStatus.OVERDUE
    )
    marks = rows["follows_id"].astype(int).map(marked).astype(object)
    rows["status"] = marks.where(marks.notna(), by_date)
    rows["due"] = due.dt.date
    return rows[FOLLOW_UP_COLUMNS]
