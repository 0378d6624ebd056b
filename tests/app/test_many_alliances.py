"""Pages at thousands of alliances stay quick to draw and lose nothing: red flags of many alliances
in one grid with a caption of how many of each kind; the initiative's participants picked without a
chip per alliance; bands, quartiles and statuses labelled with their shape without a Styler."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import ledger_bytes
from ui import views
from ui.controls import EVERY, EXCEPT, ONLY, participants_of, who_and_picked

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_GOALS = "No goals defined (vague success metrics)"


def _flags(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"alliance": [a for a, _ in rows], "flag": [f for _, f in rows], "figures": ["…"] * len(rows)}
    )


def test_flags_of_up_to_thirty_alliances_are_listed_one_by_one() -> None:
    assert views.LISTED_ALLIANCES == 30
    thirty = _flags([(f"A{i:02d}", NO_GOALS) for i in range(30)] + [("A00", "Negative ROI")])
    assert views.listed_one_by_one(thirty)  # 31 flags, but of 30 alliances
    assert not views.listed_one_by_one(_flags([(f"A{i:02d}", NO_GOALS) for i in range(31)]))


def test_the_grids_caption_counts_flags_alliances_and_each_kind_most_first() -> None:
    # Acme: Negative ROI and no goals; Beta: no goals. 3 flags on 2 alliances; no goals 2, negative 1.
    flags = _flags([("Acme", "Negative ROI"), ("Acme", NO_GOALS), ("Beta", NO_GOALS)])
    assert views.flags_summary(flags) == (
        "3 red flags on 2 alliances, too many to list one by one: a row each in the grid below (sort or "
        f"search it). By flag: {NO_GOALS} 2 · Negative ROI 1"
    )
    one = _flags([("Acme", "Negative ROI")])
    assert views.flags_summary(one).startswith("1 red flag on 1 alliance, too many")


def _uploaded(rows: list[list[object]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].set_value(("many.xlsx", ledger_bytes(rows), XLSX))
    at.run()
    assert not at.exception
    return at


def test_scorecard_past_the_limit_shows_every_flag_in_one_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    # A limit of one alliance stands in for thousands. Acme: revenue 900, cost 1,000, so ROI
    # (900 − 1,000) / 1,000 = −10.0 %, a Negative ROI flag; Beta 80 on 100, −20.0 %, one too. No Goals
    # sheet, so no 'no goals' flag (an absent sheet punishes no one).
    monkeypatch.setattr("ui.views.flags.LISTED_ALLIANCES", 1)
    at = _uploaded(
        [
            ["2025-01-01", "Acme", "Revenue", 900],
            ["2025-01-01", "Acme", "Cost", 1000],
            ["2025-01-01", "Beta", "Revenue", 80],
            ["2025-01-01", "Beta", "Cost", 100],
        ]
    )
    at.switch_page("pages/scorecard.py")
    at.run()
    assert not at.exception
    assert not [e.label for e in at.expander if e.label.startswith("**")]  # no expander per alliance
    assert any(c.value.startswith("2 red flags on 2 alliances, too many") for c in at.caption)
    shown = next(d.value for d in at.dataframe if "Flag" in d.value.columns)
    assert list(zip(shown["Alliance"], shown["Flag"], strict=True)) == [
        ("Acme", "Negative ROI"),
        ("Beta", "Negative ROI"),
    ]
    assert shown["Figures"].iloc[0] == "ROI -10.0 %: revenue 900 against cost 1,000"


ALLIANCES = ("Alpha", "Beta", "Delta", "Echo", "Gamma")


@pytest.mark.parametrize(
    ("participants", "who", "picked"),
    [
        (list(ALLIANCES), EVERY, []),
        (["Gamma", "Alpha"], ONLY, ["Gamma", "Alpha"]),  # 2 take part, 3 do not: the 2 are picked
        (["Alpha", "Beta", "Echo", "Gamma"], EXCEPT, ["Delta"]),  # 4 take part: Delta is left out
        ([], ONLY, []),
    ],
)
def test_participants_are_shown_by_the_shorter_list(participants, who, picked) -> None:
    assert who_and_picked(participants, ALLIANCES) == (who, picked)
    assert participants_of(who, picked, ALLIANCES) == participants


def test_before_after_picks_participants_without_a_chip_per_alliance() -> None:
    rows = []
    for name in ("Alpha", "Beta", "Gamma"):
        rows += [["2024-01-15", name, "Revenue", 100], ["2024-01-15", name, "Cost", 100]]
        rows += [["2024-09-15", name, "Revenue", 200], ["2024-09-15", name, "Cost", 100]]
    at = _uploaded(rows)
    at.switch_page("pages/before_after.py")
    at.run()
    # Every alliance takes part by default: no picker, and no control group to compare with.
    assert at.radio(key="ba_who").value == EVERY
    assert not at.multiselect
    assert any(w.value.startswith("No control group") for w in at.warning)
    at.radio(key="ba_who").set_value(ONLY).run()
    at.multiselect(key="ba_picked").set_value(["Beta"]).run()
    assert not at.exception
    assert at.session_state["ba_participants"] == ["Beta"]
    assert "1 of 3 alliances take part." in [c.value for c in at.caption]
    assert not any(w.value.startswith("No control group") for w in at.warning)  # Alpha, Gamma are it
    # Every alliance but Beta: Alpha and Gamma take part; kept when the user comes back to the page.
    at.radio(key="ba_who").set_value(EXCEPT).run()
    assert at.session_state["ba_participants"] == ["Alpha", "Gamma"]
    at.switch_page("pages/trends.py")
    at.run()
    at.switch_page("pages/before_after.py")
    at.run()
    assert at.radio(key="ba_who").value == EXCEPT
    assert at.multiselect(key="ba_picked").value == ["Beta"]
    assert at.session_state["ba_participants"] == ["Alpha", "Gamma"]


def test_grid_labels_bands_with_their_shape_and_keeps_the_plain_words() -> None:
    from core.output import columns as cols
    from ui.columns import grid

    # Bands ▲ Strong, ◆ Moderate, ▼ Weak; Delta has no band (its cell shows "—").
    frame = pd.DataFrame(
        {"alliance": ["Alpha", "Beta", "Gamma", "Delta"], "band": ["Weak", "Strong", "Weak", None]}
    )
    shown = grid(cols.display_frame(frame, (cols.ALLIANCE, cols.BAND)))
    assert isinstance(shown["data"], pd.DataFrame)  # no Styler: nothing formatted per cell
    assert shown["data"]["Band"].tolist()[:3] == ["Weak", "Strong", "Weak"]
    assert pd.isna(shown["data"]["Band"].iloc[3])
    band = shown["column_config"]["Band"]["type_config"]
    assert band["type"] == "selectbox"
    labels = {o["value"]: o["label"] for o in band["options"]}
    assert labels == {"Weak": "▼ Weak", "Strong": "▲ Strong"}
    # Sized for its longest label, '▲ Strong' (8 characters): 8 × 8 + 24 = 88 pixels.
    assert shown["column_config"]["Band"]["width"] == 88


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved reviews in a SQLite file of this test's own."""
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    return tmp_path / "reviews.sqlite3"


