"""What changed since the previous review, worked out by hand from two quarterly ledgers of one portfolio.

Each ledger holds its quarter's entries and goals; each report is built through the real reader and
build_report with the review's day as `as_of`, so goal status is judged on that day.

Q2 2024 review (as of 2024-06-30)
    Alpha  revenue 1,100, cost 1,000 → ROI (1,100 − 1,000) / 1,000 = 0.10 → Moderate (10 % ≤ ROI ≤ 20 %)
           no goals → 'No goals' and the flag 'No goals defined (vague success metrics)'
    Beta   revenue 1,150, cost 1,000 → ROI 0.15 → Moderate
           goal 50 of 100 customers, 2024-04-01 to 2024-12-31: 90 of 274 days gone = 32.8 % expected,
           50 % reached ≥ 32.8 % → On track; no flag
    Delta  revenue 1,300, cost 1,000 → ROI 0.30 → Strong; no goals → 'No goals' and that flag
    Quartile cuts over [0.10, 0.15, 0.30] (QUARTILE.INC, rank (n − 1)·q/4 = q/2):
        P25 = 0.10 + 0.5 × 0.05 = 0.125; P50 = 0.15; P75 = 0.15 + 0.5 × 0.15 = 0.225
        → Alpha 0.10 < P25: Bottom; Beta 0.15 ≥ P50: Second; Delta 0.30 ≥ P75: Top

Q3 2024 review (as of 2024-09-30)
    Alpha  revenue 1,250, cost 1,000 → ROI 0.25 → Strong
           goal 60 of 100 customers, 2024-07-01 to 2024-12-31: 91 of 183 days = 49.7 % expected,
           60 % ≥ 49.7 % → On track; the 'No goals' flag is gone
    Beta   revenue 800, cost 1,000 → ROI −0.20 → Weak, flag 'Negative ROI'
           goal now 55 of 100: 182 of 274 days = 66.4 % expected; 55 % < 66.4 % but
           ≥ 0.75 × 66.4 % = 49.8 % → At risk
    Gamma  revenue 1,500, cost 1,000 → ROI 0.50 → Strong, new this quarter, no goals (flag)
    Delta  no entries: dropped
    Quartile cuts over [−0.20, 0.25, 0.50]:
        P25 = −0.20 + 0.5 × 0.45 = 0.025; P50 = 0.25; P75 = 0.25 + 0.5 × 0.25 = 0.375
        → Alpha 0.25 ≥ P50: Second; Beta −0.20 < P25: Bottom; Gamma 0.50 ≥ P75: Top

Changes in Q3 against Q2
    Alpha  ▲ up, (0.25 − 0.10) × 100 = +15.0 points; Moderate → Strong; Bottom → Second;
           No goals → On track; cleared 'No goals defined (vague success metrics)'
    Beta   ▼ down, (−0.20 − 0.15) × 100 = −35.0 points; Moderate → Weak; Second → Bottom;
           On track → At risk; raised 'Negative ROI'
    Gamma  new: its flags count as raised
    Delta  dropped: no figures in Q3
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from core.reading.ledger import read_ledger
from core.report import build_report
from core.reviews.history import (
    ACTION_COUNTS,
    COLUMNS,
    DOWN,
    DROPPED,
    FIRST,
    NEW,
    SAME,
    UNDEFINED_CHANGE,
    UP,
    ReviewFigures,
    compare,
    history,
    latest_changes,
    review_rows,
    side_by_side,
)
from core.reviews.snapshot import figures_of
from core.settings import Settings
from tests.helpers import ledger_bytes

NO_GOALS_FLAG = "No goals defined (vague success metrics)"
GOALS_HEADER = ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"]

Q2_DAY, Q3_DAY = dt.date(2024, 6, 30), dt.date(2024, 9, 30)
Q2_ROWS = [
    ["2024-05-15", "Alpha", "Revenue", 1100],
    ["2024-05-20", "Alpha", "Cost", 1000],
    ["2024-05-15", "Beta", "Revenue", 1150],
    ["2024-05-20", "Beta", "Cost", 1000],
    ["2024-06-15", "Delta", "Revenue", 1300],
    ["2024-06-20", "Delta", "Cost", 1000],
]
Q2_GOALS = [
    GOALS_HEADER,
    ["Beta", "Customers", 100, 50, "customers", dt.date(2024, 4, 1), dt.date(2024, 12, 31), "Kim"],
]
Q3_ROWS = [
    ["2024-08-15", "Alpha", "Revenue", 1250],
    ["2024-08-20", "Alpha", "Cost", 1000],
    ["2024-08-15", "Beta", "Revenue", 800],
    ["2024-08-20", "Beta", "Cost", 1000],
    ["2024-09-15", "Gamma", "Revenue", 1500],
    ["2024-09-20", "Gamma", "Cost", 1000],
]
Q3_GOALS = [
    GOALS_HEADER,
    ["Alpha", "Customers", 100, 60, "customers", dt.date(2024, 7, 1), dt.date(2024, 12, 31), "Ann"],
    ["Beta", "Customers", 100, 55, "customers", dt.date(2024, 4, 1), dt.date(2024, 12, 31), "Kim"],
]


def review(title, day, rows, goals):
    """A saved review's figures, computed from ledger bytes the way the app computes them."""
    ledger = read_ledger(ledger_bytes(rows, Goals=goals), f"{title}.xlsx")
    return ReviewFigures(title, day, figures_of(build_report(ledger, Settings(as_of=day)))["alliances"])


