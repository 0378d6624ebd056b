"""Saved reviews in the app (AppTest, a real SQLite file): saving is deliberate, a review's link
reopens its figures and settings without the file, edits make a new unsaved view, revoking and
deleting end the link, and the history page shows reviews that follow each other."""

import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.helpers import ledger_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Q2: A 120 revenue / 100 cost → ROI 20 %; B 90 / 100 → −10 %; portfolio 210 / 200 → 5 %.
Q2 = ledger_bytes(
    [
        ["2026-04-10", "A", "Revenue", 120],
        ["2026-04-10", "A", "Cost", 100],
        ["2026-05-10", "B", "Revenue", 90],
        ["2026-05-10", "B", "Cost", 100],
    ]
)
# Q3: A 150 / 100 → 50 %; B 130 / 100 → 30 %; portfolio 280 / 200 → 40 %.
Q3 = ledger_bytes(
    [
        ["2026-07-10", "A", "Revenue", 150],
        ["2026-07-10", "A", "Cost", 100],
        ["2026-08-10", "B", "Revenue", 130],
        ["2026-08-10", "B", "Cost", 100],
    ]
)


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    return tmp_path / "reviews.sqlite3"


def rows(database: Path, table: str) -> int:
    if not database.exists():
        return 0
    with sqlite3.connect(database) as db:
        return db.execute(f"select count(*) from {table}").fetchone()[0]


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def upload(at: AppTest, data: bytes, name: str) -> AppTest:
    at.file_uploader[0].set_value((name, data, XLSX))
    return at.run()


def shown(at: AppTest) -> str:
    """Every text element on the page, for checking what it does not reveal."""
    kinds = (at.title, at.subheader, at.markdown, at.caption, at.info, at.error, at.warning, at.success)
    return "\n".join(str(e.value) for kind in kinds for e in kind)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def save(at: AppTest, title: str, portfolio: str = "Partners", day: dt.date | None = None) -> str:
    next(t for t in at.text_input if t.label == "Title").set_value(title)
    next(t for t in at.text_input if t.label == "Portfolio").set_value(portfolio)
    if day is not None:
        next(d for d in at.date_input if d.label == "Review date").set_value(day)
    next(b for b in at.button if b.label == "Save").click()
    at.run()
    assert not at.exception
    return at.query_params["review"]


def test_nothing_is_stored_without_saving(database):
    at = upload(app(), Q2, "q2.xlsx")
    at.number_input(key="strong_pct").set_value(25.0).run()
    assert not at.exception and metric(at, "Portfolio ROI") == "5.0 %"
    assert rows(database, "reviews") == 0 and rows(database, "ledgers") == 0


def test_a_saved_review_reopens_without_the_file_with_its_settings(database):
    at = upload(app(), Q2, "q2.xlsx")
    at.number_input(key="strong_pct").set_value(25.0).run()
    token = save(at, "Q2 review")
    assert dict(at.query_params) == {"review": token}
    assert any("Saved 'Q2 review'" in s.value for s in at.success)
    assert rows(database, "reviews") == 1 and rows(database, "ledgers") == 1

    colleague = app(review=token)
    assert not colleague.exception
    assert metric(colleague, "Portfolio ROI") == "5.0 %"
    assert colleague.session_state["strong_pct"] == 25.0
    assert any("Saved review" in i.value and "Q2 review" in i.value for i in colleague.info)
    assert not colleague.warning  # figures recomputed equal the saved ones
    assert dict(colleague.query_params) == {"review": token}


@pytest.mark.usefixtures("database")
def test_changing_a_setting_makes_a_new_unsaved_view_of_the_same_ledger():
    token = save(upload(app(), Q2, "q2.xlsx"), "Q2 review")
    at = app(review=token)
    at.number_input(key="moderate_pct").set_value(4.0).run()
    assert at.query_params["review"] == token and at.query_params["edited"] == "1"
    assert at.query_params["moderate"] == "4"
    assert any("new, unsaved view" in w.value for w in at.warning)
    # its link reopens that edited view
    edited = app(**dict(at.query_params))
    assert edited.session_state["moderate_pct"] == 4.0
    at.button(key="back_to_saved").click().run()
    assert at.session_state["moderate_pct"] == 10.0
    assert dict(at.query_params) == {"review": token}


@pytest.mark.usefixtures("database")
def test_a_wrong_token_shows_no_such_review_and_nothing_else():
    save(upload(app(), Q2, "q2.xlsx"), "Q2 review")
    for token in ("A" * 43, "not a token", "<script>"):
        at = app(review=token)
        assert not at.exception
        assert at.error[0].value.startswith("**No such review.**")
        assert not at.metric and not at.dataframe
        assert "Q2 review" not in shown(at)


def test_revoking_ends_the_link_and_deleting_removes_the_ledger(database):
    first = save(upload(app(), Q2, "q2.xlsx"), "Q2 review")
    second = save(upload(app(), Q2, "q2.xlsx"), "Q2 again")
    assert rows(database, "ledgers") == 1  # the same bytes are kept once

    at = app(review=first)
    at.checkbox(key="review_sure").check().run()
    at.button(key="review_revoke").click().run()
    assert any("was revoked" in s.value for s in at.success)
    assert app(review=first).error[0].value.startswith("**No such review.**")

    at = app(review=second)
    at.checkbox(key="review_sure").check().run()
    at.button(key="review_delete").click().run()
    assert any("was deleted" in s.value for s in at.success)
    assert rows(database, "reviews") == 1  # the revoked one stays until deleted
    assert rows(database, "ledgers") == 1  # still used by the revoked review


