"""Action plans kept with saved reviews, on a real SQLite file and a real PostgreSQL database.

A review's accepted actions are stored Open; the next review follows each of them up (Done or
Dropped as marked, else Overdue when due before its date, else Open); deleting a review deletes its
actions; a database saved before actions existed (revision 0001) upgrades in place.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command

from core.analysis.actions import PLAYBOOK, propose
from core.analysis.scorecard import NEGATIVE_ROI, NO_GOALS
from core.model import EXIT, FIX, ActionStatus
from core.reviews.database import _config, current_revision, head_revision, new_engine, upgrade
from core.reviews.history import history
from core.reviews.store import ACTIONS_COLUMNS, ReviewStore
from tests.reviews import count, new_review

OPEN, DONE, OVERDUE, DROPPED = (
    ActionStatus.OPEN,
    ActionStatus.DONE,
    ActionStatus.OVERDUE,
    ActionStatus.DROPPED,
)
Q1_DAY, Q2_DAY = dt.date(2026, 3, 31), dt.date(2026, 6, 30)


def plan(*rows: tuple[str, str, str, str, dt.date]) -> pd.DataFrame:
    """Accepted actions as the UI hands them over: alliance, source, action, owner, due."""
    return pd.DataFrame(rows, columns=["alliance", "source", "action", "owner", "due"])


def stored(frame: pd.DataFrame) -> list[tuple]:
    """A review's actions without their ids (which differ between backends): follows_id as None/int."""
    return [
        (
            r.alliance,
            r.source,
            r.action,
            r.owner,
            r.due,
            r.status,
            None if pd.isna(r.follows_id) else r.follows_id,
        )
        for r in frame.itertuples(index=False)
    ]


Q1_PLAN = plan(
    ("Acme GmbH", FIX, "Agree a fix plan — «Q2»", "Anna Müller", dt.date(2026, 4, 30)),
    ("Acme GmbH", NEGATIVE_ROI, "Measure ROI again", "Anna Müller", dt.date(2026, 6, 29)),
    ("東京 Alliance", NO_GOALS, "Set shared goals 📈", "", dt.date(2026, 6, 30)),
    ("東京 Alliance", EXIT, "Decide on the exit", "Kenji", dt.date(2026, 7, 1)),
)


class TestPlan:
    def test_accepted_actions_come_back_open_in_the_order_saved(self, store):
        saved, _ = store.save(new_review(), actions=Q1_PLAN)

        kept = store.actions_of(saved.id)

        assert list(kept.columns) == ACTIONS_COLUMNS
        assert stored(kept) == [
            ("Acme GmbH", FIX, "Agree a fix plan — «Q2»", "Anna Müller", dt.date(2026, 4, 30), OPEN, None),
            ("Acme GmbH", NEGATIVE_ROI, "Measure ROI again", "Anna Müller", dt.date(2026, 6, 29), OPEN, None),
            ("東京 Alliance", NO_GOALS, "Set shared goals 📈", "", dt.date(2026, 6, 30), OPEN, None),
            ("東京 Alliance", EXIT, "Decide on the exit", "Kenji", dt.date(2026, 7, 1), OPEN, None),
        ]
        assert all(type(day) is dt.date for day in kept["due"])
        assert kept["id"].is_unique
        assert stored(store.plan_of(saved.id)) == stored(kept)

    def test_a_proposed_plan_is_stored_open_without_its_horizon(self, store):
        """propose: Acme's Exit → 30 and 90 days after 2026-03-31: 2026-04-30 and 2026-06-29."""
        proposed = propose(
            pd.DataFrame(columns=["alliance", "flag", "figures"]),
            pd.DataFrame({"recommendation": [EXIT]}, index=pd.Index(["Acme"], name="alliance")),
            pd.DataFrame({"alliance": ["Acme"], "owner": ["Dana"]}),
            Q1_DAY,
        )
        assert proposed["status"].tolist() == [ActionStatus.PROPOSED] * 2
        saved, _ = store.save(new_review(), actions=proposed)
        exit_plays = [p.action for p in PLAYBOOK if p.source == EXIT]
        assert stored(store.actions_of(saved.id)) == [
            ("Acme", EXIT, exit_plays[0], "Dana", dt.date(2026, 4, 30), OPEN, None),
            ("Acme", EXIT, exit_plays[1], "Dana", dt.date(2026, 6, 29), OPEN, None),
        ]

    def test_source_and_owner_may_be_left_out_and_text_is_trimmed(self, store):
        accepted = pd.DataFrame(
            {"alliance": [" Acme "], "action": ["  Call the partner  "], "due": [pd.Timestamp("2026-05-01")]}
        )
        saved, _ = store.save(new_review(), actions=accepted)
        assert stored(store.actions_of(saved.id)) == [
            ("Acme", "", "Call the partner", "", dt.date(2026, 5, 1), OPEN, None)
        ]

    def test_a_review_saved_without_actions_has_none(self, store):
        saved, _ = store.save(new_review())
        kept = store.actions_of(saved.id)
        assert kept.empty and list(kept.columns) == ACTIONS_COLUMNS
        assert store.plan_of(saved.id).empty

    @pytest.mark.parametrize(
        "bad",
        [
            plan(("Acme", FIX, "   ", "Dana", dt.date(2026, 4, 30))),
            plan(("", FIX, "Agree a plan", "Dana", dt.date(2026, 4, 30))),
            plan(("Acme", FIX, "Agree a plan", "Dana", None)),
            pd.DataFrame({"alliance": ["Acme"], "action": ["Agree a plan"]}),
        ],
        ids=["no-text", "no-alliance", "no-due-day", "no-due-column"],
    )
    def test_an_action_without_text_alliance_or_due_day_is_refused_and_nothing_is_saved(self, store, bad):
        with pytest.raises(ValueError, match="due"):
            store.save(new_review(), actions=bad)
        assert count(store.engine, "reviews") == 0
        assert count(store.engine, "actions") == 0