@pytest.fixture(scope="module")
def reviews():
    return [
        review("Q2 2024 review", Q2_DAY, Q2_ROWS, Q2_GOALS),
        review("Q3 2024 review", Q3_DAY, Q3_ROWS, Q3_GOALS),
    ]


@pytest.fixture(scope="module")
def table(reviews):
    return history(reviews)


def row_of(table, position, alliance):
    """One row as a dict, NaN read as None so that whole rows compare with ==."""
    found = table[(table["position"] == position) & (table["alliance"] == alliance)]
    assert len(found) == 1
    return {
        k: None if isinstance(v, float) and math.isnan(v) else v for k, v in found.iloc[0].to_dict().items()
    }


# These reviews were built without their actions (as SavedReview.as_history gives them): the
# action columns are empty, not zero.
ACTIONS_NOT_READ = dict.fromkeys([*ACTION_COUNTS, "actions_followed"])


def unchanged(**figures):
    """A row with nothing compared: no ROI change and every change column empty."""
    return {
        **ACTIONS_NOT_READ,
        "roi_points": None,
        "band_change": "",
        "quartile_change": "",
        "goal_change": "",
        "flags_raised": "",
        "flags_cleared": "",
        **figures,
    }


class TestTwoQuarters:
    def test_one_row_per_alliance_and_review_dropped_last(self, table):
        assert list(table.columns) == COLUMNS
        assert list(zip(table["position"], table["alliance"], strict=True)) == [
            (1, "Alpha"),
            (1, "Beta"),
            (1, "Delta"),
            (2, "Alpha"),
            (2, "Beta"),
            (2, "Gamma"),
            (2, "Delta"),
        ]

    @pytest.mark.parametrize(
        ("alliance", "roi", "band", "quartile", "goal_status", "flags"),
        [
            ("Alpha", 0.10, "Moderate", "Bottom", "No goals", NO_GOALS_FLAG),
            ("Beta", 0.15, "Moderate", "Second", "On track", ""),
            ("Delta", 0.30, "Strong", "Top", "No goals", NO_GOALS_FLAG),
        ],
    )
    def test_the_first_review_has_figures_and_no_changes(
        self, table, alliance, roi, band, quartile, goal_status, flags
    ):
        assert row_of(table, 1, alliance) == unchanged(
            position=1,
            review="Q2 2024 review",
            review_date=Q2_DAY,
            alliance=alliance,
            roi=roi,
            band=band,
            quartile=quartile,
            goal_status=goal_status,
            flags=flags,
            change=FIRST,
        )

    def test_alpha_rises_fifteen_points_into_strong_and_clears_its_flag(self, table):
        assert row_of(table, 2, "Alpha") == {
            "position": 2,
            "review": "Q3 2024 review",
            "review_date": Q3_DAY,
            "alliance": "Alpha",
            "roi": 0.25,
            "band": "Strong",
            "quartile": "Second",
            "goal_status": "On track",
            "flags": "",
            "change": UP,
            "roi_points": 15.0,  # (0.25 − 0.10) × 100
            "band_change": "Moderate → Strong",
            "quartile_change": "Bottom → Second",
            "goal_change": "No goals → On track",
            "flags_raised": "",
            "flags_cleared": NO_GOALS_FLAG,
            **ACTIONS_NOT_READ,
        }

    def test_beta_falls_thirty_five_points_and_raises_negative_roi(self, table):
        assert row_of(table, 2, "Beta") == {
            "position": 2,
            "review": "Q3 2024 review",
            "review_date": Q3_DAY,
            "alliance": "Beta",
            "roi": -0.20,
            "band": "Weak",
            "quartile": "Bottom",
            "goal_status": "At risk",
            "flags": "Negative ROI",
            "change": DOWN,
            "roi_points": -35.0,  # (−0.20 − 0.15) × 100
            "band_change": "Moderate → Weak",
            "quartile_change": "Second → Bottom",
            "goal_change": "On track → At risk",
            "flags_raised": "Negative ROI",
            "flags_cleared": "",
            **ACTIONS_NOT_READ,
        }

    def test_gamma_is_new_and_its_flags_count_as_raised(self, table):
        assert row_of(table, 2, "Gamma") == unchanged(
            position=2,
            review="Q3 2024 review",
            review_date=Q3_DAY,
            alliance="Gamma",
            roi=0.50,
            band="Strong",
            quartile="Top",
            goal_status="No goals",
            flags=NO_GOALS_FLAG,
            change=NEW,
            flags_raised=NO_GOALS_FLAG,
        )

    def test_delta_is_dropped_with_no_figures(self, table):
        assert row_of(table, 2, "Delta") == unchanged(
            position=2,
            review="Q3 2024 review",
            review_date=Q3_DAY,
            alliance="Delta",
            roi=None,
            band="",
            quartile="",
            goal_status="",
            flags="",
            change=DROPPED,
        )

    def test_latest_changes_are_the_q3_rows(self, table):
        latest = latest_changes(table)
        assert latest["alliance"].tolist() == ["Alpha", "Beta", "Gamma", "Delta"]
        assert latest["change"].tolist() == [UP, DOWN, NEW, DROPPED]
        assert latest.index.tolist() == [0, 1, 2, 3]

    def test_side_by_side_puts_each_review_in_a_column_oldest_first(self, table):
        wide = side_by_side(table)
        q2, q3 = "Q2 2024 review (2024-06-30)", "Q3 2024 review (2024-09-30)"
        assert list(wide.columns) == [q2, q3]
        # Delta has no Q3 figure (dropped), Gamma no Q2 figure (new): empty, read here as None.
        assert wide.astype(object).where(wide.notna(), None).to_dict("index") == {
            "Alpha": {q2: 0.10, q3: 0.25},
            "Beta": {q2: 0.15, q3: -0.20},
            "Delta": {q2: 0.30, q3: None},
            "Gamma": {q2: None, q3: 0.50},
        }