@pytest.mark.usefixtures("database")
def test_a_review_saved_from_the_previous_ones_link_continues_its_history(deferred_downloads):
    q2 = save(upload(app(), Q2, "q2.xlsx"), "Q2 review", day=dt.date(2026, 6, 30))
    at = app(review=q2)
    at = upload(at, Q3, "q3.xlsx")  # next quarter's ledger, uploaded from the Q2 review's link
    assert metric(at, "Portfolio ROI") == "40.0 %"
    follows = next(c for c in at.checkbox if c.label.startswith("Follows"))
    assert follows.value is True
    q3 = save(at, "Q3 review", day=dt.date(2026, 9, 30))
    assert q3 != q2

    # The saved Q3 review's summary workbook carries the history after About (then #17's sheets).
    book = load_workbook(io.BytesIO(deferred_downloads["q3-summary.xlsx"]()))
    assert book.sheetnames[-6:] == ["About", "History", "Decisions", "Risks", "Health", "Actions"]
    sheet = [[c.value for c in row] for row in book["History"].iter_rows()]
    header = sheet[0]
    q3_rows = {r[header.index("Alliance")]: r for r in sheet[1:] if r[header.index("Review")] == "Q3 review"}
    assert q3_rows["A"][header.index("ROI change (points)")] == pytest.approx(30.0)
    assert q3_rows["B"][header.index("Band change")] == "Weak → Strong"

    at.switch_page("pages/history.py").run()
    assert not at.exception
    changes = at.dataframe[0].value
    by_alliance = changes.set_index("Alliance")
    # A: 20 % → 50 % is +30.0 points; B: −10 % → 30 % is +40.0 points, Weak → Strong.
    assert by_alliance.loc["A", "ROI change"] == "+30.0 pts" and by_alliance.loc["A", "ROI"] == "50.0 %"
    assert by_alliance.loc["B", "ROI change"] == "+40.0 pts" and by_alliance.loc["B", "Change"] == "▲ up"
    assert by_alliance.loc["B", "Band change"] == "Weak → Strong"
    side = at.dataframe[1].value
    assert list(side.loc["A"]) == ["20.0 %", "50.0 %"]

    # The Q2 review's own link shows no later review: history only looks back.
    at = app(review=q2)
    at.switch_page("pages/history.py").run()
    assert "Q3 review" not in shown(at)


@pytest.mark.usefixtures("database")
def test_history_without_a_review_lists_nothing():
    save(upload(app(), Q2, "q2.xlsx"), "Q2 review")
    at = app()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    assert not at.dataframe
    assert "Q2 review" not in shown(at)
    assert any("Save this review" in i.value for i in at.info)


def saved_rows(database: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(database) as db:
        return db.execute("select title, review_date, settings from reviews order by id").fetchall()


def test_the_title_and_the_status_day_follow_the_review_date(database):
    """#32.12: a review dated 2026-07-15 is titled for its quarter (Q3) and judges goals on that day."""
    at = upload(app(), Q2, "q2.xlsx")
    next(d for d in at.date_input if d.label == "Review date").set_value(dt.date(2026, 7, 15)).run()
    assert not at.exception
    assert next(t for t in at.text_input if t.label == "Title").value == "2026 Q3 review"
    assert at.session_state["as_of"] == dt.date(2026, 7, 15)  # the view's 'Status as of'
    next(t for t in at.text_input if t.label == "Portfolio").set_value("Partners")
    next(b for b in at.button if b.label == "Save").click().run()
    ((title, day, settings),) = saved_rows(database)
    assert title == "2026 Q3 review" and day.startswith("2026-07-15")
    assert '"asof": ["2026-07-15"]' in settings


@pytest.mark.usefixtures("database")
def test_the_title_follows_the_status_day_chosen_on_the_scorecard():
    at = upload(app(), Q2, "q2.xlsx")
    at.switch_page("pages/scorecard.py").run()
    at.date_input(key="as_of").set_value(dt.date(2026, 2, 1)).run()
    assert not at.exception
    assert next(d for d in at.date_input if d.label == "Review date").value == dt.date(2026, 2, 1)
    assert next(t for t in at.text_input if t.label == "Title").value == "2026 Q1 review"


def test_after_saving_the_popover_closes_and_a_second_copy_needs_asking(database):
    """#32.6: one more click on Save does not store a duplicate of the same ledger, settings and date."""
    at = upload(app(), Q2, "q2.xlsx")
    save(at, "Q2 review")
    # The popover is named anew after a save, so the browser draws it closed (tests/browser checks it).
    assert at.session_state["_saves_in_session"] == 1
    assert not any(c.label.startswith("Follows") for c in at.checkbox)  # it would follow itself
    next(b for b in at.button if b.label == "Save").click().run()
    assert any("second copy" in e.value for e in at.error)
    assert rows(database, "reviews") == 1
    next(c for c in at.checkbox if c.label.startswith("This view is already saved as 'Q2 review'")).check()
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and rows(database, "reviews") == 2


@pytest.mark.usefixtures("database")
def test_a_portfolio_of_one_review_is_not_said_to_have_a_previous_one():
    """Chromium tour: with one saved review, the history said "Since the previous review"."""
    token = save(upload(app(), Q2, "q2.xlsx"), "Q2 review")
    at = app(review=token)
    at.switch_page("pages/history.py").run()
    assert not at.exception
    headings = [h.value for h in at.subheader]
    assert "The first review of this portfolio: Q2 review" in headings
    assert not any(h.startswith("Since the previous review") for h in headings)