class TestFollowUp:
    def test_the_next_review_records_what_became_of_each_action(self, store):
        """Q2 review dated 2026-06-30 follows Q1. Q1's actions: the fix plan (due 04-30) marked
        Done; 'Measure ROI again' due 06-29, the day before, unmarked → Overdue; 'Set shared goals'
        due 06-30, the review's own day → Open; 'Decide on the exit' due 07-01 but marked Dropped."""
        q1, _ = store.save(new_review(title="Q1", review_date=Q1_DAY), actions=Q1_PLAN)
        ids = store.plan_of(q1.id)["id"].tolist()
        q2_plan = plan(("Acme GmbH", FIX, "Scale what worked", "Anna Müller", dt.date(2026, 9, 28)))

        q2, _ = store.save(
            new_review(title="Q2", review_date=Q2_DAY, previous_id=q1.id),
            actions=q2_plan,
            outcomes={ids[0]: "Done", ids[3]: DROPPED},
        )

        assert stored(store.actions_of(q2.id)) == [
            ("Acme GmbH", FIX, "Scale what worked", "Anna Müller", dt.date(2026, 9, 28), OPEN, None),
            ("Acme GmbH", FIX, "Agree a fix plan — «Q2»", "Anna Müller", dt.date(2026, 4, 30), DONE, ids[0]),
            (
                "Acme GmbH",
                NEGATIVE_ROI,
                "Measure ROI again",
                "Anna Müller",
                dt.date(2026, 6, 29),
                OVERDUE,
                ids[1],
            ),
            ("東京 Alliance", NO_GOALS, "Set shared goals 📈", "", dt.date(2026, 6, 30), OPEN, ids[2]),
            ("東京 Alliance", EXIT, "Decide on the exit", "Kenji", dt.date(2026, 7, 1), DROPPED, ids[3]),
        ]
        # The follow-ups are not part of Q2's own plan, and Q1's actions are left as they were.
        assert stored(store.plan_of(q2.id)) == stored(store.actions_of(q2.id))[:1]
        assert store.actions_of(q1.id)["status"].tolist() == [OPEN] * 4

    def test_a_third_review_follows_up_the_second_ones_plan_only(self, store):
        q1, _ = store.save(new_review(title="Q1", review_date=Q1_DAY), actions=Q1_PLAN)
        q2_plan = plan(("Acme GmbH", FIX, "Scale what worked", "Anna Müller", dt.date(2026, 9, 28)))
        q2, _ = store.save(new_review(title="Q2", review_date=Q2_DAY, previous_id=q1.id), actions=q2_plan)
        # Dated 2026-09-29, the day after the one action of Q2 was due: Overdue.
        q3, _ = store.save(new_review(title="Q3", review_date=dt.date(2026, 9, 29), previous_id=q2.id))
        assert stored(store.actions_of(q3.id)) == [
            (
                "Acme GmbH",
                FIX,
                "Scale what worked",
                "Anna Müller",
                dt.date(2026, 9, 28),
                OVERDUE,
                q2_id(store, q2.id),
            )
        ]

    def test_marks_without_a_previous_review_or_for_its_missing_actions_save_nothing(self, store):
        q1, _ = store.save(new_review(title="Q1"), actions=Q1_PLAN)
        ids = store.plan_of(q1.id)["id"].tolist()
        with pytest.raises(ValueError, match="follows none"):
            store.save(new_review(title="Q2"), outcomes={ids[0]: "Done"})
        with pytest.raises(ValueError, match="not the previous review's"):
            store.save(new_review(title="Q2", previous_id=q1.id), outcomes={max(ids) + 100: "Done"})
        with pytest.raises(ValueError, match="only Done or Dropped"):
            store.save(new_review(title="Q2", previous_id=q1.id), outcomes={ids[0]: "Overdue"})
        # Each refusal rolled its review back.
        assert count(store.engine, "reviews") == 1
        assert count(store.engine, "actions") == 4


def q2_id(store: ReviewStore, review_id: int) -> int:
    (only,) = store.plan_of(review_id)["id"].tolist()
    return only