def record(alliance="Acme", roi=0.10, band="Moderate", quartile="Second", goal_status="On track", flags=()):
    """One alliance's figures as figures_of stores them."""
    return {
        "alliance": alliance,
        "revenue_cents": 0,
        "cost_cents": 0,
        "roi": roi,
        "band": band,
        "quartile": quartile,
        "goal_status": goal_status,
        "flags": list(flags),
    }


class TestCompare:
    @pytest.mark.parametrize(
        ("before", "after", "change", "points"),
        [
            (0.10, 0.25, UP, 15.0),
            (0.15, -0.20, DOWN, -35.0),
            (0.10, 0.10, SAME, 0.0),
            # 0.1 + 0.2 is 0.30000000000000004: equal to 0.3 at the 10 decimals ROIs are compared at.
            (0.1 + 0.2, 0.3, SAME, 0.0),
            # Under the default threshold (0.5 points) a change is the same, its points kept as they are.
            (0.1234567891, 0.1234567892, SAME, 1e-8),
            (0.108, 0.1076, SAME, -0.04),  # the "▼ down −0.0 pts": 10.80 % → 10.76 %
            (0.10, 0.105, UP, 0.5),  # exactly the threshold is a change
            (0.10, 0.0951, SAME, -0.49),
            (None, 0.10, UNDEFINED_CHANGE, None),  # no cost before: ROI undefined
            (0.10, None, UNDEFINED_CHANGE, None),
            (None, None, UNDEFINED_CHANGE, None),
        ],
    )
    def test_roi_direction_and_points(self, before, after, change, points):
        result = compare(record(roi=before), record(roi=after))
        assert result["change"] == change
        assert result["roi_points"] == points

    @pytest.mark.parametrize(
        ("before", "after", "flat", "change"),
        [
            # No threshold: one unit in the 10th decimal is a change (1e-10 of ROI is 1e-8 points).
            (0.1234567891, 0.1234567892, 0.0, UP),
            (0.108, 0.1076, 0.0, DOWN),
            (0.108, 0.1076, 0.03, DOWN),  # −0.04 points reach a threshold of 0.03
            (0.10, 0.11, 2.0, SAME),  # +1 point under a threshold of 2
        ],
    )
    def test_the_threshold_decides_what_is_the_same(self, before, after, flat, change):
        assert compare(record(roi=before), record(roi=after), flat)["change"] == change

    def test_nothing_else_moved_when_figures_agree(self):
        assert compare(record(flags=["Negative ROI"]), record(flags=["Negative ROI"])) == {
            "change": SAME,
            "roi_points": 0.0,
            "band_change": "",
            "quartile_change": "",
            "goal_change": "",
            "flags_raised": "",
            "flags_cleared": "",
        }

    def test_undefined_roi_band_and_unranked_quartile_read_as_moves(self):
        # No cost before: band 'n/a' and no quartile ('' is shown as '—').
        result = compare(record(roi=None, band="n/a", quartile=""), record(roi=0.15, quartile="Bottom"))
        assert result["change"] == UNDEFINED_CHANGE
        assert result["band_change"] == "n/a → Moderate"
        assert result["quartile_change"] == "— → Bottom"

    def test_several_flags_raised_and_cleared_keep_their_order(self):
        before = record(flags=["Cost growing faster than revenue", "Goals off track", "Negative ROI"])
        after = record(
            flags=["Goals off track", "No goals defined (vague success metrics)", "Negative ROI 2"]
        )
        result = compare(before, after)
        assert result["flags_raised"] == "No goals defined (vague success metrics); Negative ROI 2"
        assert result["flags_cleared"] == "Cost growing faster than revenue; Negative ROI"