@pytest.mark.usefixtures("database")
def test_many_accepted_actions_are_marked_in_one_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.app.test_decisions_page import PAGE, _save, opened, table, texts

    # The Decisions page's ledger proposes 8 actions (A, B: no goals; C: no goals, Fix 30 and 90 days;
    # D: no goals, Exit 30 and 90). A limit of 1 stands in for thousands of accepted actions.
    monkeypatch.setattr("ui.decisions.action_plan.MARKED_ONE_BY_ONE", 1)
    at = opened()
    at.button(key="plan_accept_all").click().run()
    token = _save(at, "Q2 review")
    colleague = AppTest.from_file(APP, default_timeout=90)
    colleague.query_params["review"] = token
    colleague.run()
    colleague.switch_page(PAGE).run()
    assert not colleague.exception
    assert not [c for c in colleague.segmented_control if c.key and c.key.startswith("outcome_")]
    assert "8 actions, a row each: pick what became of each in the column beside its alliance" in texts(
        colleague
    )
    marking = table(colleague, "alliance", column="outcome")
    # The choice beside the alliance, in view on a desktop (#32.14: last, it was off-screen at 1440 px).
    (grid,) = [d for d in colleague.dataframe if "outcome" in d.value.columns]
    assert list(grid.proto.column_order) == ["alliance", "outcome", "due", "owner", "action", "status"]
    assert marking["alliance"].tolist() == ["A", "B", "C", "C", "C", "D", "D", "D"]
    assert set(marking["outcome"]) == {"Not marked"}
    # Each row says its status (due 30 or 90 days from today: Open), so no second grid lists them.
    assert set(marking["status"]) == {"Open"}
    assert not [d for d in colleague.dataframe if "Status" in d.value.columns]


def test_the_outcome_grids_edits_become_the_actions_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    from ui import plan
    from ui.decisions import action_plan

    monkeypatch.setattr(st, "session_state", {})
    plan.mark(7, {101: "Done", 103: "Dropped"})
    # Rows 0, 1, 2 are actions 100, 101, 102 (103 is not in view): row 0 dropped, row 1 back to not
    # marked, row 2 only had its owner typed over (the grid does not let it; nothing changes).
    st.session_state[action_plan.outcomes_key(7)] = {
        "edited_rows": {0: {"outcome": "Dropped"}, 1: {"outcome": "Not marked"}, 2: {"owner": "Kim"}}
    }
    action_plan._outcomes_edited(7, [100, 101, 102])
    assert plan.marks_of(7) == {100: "Dropped", 103: "Dropped"}