class TestDelete:
    def test_deleting_a_review_deletes_its_actions_and_the_follow_ups_of_them(self, store):
        """Q1 has 4 actions; Q2 its own 1 plus 4 follow-ups of Q1's: 9 rows. Deleting Q1 deletes
        its 4 and the 4 follow-ups of them (they followed actions that are gone), leaving Q2's plan;
        deleting Q2 leaves none. Foreign keys are enforced on SQLite too (PRAGMA foreign_keys)."""
        q1, _ = store.save(new_review(title="Q1", review_date=Q1_DAY), actions=Q1_PLAN)
        q2_plan = plan(("Acme GmbH", FIX, "Scale what worked", "Anna Müller", dt.date(2026, 9, 28)))
        q2, _ = store.save(new_review(title="Q2", review_date=Q2_DAY, previous_id=q1.id), actions=q2_plan)
        assert count(store.engine, "actions") == 9

        assert store.delete(q1.id)

        assert count(store.engine, "actions") == 1
        assert store.actions_of(q1.id).empty
        assert stored(store.actions_of(q2.id)) == [
            ("Acme GmbH", FIX, "Scale what worked", "Anna Müller", dt.date(2026, 9, 28), OPEN, None)
        ]
        assert store.by_id(q2.id).previous_id is None

        assert store.delete(q2.id)
        assert count(store.engine, "actions") == 0

    def test_the_database_itself_cascades_a_review_deleted_outside_the_store(self, store):
        saved, _ = store.save(new_review(), actions=Q1_PLAN)
        with store.engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM reviews WHERE id = :id"), {"id": saved.id})
        assert count(store.engine, "actions") == 0


class TestHistories:
    @staticmethod
    def figures(*alliances: str) -> dict:
        record = {"roi": 0.1, "band": "Moderate", "quartile": "", "goal_status": "No goals", "flags": []}
        return {"headline": {}, "alliances": [{"alliance": a, **record} for a in alliances]}

    def test_the_history_counts_each_alliances_actions_and_their_outcomes(self, store):
        """Q1 plans 2 actions for Acme GmbH and 2 for 東京 Alliance. Q2 (2026-06-30) marks the first
        Done; Acme's second (due 06-29) is Overdue; 東京's first (due 06-30) Open, its second
        Dropped. Q2 plans 1 action for Acme GmbH."""
        q1, _ = store.save(
            new_review(title="Q1", review_date=Q1_DAY, figures=self.figures("Acme GmbH", "東京 Alliance")),
            actions=Q1_PLAN,
        )
        ids = store.plan_of(q1.id)["id"].tolist()
        q2, _ = store.save(
            new_review(
                title="Q2",
                review_date=Q2_DAY,
                previous_id=q1.id,
                figures=self.figures("Acme GmbH", "東京 Alliance"),
            ),
            actions=plan(("Acme GmbH", FIX, "Scale what worked", "", dt.date(2026, 9, 28))),
            outcomes={ids[0]: DONE, ids[3]: DROPPED},
        )

        table = history(store.histories([q1, q2]))

        counted = table[
            ["review", "alliance", "actions_planned", "actions_done", "actions_overdue"]
            + ["actions_dropped", "actions_open", "actions_followed"]
        ].values.tolist()
        assert counted == [
            ["Q1", "Acme GmbH", 2, 0, 0, 0, 0, ""],
            ["Q1", "東京 Alliance", 2, 0, 0, 0, 0, ""],
            ["Q2", "Acme GmbH", 1, 1, 1, 0, 0, "1 done, 1 overdue"],
            ["Q2", "東京 Alliance", 0, 0, 0, 1, 1, "1 dropped, 1 open"],
        ]


class TestUpgradeFrom0001:
    def test_a_database_at_0001_upgrades_in_place_and_its_reviews_have_no_actions(self, database_url):
        engine = new_engine(database_url)
        try:
            with engine.begin() as connection:
                command.upgrade(_config(connection), "0001")
            assert current_revision(engine) == "0001"
            assert "actions" not in sa.inspect(engine).get_table_names()
            old, token = ReviewStore(engine).save(new_review(title="Saved before action plans"))

            upgrade(engine)

            assert current_revision(engine) == head_revision() == "0002"
            store = ReviewStore(engine)
            assert store.open(token) == old
            assert store.actions_of(old.id).empty
            # A review following it has nothing to follow up, and keeps its own plan.
            new, _ = store.save(new_review(title="First with a plan", previous_id=old.id), actions=Q1_PLAN)
            assert [row[5] for row in stored(store.actions_of(new.id))] == [OPEN] * 4
            assert count(engine, "actions") == 4
        finally:
            engine.dispose()

    def test_downgrading_to_0001_drops_the_actions_and_keeps_the_reviews(self, store):
        store.save(new_review(title="kept"), actions=Q1_PLAN)
        with store.engine.begin() as connection:
            command.downgrade(_config(connection), "0001")
        assert "actions" not in sa.inspect(store.engine).get_table_names()
        assert count(store.engine, "reviews") == 1
