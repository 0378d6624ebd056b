"""The 30/60/90-day action plan, worked by hand: which flags and recommendations propose what, when
each action is due, whose it is, and how the next review follows it up.

Due days are counted on the calendar by hand (as_of + 30, 60 or 90 days):
    2026-03-31 + 30 → 2026-04-30 (April has 30 days); + 60 → 2026-05-30; + 90 → 2026-06-29
    2025-12-15 + 30 → 2026-01-14 (16 days to Dec 31, 14 more); + 60 → 2026-02-13;
                + 90 → 2026-03-15 (15 days to Feb 28 in 2026, 15 more)
    2024-01-31 + 30 → 2024-03-01 (29 days to Feb 29 in the leap year 2024, 1 more);
                + 60 → 2024-03-31; + 90 → 2024-04-30
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.analysis.actions import (
    ACTION_COLUMNS,
    FOLLOW_UP_COLUMNS,
    PLAYBOOK,
    UNKNOWN_FLAG_ACTION,
    follow_up,
    propose,
)
from core.analysis.health import HEALTH_GAP, HEALTH_LOW
from core.analysis.risks import NO_EXIT_CONDITIONS, RISK_NO_MITIGATION, RISK_NO_OWNER
from core.analysis.scorecard import FLAG_ORDER, GOALS_OFF_TRACK, NEGATIVE_ROI, NO_GOALS
from core.model import ACTION_HORIZONS, EXIT, FIX, INVEST, MAINTAIN, ActionStatus
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

DAY = dt.date(2026, 3, 31)
D30, D60, D90 = dt.date(2026, 4, 30), dt.date(2026, 5, 30), dt.date(2026, 6, 29)
PROPOSED = ActionStatus.PROPOSED


def flags_of(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"alliance": [a for a, _ in pairs], "flag": [f for _, f in pairs], "figures": "as shown"}
    )


def decisions_of(**chosen: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"recommendation": list(chosen.values())}, index=pd.Index(list(chosen), name="alliance")
    )


def meta_of(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"alliance": [a for a, _ in rows], "owner": [o for _, o in rows]})


def action_for(source: str, horizon: int) -> str:
    (play,) = [p for p in PLAYBOOK if p.source == source and p.horizon == horizon]
    return play.action


def brief(plan: pd.DataFrame) -> list[tuple]:
    """Each action as (alliance, source, horizon, due, owner, status), the plan's order kept."""
    return list(plan[["alliance", "source", "horizon", "due", "owner", "status"]].itertuples(index=False))


class TestPlaybook:
    def test_every_red_flag_and_fix_and_exit_have_actions_at_30_60_or_90_days(self):
        sources = {play.source for play in PLAYBOOK}
        assert set(FLAG_ORDER) | {FIX, EXIT} == sources
        assert {play.horizon for play in PLAYBOOK} <= set(ACTION_HORIZONS)
        # Invest and Maintain call for no action of their own.
        assert INVEST not in sources and MAINTAIN not in sources

    def test_the_actions_say_what_the_seeds_advise(self):
        assert "Goals sheet" in action_for(NO_GOALS, 30)
        assert "exit conditions" in action_for(NO_EXIT_CONDITIONS, 30)
        assert "owner" in action_for(RISK_NO_OWNER, 30)
        assert "mitigation" in action_for(RISK_NO_MITIGATION, 60)
        assert "reciprocity" in action_for(HEALTH_GAP, 30)
        assert "2 or lower" in action_for(HEALTH_LOW, 60)
        assert "reallocate" in action_for(EXIT, 90)
        assert "reallocate" in action_for(NEGATIVE_ROI, 90)