class TestReviewRows:
    def test_first_review_compares_nothing(self):
        only = ReviewFigures("Q1", dt.date(2024, 3, 31), [record("Acme", flags=["Negative ROI"])])
        [row] = review_rows(None, only)
        assert row["change"] == FIRST
        assert row["roi_points"] is None
        assert row["flags"] == "Negative ROI"
        assert row["flags_raised"] == ""  # nothing is raised in a first review: there is no before

    def test_new_and_dropped_against_the_previous_review(self):
        before = ReviewFigures("Q1", dt.date(2024, 3, 31), [record("Acme"), record("Old", roi=0.3)])
        after = ReviewFigures("Q2", dt.date(2024, 6, 30), [record("Acme"), record("Fresh", flags=["X"])])
        rows = review_rows(before, after)
        assert [(r["alliance"], r["change"]) for r in rows] == [
            ("Acme", SAME),
            ("Fresh", NEW),
            ("Old", DROPPED),
        ]
        assert rows[1]["flags_raised"] == "X"
        dropped = rows[2]
        assert (dropped["review"], dropped["review_date"]) == ("Q2", dt.date(2024, 6, 30))
        assert (
            dropped["roi"],
            dropped["band"],
            dropped["quartile"],
            dropped["goal_status"],
            dropped["flags"],
        ) == (
            None,
            "",
            "",
            "",
            "",
        )

    def test_an_empty_review_drops_everyone(self):
        before = ReviewFigures("Q1", dt.date(2024, 3, 31), [record("Acme")])
        rows = review_rows(before, ReviewFigures("Q2", dt.date(2024, 6, 30), []))
        assert [(r["alliance"], r["change"]) for r in rows] == [("Acme", DROPPED)]