class TestPropose:
    def test_flags_and_fix_or_exit_propose_their_plays_with_owner_and_due_day(self):
        """Acme: Negative ROI and no exit conditions, recommended Exit; owner Dana.
        Beta: Goals off track, recommended Fix; on the Alliances sheet with a blank owner.
        Gamma: Invest, no flag (nothing proposed); Delta: Maintain but a health gap, owner Lee.
        Within an alliance: the 30-day actions first, then 60, then 90; at one horizon, flags before
        the recommendation, in the playbook's order."""
        flags = flags_of(
            ("Acme", NEGATIVE_ROI),
            ("Acme", NO_EXIT_CONDITIONS),
            ("Beta", GOALS_OFF_TRACK),
            ("Delta", HEALTH_GAP),
        )
        decisions = decisions_of(Acme=EXIT, Beta=FIX, Gamma=INVEST, Delta=MAINTAIN)
        meta = meta_of(("Acme", "Dana"), ("Beta", ""), ("Gamma", "Kim"), ("Delta", "Lee"))

        plan = propose(flags, decisions, meta, DAY)

        assert list(plan.columns) == ACTION_COLUMNS
        assert brief(plan) == [
            ("Acme", NEGATIVE_ROI, 30, D30, "Dana", PROPOSED),
            ("Acme", NO_EXIT_CONDITIONS, 30, D30, "Dana", PROPOSED),
            ("Acme", EXIT, 30, D30, "Dana", PROPOSED),
            ("Acme", NEGATIVE_ROI, 90, D90, "Dana", PROPOSED),
            ("Acme", EXIT, 90, D90, "Dana", PROPOSED),
            ("Beta", FIX, 30, D30, "", PROPOSED),
            ("Beta", GOALS_OFF_TRACK, 60, D60, "", PROPOSED),
            ("Beta", FIX, 90, D90, "", PROPOSED),
            ("Delta", HEALTH_GAP, 30, D30, "Lee", PROPOSED),
        ]
        assert plan["action"].tolist() == [
            action_for(NEGATIVE_ROI, 30),
            action_for(NO_EXIT_CONDITIONS, 30),
            action_for(EXIT, 30),
            action_for(NEGATIVE_ROI, 90),
            action_for(EXIT, 90),
            action_for(FIX, 30),
            action_for(GOALS_OFF_TRACK, 60),
            action_for(FIX, 90),
            action_for(HEALTH_GAP, 30),
        ]
        assert all(type(day) is dt.date for day in plan["due"])

    @pytest.mark.parametrize(
        ("as_of", "due"),
        [
            (dt.date(2026, 3, 31), [dt.date(2026, 4, 30), dt.date(2026, 5, 30), dt.date(2026, 6, 29)]),
            (dt.date(2025, 12, 15), [dt.date(2026, 1, 14), dt.date(2026, 2, 13), dt.date(2026, 3, 15)]),
            (dt.date(2024, 1, 31), [dt.date(2024, 3, 1), dt.date(2024, 3, 31), dt.date(2024, 4, 30)]),
        ],
        ids=["month-end", "year-end", "leap-year"],
    )
    def test_due_days_are_30_60_and_90_days_after_as_of(self, as_of, due):
        # Beta: Goals off track (60) and Fix (30, 90): one action at each horizon.
        plan = propose(flags_of(("Beta", GOALS_OFF_TRACK)), decisions_of(Beta=FIX), meta_of(), as_of)
        assert plan["horizon"].tolist() == [30, 60, 90]
        assert plan["due"].tolist() == due

    def test_as_of_may_be_a_timestamp(self):
        plan = propose(flags_of(("Beta", NO_GOALS)), decisions_of(), meta_of(), pd.Timestamp("2026-03-31"))
        assert plan["due"].tolist() == [D30]

    def test_owner_is_the_first_row_of_the_alliances_sheet_trimmed_else_empty(self):
        """Acme is listed twice (the reader keeps the first row elsewhere too); Beta's owner has
        spaces around it; Gamma is not on the sheet."""
        flags = flags_of(("Acme", NO_GOALS), ("Beta", NO_GOALS), ("Gamma", NO_GOALS))
        meta = meta_of(("Acme", "Dana"), ("Beta", "  Lee  "), ("Acme", "Someone else"))
        plan = propose(flags, decisions_of(), meta, DAY)
        assert plan["owner"].tolist() == ["Dana", "Lee", ""]

    def test_without_an_owner_column_or_an_alliances_sheet_owners_are_empty(self):
        flags = flags_of(("Acme", NO_GOALS))
        no_column = pd.DataFrame({"alliance": ["Acme"], "type": ["Reseller"]})
        assert propose(flags, decisions_of(), no_column, DAY)["owner"].tolist() == [""]
        assert propose(flags, decisions_of(), pd.DataFrame(), DAY)["owner"].tolist() == [""]

    def test_a_flag_the_playbook_does_not_know_still_proposes_a_30_day_review(self):
        plan = propose(flags_of(("Acme", "Partner's CEO left")), decisions_of(), meta_of(), DAY)
        assert brief(plan) == [("Acme", "Partner's CEO left", 30, D30, "", PROPOSED)]
        assert plan["action"].tolist() == [UNKNOWN_FLAG_ACTION]

    def test_invest_and_maintain_without_flags_propose_nothing(self):
        plan = propose(flags_of(), decisions_of(Acme=INVEST, Beta=MAINTAIN), meta_of(("Acme", "Dana")), DAY)
        assert plan.empty
        assert list(plan.columns) == ACTION_COLUMNS

    def test_empty_decisions_or_no_recommendation_column_leave_the_flags_actions(self):
        flags = flags_of(("Acme", NO_GOALS))
        for decisions in (pd.DataFrame(), pd.DataFrame(index=pd.Index(["Acme"], name="alliance"))):
            assert brief(propose(flags, decisions, meta_of(), DAY)) == [
                ("Acme", NO_GOALS, 30, D30, "", PROPOSED)
            ]

    def test_a_flag_listed_twice_proposes_its_actions_once(self):
        flags = flags_of(("Acme", NO_GOALS), ("Acme", NO_GOALS))
        assert len(propose(flags, decisions_of(), meta_of(), DAY)) == 1

    def test_from_a_ledger_read_and_reported_as_the_app_does(self):
        """Acme: revenue 500, cost 1,000 → ROI (500 − 1,000) / 1,000 = −50 %: the flag Negative ROI;
        no goal on the Goals sheet: No goals; its score Band Weak −2, Bottom quartile −1, two flags
        −2 = −5 < −2 → Exit. Its owner on the Alliances sheet is Dana Ruiz.
        Beta: revenue 3,000, cost 1,000 → ROI 200 %, Strong +2, Top +1, goal 90 of 100 on track +1
        = 4 → Invest, no flag: nothing proposed (its owner cell is blank anyway)."""
        rows = [
            ["2026-01-05", "Acme", "Revenue", 500],
            ["2026-01-06", "Acme", "Cost", 1000],
            ["2026-02-05", "Beta", "Revenue", 3000],
            ["2026-02-06", "Beta", "Cost", 1000],
        ]
        alliances = [
            ["Alliance", "Owner", "Exit conditions"],
            ["Acme", "Dana Ruiz", "ROI below 0 for two quarters"],
            ["Beta", "", "Partner acquired"],
        ]
        goals = [
            ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
            ["Beta", "Customers", 100, 90, "customers", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Kim"],
        ]
        ledger = read_ledger(ledger_bytes(rows, Alliances=alliances, Goals=goals), "plan.xlsx")
        report = build_report(ledger, Settings(as_of=DAY))

        plan = propose(report.flags, report.decisions, ledger.alliances, report.as_of)

        assert brief(plan) == [
            ("Acme", NEGATIVE_ROI, 30, D30, "Dana Ruiz", PROPOSED),
            ("Acme", NO_GOALS, 30, D30, "Dana Ruiz", PROPOSED),
            ("Acme", EXIT, 30, D30, "Dana Ruiz", PROPOSED),
            ("Acme", NEGATIVE_ROI, 90, D90, "Dana Ruiz", PROPOSED),
            ("Acme", EXIT, 90, D90, "Dana Ruiz", PROPOSED),
        ]


def accepted(*rows: tuple[int, str, dt.date]) -> pd.DataFrame:
    """Accepted actions of a previous review as the store gives them: id, alliance, …, due."""
    return pd.DataFrame(
        {
            "id": [i for i, _, _ in rows],
            "alliance": [a for _, a, _ in rows],
            "source": NO_GOALS,
            "action": action_for(NO_GOALS, 30),
            "owner": "Dana",
            "due": [d for _, _, d in rows],
            "status": ActionStatus.OPEN,
            "follows_id": None,
        }
    )


class TestFollowUp:
    AS_OF = dt.date(2026, 6, 30)

    def test_unmarked_actions_are_overdue_only_once_their_due_day_has_passed(self):
        """As of 2026-06-30: due 06-29 (the day before) → Overdue; due 06-30 (that day) → Open;
        due 07-01 → Open."""
        previous = accepted(
            (11, "Acme", dt.date(2026, 6, 29)),
            (12, "Acme", dt.date(2026, 6, 30)),
            (13, "Beta", dt.date(2026, 7, 1)),
        )
        followed = follow_up(previous, {}, self.AS_OF)
        assert list(followed.columns) == FOLLOW_UP_COLUMNS
        assert followed[["follows_id", "alliance", "due", "status"]].values.tolist() == [
            [11, "Acme", dt.date(2026, 6, 29), ActionStatus.OVERDUE],
            [12, "Acme", dt.date(2026, 6, 30), ActionStatus.OPEN],
            [13, "Beta", dt.date(2026, 7, 1), ActionStatus.OPEN],
        ]
        assert followed["owner"].tolist() == ["Dana"] * 3

    def test_done_and_dropped_as_the_user_marked_them_whatever_the_due_day(self):
        """11 is past due but marked Done; 12 is not yet due but marked Dropped; 13 unmarked, past due."""
        previous = accepted(
            (11, "Acme", dt.date(2026, 4, 30)),
            (12, "Beta", dt.date(2026, 9, 28)),
            (13, "Beta", dt.date(2026, 5, 30)),
        )
        followed = follow_up(previous, {11: "Done", 12: ActionStatus.DROPPED}, self.AS_OF)
        assert followed["status"].tolist() == [ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.OVERDUE]

    def test_due_days_given_as_timestamps_compare_the_same(self):
        previous = accepted((1, "Acme", pd.Timestamp("2026-06-29")), (2, "Acme", pd.Timestamp("2026-06-30")))
        followed = follow_up(previous, {}, pd.Timestamp(self.AS_OF))
        assert followed["status"].tolist() == [ActionStatus.OVERDUE, ActionStatus.OPEN]
        assert followed["due"].tolist() == [dt.date(2026, 6, 29), dt.date(2026, 6, 30)]

    @pytest.mark.parametrize("mark", ["Open", "Overdue", "Proposed"])
    def test_only_done_or_dropped_can_be_marked(self, mark):
        with pytest.raises(ValueError, match="only Done or Dropped"):
            follow_up(accepted((1, "Acme", self.AS_OF)), {1: mark}, self.AS_OF)

    def test_a_mark_for_an_action_of_another_review_is_refused(self):
        with pytest.raises(ValueError, match=r"not the previous review's: \[7\]"):
            follow_up(accepted((1, "Acme", self.AS_OF)), {7: "Done"}, self.AS_OF)
        with pytest.raises(ValueError, match=r"\[7\]"):
            follow_up(accepted(), {7: "Done"}, self.AS_OF)

    def test_no_previous_actions_no_follow_ups(self):
        followed = follow_up(accepted(), {}, self.AS_OF)
        assert followed.empty
        assert list(followed.columns) == FOLLOW_UP_COLUMNS