class TestHistory:
    def test_the_threshold_reaches_every_comparison(self):
        """Acme 10.80 % → 10.76 % (−0.04 points): the same at the default 0.5, down with none."""
        q1 = ReviewFigures("Q1", dt.date(2024, 3, 31), [record("Acme", 0.108)])
        q2 = ReviewFigures("Q2", dt.date(2024, 6, 30), [record("Acme", 0.1076)])
        assert history([q1, q2])["change"].tolist() == [FIRST, SAME]
        assert history([q1, q2], 0.0)["change"].tolist() == [FIRST, DOWN]

    def test_no_reviews_no_rows(self):
        table = history([])
        assert table.empty
        assert list(table.columns) == COLUMNS

    def test_one_review_is_all_first(self):
        table = history([ReviewFigures("Q1", dt.date(2024, 3, 31), [record("Acme"), record("Beta")])])
        assert table["position"].tolist() == [1, 1]
        assert table["change"].tolist() == [FIRST, FIRST]
        assert table["roi_points"].isna().all()

    def test_each_review_is_compared_with_the_one_just_before(self):
        # Acme: 0.10 → 0.20 (+10.0) → 0.20 (→ same, against Q2 not Q1).
        # Beta: in Q1, gone in Q2 (dropped), back in Q3: new, as Q2 did not have it.
        q1 = ReviewFigures("Q1", dt.date(2024, 3, 31), [record("Acme", 0.10), record("Beta")])
        q2 = ReviewFigures("Q2", dt.date(2024, 6, 30), [record("Acme", 0.20)])
        q3 = ReviewFigures("Q3", dt.date(2024, 9, 30), [record("Acme", 0.20), record("Beta")])
        table = history([q1, q2, q3])
        got = list(
            zip(
                table["position"],
                table["alliance"],
                table["change"],
                table["roi_points"].fillna(-1),
                strict=True,
            )
        )
        assert got == [
            (1, "Acme", FIRST, -1),
            (1, "Beta", FIRST, -1),
            (2, "Acme", UP, 10.0),
            (2, "Beta", DROPPED, -1),
            (3, "Acme", SAME, 0.0),
            (3, "Beta", NEW, -1),
        ]
        assert latest_changes(table)["position"].unique().tolist() == [3]

    def test_empty_tables_pass_through(self):
        empty = history([])
        assert latest_changes(empty).empty
        assert side_by_side(empty).equals(pd.DataFrame())


def action(alliance, status, follows_id=None):
    """One stored action as ReviewStore.histories hands it over (follows_id None: this review's plan)."""
    return {"alliance": alliance, "status": status, "follows_id": follows_id}


class TestActions:
    """Q1 plans two actions for Acme and one for Beta; Q2 follows them up (Acme: one Done, one
    Overdue; Beta, which Q2 no longer has: Open) and plans one for Gamma, new in Q2."""

    Q1 = ReviewFigures(
        "Q1",
        dt.date(2026, 3, 31),
        [record("Acme"), record("Beta")],
        actions=[action("Acme", "Open"), action("Acme", "Open"), action("Beta", "Open")],
    )
    Q2 = ReviewFigures(
        "Q2",
        dt.date(2026, 6, 30),
        [record("Acme"), record("Gamma")],
        actions=[
            action("Gamma", "Open"),
            action("Acme", "Done", 1),
            action("Acme", "Overdue", 2),
            action("Beta", "Open", 3),
        ],
    )

    def counts(self, table):
        columns = ["review", "alliance", "change", *ACTION_COUNTS, "actions_followed"]
        return table[columns].values.tolist()

    def test_each_alliance_counts_its_plan_and_what_became_of_the_previous_one(self):
        assert self.counts(history([self.Q1, self.Q2])) == [
            # review, alliance, change, planned, done, overdue, dropped, open, in words
            ["Q1", "Acme", FIRST, 2, 0, 0, 0, 0, ""],
            ["Q1", "Beta", FIRST, 1, 0, 0, 0, 0, ""],
            ["Q2", "Acme", SAME, 0, 1, 1, 0, 0, "1 done, 1 overdue"],
            ["Q2", "Gamma", NEW, 1, 0, 0, 0, 0, ""],
            # Dropped from Q2's view, its action is still followed up.
            ["Q2", "Beta", DROPPED, 0, 0, 0, 0, 1, "1 open"],
        ]

    def test_reviews_whose_actions_were_not_read_leave_the_columns_empty(self):
        unread = ReviewFigures(self.Q2.title, self.Q2.review_date, self.Q2.alliances)
        table = history([self.Q1, unread])
        assert table["actions_planned"].tolist()[:2] == [2, 1]
        assert table[[*ACTION_COUNTS, "actions_followed"]].iloc[2:].isna().all().all()
        assert str(table["actions_done"].dtype) == "Int64"
